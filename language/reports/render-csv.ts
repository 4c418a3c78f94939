import { showControlCharacters } from '../text/control-characters.js';
import { neutralizeCell, neutralizeCsvField } from './cell-guard.js';
import type { CellValue, ReportDocument } from './report-document.js';

/** Makes Excel open the file as UTF-8 rather than the system's code page. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * The main table of the report (`csvTable`, else the first) as CSV (RFC 4180): the notice (if any) as a record of its
 * own, a header row, then one record per row;
 * comma-separated, CRLF line ends (also after the last record), preceded by a UTF-8 BOM.
 *
 * Numbers are written as numbers and null as an empty field. Every text field, headers included,
 * has its control and bidi characters shown as code points (`<U+202E>`), is guarded against
 * formula injection (a `'` before `=`, `+`, `-`, `@`, tab or CR at its start or after a `;`),
 * then quoted when it contains a comma, a semicolon, a quote, CR or LF, or starts with one of
 * the formula characters, with quotes doubled.
 */
export function renderCsv(document: ReportDocument): string {
    const table = document.csvTable ?? document.tables[0];
    if (!table) return BOM;
    const lines = [
        // First, where a person opening the file sees it before any data.
        ...(document.notice ? [field(`Warning: ${document.notice}`)] : []),
        table.columns.map(column => field(column.header)).join(','),
        ...table.rows.map(row => table.columns.map(column => field(row[column.key] ?? null)).join(','))
    ];
    return BOM + lines.map(line => line + CRLF).join('');
}

/**
 * RFC 4180 needs quotes for a comma, a quote and line breaks. A `;` is quoted too, which keeps
 * the cell together for readers that guess the separator; so is a guarded formula (`'=…`), for
 * readers set to take quoted fields as text.
 */
const NEEDS_QUOTES = /[",;\r\n]|^'[=+\-@\t\r]/;

function field(value: CellValue | undefined): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    const text = neutralizeCsvField(neutralizeCell(showControlCharacters(value)));
    return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
