// The extension in VS Code for the Web: the same checks as the desktop suite where they apply,
// run inside the web worker extension host, where the language server is a web worker and every
// file is reached through `vscode.workspace.fs`. No Node module may be imported here.
import * as vscode from 'vscode';
import { BROKEN_WORKSPACE, SEEDED_MISTAKES } from './workspace-contents.js';

const EXTENSION_ID = 'isms-as-code.isms-as-code';

interface ModelSummary { files: number, errors: number, warnings: number, risks: number }
interface GenerateReportResult { uri: string }

function check(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 60000): Promise<T> {
    const end = Date.now() + timeout;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `; last error: ${String(last)}` : ''}`);
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

async function rejection(run: () => Thenable<unknown>): Promise<string> {
    try {
        await run();
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
    throw new Error('it succeeded, and was expected to fail');
}

const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (relative: string) => vscode.Uri.joinPath(root(), ...relative.split('/'));
const serverCommand = <T>(command: string, ...args: unknown[]) =>
    waitFor(`the language server to answer ${command}`, async () => (await vscode.commands.executeCommand<T>(command, ...args)) ?? undefined);
const text = (hovers: readonly vscode.Hover[]) => hovers.flatMap(hover => hover.contents).map(content => typeof content === 'string' ? content : content.value).join('\n');
const label = (item: vscode.CompletionItem) => typeof item.label === 'string' ? item.label : item.label.label;

async function open(relative: string): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(file(relative));
    await vscode.window.showTextDocument(document);
    return document;
}

function positionOf(document: vscode.TextDocument, marker: string, delta = 0, after?: string): vscode.Position {
    const offset = document.getText().indexOf(marker, after ? document.getText().indexOf(after) : 0);
    check(offset >= 0, `"${marker}" occurs in ${document.uri.path}`);
    return document.positionAt(offset + delta);
}

const broken = () => root().path.endsWith(`/${BROKEN_WORKSPACE}`);

describe('the extension in VS Code for the Web (web worker extension host)', function () {
    this.timeout(90000);

    before(async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        check(ext, `${EXTENSION_ID} is loaded`);
        await waitFor('the extension to activate by itself', () => ext.isActive ? true : undefined);
    });

    it('runs in a web worker, without Node', () => {
        const scope = globalThis as { process?: { versions?: { node?: string } }, navigator?: unknown, importScripts?: unknown };
        check(scope.process?.versions?.node === undefined, `no Node: process.versions.node is ${scope.process?.versions?.node}`);
        check(typeof scope.importScripts === 'function' && scope.navigator !== undefined, 'a web worker: importScripts and navigator');
        check(vscode.env.uiKind === vscode.UIKind.Web, 'VS Code runs in a browser');
    });

    it('checks the whole model through the editor\'s file system', async () => {
        const summary = await serverCommand<ModelSummary>('isms.server.modelSummary');
        check(summary.files === 21 && summary.risks === 31, `21 files and 31 risks: ${JSON.stringify(summary)}`);
        const expected = broken() ? SEEDED_MISTAKES : [];
        const errors = expected.filter(mistake => mistake.severity === 'error').length;
        check(summary.errors === errors && summary.warnings === expected.length - errors, `${errors} error(s), ${expected.length - errors} warning(s): ${JSON.stringify(summary)}`);
        for (const mistake of expected) {
            await waitFor(`${mistake.code} in ${mistake.file}`, () => vscode.languages.getDiagnostics(file(mistake.file))
                .find(diagnostic => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code) === mistake.code));
        }
    });

    it('hovers a risk, completes a control id and goes to a definition', async () => {
        const document = await open('risks/platform.isms');
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'R-001', 2));
        check(/Inherent: .*= 15, high/.test(text(hovers)), `the hover says: ${text(hovers).slice(0, 300)}`);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider',
            document.uri, positionOf(document, 'A.8.13', 'A.8.1'.length, 'risk R-001'));
        check(list.items.some(item => label(item) === 'A.8.13'), 'A.8.13 is offered');
        const targets = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider',
            document.uri, positionOf(document, 'CTO', 1, 'risk R-001'));
        const target = targets.map(result => 'targetUri' in result ? result.targetUri : result.uri)[0];
        check(target?.toString() === file('roles.isms').toString(), `CTO is defined in roles.isms: ${target?.toString()}`);
    });

    it('writes the Statement of Applicability through the editor\'s file system, and reads it back', async () => {
        const written = await serverCommand<GenerateReportResult>('isms.server.generateReport', { kind: 'soa', format: 'md', folder: 'reports' });
        check(written.uri === file('reports/statement-of-applicability.md').toString(), `written to ${written.uri}`);
        const report = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(written.uri)));
        check(/Statement of Applicability/.test(report) && /A\.8\.13/.test(report), `the SoA holds: ${report.slice(0, 200)}`);
        const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file('reports/.isms-reports.json')))) as { files: Record<string, string> };
        check(/^[0-9a-f]{64}$/.test(manifest.files['statement-of-applicability.md'] ?? ''), 'the manifest records it with its hash');
    });

    it('opens the risk heat map', async () => {
        await vscode.commands.executeCommand('isms.showHeatMap');
        await waitFor('the heat map tab', () => vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .find(tab => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('isms.heatMap')));
    });

    it('says in one message that git history is not available', async () => {
        const message = await rejection(() => vscode.commands.executeCommand('isms.server.revisions'));
        check(/Git history is not available in VS Code for the Web/.test(message), `the message: ${message}`);
    });
});
