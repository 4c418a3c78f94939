/**
 * The real language server over stdio (dist/server.cjs), after the in-process fuzzing (issue
 * #8): mutated example files are sent with didOpen and didChange and every request is fired at
 * them. Each request must be answered, with a result rather than an error (rename's refusals
 * and cancellations excepted), and nothing may be logged as an error.
 * Afterwards the server must still answer, and once the files are back to the originals the
 * model must be as clean as at the start.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { ServerCommands } from '../../language/lsp/server-commands.js';
import type { ModelSummary } from '../../language/lsp/server-commands.js';
import { LspClient } from '../helpers/lsp-client.js';
import { ACME_EXAMPLE, copyOfFolder } from '../helpers/project.js';
import { announceSeed, HANG_GUARD, runs, timeoutFor } from './fuzz-config.js';
import type { Finding } from './harness.js';
import type { MutatedFile } from './mutations.js';
import { ACME_FILES, describeInput, mutatedAcmeFileArbitrary, mutatedText, newNameArbitrary, offsetsArbitrary, offsetsIn, queryArbitrary } from './mutations.js';
import { fuzz } from './property.js';

/** Error codes that are answers: the request was cancelled or overtaken by an edit. */
const CANCELLED = new Set([-32800, -32801, -32802]);

interface Input {
    readonly file: MutatedFile;
    readonly offsets: readonly number[];
    readonly newName: string;
    readonly query: string;
}

const inputArbitrary: fc.Arbitrary<Input> = fc.record({ file: mutatedAcmeFileArbitrary, offsets: offsetsArbitrary, newName: newNameArbitrary, query: queryArbitrary });

/** LSP positions (UTF-16 code units, as the server counts by default) of offsets in `text`. */
function positionAt(text: string, offset: number): { line: number, character: number } {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
        if (c === 10 || c === 13) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, character: Math.min(offset, text.length) - lineStart };
}

describe('fuzz: the language server over stdio', function () {

    let workspace: ReturnType<typeof copyOfFolder>;
    let client: LspClient;
    /** Errors the server logged (window/logMessage of type Error). */
    const logged: string[] = [];
    let baseline: ModelSummary;
    const opened = new Set<string>();
    /** Requests sent; answered with a result, and with something (not null or empty); refused as rename and cancellation may. */
    const answered = { sent: 0, all: 0, nonEmpty: 0, refused: 0 };

    const uriOf = (name: string) => client.fileUri(path.join(workspace.dir, name));

    /**
     * Sends a request; returns its result, or a finding when it fails or gets no answer at all
     * (HANG_GUARD only tells a hang from a slow answer: how fast the server answers is the
     * benchmark's business, not a pass/fail bound on a shared machine).
     */
    async function request(findings: Finding[], step: string, method: string, params: unknown): Promise<unknown> {
        const source = new CancellationTokenSource();
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<'hang'>(resolve => { timer = setTimeout(() => resolve('hang'), HANG_GUARD); });
        answered.sent++;
        try {
            const result = await Promise.race([client.connection.sendRequest(method, params, source.token), hang]);
            if (result === 'hang') {
                source.cancel();
                findings.push({ kind: 'exception', step, message: `${method}: no answer within ${HANG_GUARD / 1000} s, the server hangs` });
                return undefined;
            }
            answered.all++;
            if (result !== null && result !== undefined && !(Array.isArray(result) && result.length === 0)) answered.nonEmpty++;
            return result;
        } catch (error) {
            const expected = error instanceof ResponseError && (CANCELLED.has(error.code) || (method.endsWith('ename') && error.code === 0));
            if (expected) answered.refused++;
            else {
                const message = error instanceof ResponseError ? `error ${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
                findings.push({ kind: 'exception', step, message: `${method} answered ${message}` });
            }
            return undefined;
        } finally {
            clearTimeout(timer);
        }
    }

    /** The diagnostics the server last published for `uri` (waits a little for the first). */
    async function diagnosticsOf(uri: string): Promise<Diagnostic[]> {
        try {
            return await client.waitForDiagnostics(uri, () => true, 2000);
        } catch {
            return [];
        }
    }

    /** Every request an editor sends about a document. */
    async function everyRequest(findings: Finding[], uri: string, text: string, input: Input): Promise<void> {
        const textDocument = { uri };
        const positions = offsetsIn(text, input.offsets).map(offset => positionAt(text, offset));
        for (const position of positions) {
            const at = `@${position.line + 1}:${position.character + 1}`;
            await request(findings, `hover${at}`, 'textDocument/hover', { textDocument, position });
            await request(findings, `completion${at}`, 'textDocument/completion', { textDocument, position, context: { triggerKind: 1 } });
            await request(findings, `definition${at}`, 'textDocument/definition', { textDocument, position });
            await request(findings, `references${at}`, 'textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
            await request(findings, `highlight${at}`, 'textDocument/documentHighlight', { textDocument, position });
            await request(findings, `prepareRename${at}`, 'textDocument/prepareRename', { textDocument, position });
            await request(findings, `rename${at}`, 'textDocument/rename', { textDocument, position, newName: input.newName });
        }
        const end = positions[1] ?? { line: 0, character: 0 };
        const range = { start: { line: 0, character: 0 }, end };
        await request(findings, 'selectionRange', 'textDocument/selectionRange', { textDocument, positions });
        await request(findings, 'documentSymbol', 'textDocument/documentSymbol', { textDocument });
        await request(findings, 'workspaceSymbol', 'workspace/symbol', { query: input.query });
        await request(findings, 'foldingRange', 'textDocument/foldingRange', { textDocument });
        await request(findings, 'documentLink', 'textDocument/documentLink', { textDocument });
        await request(findings, 'codeLens', 'textDocument/codeLens', { textDocument });
        await request(findings, 'inlayHint', 'textDocument/inlayHint', { textDocument, range });
        await request(findings, 'semanticTokens', 'textDocument/semanticTokens/full', { textDocument });
        await request(findings, 'semanticTokens range', 'textDocument/semanticTokens/range', { textDocument, range });
        await request(findings, 'formatting', 'textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } });
        await request(findings, 'rangeFormatting', 'textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 4, insertSpaces: true } });
        const diagnostics = (await diagnosticsOf(uri)).slice(0, 20);
        for (const diagnostic of diagnostics) {
            await request(findings, `codeAction for ${String(diagnostic.code)}`, 'textDocument/codeAction', { textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        }
        await request(findings, 'command modelSummary', 'workspace/executeCommand', { command: ServerCommands.modelSummary, arguments: [] });
        await request(findings, 'command heatMap', 'workspace/executeCommand', { command: ServerCommands.heatMap, arguments: [] });
    }

    function loggedFindings(): Finding[] {
        return logged.splice(0).filter(message => !/Files left out of the model/.test(message))
            .map(message => ({ kind: 'swallowed', step: 'server log', message: message.split('\n')[0], stack: message.split('\n').slice(1).join('\n') || undefined }));
    }

    before(async function () {
        this.timeout(60_000);
        announceSeed();
        workspace = copyOfFolder(ACME_EXAMPLE);
        ({ client } = await LspClient.start(workspace.dir));
        client.connection.onNotification('window/logMessage', (params: { type: number, message: string }) => {
            if (params.type === 1) logged.push(params.message);
        });
        // The workspace is loaded once the first diagnostics are out.
        await client.waitForDiagnostics(uriOf('isms.isms'), () => true, 30_000);
        baseline = await client.connection.sendRequest('workspace/executeCommand', { command: ServerCommands.modelSummary, arguments: [] }) as ModelSummary;
        assert.equal(baseline.errors, 0, 'the acme example has no errors');
    });

    after(async function () {
        this.timeout(30_000);
        await client?.stop();
        workspace?.dispose();
    });

    const serverRuns = runs(60, 0.5);
    it(`mutated files sent with didOpen and didChange, every request fired at them (${serverRuns} runs)`, async function () {
        this.timeout(timeoutFor(serverRuns, 4000));
        await fuzz(inputArbitrary, async input => {
            const name = ACME_FILES[input.file.file].name;
            const text = mutatedText(input.file);
            const uri = uriOf(name);
            if (opened.has(uri)) {
                await client.change(uri, text);
            } else {
                await client.open(path.join(workspace.dir, name), text);
                opened.add(uri);
            }
            const findings: Finding[] = [];
            await everyRequest(findings, uri, text, input);
            findings.push(...loggedFindings());
            return findings;
        }, {
            name: 'server',
            numRuns: serverRuns,
            describe: input => `${describeInput(input.file)} (server); offsets ${JSON.stringify(input.offsets)}, new name ${JSON.stringify(input.newName.slice(0, 40))}`,
            regression: input => ({ text: mutatedText(input.file), context: 'acme', origin: ACME_FILES[input.file.file].name, note: input.file.mutations })
        }).finally(() => process.stdout.write(`      ${answered.sent} requests sent: ${answered.all} answered, ${answered.nonEmpty} of them with a non-empty result; ${answered.refused} refused or cancelled\n`));
        // Every request got an answer: a result, or a refusal that is one (nothing hung, nothing failed).
        assert.equal(answered.all + answered.refused, answered.sent);
    });

    it('then generates every report in every format from the mutated model', async function () {
        this.timeout(120_000);
        const findings: Finding[] = [];
        for (const kind of ['soa', 'risk-register', 'treatment-plan']) {
            for (const format of ['md', 'html', 'csv', 'xlsx', 'json']) {
                await request(findings, `generateReport ${kind}/${format}`, 'workspace/executeCommand',
                    { command: ServerCommands.generateReport, arguments: [{ kind, format, folder: 'fuzz-reports' }] });
            }
        }
        findings.push(...loggedFindings());
        // The SoA needs the isms block's framework: a mutated isms.isms may lose it, and the server then says so.
        const unexpected = findings.filter(finding => !/no framework named/.test(finding.message));
        assert.deepEqual(unexpected, []);
    });

    it('still answers, and is back to a clean model once the files are restored', async function () {
        this.timeout(300_000);
        const findings: Finding[] = [];
        for (const uri of opened) {
            const name = path.relative(workspace.dir, new URL(uri).pathname);
            await client.change(uri, fs.readFileSync(path.join(ACME_EXAMPLE, name), 'utf-8'));
        }
        // A bound against a hang, not a speed check: on a loaded machine the server may still be
        // deep in a build of a hostile text (thousands of nested blocks) when the restores arrive.
        for (const uri of opened) {
            await client.waitForDiagnostics(uri, diagnostics => !diagnostics.some(diagnostic => diagnostic.severity === 1), 120_000);
        }
        // The server may still be working through the restoring edits: it must get back to the start's summary (asked again a bounded number of times).
        let summary: ModelSummary | undefined;
        for (let asked = 0; asked < 120; asked++) {
            summary = await request(findings, 'modelSummary after restore', 'workspace/executeCommand', { command: ServerCommands.modelSummary, arguments: [] }) as ModelSummary | undefined;
            if (JSON.stringify(summary) === JSON.stringify(baseline)) break;
            await new Promise(resolve => setTimeout(resolve, 250));
        }
        assert.deepEqual(summary, baseline, 'the model summary is back to the one of the start');
        const hover = await request(findings, 'hover after restore', 'textDocument/hover', { textDocument: { uri: uriOf('roles.isms') }, position: positionAt(fs.readFileSync(path.join(ACME_EXAMPLE, 'roles.isms'), 'utf-8'), fs.readFileSync(path.join(ACME_EXAMPLE, 'roles.isms'), 'utf-8').indexOf('role ') + 6) }) as Hover | undefined;
        assert.ok(hover && (hover.contents as MarkupContent).value.length > 0, 'hover answers with content');
        const symbols = await request(findings, 'workspace symbols after restore', 'workspace/symbol', { query: 'R' }) as unknown[] | undefined;
        assert.ok(Array.isArray(symbols) && symbols.length > 0, 'workspace symbols answer');
        findings.push(...loggedFindings());
        assert.deepEqual(findings, []);
        if (fs.existsSync(path.join(workspace.dir, 'fuzz-reports'))) {
            assert.ok(fs.readdirSync(path.join(workspace.dir, 'fuzz-reports')).length > 0);
        }
    });
});
