import * as vscode from 'vscode';

/**
 * True when the workspace is trusted. Otherwise (Restricted Mode) says why `action` is not
 * done and offers to manage trust: commands that write files are refused, also when run from
 * a walkthrough link or a keybinding that the palette's `isWorkspaceTrusted` does not cover.
 */
export function requireTrust(action: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showErrorMessage(`ISMS: this workspace is not trusted (Restricted Mode), so ISMS does not ${action} here.`, 'Manage Workspace Trust')
        .then(choice => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
}
