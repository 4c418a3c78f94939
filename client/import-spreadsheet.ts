import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ImportPreview, ImportWritten } from '../language/lsp/server-commands.js';
import { ServerCommands } from '../language/lsp/server-commands.js';
import { requireTrust } from './workspace-trust.js';
import { executeOnServer } from './execute-on-server.js';

type ImportKind = 'risks' | 'soa';

const KINDS: Array<vscode.QuickPickItem & { holds: ImportKind }> = [
    { label: 'Risk register', description: 'risks with their scores, treatments and acceptances', holds: 'risks' },
    { label: 'Statement of Applicability', description: 'apply and exclude decisions with their reasons', holds: 'soa' }
];

/**
 * "ISMS: Import Spreadsheet…": the same import as `isms import`, run by the server against the
 * live model. The files it would write and every problem of the sheet open as a preview first;
 * the files are written into a folder of the workspace only when the user confirms, and never
 * over an existing file.
 */
export function registerImportSpreadsheet(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand('isms.importSpreadsheet', (kind?: ImportKind, file?: vscode.Uri) => importSpreadsheet(client, kind, file)));
}

async function importSpreadsheet(client: BaseLanguageClient, presetKind?: ImportKind, presetFile?: vscode.Uri): Promise<ImportWritten | undefined> {
    if (!requireTrust('import spreadsheets')) return undefined;
    const kind = presetKind ?? (await vscode.window.showQuickPick(KINDS, { title: 'Import Spreadsheet', placeHolder: 'What the sheet holds' }))?.holds;
    if (!kind) return undefined;
    const file = presetFile ?? (await vscode.window.showOpenDialog({
        title: 'Import Spreadsheet', canSelectMany: false, filters: { Spreadsheets: ['xlsx', 'csv'] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri
    }))?.[0];
    if (!file) return undefined;
    const args = { kind, file: file.fsPath };
    try {
        const preview = await executeOnServer<ImportPreview>(client, ServerCommands.previewImport, [args]);
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: previewText(file, preview) });
        await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        if (preview.problems.length > 0) {
            void vscode.window.showWarningMessage(`ISMS: the sheet has ${preview.problems.length} problem(s), listed in the preview; correct the sheet and import again. Nothing was written.`);
            return undefined;
        }
        const folder = await vscode.window.showInputBox({
            title: 'Import Spreadsheet', prompt: `${preview.summary}. Write the files into this folder of the workspace:`, value: 'imported'
        });
        if (!folder) return undefined;
        const written = await executeOnServer<ImportWritten>(client, ServerCommands.writeImport, [{ ...args, folder }]);
        await vscode.window.showTextDocument(vscode.Uri.file(written.paths[0]));
        void vscode.window.showInformationMessage(`ISMS: imported ${written.summary}, into ${written.paths.length} file(s).`);
        return written;
    } catch (error) {
        void vscode.window.showErrorMessage(`ISMS: could not import ${file.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}

/** The preview: the summary, every problem, then each file as it would be written. */
function previewText(file: vscode.Uri, preview: ImportPreview): string {
    const lines = [`# Import of ${file.path.split('/').pop()} (sheet ${preview.sheet})`, '', preview.summary, ''];
    if (preview.ignoredColumns.length > 0) lines.push(`Columns ignored: ${preview.ignoredColumns.join(', ')}`, '');
    if (preview.problems.length > 0) lines.push('## Problems', '', ...preview.problems.map(problem => `- ${problem}`), '');
    for (const { name, text } of preview.files) lines.push(`## ${name}`, '', '```isms', text.trimEnd(), '```', '');
    return lines.join('\n');
}

