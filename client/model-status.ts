import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ExecuteCommandRequest, State } from 'vscode-languageclient';
import type { ModelSummary } from '../language/lsp/server-commands.js';
import { ServerCommands } from '../language/lsp/server-commands.js';

/**
 * A language status item with the model at a glance: risks, risks above appetite, undecided
 * controls and errors; refreshed when diagnostics change.
 */
export function registerModelStatus(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    const item = vscode.languages.createLanguageStatusItem('isms.model', { language: 'isms' });
    item.name = 'ISMS model';
    item.text = '$(loading~spin) ISMS';
    item.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
    context.subscriptions.push(item);

    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
        clearTimeout(timer);
        timer = setTimeout(() => void update(item, client), 500);
    };
    context.subscriptions.push(
        vscode.languages.onDidChangeDiagnostics(refresh),
        { dispose: () => clearTimeout(timer) }
    );
    context.subscriptions.push(client.onDidChangeState(event => {
        if (event.newState === State.Running) refresh();
        if (event.newState === State.Stopped) {
            item.text = '$(error) ISMS';
            item.detail = 'The language server is not running';
            item.severity = vscode.LanguageStatusSeverity.Error;
            item.command = { title: 'Restart', command: 'isms.restartServer' };
        }
    }));
}

async function update(item: vscode.LanguageStatusItem, client: BaseLanguageClient): Promise<void> {
    if (!client.isRunning()) return;
    try {
        const summary = await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.modelSummary, arguments: [] }) as ModelSummary;
        item.text = `$(shield) ${summary.risks} risks`;
        item.detail = [
            `${summary.aboveAppetite} above appetite`,
            `${summary.undecidedControls} undecided controls`,
            `${summary.errors} errors, ${summary.warnings} warnings`
        ].join(' · ');
        item.severity = summary.errors > 0 ? vscode.LanguageStatusSeverity.Error
            : summary.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        item.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
    } catch {
        // The server restarts or is busy; the next change refreshes the item.
    }
}
