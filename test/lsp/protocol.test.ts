import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, Hover, ResponseMessage } from 'vscode-languageserver-protocol/node';
import {
    CancellationTokenSource, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentFormattingRequest, DocumentSymbolRequest, ErrorCodes, ExecuteCommandRequest, ExitNotification, HoverRequest,
    LSPErrorCodes, ShutdownRequest
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { ACME_EXAMPLE, copyOfFolder } from '../helpers/project.js';

const summary = { command: 'isms.server.modelSummary', arguments: [] };

/** A server on a copy of acme for the tests of the enclosing `describe`, its workspace validated. */
function serverOnAcmeCopy(): { readonly client: LspClient, readonly dir: string, uri(name: string): string } {
    let workspace: ReturnType<typeof copyOfFolder> | undefined;
    let client: LspClient | undefined;
    before(async () => {
        workspace = copyOfFolder(ACME_EXAMPLE);
        ({ client } = await LspClient.start(workspace.dir));
        await client.connection.sendRequest(ExecuteCommandRequest.type, summary);
    });
    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });
    return {
        get client() { return client!; },
        get dir() { return workspace!.dir; },
        uri: name => client!.fileUri(path.join(workspace!.dir, name))
    };
}

describe('the language server and the protocol', function () {
    this.timeout(90000);

    describe('malformed document notifications', () => {
        const server = serverOnAcmeCopy();

        it('logs and drops a didOpen without text, and answers hovers, symbols and commands as before', async () => {
            const roles = server.uri('roles.isms');
            const textDocument = { uri: roles, languageId: 'isms', version: 1 };
            for (const text of [null, 42, undefined]) {
                await server.client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { ...textDocument, text } } as never);
            }
            await server.client.waitForLog(/malformed textDocument\/didOpen/);
            const hover = await server.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: roles }, position: { line: 2, character: 6 } }) as Hover;
            assert.match(JSON.stringify(hover.contents), /Chief Executive Officer/);
            const symbols = await server.client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: roles } }) as DocumentSymbol[];
            assert.ok(symbols.flatMap(symbol => [symbol, ...symbol.children ?? []]).some(symbol => symbol.name === 'CEO'));
            assert.equal((await server.client.connection.sendRequest(ExecuteCommandRequest.type, summary) as { errors: number }).errors, 0);
        });

        it('logs and drops a malformed didChange; the open document stays as it was and takes the next good change', async () => {
            const assets = await server.client.open(path.join(server.dir, 'assets.isms'), fs.readFileSync(path.join(server.dir, 'assets.isms'), 'utf8'));
            const malformed: unknown[] = [
                { textDocument: { uri: assets, version: 2 }, contentChanges: null },
                { textDocument: { uri: assets, version: 2 }, contentChanges: [{ text: 7 }] },
                { textDocument: { uri: assets }, contentChanges: [{ text: 'asset X' }] },
                { textDocument: { uri: assets, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] }
            ];
            for (const params of malformed) {
                await server.client.connection.sendNotification(DidChangeTextDocumentNotification.type, params as never);
            }
            await server.client.waitForLog(/malformed textDocument\/didChange/);
            assert.deepEqual(await server.client.waitForDiagnostics(assets, () => true), []);
            assert.equal((await server.client.connection.sendRequest(ExecuteCommandRequest.type, summary) as { errors: number }).errors, 0);
            await server.client.change(assets, 'asset Broken {\n');
            const errors = await server.client.waitForDiagnostics(assets, d => d.length > 0);
            assert.ok(errors.some(d => d.code === 'syntax-error'));
        });
    });

    describe('cancellation', () => {
        const server = serverOnAcmeCopy();

        /** Sends the request and its cancellation in one piece: the server reads both before it starts the request. */
        async function cancelled(method: string, params: unknown): Promise<ResponseMessage> {
            const [response] = await server.client.sendAtOnce([{ method, params, request: true }, { method: '$/cancelRequest', cancelPrevious: true }]);
            return response;
        }

        const requests: Array<[string, string, () => unknown]> = [
            ['the SoA report', 'workspace/executeCommand', () => ({ command: 'isms.server.generateReport', arguments: [{ kind: 'soa', format: 'md', folder: 'cancelled-reports' }] })],
            ['the model summary', 'workspace/executeCommand', () => summary],
            ['the heat map', 'workspace/executeCommand', () => ({ command: 'isms.server.heatMap', arguments: [] })],
            ['references', 'textDocument/references', () => ({ textDocument: { uri: server.uri('roles.isms') }, position: { line: 2, character: 6 }, context: { includeDeclaration: true } })],
            ['workspace symbols', 'workspace/symbol', () => ({ query: '' })],
            ['formatting', 'textDocument/formatting', () => ({ textDocument: { uri: server.uri('controls.isms') }, options: { tabSize: 4, insertSpaces: true } })],
            ['completion', 'textDocument/completion', () => ({ textDocument: { uri: server.uri('risks/platform.isms') }, position: { line: 0, character: 0 } })]
        ];

        for (const [name, method, params] of requests) {
            it(`answers a cancelled request for ${name} with RequestCancelled and no result`, async () => {
                const response = await cancelled(method, params());
                assert.equal(response.error?.code, LSPErrorCodes.RequestCancelled, JSON.stringify(response).slice(0, 300));
                assert.ok(!('result' in response));
            });
        }

        it('answers RequestCancelled for requests cancelled while they wait for the workspace, once it is loaded', async () => {
            let release = () => {};
            const gate = new Promise<void>(resolve => { release = resolve; });
            const held = copyOfFolder(ACME_EXAMPLE);
            const { client: waiting } = await LspClient.start(held.dir, {}, { configurationGate: gate });
            try {
                const file = { uri: waiting.fileUri(path.join(held.dir, 'controls.isms')) };
                const sources = [new CancellationTokenSource(), new CancellationTokenSource()];
                const answers = [
                    waiting.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: file, options: { tabSize: 4, insertSpaces: true } }, sources[0].token),
                    waiting.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: file }, sources[1].token)
                ].map(answer => answer.then(result => ({ result }), (error: { code?: number }) => ({ code: error.code })));
                // Answered in order after both requests started; they wait, since no workspace is loaded before the settings come.
                await assert.rejects(waiting.connection.sendRequest('isms/noSuchRequest'), (error: { code?: number }) => error.code === ErrorCodes.MethodNotFound);
                sources.forEach(source => source.cancel());
                release();
                for (const answer of await Promise.all(answers)) {
                    assert.deepEqual(answer, { code: LSPErrorCodes.RequestCancelled });
                }
            } finally {
                release();
                await waiting.stop();
                held.dispose();
            }
        });

        it('writes no report for a cancelled report request, and answers the same request when it is not cancelled', async () => {
            assert.equal(fs.existsSync(path.join(server.dir, 'cancelled-reports')), false);
            const [answer] = await server.client.sendAtOnce([{ method: 'workspace/executeCommand', params: { command: 'isms.server.generateReport', arguments: [{ kind: 'soa', format: 'md', folder: 'reports' }] }, request: true }]);
            assert.equal(answer.error, undefined);
            assert.ok(fs.existsSync(path.join(server.dir, 'reports')));
        });
    });

    describe('errors', () => {
        it('sends an error of the language machinery as an error, not as a result', async () => {
            const { client } = await LspClient.start(ACME_EXAMPLE);
            try {
                await client.connection.sendRequest(ExecuteCommandRequest.type, summary);
                const missing = client.fileUri(path.join(ACME_EXAMPLE, 'no-such-file.isms'));
                await assert.rejects(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: missing }, position: { line: 0, character: 0 } }),
                    (error: { code?: number }) => error.code === LSPErrorCodes.ServerCancelled);
            } finally {
                await client.stop();
            }
        });
    });

    describe('shutdown and exit', () => {
        it('refuses requests after shutdown with InvalidRequest, and exits with 0', async () => {
            const { client } = await LspClient.start(ACME_EXAMPLE);
            try {
                await client.connection.sendRequest(ExecuteCommandRequest.type, summary);
                await client.connection.sendRequest(ShutdownRequest.type);
                const roles = client.fileUri(path.join(ACME_EXAMPLE, 'roles.isms'));
                const [hover, command] = await client.sendAtOnce([
                    { method: 'textDocument/hover', params: { textDocument: { uri: roles }, position: { line: 2, character: 6 } }, request: true },
                    { method: 'workspace/executeCommand', params: summary, request: true }
                ]);
                for (const response of [hover, command]) {
                    assert.equal(response.error?.code, ErrorCodes.InvalidRequest, JSON.stringify(response).slice(0, 300));
                    assert.ok(!('result' in response));
                }
                await client.connection.sendNotification(ExitNotification.type);
                assert.equal(await client.exitCode, 0);
            } finally {
                await client.stop();
            }
        });

        it('exits with 1 on exit without shutdown', async () => {
            const { client } = await LspClient.start(ACME_EXAMPLE);
            try {
                await client.connection.sendRequest(ExecuteCommandRequest.type, summary);
                await client.connection.sendNotification(ExitNotification.type);
                assert.equal(await client.exitCode, 1);
            } finally {
                await client.stop();
            }
        });
    });
});
