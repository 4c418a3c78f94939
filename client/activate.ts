import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerHeatMap } from './heat-map-panel.js';
import { registerModelStatus } from './model-status.js';
import { registerReportCommands } from './report-commands.js';
import { registerShowReferences } from './show-references.js';

/**
 * What both extension hosts share: the client's options and the editor's commands. The Node
 * entry (extension.ts) runs the server as a process; the web entry (browser-extension.ts) runs
 * it in a web worker. Everything that knows the model lives in the server.
 */
export function clientOptions(outputChannel: vscode.LogOutputChannel, documentSelector: LanguageClientOptions['documentSelector']): LanguageClientOptions {
    return {
        documentSelector,
        synchronize: {
            fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.isms,isms.json}')
        },
        outputChannel,
        // Read at every (re)start: in Restricted Mode the server writes nothing and reads no git metadata.
        initializationOptions: () => ({ trusted: vscode.workspace.isTrusted })
    };
}

/** Registers the commands both hosts offer, then starts `client`. */
export async function startClient(context: vscode.ExtensionContext, client: BaseLanguageClient): Promise<void> {
    registerReportCommands(context, client);
    registerShowReferences(context, client);
    registerModelStatus(context, client);
    registerHeatMap(context, client);
    const restart = async () => {
        await client.stop();
        await client.start();
    };
    context.subscriptions.push(vscode.commands.registerCommand('isms.restartServer', restart));
    // Trust is granted once per workspace; a restart hands it to the server, with the workspace's settings.
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(restart));
    // Shows the ISMS commands in the palette only where the extension is active.
    await vscode.commands.executeCommand('setContext', 'isms.active', true);
    await client.start();
}
