import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
    ConfigurationRequest, createProtocolConnection, ExecuteCommandRequest, InitializedNotification, InitializeRequest, PortMessageReader, PortMessageWriter,
    PublishDiagnosticsNotification
} from 'vscode-languageserver-protocol/node';
import { PROJECT_ROOT } from './project.js';

export const WEB_SERVER_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'web', 'server.js');

// The worker runs the browser bundle with its port as `self`, as a web worker would.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = parentPort;
new Function(require('node:fs').readFileSync(workerData.bundle, 'utf8'))();
`;

/**
 * The language server of VS Code for the Web (dist/web/server.js) in a worker thread, and an
 * editor for it that answers its workspace file requests from a folder on disk, as
 * client/workspace-files.ts answers them with `vscode.workspace.fs`.
 */
export class WebWorkerServer {

    readonly connection: ProtocolConnection;
    /** Every file request the server made, by method. */
    readonly fileRequests: string[] = [];
    /** What the server showed the user (window/showMessage). */
    readonly messages: string[] = [];
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    private readonly waiters: Array<() => void> = [];

    private constructor(private readonly worker: Worker, settings: Record<string, unknown>) {
        this.connection = createProtocolConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.diagnostics.set(params.uri, params.diagnostics);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onNotification('window/showMessage', (params: { message: string }) => {
            this.messages.push(params.message);
        });
        this.connection.onRequest(ConfigurationRequest.type, params => params.items.map(item => item.section ? settings[item.section] ?? null : null));
        for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create',
            'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh']) {
            this.connection.onRequest(method, () => null);
        }
        this.answerFiles();
        this.connection.listen();
    }

    static async start(rootDir: string, settings: Record<string, unknown> = {}): Promise<WebWorkerServer> {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bundle: WEB_SERVER_BUNDLE } });
        const server = new WebWorkerServer(worker, settings);
        const rootUri = pathToFileURL(rootDir).toString();
        await server.connection.sendRequest(InitializeRequest.type, {
            processId: null,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            initializationOptions: { trusted: true },
            capabilities: { workspace: { configuration: true, workspaceFolders: true } }
        });
        await server.connection.sendNotification(InitializedNotification.type, {});
        return server;
    }

    fileUri(file: string): string {
        return pathToFileURL(file).toString();
    }

    /** Resolves with the diagnostics of `uri` once `accept` holds for them. */
    async waitForDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
        for (;;) {
            const current = this.diagnostics.get(uri);
            if (current && accept(current)) return current;
            await new Promise<void>(resolve => this.waiters.push(resolve));
        }
    }

    execute<T>(command: string, ...args: unknown[]): Promise<T> {
        return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
    }

    async stop(): Promise<void> {
        this.connection.dispose();
        await this.worker.terminate();
    }

    private answerFiles(): void {
        const file = (uri: string) => fileURLToPath(uri);
        const on = (method: string, handler: (params: Record<string, unknown>) => unknown) => this.connection.onRequest(method, (params: Record<string, unknown>) => {
            this.fileRequests.push(method);
            return handler(params);
        });
        const kindOf = (stat: fs.Stats) => stat.isSymbolicLink() ? 'symbolic link' : stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
        on('isms/workspaceFiles/stat', ({ uri }) => {
            const stat = fs.lstatSync(file(uri as string), { throwIfNoEntry: false });
            return stat ? { kind: kindOf(stat), size: stat.size, mtime: stat.mtimeMs } : null;
        });
        on('isms/workspaceFiles/readDirectory', ({ uri }) =>
            fs.readdirSync(file(uri as string)).map(name => [name, kindOf(fs.lstatSync(path.join(file(uri as string), name)))]));
        on('isms/workspaceFiles/read', ({ uri, maxBytes }) => {
            const stat = fs.statSync(file(uri as string), { throwIfNoEntry: false });
            if (!stat) return { refused: 'no such file' };
            if (!stat.isFile()) return { refused: stat.isDirectory() ? 'a folder, not a file' : 'not a regular file' };
            if (stat.size > (maxBytes as number)) return { refused: 'larger than the limit', size: stat.size };
            return { base64: fs.readFileSync(file(uri as string)).toString('base64') };
        });
        on('isms/workspaceFiles/write', ({ uri, base64 }) => {
            fs.writeFileSync(file(uri as string), Buffer.from(base64 as string, 'base64'));
            return null;
        });
        on('isms/workspaceFiles/rename', ({ from, to, overwrite }) => {
            if (!overwrite && fs.existsSync(file(to as string))) return false;
            fs.renameSync(file(from as string), file(to as string));
            return true;
        });
        on('isms/workspaceFiles/delete', ({ uri }) => {
            fs.rmSync(file(uri as string), { force: true });
            return null;
        });
        on('isms/workspaceFiles/createFolder', ({ uri }) => {
            fs.mkdirSync(file(uri as string), { recursive: true });
            return null;
        });
    }
}
