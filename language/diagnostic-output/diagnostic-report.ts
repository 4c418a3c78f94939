import type { LangiumDocument } from 'langium';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { escapeControlCharacters } from '../text/control-characters.js';

export type ReportSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic as the CLI's JSON output shows it: lines and columns 1-based. */
export interface ReportedDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: ReportSeverity;
    code: string;
    message: string;
}

const SEVERITY_NAMES: Record<number, ReportSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * The diagnostics of `documents`, file paths relative to `baseDir` (with `/` separators), in a
 * stable order: by file, then position, then code; diagnostics at one place keep the order
 * the rules gave them (undecided controls in catalog order). One per finding, as the JSON and
 * SARIF outputs and the history give them; `grouped` keeps a diagnostic that stands for
 * several findings whole, as the editor and the text output show it.
 */
export function collectDiagnostics(documents: readonly LangiumDocument[], baseDir: string, options: { grouped?: boolean } = {}): ReportedDiagnostic[] {
    const reported: ReportedDiagnostic[] = [];
    for (const document of documents) {
        const file = displayPath(document.uri.fsPath, baseDir);
        for (const diagnostic of document.diagnostics ?? []) {
            for (const finding of options.grouped ? [diagnostic] : findingsOf(diagnostic)) {
                reported.push(toReported(file, finding));
            }
        }
    }
    return reported.sort(compareDiagnostics);
}

/**
 * The findings a diagnostic stands for. `control-undecided` is one diagnostic for all the
 * controls without a decision, each in its related information with its own message; the
 * language's contract gives tools one such diagnostic per control.
 */
function findingsOf(diagnostic: Diagnostic): Diagnostic[] {
    const related = diagnostic.relatedInformation ?? [];
    return diagnostic.code === 'control-undecided' && related.length > 1
        ? related.map(finding => ({ ...diagnostic, message: finding.message, relatedInformation: undefined }))
        : [diagnostic];
}

export function displayPath(filePath: string, baseDir: string): string {
    const relative = path.relative(baseDir, filePath);
    const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? filePath : relative;
    return shown.split(path.sep).join('/');
}

function toReported(file: string, diagnostic: Diagnostic): ReportedDiagnostic {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITY_NAMES[diagnostic.severity ?? 1] ?? 'error',
        code: String(diagnostic.code ?? 'unknown'),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
    };
}

function compareDiagnostics(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
    return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code);
}

/** Locale-independent, so that output is byte-identical on every machine. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One line of `isms validate`'s text output. File names and messages (which quote model text)
 * have their control characters escaped, so that neither can move the cursor, recolour the log,
 * reorder the line or start a line of its own (such as a forged summary).
 */
export function formatDiagnosticText(diagnostic: ReportedDiagnostic): string {
    return `${escapeControlCharacters(diagnostic.file)}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${escapeControlCharacters(diagnostic.message)}`;
}
