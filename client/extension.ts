import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { registerReportCommands } from './report-commands.js';

let client: LanguageClient | undefined;

/** Starts the bundled language server over IPC; everything else happens in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'isms' },
            { scheme: 'untitled', language: 'isms' },
            { scheme: 'isms-builtin', language: 'isms' }
        ],
        synchronize: {
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.isms')
        }
    };
    client = new LanguageClient('isms', 'ISMS Language Server', serverOptions, clientOptions);
    registerReportCommands(context, () => client);
    // Shows the ISMS commands in the palette only where the extension is active.
    await vscode.commands.executeCommand('setContext', 'isms.active', true);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
