import * as vscode from 'vscode';
import type { ServerOptions } from 'vscode-languageclient/browser';
import { LanguageClient } from 'vscode-languageclient/browser';
import { ServerCommands } from '../language/lsp/server-commands.js';
import { clientOptions, startClient } from './activate.js';
import { executeOnServer } from './execute-on-server.js';
import { answerWorkspaceFiles } from './workspace-files.js';

// The web extension host's global; the project is compiled without the DOM library.
type WebWorker = Exclude<ServerOptions, () => unknown>;
declare const Worker: new (url: string) => WebWorker;

let client: LanguageClient | undefined;

/**
 * VS Code for the Web (vscode.dev, github.dev, code-server's web extension host): the language
 * server runs in a web worker and reads the workspace through `vscode.workspace.fs`, which this
 * side answers for it. Git and spreadsheet import need a disk: their commands say so.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const worker = await serverWorker(context);
    const outputChannel = vscode.window.createOutputChannel('ISMS Language Server', { log: true });
    context.subscriptions.push(outputChannel);
    // Any scheme: the workspace may be `vscode-vfs:`, `vscode-remote:`, `memfs:`…
    client = new LanguageClient('isms', 'ISMS Language Server', worker, clientOptions(outputChannel, [{ language: 'isms' }]));
    answerWorkspaceFiles(client);
    const started = client;
    context.subscriptions.push(
        vscode.commands.registerCommand('isms.compareWithRevision', () => askServer(started, ServerCommands.revisions)),
        vscode.commands.registerCommand('isms.importSpreadsheet', () => askServer(started, ServerCommands.previewImport, {})),
        vscode.commands.registerCommand('isms.createIsms', () => vscode.window.showErrorMessage(
            'ISMS: Create ISMS writes its starter files on disk, which VS Code for the Web does not offer; use VS Code on the desktop or the CLI (isms init).')));
    await startClient(context, client);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

/**
 * The language server's worker, started from its URL (vscode.dev, github.dev, a web worker host
 * on the desktop). The host refuses a worker from an extension it reads from a remote
 * (code-server: `vscode-remote:`), so there the script is read and started from a blob.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<WebWorker> {
    const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
    if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true));
    const source = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([source], { type: 'application/javascript' })));
}

/** Runs a command the web server cannot carry out, so that the user reads its one message. */
async function askServer(client: LanguageClient, command: string, ...args: unknown[]): Promise<void> {
    try {
        await executeOnServer(client, command, args);
    } catch (error) {
        void vscode.window.showErrorMessage(`ISMS: ${error instanceof Error ? error.message : String(error)}`);
    }
}
