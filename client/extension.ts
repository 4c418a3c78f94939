import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { clientOptions, startClient } from './activate.js';
import { registerCompareWithRevision } from './compare-revision.js';
import { registerCreateIsms } from './create-isms.js';
import { registerImportSpreadsheet } from './import-spreadsheet.js';

let client: LanguageClient | undefined;

/**
 * VS Code on the desktop (and any host with Node): starts the language server as a Node process
 * over IPC, the bundled one or the one `isms.server.path` names, and adds the commands that need
 * git or the disk.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverOptions = chooseServer(context);
    if (!serverOptions) return;
    const outputChannel = vscode.window.createOutputChannel('ISMS Language Server', { log: true });
    context.subscriptions.push(outputChannel);
    const options = clientOptions(outputChannel, [
        { scheme: 'file', language: 'isms' },
        { scheme: 'untitled', language: 'isms' },
        { scheme: 'isms-builtin', language: 'isms' }
    ]);
    // The client reads `isms.trace.server` itself, from the client id.
    client = new LanguageClient('isms', 'ISMS Language Server', serverOptions, options);
    registerImportSpreadsheet(context, client);
    registerCompareWithRevision(context, client);
    registerCreateIsms(context);
    await startClient(context, client);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

/**
 * The bundled server, or the one the user pinned with `isms.server.path`, run by
 * `isms.server.runtime` (default: the Node that runs VS Code's extension host). Undefined, with
 * one message, when a pinned file does not exist.
 */
function chooseServer(context: vscode.ExtensionContext): ServerOptions | undefined {
    const settings = vscode.workspace.getConfiguration('isms.server');
    const pinned = settings.get<string>('path')?.trim() || undefined;
    const runtime = settings.get<string>('runtime')?.trim() || undefined;
    for (const [setting, file] of [['isms.server.path', pinned], ['isms.server.runtime', runtime]] as const) {
        if (file !== undefined && !fs.existsSync(file)) {
            void vscode.window.showErrorMessage(`ISMS: the file that ${setting} names does not exist: ${file}. Correct the setting or clear it to use the bundled language server.`);
            return undefined;
        }
    }
    const serverModule = pinned ?? context.asAbsolutePath('dist/server.cjs');
    // Node sizes its default heap from the machine's memory; an ISMS of tens of thousands of
    // risks needs about 1 GB, so the limit is set rather than left to the machine.
    const heap = '--max-old-space-size=4096';
    return {
        run: { module: serverModule, runtime, transport: TransportKind.ipc, options: { execArgv: [heap] } },
        debug: { module: serverModule, runtime, transport: TransportKind.ipc, options: { execArgv: [heap, '--nolazy', '--inspect=6009'] } }
    };
}
