import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { DataCallback, Diagnostic, Disposable, InitializeResult, Message, ProtocolConnection, ResponseMessage } from 'vscode-languageserver-protocol/node';
import {
    ConfigurationRequest, createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { SERVER_BUNDLE } from './project.js';

/** A file the editor opens as soon as it has started the server. */
export interface OpenAtStart {
    path: string;
    text: string;
}

export interface StartOptions {
    /** Opened right after `initialized` with no pause in between, as terminal editors do. */
    open?: OpenAtStart[];
    /** Open them before `initialized` instead, which the protocol allows. */
    openBeforeInitialized?: boolean;
    /** Settings are answered only once this resolves; the server loads no workspace until then. */
    configurationGate?: Promise<void>;
    /** Sent in the `initialize` request, as an editor sends them (VS Code's extension: `{ trusted }`). */
    initializationOptions?: unknown;
    /** Announce support for `workspace/codeLens/refresh`, which the server sends only to editors that do. */
    codeLensRefresh?: boolean;
}

/** Answers to requests sent with `sendAtOnce` go to the test, not to the connection, which never saw them. */
class TappedReader extends StreamMessageReader {
    constructor(readable: NodeJS.ReadableStream, private readonly tap: (message: Message) => boolean) {
        super(readable);
    }

    override listen(callback: DataCallback): Disposable {
        return super.listen(message => {
            if (!this.tap(message)) callback(message);
        });
    }
}

/**
 * A minimal LSP client: starts the bundled server over stdio, as Neovim or Helix would, and
 * speaks the real protocol to it.
 */
export class LspClient {

    readonly connection: ProtocolConnection;
    private readonly diagnostics = new Map<string, Diagnostic[]>();
    /** Every publish, in order, per document. */
    private readonly publishes = new Map<string, Diagnostic[][]>();
    /** What the server logged (window/logMessage). */
    readonly logs: string[] = [];
    private readonly rawResponses = new Map<string, (response: ResponseMessage) => void>();
    private rawIds = 0;
    /** What the server showed the user (window/showMessage). */
    readonly messages: string[] = [];
    private readonly waiters: Array<() => void> = [];
    private stderr = '';

    private constructor(private readonly process: ChildProcess, settings: Record<string, unknown>, configurationGate: Promise<void> = Promise.resolve()) {
        const reader = new TappedReader(process.stdout!, message => this.takeRawResponse(message));
        this.connection = createProtocolConnection(reader, new StreamMessageWriter(process.stdin!));
        process.stderr!.on('data', chunk => { this.stderr += chunk; });
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.diagnostics.set(params.uri, params.diagnostics);
            this.publishes.set(params.uri, [...this.publishes.get(params.uri) ?? [], params.diagnostics]);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onNotification('window/showMessage', (params: { message: string }) => {
            this.messages.push(params.message);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onNotification('window/logMessage', (params: { message: string }) => {
            this.logs.push(params.message);
            this.waiters.splice(0).forEach(wake => wake());
        });
        this.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
            this.messages.push(params.message);
            this.waiters.splice(0).forEach(wake => wake());
            return null;
        });
        // The server asks for configuration, progress tokens, registrations and refreshes: answer like an editor with no settings.
        this.connection.onRequest(ConfigurationRequest.type, async params => {
            await configurationGate;
            return params.items.map(item => item.section ? settings[item.section] ?? null : null);
        });
        for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create',
            'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh', 'workspace/diagnostic/refresh']) {
            this.connection.onRequest(method, () => null);
        }
        this.connection.onRequest('workspace/codeLens/refresh', () => {
            this.codeLensRefreshes++;
            this.waiters.splice(0).forEach(wake => wake());
            return null;
        });
        this.connection.listen();
    }

    /**
     * `settings` are what the editor answers to `workspace/configuration`, by section. `options.open`
     * files are opened without waiting for anything after `initialize`.
     */
    static async start(rootDir: string, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<{ client: LspClient, initialize: InitializeResult }> {
        const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const client = new LspClient(child, settings, options.configurationGate);
        const rootUri = pathToFileURL(rootDir).toString();
        const initialize = await client.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            initializationOptions: options.initializationOptions,
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true, ...options.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {} },
                textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown', 'plaintext'] } }
            }
        });
        const opening = () => (options.open ?? []).map(file => client.open(file.path, file.text));
        const sent = options.openBeforeInitialized
            ? [...opening(), client.connection.sendNotification(InitializedNotification.type, {})]
            : [client.connection.sendNotification(InitializedNotification.type, {}), ...opening()];
        await Promise.all(sent);
        return { client, initialize };
    }

    /** The exit code of the server process once it has ended. */
    get exitCode(): Promise<number | null> {
        if (this.process.exitCode !== null) return Promise.resolve(this.process.exitCode);
        return new Promise(resolve => this.process.once('exit', code => resolve(code)));
    }

    /** Every diagnostics list the server published for `uri`, oldest first. */
    publishedDiagnostics(uri: string): readonly Diagnostic[][] {
        return this.publishes.get(uri) ?? [];
    }

    /**
     * Writes the messages to the server in one piece (`id` of requests filled in), so that it
     * reads them together: a request and its `$/cancelRequest` arrive before the request starts.
     * Resolves with the answers to the requests among them.
     */
    async sendAtOnce(messages: Array<{ method: string, params?: unknown, request?: boolean, cancelPrevious?: boolean }>): Promise<ResponseMessage[]> {
        const answers: Array<Promise<ResponseMessage>> = [];
        let previousId: string | undefined;
        const frames = messages.map(message => {
            let body: object;
            if (message.request) {
                previousId = `raw-${++this.rawIds}`;
                const id = previousId;
                answers.push(new Promise(resolve => this.rawResponses.set(id, resolve)));
                body = { jsonrpc: '2.0', id, method: message.method, params: message.params };
            } else {
                body = { jsonrpc: '2.0', method: message.method, params: message.cancelPrevious ? { id: previousId } : message.params };
            }
            const content = Buffer.from(JSON.stringify(body), 'utf8');
            return Buffer.concat([Buffer.from(`Content-Length: ${content.length}\r\n\r\n`, 'ascii'), content]);
        });
        this.process.stdin!.write(Buffer.concat(frames));
        return Promise.all(answers);
    }

    private takeRawResponse(message: Message): boolean {
        const response = message as ResponseMessage;
        const id = typeof response.id === 'string' ? response.id : undefined;
        const resolve = id === undefined ? undefined : this.rawResponses.get(id);
        if (!resolve || !('result' in response || 'error' in response) || 'method' in response) return false;
        this.rawResponses.delete(id!);
        resolve(response);
        return true;
    }

    /** Resolves once the server has logged a message matching `pattern`. */
    async waitForLog(pattern: RegExp, timeoutMs = 20000): Promise<string> {
        return this.waitFor(() => this.logs.find(message => pattern.test(message)), () => `no log matching ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(this.logs)}`, timeoutMs);
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

    /** How many times the server has asked the editor to fetch code lenses again. */
    codeLensRefreshes = 0;

    /** Resolves once the server has asked for more code-lens refreshes than `seen`. */
    async waitForCodeLensRefresh(seen: number, timeoutMs = 60000): Promise<void> {
        await this.waitFor(() => this.codeLensRefreshes > seen || undefined, () => `no workspace/codeLens/refresh within ${timeoutMs} ms; server stderr: ${this.stderr}`, timeoutMs);
    }

    /** Resolves once the server has shown a message matching `pattern`. */
    async waitForMessage(pattern: RegExp, timeoutMs = 20000): Promise<string> {
        return this.waitFor(() => this.messages.find(message => pattern.test(message)), () => `no message matching ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`, timeoutMs);
    }

    /** Waits, woken by each message from the server, until `find` finds something. */
    private async waitFor<T>(find: () => T | undefined, failure: () => string, timeoutMs: number): Promise<T> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = find();
            if (found !== undefined) return found;
            const remaining = deadline - Date.now();
            if (remaining <= 0) throw new Error(failure());
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, remaining);
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
    }

    async stop(): Promise<void> {
        if (this.process.exitCode !== null || this.process.signalCode !== null) {
            this.connection.dispose();
            return;
        }
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
