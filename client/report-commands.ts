import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { FrameworkChoices, GenerateReportArgs, GenerateReportResult, ModelSummary } from '../language/lsp/server-commands.js';
import { ServerCommands } from '../language/lsp/server-commands.js';
import { isOfferedFormat } from '../language/reports/report-kind-formats.js';
import { requireTrust } from './workspace-trust.js';
import { executeOnServer } from './execute-on-server.js';

type ReportKind = GenerateReportArgs['kind'];
type ReportFormat = GenerateReportArgs['format'];

const REPORTS: Array<{ command: string, kind: ReportKind, title: string }> = [
    { command: 'isms.generateSoa', kind: 'soa', title: 'Statement of Applicability' },
    { command: 'isms.generateRiskRegister', kind: 'risk-register', title: 'Risk Register' },
    { command: 'isms.generateTreatmentPlan', kind: 'treatment-plan', title: 'Risk Treatment Plan' },
    { command: 'isms.generateReviewPack', kind: 'review-pack', title: 'Management-Review Pack' }
];

const FORMATS: Array<vscode.QuickPickItem & { format: ReportFormat }> = [
    { label: 'Markdown', description: '.md', format: 'md' },
    { label: 'HTML', description: '.html, print-ready', format: 'html' },
    { label: 'Excel', description: '.xlsx', format: 'xlsx' },
    { label: 'Word', description: '.docx, print-ready', format: 'docx' },
    { label: 'CSV', description: '.csv', format: 'csv' },
    { label: 'JSON', description: '.json, for other tools', format: 'json' }
];

/** A keybinding's argument for the framework commands: the format alone, or the framework and the format. */
type FrameworkReportArgs = ReportFormat | { framework?: string, format?: ReportFormat };

/** The palette commands that generate reports through the server's generator. */
export function registerReportCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    for (const report of REPORTS) {
        context.subscriptions.push(vscode.commands.registerCommand(report.command, (format?: ReportFormat) =>
            generate(context, client, report.kind, report.title, format)));
    }
    context.subscriptions.push(
        vscode.commands.registerCommand('isms.generateFrameworkProfile', (args?: FrameworkReportArgs) => generateProfile(context, client, args)),
        vscode.commands.registerCommand('isms.generateCoverage', (args?: FrameworkReportArgs) => generateCoverage(context, client, args)));
}

/** A framework's profile: which of the frameworks the isms block lists, then the format. */
async function generateProfile(context: vscode.ExtensionContext, client: BaseLanguageClient, args?: FrameworkReportArgs): Promise<string | undefined> {
    const title = 'Framework Profile';
    const { framework: preset, format } = typeof args === 'string' ? { framework: undefined, format: args } : args ?? {};
    if (!requireTrust(`generate a ${title}`) || !serverRunning(client)) return undefined;
    let framework = preset;
    if (!framework) {
        const choices = await listedFrameworks(client);
        if (!choices) return undefined;
        const items = choices.listed.map(choice => ({ label: choice.name, description: choice.title, name: choice.name }));
        const picked = await vscode.window.showQuickPick(items, {
            title: `Generate ${title}`, placeHolder: `Framework to profile against ${choices.primary?.name ?? 'the primary framework'}`
        });
        if (!picked) return undefined;
        framework = picked.name;
    }
    return generate(context, client, 'framework-profile', `Profile of ${framework}`, format, framework);
}

/** The coverage matrix of every framework the isms block lists (or one, given as the argument). */
async function generateCoverage(context: vscode.ExtensionContext, client: BaseLanguageClient, args?: FrameworkReportArgs): Promise<string | undefined> {
    const title = 'Coverage Matrix';
    const { framework, format } = typeof args === 'string' ? { framework: undefined, format: args } : args ?? {};
    if (!requireTrust(`generate the ${title}`) || !serverRunning(client)) return undefined;
    if (!framework && !await listedFrameworks(client)) return undefined;
    return generate(context, client, 'coverage', title, format, framework);
}

/** The frameworks the isms block lists; undefined, after saying so, when it lists none. */
async function listedFrameworks(client: BaseLanguageClient): Promise<FrameworkChoices | undefined> {
    const choices = await executeOnServer<FrameworkChoices>(client, ServerCommands.frameworks, []);
    if (choices.listed.length > 0) return choices;
    void vscode.window.showInformationMessage(
        `ISMS: the isms block lists no framework besides ${choices.primary?.name ?? 'the primary one'}. List them with \`frameworks\`, such as \`frameworks CSF2, NIS2\`.`);
    return undefined;
}

function serverRunning(client: BaseLanguageClient): boolean {
    if (client.isRunning()) return true;
    void vscode.window.showErrorMessage('ISMS: the language server is not running. Run "ISMS: Restart Language Server".');
    return false;
}

async function generate(context: vscode.ExtensionContext, client: BaseLanguageClient, kind: ReportKind, title: string, preset?: ReportFormat, framework?: string): Promise<string | undefined> {
    if (!requireTrust(`generate the ${title}`)) return undefined;
    if (!serverRunning(client)) return undefined;
    const format = preset ?? await pickFormat(context, kind, title);
    if (!format) return undefined;

    const summary = await executeOnServer<ModelSummary>(client, ServerCommands.modelSummary, []);
    if (summary.errors > 0 && !preset) {
        const choice = await vscode.window.showWarningMessage(
            `The model has ${summary.errors} error(s); the ${title} may be incomplete.`, 'Generate Anyway', 'Show Problems');
        if (choice === 'Show Problems') {
            await vscode.commands.executeCommand('workbench.actions.view.problems');
            return undefined;
        }
        if (choice !== 'Generate Anyway') return undefined;
    }

    const folder = vscode.workspace.getConfiguration('isms').get<string>('reports.folder') || 'reports';
    try {
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Generating the ${title}…` },
            () => executeOnServer<GenerateReportResult>(client, ServerCommands.generateReport, [{ kind, format, folder, ...(framework ? { framework } : {}) } satisfies GenerateReportArgs]));
        await show(vscode.Uri.parse(result.uri), format, title);
        return result.path;
    } catch (error) {
        void vscode.window.showErrorMessage(`ISMS: could not generate the ${title}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}

async function pickFormat(context: vscode.ExtensionContext, kind: ReportKind, title: string): Promise<ReportFormat | undefined> {
    const key = `isms.lastReportFormat.${kind}`;
    const last = context.workspaceState.get<ReportFormat>(key);
    const items = FORMATS.filter(item => isOfferedFormat(kind, item.format)).sort((a, b) => Number(b.format === last) - Number(a.format === last));
    const picked = await vscode.window.showQuickPick(items, { title: `Generate ${title}`, placeHolder: 'Format' });
    if (picked) await context.workspaceState.update(key, picked.format);
    return picked?.format;
}


/** Opens the result the way its format is best read. */
async function show(uri: vscode.Uri, format: ReportFormat, title: string): Promise<void> {
    switch (format) {
        case 'md':
            await vscode.commands.executeCommand('markdown.showPreview', uri);
            break;
        case 'html': {
            const panel = vscode.window.createWebviewPanel('isms.report', title, vscode.ViewColumn.Beside, { enableScripts: false });
            // The report carries its own Content-Security-Policy, which forbids scripts and remote content.
            panel.webview.html = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
            break;
        }
        case 'json':
            await vscode.window.showTextDocument(uri, { preview: true });
            break;
        default:
            await vscode.commands.executeCommand('revealInExplorer', uri);
            void vscode.window.showInformationMessage(`ISMS: wrote ${vscode.workspace.asRelativePath(uri)}.`);
    }
}
