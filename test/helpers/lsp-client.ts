import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, InitializeResult, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
    ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { SERVER_BUNDLE } from './project.js';

/**
 * A minimal LSP client: starts the bundled server over stdio, as Neovim or Helix would, and
 * speaks the real protocol to it.
 */
export class LspClient {

    readonly connection: ProtocolConnection;
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    /** What the server showed the user (window/showMessage). */
    readonly messages: string[] = [];
    private readonly waiters: Array<() => void> = [];
    private stderr = '';

    private constructor(private readonly process: ChildProcess, settings: Record<string, unknown>) {
        this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
        process.stderr!.on('data', chunk => { this.stderr += chunk; });
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.diagnostics.set(params.uri, params.diagnostics);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onNotification('window/showMessage', (params: { message: string }) => {
            this.messages.push(params.message);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
            this.messages.push(params.message);
            this.waiters.splice(0).forEach(wake => wake());
            return null;
        });
        // The server asks for configuration, progress tokens, registrations and refreshes: answer like an editor with no settings.
        this.connection.onRequest(ConfigurationRequest.type, params => params.items.map(item => item.section ? settings[item.section] ?? null : null));
        for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create',
            'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'workspace/diagnostic/refresh']) {
            this.connection.onRequest(method, () => null);
        }
        this.connection.listen();
    }

    /**
     * `settings` are what the editor answers to `workspace/configuration`, by section;
     * `initializationOptions` go into the `initialize` request as an editor sends them.
     */
    static async start(rootDir: string, settings: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<{ client: LspClient, initialize: InitializeResult }> {
        const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const client = new LspClient(child, settings);
        const rootUri = pathToFileURL(rootDir).toString();
        const initialize = await client.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            initializationOptions,
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true },
                textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown', 'plaintext'] } }
            }
        });
        await client.connection.sendNotification(InitializedNotification.type, {});
        return { client, initialize };
    }

    fileUri(filePath: string): string {
        return pathToFileURL(filePath).toString();
    }

    private readonly versions = new Map<string, number>();

    async open(filePath: string, text: string): Promise<string> {
        const uri = this.fileUri(filePath);
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'isms', version: 1, text } });
        return uri;
    }

    /** Replaces the whole text of an open document, as an editor does on a keystroke. */
    async change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** Sends changed settings, as an editor does when the user edits them. */
    async changeSettings(settings: Record<string, unknown>): Promise<void> {
        await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
    }

    /** Resolves with the latest diagnostics of `uri` once they satisfy `accept`. */
    async waitForDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 20000): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const current = this.diagnostics.get(uri);
            if (current && accept(current)) return current;
            const remaining = deadline - Date.now();
            if (remaining <= 0) {
                throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current)}; server stderr: ${this.stderr}`);
            }
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, remaining);
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
    }

    /** Resolves once the server has shown a message matching `pattern`. */
    async waitForMessage(pattern: RegExp, timeoutMs = 20000): Promise<string> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = this.messages.find(message => pattern.test(message));
            if (found) return found;
            const remaining = deadline - Date.now();
            if (remaining <= 0) throw new Error(`no message matching ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, remaining);
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest(ShutdownRequest.type);
            await this.connection.sendNotification(ExitNotification.type);
        } finally {
            this.connection.dispose();
            if (this.process.exitCode === null) {
                await new Promise<void>(resolve => {
                    const timer = setTimeout(() => { this.process.kill(); resolve(); }, 2000);
                    this.process.once('exit', () => { clearTimeout(timer); resolve(); });
                });
            }
        }
    }
}
