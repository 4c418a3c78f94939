import { neutralizeCell } from './cell-guard.js';
import type { CellValue, ReportDocument } from './report-document.js';

/** Makes Excel open the file as UTF-8 rather than the system's code page. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * The main (first) table of the report as CSV (RFC 4180): a header row, then one record per row;
 * comma-separated, CRLF line ends (also after the last record), preceded by a UTF-8 BOM.
 *
 * Numbers are written as numbers and null as an empty field. Every text field, headers included,
 * is first guarded against formula injection (a leading `'` before `=`, `+`, `-`, `@`, tab or
 * CR), then quoted when it contains a comma, a quote, CR or LF, with quotes doubled.
 */
export function renderCsv(document: ReportDocument): string {
    const table = document.tables[0];
    if (!table) return BOM;
    const lines = [
        table.columns.map(column => field(column.header)).join(','),
        ...table.rows.map(row => table.columns.map(column => field(row[column.key] ?? null)).join(','))
    ];
    return BOM + lines.map(line => line + CRLF).join('');
}

function field(value: CellValue | undefined): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    const text = neutralizeCell(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
