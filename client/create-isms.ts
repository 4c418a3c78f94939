import * as vscode from 'vscode';
import { localToday } from '../language/config/calendar.js';
import { NewFileError, writeNewFiles } from '../language/files/new-files.js';
import type { MethodologyPreset } from '../language/scaffold/starter-workspace.js';
import { starterTextProblem, starterWorkspace } from '../language/scaffold/starter-workspace.js';
import { requireTrust } from './workspace-trust.js';

const PRESETS: Array<vscode.QuickPickItem & { preset: MethodologyPreset }> = [
    { label: '5×5', description: 'likelihood and impact from 1 to 5, four levels (most common)', preset: '5x5' },
    { label: '4×4', description: 'four levels', preset: '4x4' },
    { label: '3×3', description: 'three levels, for a small organization', preset: '3x3' }
];

/** "ISMS: Create New ISMS…": the same starter as `isms init`, written into a folder the user picks. */
export function registerCreateIsms(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.commands.registerCommand('isms.createIsms', async () => {
        if (!requireTrust('create an ISMS')) return;
        const folder = await pickFolder();
        if (!folder) return;
        const organization = await vscode.window.showInputBox({ title: 'Create New ISMS (1/3)', prompt: 'Organization name', placeHolder: 'Acme Ltd', ignoreFocusOut: true, validateInput: starterTextProblem });
        if (!organization) return;
        const scope = await vscode.window.showInputBox({ title: 'Create New ISMS (2/3)', prompt: 'Scope of the ISMS, in one sentence', value: `All information and services of ${organization.trim()}`, ignoreFocusOut: true, validateInput: starterTextProblem });
        if (scope === undefined) return;
        const preset = await vscode.window.showQuickPick(PRESETS, { title: 'Create New ISMS (3/3)', placeHolder: 'Risk matrix', ignoreFocusOut: true });
        if (!preset) return;

        const files = starterWorkspace({ organization: organization.trim(), scope: scope.trim(), methodology: preset.preset, today: localToday() });
        if (folder.scheme !== 'file') {
            void vscode.window.showErrorMessage(`ISMS: a new ISMS is written only into a folder on disk; ${folder.toString()} is not one.`);
            return;
        }
        try {
            // The same all-or-nothing writer as isms init: a name already taken, even by a dangling link, stops it before any file is written.
            writeNewFiles(folder.fsPath, files);
        } catch (error) {
            if (!(error instanceof NewFileError)) throw error;
            void vscode.window.showErrorMessage(error.taken
                ? `ISMS: ${error.file} ${error.reason} in ${folder.fsPath}; nothing was written. Choose an empty folder.`
                : `ISMS: ${error.file}: ${error.reason}; nothing was written.`);
            return;
        }
        const main = vscode.Uri.joinPath(folder, 'isms.isms');
        if (vscode.workspace.getWorkspaceFolder(main)) {
            await vscode.window.showTextDocument(main);
        } else {
            await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
        }
    }));
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return folders[0].uri;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create ISMS here' });
    return picked?.[0];
}
