/**
 * Runs one document through everything the product does with it, in process: the build
 * (parse, link, validate), every LSP provider registered in the services at a few positions,
 * the server commands, every report kind in every format and the heat map SVG. Each step is
 * guarded; what goes wrong is returned as findings rather than thrown, so that a property can
 * report all of them at once. Nothing here measures time: a run that is too slow for a machine
 * is not a defect the suite can see reliably (the benchmark, scripts/bench, has the figures),
 * and a hang ends at mocha's timeout.
 *
 * A finding is:
 * - `exception`: a step threw (rename's deliberate `ResponseError`s and the SoA's "no framework"
 *   refusal are answers, not exceptions);
 * - `swallowed`: an exception that Langium or a provider caught and logged with console.error
 *   (Langium's validation registry turns a throwing check into an "An error occurred during
 *   validation" diagnostic; the code action provider logs and drops a failing fix): the user
 *   sees a missing feature or a bogus diagnostic;
 * - `invalid-result`: a result the server could not send (not JSON) or an editor would reject
 *   (formatting edits that overlap or change more than whitespace, malformed semantic tokens).
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic, FormattingOptions, Position, Range, SemanticTokens, TextEdit } from 'vscode-languageserver';
import { CompletionTriggerKind, ResponseError } from 'vscode-languageserver';
import type { IsmsServices } from '../../language/isms-module.js';
import { selectionRanges } from '../../language/lsp/selection-ranges.js';
import { ServerCommands } from '../../language/lsp/server-commands.js';
import { buildHeatMap } from '../../language/reports/heat-map.js';
import { renderHeatMapSvg } from '../../language/reports/heat-map-svg.js';
import { reportContext } from '../../language/reports/report-context.js';
import { buildReport, REPORT_FORMATS, REPORT_KINDS, renderReport } from '../../language/reports/report-formats.js';
import type { ModelWorkspace } from '../helpers/model-workspace.js';

export type FindingKind = 'exception' | 'swallowed' | 'invalid-result';

export interface Finding {
    readonly kind: FindingKind;
    /** The step: `hover@3:14`, `build`, `report soa/xlsx`… */
    readonly step: string;
    readonly message: string;
    readonly stack?: string;
}

export function formatFindings(findings: readonly Finding[]): string {
    return findings.map(finding => `  [${finding.kind}] ${finding.step}: ${finding.message}`
        + (finding.stack ? `\n${finding.stack.split('\n').slice(0, 12).map(line => `      ${line}`).join('\n')}` : '')).join('\n');
}

/** Errors that are answers: rename refusing a name or the catalog, the SoA refusing a model without a framework. */
function isExpectedError(step: string, error: unknown): boolean {
    if ((step.startsWith('rename') || step.startsWith('prepareRename')) && error instanceof ResponseError) return true;
    if (step.startsWith('report soa') && error instanceof Error && /^no framework named /.test(error.message)) return true;
    // A profile needs a framework to profile and the primary one; the coverage needs the primary one.
    if (/^report (framework-profile|coverage)\b/.test(step) && error instanceof Error && /^no framework (named|to profile)/.test(error.message)) return true;
    return false;
}

function describeError(error: unknown): { message: string, stack?: string } {
    if (error instanceof Error) return { message: `${error.constructor.name}: ${error.message}`, stack: error.stack };
    return { message: String(error) };
}

/**
 * Collects findings. While a probe is active, console.error is captured: a message logged there
 * during a step is a swallowed exception of that step.
 */
export class Probe {

    /** Steps run by all probes so far (to report how much a property did). */
    static steps = 0;

    readonly findings: Finding[] = [];
    private logged: string[] = [];
    private original: typeof console.error | undefined;

    /** Starts capturing console.error. */
    open(): this {
        this.original = console.error;
        console.error = (...args: unknown[]) => {
            this.logged.push(args.map(arg => arg instanceof Error ? `${arg.message}\n${arg.stack ?? ''}` : String(arg)).join(' '));
        };
        return this;
    }

    close(): void {
        if (this.original) console.error = this.original;
        this.original = undefined;
    }

    /** Runs one step; returns its result, or undefined when it threw. */
    async step<T>(step: string, run: () => T | Promise<T>): Promise<T | undefined> {
        this.logged = [];
        Probe.steps++;
        let result: T | undefined;
        try {
            result = await run();
        } catch (error) {
            if (!isExpectedError(step, error)) this.findings.push({ kind: 'exception', step, ...describeError(error) });
        }
        // Langium logs a failing check twice: its message, then the error's stack on its own.
        const seen = new Set<string>();
        const logged = this.logged.filter((message, i) => {
            const first = message.split('\n')[0];
            if (seen.has(first)) return false;
            seen.add(first);
            return i === 0 || !this.logged[i - 1].includes(first.replace(/^\w*Error: /, ''));
        });
        for (const message of logged) {
            const [first, ...rest] = message.split('\n');
            this.findings.push({ kind: 'swallowed', step, message: `console.error: ${first}`, stack: rest.join('\n') || undefined });
        }
        this.logged = [];
        if (result !== undefined && !/^(build|edit|document|report|heat map)/.test(step)) {
            try {
                JSON.stringify(result);
            } catch (error) {
                this.invalid(step, `the result is not JSON, the server could not send it: ${describeError(error).message}`);
            }
        }
        return result;
    }

    invalid(step: string, message: string): void {
        this.findings.push({ kind: 'invalid-result', step, message });
    }
}

/** Diagnostics that are exceptions in disguise. */
export function checkDiagnostics(probe: Probe, workspace: ModelWorkspace): void {
    for (const document of workspace.services.shared.workspace.LangiumDocuments.all) {
        for (const diagnostic of document.diagnostics ?? []) {
            const message = typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message);
            if (/An error occurred during/.test(message)) {
                probe.findings.push({ kind: 'swallowed', step: `validation of ${document.uri.path}`, message: `diagnostic: ${message.split('\n')[0]}` });
            }
        }
    }
}

export interface ExerciseOptions {
    /** Offsets in the document to send position requests at. */
    readonly offsets: readonly number[];
    readonly newName: string;
    readonly query: string;
    /** Also build every report in every format and the heat map (the slow part). */
    readonly reports: boolean;
    /** Code actions for at most this many diagnostics (spread over the document). */
    readonly maxDiagnostics?: number;
}

const FORMATTING: FormattingOptions = { tabSize: 4, insertSpaces: true };

/** Everything an editor asks about `document`, and the generators on the whole model. */
export async function exercise(probe: Probe, workspace: ModelWorkspace, document: LangiumDocument, options: ExerciseOptions): Promise<void> {
    const services: IsmsServices = workspace.services;
    const lsp = services.lsp;
    const shared = services.shared;
    const textDocument = { uri: document.uri.toString() };
    const text = document.textDocument.getText();
    const lines = document.textDocument.lineCount;
    const fullRange: Range = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
    const positions: Position[] = options.offsets.map(offset => document.textDocument.positionAt(offset));
    // One position past the end, as a client out of sync might send.
    positions.push({ line: lines + 3, character: 7 });

    for (const position of positions) {
        const at = `${position.line + 1}:${position.character + 1}`;
        await probe.step(`hover@${at}`, () => lsp.HoverProvider?.getHoverContent(document, { textDocument, position }));
        await probe.step(`completion@${at}`, () => lsp.CompletionProvider?.getCompletion(document, { textDocument, position, context: { triggerKind: CompletionTriggerKind.Invoked } }));
        await probe.step(`definition@${at}`, () => lsp.DefinitionProvider?.getDefinition(document, { textDocument, position }));
        await probe.step(`references@${at}`, () => lsp.ReferencesProvider?.findReferences(document, { textDocument, position, context: { includeDeclaration: true } }));
        await probe.step(`highlight@${at}`, () => lsp.DocumentHighlightProvider?.getDocumentHighlight(document, { textDocument, position }));
        await probe.step(`prepareRename@${at}`, () => lsp.RenameProvider?.prepareRename(document, { textDocument, position }));
        await probe.step(`rename@${at}`, () => lsp.RenameProvider?.rename(document, { textDocument, position, newName: options.newName }));
        if (lsp.Formatter?.formatOnTypeOptions) {
            const ch = lsp.Formatter.formatOnTypeOptions.firstTriggerCharacter;
            await probe.step(`formatOnType@${at}`, () => lsp.Formatter?.formatDocumentOnType(document, { textDocument, position, ch, options: FORMATTING }));
        }
    }
    await probe.step('selectionRanges', () => selectionRanges(document, positions));
    await probe.step('documentSymbols', () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }));
    await probe.step('workspaceSymbols', () => shared.lsp.WorkspaceSymbolProvider?.getSymbols({ query: options.query }));
    await probe.step('foldingRanges', () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }));
    await probe.step('documentLinks', () => lsp.DocumentLinkProvider?.getDocumentLinks(document, { textDocument }));
    await probe.step('codeLens', () => lsp.CodeLensProvider?.provideCodeLens(document, { textDocument }));
    await probe.step('inlayHints', () => lsp.InlayHintProvider?.getInlayHints(document, { textDocument, range: fullRange }));

    const tokens = await probe.step('semanticTokens', () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }));
    if (tokens) checkSemanticTokens(probe, 'semanticTokens', tokens, lines);
    const middle = positions[2] ?? fullRange.end;
    const ranged = await probe.step('semanticTokens range', () => lsp.SemanticTokenProvider?.semanticHighlightRange(document, { textDocument, range: { start: { line: 0, character: 0 }, end: middle } }));
    if (ranged) checkSemanticTokens(probe, 'semanticTokens range', ranged, lines);
    if (tokens?.resultId) {
        await probe.step('semanticTokens delta', () => lsp.SemanticTokenProvider?.semanticHighlightDelta(document, { textDocument, previousResultId: tokens.resultId! }));
    }

    const edits = await probe.step('formatting', () => lsp.Formatter?.formatDocument(document, { textDocument, options: FORMATTING }));
    if (edits) checkFormatting(probe, 'formatting', text, edits);
    const rangeEdits = await probe.step('formatting range', () => lsp.Formatter?.formatDocumentRange(document, { textDocument, range: { start: positions[2] ?? fullRange.start, end: fullRange.end }, options: FORMATTING }));
    if (rangeEdits) checkFormatting(probe, 'formatting range', text, rangeEdits);

    // Code actions: for each diagnostic (at most maxDiagnostics of them, spread out), then for all at once.
    const diagnostics: Diagnostic[] = document.diagnostics ?? [];
    const max = options.maxDiagnostics ?? 40;
    const chosen = diagnostics.length <= max ? diagnostics : Array.from({ length: max }, (_, i) => diagnostics[Math.floor(i * diagnostics.length / max)]);
    for (const diagnostic of chosen) {
        await probe.step(`codeActions for ${String(diagnostic.code)}@${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`,
            () => lsp.CodeActionProvider?.getCodeActions(document, { textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] } }));
    }
    await probe.step('codeActions for all', () => lsp.CodeActionProvider?.getCodeActions(document, { textDocument, range: fullRange, context: { diagnostics: chosen } }));

    await probe.step('command modelSummary', () => shared.lsp.ExecuteCommandHandler?.executeCommand(ServerCommands.modelSummary, []));
    await probe.step('command heatMap', () => shared.lsp.ExecuteCommandHandler?.executeCommand(ServerCommands.heatMap, []));

    if (options.reports) await exerciseGenerators(probe, services);
}

/** What does not need a document: workspace symbols, the server commands and the generators. */
export async function exerciseWorkspace(probe: Probe, workspace: ModelWorkspace, options: ExerciseOptions): Promise<void> {
    const shared = workspace.services.shared;
    await probe.step('workspaceSymbols', () => shared.lsp.WorkspaceSymbolProvider?.getSymbols({ query: options.query }));
    await probe.step('command modelSummary', () => shared.lsp.ExecuteCommandHandler?.executeCommand(ServerCommands.modelSummary, []));
    await probe.step('command heatMap', () => shared.lsp.ExecuteCommandHandler?.executeCommand(ServerCommands.heatMap, []));
    if (options.reports) await exerciseGenerators(probe, workspace.services);
}

/** Every report kind in every format, and the heat map as SVG. */
export async function exerciseGenerators(probe: Probe, services: IsmsServices): Promise<void> {
    const context = await probe.step('report context', () => reportContext(services, null));
    if (context) {
        for (const kind of REPORT_KINDS) {
            const report = await probe.step(`report ${kind}`, () => buildReport(services, kind, context));
            if (!report) continue;
            for (const format of REPORT_FORMATS) {
                await probe.step(`report ${kind}/${format}`, () => renderReport(report, format));
            }
        }
    }
    const map = await probe.step('heat map', () => buildHeatMap(services));
    if (map) await probe.step('heat map svg', () => renderHeatMapSvg(map));
}

function checkSemanticTokens(probe: Probe, step: string, tokens: SemanticTokens, lines: number): void {
    const data = tokens.data;
    if (data.length % 5 !== 0) probe.invalid(step, `data has ${data.length} numbers, not a multiple of 5`);
    let line = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
        if (data.slice(i, i + 5).some(value => !Number.isInteger(value) || value < 0)) {
            probe.invalid(step, `token ${i / 5} has a negative or non-integer number: ${data.slice(i, i + 5).join(',')}`);
            return;
        }
        line += data[i];
    }
    if (line >= lines) probe.invalid(step, `a token is on line ${line + 1} of a ${lines}-line document`);
}

/** Formatting edits must not overlap, must stay in the document and must change only whitespace. */
function checkFormatting(probe: Probe, step: string, text: string, edits: TextEdit[]): void {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
        if (c === 10 || c === 13) lineStarts.push(i + 1);
    }
    const offsetAt = (position: Position): number | undefined => {
        if (position.line < 0 || position.line >= lineStarts.length || position.character < 0) return undefined;
        const offset = lineStarts[position.line] + position.character;
        const lineEnd = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : text.length;
        return offset <= lineEnd ? offset : undefined;
    };
    const spans: Array<{ start: number, end: number, newText: string }> = [];
    for (const edit of edits) {
        const start = offsetAt(edit.range.start);
        const end = offsetAt(edit.range.end);
        if (start === undefined || end === undefined || end < start) {
            probe.invalid(step, `edit ${JSON.stringify(edit.range)} is outside the document or reversed`);
            return;
        }
        spans.push({ start, end, newText: edit.newText });
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < spans.length; i++) {
        if (spans[i].start < spans[i - 1].end) {
            probe.invalid(step, `edits overlap at offsets ${spans[i - 1].start}-${spans[i - 1].end} and ${spans[i].start}-${spans[i].end}`);
            return;
        }
    }
    let result = '';
    let last = 0;
    for (const span of spans) {
        result += text.slice(last, span.start) + span.newText;
        last = span.end;
    }
    result += text.slice(last);
    const squeeze = (value: string) => value.replace(/\s+/g, '');
    if (squeeze(result) !== squeeze(text)) {
        const a = squeeze(text);
        const b = squeeze(result);
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        probe.invalid(step, `formatting changed more than whitespace, first difference after ${JSON.stringify(a.slice(Math.max(0, i - 30), i))}: ${JSON.stringify(a.slice(i, i + 20))} became ${JSON.stringify(b.slice(i, i + 20))}`);
    }
}
