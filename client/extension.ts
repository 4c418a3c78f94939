import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { registerCompareWithRevision } from './compare-revision.js';
import { registerCreateIsms } from './create-isms.js';
import { registerHeatMap } from './heat-map-panel.js';
import { registerModelStatus } from './model-status.js';
import { registerImportSpreadsheet } from './import-spreadsheet.js';
import { registerReportCommands } from './report-commands.js';
import { registerShowReferences } from './show-references.js';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server over IPC and registers the editor's commands; everything
 * that knows the model lives in the server.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath('dist/server.cjs');
    // Node sizes its default heap from the machine's memory; an ISMS of tens of thousands of
    // risks needs about 1 GB, so the limit is set rather than left to the machine.
    const heap = '--max-old-space-size=4096';
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [heap] } },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [heap, '--nolazy', '--inspect=6009'] } }
    };
    const outputChannel = vscode.window.createOutputChannel('ISMS Language Server', { log: true });
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'isms' },
            { scheme: 'untitled', language: 'isms' },
            { scheme: 'isms-builtin', language: 'isms' }
        ],
        synchronize: {
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.isms')
        },
        outputChannel,
        // Read at every (re)start: in Restricted Mode the server writes nothing and reads no git metadata.
        initializationOptions: () => ({ trusted: vscode.workspace.isTrusted })
    };
    // The client reads `isms.trace.server` itself, from the client id.
    client = new LanguageClient('isms', 'ISMS Language Server', serverOptions, clientOptions);
    context.subscriptions.push(outputChannel);
    const started = client;
    registerReportCommands(context, started);
    registerImportSpreadsheet(context, started);
    registerShowReferences(context, started);
    registerModelStatus(context, started);
    registerHeatMap(context, started);
    registerCompareWithRevision(context, started);
    registerCreateIsms(context);
    context.subscriptions.push(vscode.commands.registerCommand('isms.restartServer', () => started.restart()));
    // Trust is granted once per workspace; a restart hands it to the server, with the workspace's settings.
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => started.restart()));
    // Shows the ISMS commands in the palette only where the extension is active.
    await vscode.commands.executeCommand('setContext', 'isms.active', true);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
