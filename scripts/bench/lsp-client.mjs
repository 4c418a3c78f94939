// A minimal LSP client for the benchmark: starts the bundled server over stdio as an editor
// (Neovim, Helix, Emacs) would, answers its requests like an editor with the given settings, and
// records every publishDiagnostics with the time it arrived. The same approach as
// test/helpers/lsp-client.ts, in plain JavaScript so that the benchmark needs no compilation.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    CompletionRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
    HoverRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';

/** Microseconds on the monotonic clock (the clock of process.hrtime, also used by V8's profiler). */
export function nowUs() {
    return Number(process.hrtime.bigint() / 1000n);
}

export function nowMs() {
    return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

/** The file path of a file URI, so that URIs encoded differently compare equal. */
export function uriToPath(uri) {
    return fileURLToPath(uri);
}

export class LspClient {

    /**
     * @param {object} options
     * @param {string} options.serverPath the bundled server
     * @param {string[]} options.nodeArgs arguments for node before the server path
     * @param {Record<string, unknown>} options.env extra environment
     * @param {Record<string, unknown>} options.settings answers to workspace/configuration, by section
     */
    constructor({ serverPath, nodeArgs = [], env = {}, settings = {} }) {
        this.process = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
        this.pid = this.process.pid;
        this.stderr = '';
        this.exited = false;
        this.process.on('exit', (code, signal) => { this.exited = true; this.exitCode = code; this.exitSignal = signal; });
        this.process.stderr.on('data', chunk => {
            this.stderr += chunk;
            if (this.stderr.length > 200_000) this.stderr = this.stderr.slice(-100_000);
        });
        this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
        /** Every publishDiagnostics, in arrival order: { t (ms), path, errors, warnings, count }. */
        this.events = [];
        /** The latest diagnostics per file path. */
        this.latest = new Map();
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            const path = uriToPath(params.uri);
            let errors = 0;
            let warnings = 0;
            for (const diagnostic of params.diagnostics) {
                if ((diagnostic.severity ?? 1) === 1) errors++;
                else if (diagnostic.severity === 2) warnings++;
            }
            this.latest.set(path, params.diagnostics);
            this.events.push({ t: nowMs(), path, errors, warnings, count: params.diagnostics.length });
        });
        this.connection.onRequest('workspace/configuration', params =>
            params.items.map(item => item.section ? (settings[item.section] ?? null) : null));
        // Progress tokens, registrations, refreshes, messages: answer like an editor, with null.
        this.connection.onRequest((_method, _params) => null);
        this.connection.onNotification('window/logMessage', () => undefined);
        this.connection.onNotification('window/showMessage', params => { this.stderr += `showMessage: ${params.message}\n`; });
        this.connection.listen();
        this.versions = new Map();
        this.texts = new Map();
    }

    async initialize(rootDir) {
        const rootUri = pathToFileURL(rootDir).toString();
        const result = await this.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
                textDocument: {
                    synchronization: { dynamicRegistration: false, didSave: true },
                    publishDiagnostics: { relatedInformation: true, versionSupport: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true }
                },
                window: { workDoneProgress: true }
            }
        });
        await this.connection.sendNotification(InitializedNotification.type, {});
        return result;
    }

    async open(path) {
        const uri = pathToFileURL(path).toString();
        const text = readFileSync(path, 'utf8');
        this.versions.set(uri, 1);
        this.texts.set(uri, text);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'isms', version: 1, text } });
        return uri;
    }

    text(uri) {
        return this.texts.get(uri);
    }

    /** Applies one incremental change, as an editor does on a keystroke or a paste. */
    async change(uri, range, newText) {
        const version = this.versions.get(uri) + 1;
        this.versions.set(uri, version);
        const text = this.texts.get(uri);
        const start = offsetAt(text, range.start);
        const end = offsetAt(text, range.end);
        this.texts.set(uri, text.slice(0, start) + newText + text.slice(end));
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
    }

    completion(uri, position) {
        return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context: { triggerKind: 1 } });
    }

    hover(uri, position) {
        return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }

    /**
     * Waits until at least one publishDiagnostics arrived after event index `from` and then none
     * for `quietMs`; with `expected` (file paths), also until each of those files has had one.
     * Returns the events after `from`, and whether every expected file was published.
     */
    async settle(from, quietMs, timeoutMs, expected = undefined) {
        const deadline = nowMs() + timeoutMs;
        const missing = new Set(expected ?? []);
        let seen = from;
        for (;;) {
            if (this.exited) throw new Error(`server exited (code ${this.exitCode}, signal ${this.exitSignal}); stderr: ${this.stderr.slice(-2000)}`);
            for (; seen < this.events.length; seen++) missing.delete(this.events[seen].path);
            const now = nowMs();
            const last = this.events.length > from ? this.events[this.events.length - 1].t : undefined;
            if (last !== undefined && missing.size === 0 && now - last >= quietMs) {
                return Object.assign(this.events.slice(from), { complete: true });
            }
            if (now > deadline) {
                if (expected && last !== undefined && now - last >= quietMs) {
                    return Object.assign(this.events.slice(from), { complete: false });
                }
                throw new Error(`no quiet period of ${quietMs} ms within ${timeoutMs} ms (${this.events.length - from} publishes)`);
            }
            await sleep(last === undefined || missing.size > 0 ? 5 : Math.max(1, Math.min(20, quietMs - (now - last))));
        }
    }

    async stop() {
        if (!this.exited) {
            try {
                await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 30_000);
                await this.connection.sendNotification(ExitNotification.type);
            } catch {
                // fall through to kill
            }
        }
        this.connection.dispose();
        if (!this.exited) {
            await new Promise(resolve => {
                const timer = setTimeout(() => { this.process.kill(); resolve(); }, 30_000);
                this.process.once('exit', () => { clearTimeout(timer); resolve(); });
            });
        }
    }
}

function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

export function offsetAt(text, position) {
    let offset = 0;
    for (let line = 0; line < position.line; line++) {
        const next = text.indexOf('\n', offset);
        if (next < 0) return text.length;
        offset = next + 1;
    }
    return offset + position.character;
}

/** The line and character of every match of `regex` (global) in `text`, at match index + `shift`. */
export function positionsOf(text, regex, shift = 0) {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const out = [];
    for (const match of text.matchAll(regex)) {
        const offset = match.index + shift;
        let low = 0;
        let high = lineStarts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (lineStarts[mid] <= offset) low = mid; else high = mid - 1;
        }
        out.push({ line: low, character: offset - lineStarts[low], match });
    }
    return out;
}
