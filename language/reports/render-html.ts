import { showControlCharacters } from '../text/control-characters.js';
import type { CellValue, ReportColumn, ReportDocument, ReportTable, RowLocation } from './report-document.js';

/**
 * Nothing may be loaded or run, even by mistake: no scripts, no fetches, no frames, no forms, no
 * base URL; only the embedded stylesheet and `data:` images. Written into a double-quoted
 * attribute as it is (it holds no `"` or `&`).
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Readable on screen and ready to print: A4 landscape, the table header repeated on each page,
 * rows kept whole, long text wrapped. Decisions, levels and statuses differ by background AND by
 * text (weight, style, border) so that they still read when printed in black and white.
 */
const STYLESHEET = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 1.5rem; color: #111; background: #fff; font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
header.report-header { margin-bottom: 1rem; border-bottom: 2px solid #222; padding-bottom: .5rem; }
h1 { margin: 0 0 .4rem; font-size: 16pt; line-height: 1.2; }
h2 { margin: 1.2rem 0 .4rem; font-size: 12pt; break-after: avoid; page-break-after: avoid; }
p.report-notice { margin: .2rem 0 .6rem; padding: .4rem .6rem; border: 2px solid #7a0000; background: #fde2e2; color: #4a0000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
dl.meta dt { font-weight: 700; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
figure.report-figure { margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure.report-figure svg { max-width: 100%; height: auto; }
section.report-table { margin-bottom: 1.2rem; }
table { width: 100%; border-collapse: collapse; table-layout: auto; font-size: 8.5pt; line-height: 1.3; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #777; padding: 2px 4px; text-align: left; vertical-align: top; white-space: pre-line; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
td.nowrap { white-space: nowrap; }
th { background: #d9d9d9; color: #000; font-weight: 700; }
tbody tr:nth-child(even) { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.col-id, td.col-risk, td.col-control { font-weight: 600; }
th, tbody tr, td[class*="decision-"], td[class*="level-"], td[class*="status-"], td[class*="coverage-"] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.decision-applicable { background: #e2f0e2; color: #0b3d0b; }
td.decision-excluded { background: #dcdcdc; color: #333; font-style: italic; }
td.decision-declared { color: #333; }
td.decision-undecided { background: #fff0a8; color: #4d3800; font-weight: 700; outline: 1.5px dashed #4d3800; outline-offset: -3px; }
td.level-very-low, td.level-low { background: #e2f0e2; color: #0b3d0b; }
td.level-medium, td.level-moderate { background: #fff0b8; color: #4d3800; font-style: italic; }
td.level-high { background: #ffd2a8; color: #5c2200; font-weight: 700; }
td.level-very-high, td.level-critical, td.level-extreme { background: #f4b4b4; color: #4a0000; font-weight: 800; border: 2px solid #4a0000; }
td.status-implemented { background: #e2f0e2; color: #0b3d0b; }
td.status-partial { background: #fff0b8; color: #4d3800; font-style: italic; }
td.status-planned { background: #e6eefa; color: #0d2a55; font-style: italic; }
td.status-not-started { background: #ffd2a8; color: #5c2200; font-weight: 700; }
td.coverage-covered { background: #e2f0e2; color: #0b3d0b; }
td.coverage-partial { background: #fff0b8; color: #4d3800; font-style: italic; }
td.coverage-gap { background: #f4b4b4; color: #4a0000; font-weight: 700; outline: 1.5px dashed #4a0000; outline-offset: -3px; }
td.coverage-not-applicable { background: #dcdcdc; color: #333; font-style: italic; }
footer.report-footer { margin-top: 1rem; color: #444; font-size: 8pt; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  h1 { font-size: 14pt; }
  table { font-size: 7.5pt; }
  table.wide { font-size: 6.5pt; }
  table.wide th, table.wide td { padding: 1px 2px; }
}
`;

/**
 * The report as one self-contained HTML5 page: no external resources and no scripts, a strict
 * Content-Security-Policy, and every string of the document HTML-escaped, its control and bidi
 * characters shown as code points (`<U+202E>`). The figure, if any, is SVG made by the project
 * and is embedded as it is.
 */
export function renderHtml(document: ReportDocument): string {
    const title = escapeHtml(document.title);
    const parts: string[] = [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
        '<meta name="generator" content="ISMS as Code">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${title}</title>`,
        `<style>${STYLESHEET}</style>`,
        '</head>',
        `<body class="report report-${slug(document.kind)}">`,
        '<header class="report-header">',
        `<h1>${title}</h1>`
    ];
    if (document.notice) {
        parts.push(`<p class="report-notice" role="alert"><strong>Warning:</strong> ${escapeHtml(document.notice)}</p>`);
    }
    if (document.meta.length > 0) {
        parts.push('<dl class="meta">');
        for (const [label, value] of document.meta) {
            parts.push(`<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
        }
        parts.push('</dl>');
    }
    parts.push('</header>', '<main>');
    if (document.figureSvg) {
        parts.push('<figure class="report-figure">', document.figureSvg.trim(), '</figure>');
    }
    document.tables.forEach((table, index) => parts.push(renderTable(table, index + 1)));
    parts.push('</main>',
        '<footer class="report-footer">Generated by ISMS as Code from the model.</footer>',
        '</body>',
        '</html>');
    return parts.join('\n') + '\n';
}

/** Tables with more columns than this are printed smaller, so that they fit across an A4 page. */
const WIDE_TABLE = 12;

function renderTable(table: ReportTable, number: number): string {
    const id = `table-${number}`;
    const totalWidth = table.columns.reduce((sum, column) => sum + Math.max(column.width, 1), 0);
    const styles = table.columns.map(columnStyle);
    const lines: string[] = [
        `<section class="report-table" aria-labelledby="${id}">`,
        `<h2 id="${id}">${escapeHtml(table.title)}</h2>`,
        `<table aria-labelledby="${id}"${table.columns.length > WIDE_TABLE ? ' class="wide"' : ''}>`,
        '<colgroup>',
        ...table.columns.map(column => `<col class="col-${slug(column.key)}" style="width: ${(100 * Math.max(column.width, 1) / totalWidth).toFixed(2)}%">`),
        '</colgroup>',
        '<thead>',
        `<tr>${table.columns.map(column => `<th scope="col" class="col-${slug(column.key)}">${escapeHtml(column.header)}</th>`).join('')}</tr>`,
        '</thead>',
        '<tbody>',
        ...table.rows.map((row, index) => `<tr${locationAttributes(table.rowLocations?.[index])}>${styles.map(style => renderCell(style, row[style.key] ?? null)).join('')}</tr>`),
        '</tbody>',
        '</table>',
        '</section>'
    ];
    return lines.join('\n');
}

/** Where a row's element is written, for a viewer that can open it; the path is escaped like any text. */
function locationAttributes(location: RowLocation | null | undefined): string {
    return location ? ` data-file="${escapeMarkup(showControlCharacters(location.file))}" data-line="${location.line}"` : '';
}

/** Text without spaces up to this length (ids, dates, levels, statuses) is kept on one line. */
const SHORT_TOKEN = 12;

/** What the cells of a column are styled by, worked out once per table rather than for each cell. */
interface ColumnStyle {
    readonly key: string;
    readonly className: string;
    /** The category class of a cell's text, for the columns that have categories. */
    readonly category: ((value: string) => string | undefined) | undefined;
}

function columnStyle(column: ReportColumn): ColumnStyle {
    return { key: column.key, className: `col-${slug(column.key)}`, category: categoryClass(column.key) };
}

function renderCell(style: ColumnStyle, value: CellValue): string {
    const classes = [style.className];
    if (typeof value === 'number') {
        classes.push('num');
        return `<td class="${classes.join(' ')}">${Number.isFinite(value) ? String(value) : ''}</td>`;
    }
    if (value !== null && value.length > 0 && value.length <= SHORT_TOKEN && !/\s/.test(value)) classes.push('nowrap');
    const category = value === null ? undefined : style.category?.(value);
    if (category) classes.push(category);
    return `<td class="${classes.join(' ')}">${value === null ? '' : breakableHtml(value)}</td>`;
}

/** A word longer than SHORT_TOKEN. */
const LONG_WORD = new RegExp(`\\S{${SHORT_TOKEN + 1}}`);

/**
 * Escaped text in which long words (CamelCase ids, URLs, paths) may wrap: a `<wbr>` goes between
 * a lower-case and an upper-case letter and after punctuation such as `/`, `.` or `_`. Without
 * these, one long word sets the least width of its column and a wide table no longer fits on an
 * A4 page; with them, such words wrap at these points rather than at an arbitrary letter.
 */
function breakableHtml(value: string): string {
    const text = showControlCharacters(value);
    // Most cells have no long word, or nothing to escape: they need not be taken apart word by word.
    if (!LONG_WORD.test(text)) return escapeMarkup(text);
    const escape = HTML_SPECIAL.test(text) ? escapeMarkup : (word: string) => word;
    return text.split(/(\s+)/).map(word => word.length <= SHORT_TOKEN
        ? escape(word)
        : word.split(/(?<=[/._,;:?&=#+|\\])(?=[^/._,;:?&=#+|\\])|(?<=\p{Ll})(?=\p{Lu})/u).map(escape).join('<wbr>')).join('');
}

/**
 * For a column of decisions, levels, statuses, treatments or coverage states, the class naming what a cell says,
 * for the stylesheet: `decision-excluded`, `level-high`, `status-planned`, `coverage-gap`. A residual, inherent
 * or current score given as "12 high" counts as a level. Class names are reduced to `[a-z0-9-]`, so model text cannot
 * break out of the attribute.
 */
function categoryClass(key: string): ((value: string) => string | undefined) | undefined {
    const named = (category: string) => (name: string) => {
        const suffix = slug(name);
        return suffix ? `${category}-${suffix}` : undefined;
    };
    if (key === 'decision') return named('decision');
    if (/level$/i.test(key)) return named('level');
    if (/status$/i.test(key)) return named('status');
    if (key === 'treatment') return named('treatment');
    if (key === 'coverage') return named('coverage');
    if (/^(residual|inherent|current)$/i.test(key)) {
        const level = named('level');
        return value => {
            const match = /^\s*-?\d+(?:\.\d+)?\s+(\S.*)$/.exec(value);
            return match ? level(match[1]) : undefined;
        };
    }
    return undefined;
}

function slug(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

const HTML_SPECIAL = /[&<>"']/;

function escapeHtml(text: string): string {
    return escapeMarkup(showControlCharacters(text));
}

function escapeMarkup(text: string): string {
    return text.replace(/[&<>"']/g, character => ESCAPES[character]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
