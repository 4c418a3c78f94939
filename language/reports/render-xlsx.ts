import ExcelJS from 'exceljs';
import { showControlCharacters } from '../text/control-characters.js';
import { neutralizeCell } from './cell-guard.js';
import type { CellValue, ReportDocument, ReportTable } from './report-document.js';
import { rowHeight } from './xlsx-row-height.js';
import { documentDate, fixZipTimestamps } from './zip-timestamps.js';

/**
 * Renders a report as an Excel workbook: one sheet per table (the main table first, so the
 * workbook opens on it), each with its header in row 1 (row 2 below a notice), frozen and
 * filterable, printed landscape, one page wide, with the header repeated on every page; then a
 * sheet "About" with the report's title, notice and header facts. Rows are as high as their
 * wrapped text. Strings are guarded against formula injection, no cell is a formula, and the
 * same document always gives the same bytes.
 */
export async function renderXlsx(document: ReportDocument): Promise<Buffer> {
    const date = documentDate(document);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = AUTHOR;
    workbook.lastModifiedBy = AUTHOR;
    workbook.created = date;
    workbook.modified = date;
    workbook.lastPrinted = date;

    const taken = new Set(RESERVED_SHEET_NAMES);
    for (const table of document.tables) {
        addTableSheet(workbook, sheetName(table.title, taken), table, document.notice);
    }
    addAboutSheet(workbook, sheetName('About', taken), document);

    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    return fixZipTimestamps(buffer, date);
}

const AUTHOR = 'ISMS as Code';
/** Excel's limits: sheet names of at most 31 characters, cells of at most 32,767. */
const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32767;
const TRUNCATED = ' [truncated]';
/** Columns at least this wide hold prose (titles, justifications, evidence) and wrap. */
const WRAP_WIDTH = 30;
/** Excel reserves this name for its change history (compared ignoring case, as Excel does). */
const RESERVED_SHEET_NAMES = ['history'];

const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const HEADER_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const NOTICE_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FF7A0000' } };
const NOTICE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };
const TEXT_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top' };
const WRAP_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };

/**
 * A4 landscape, scaled to one page wide and as many pages long as needed, so that no table is
 * cut between its columns; margins in inches (1.5 cm at the sides); the sheet name and page
 * number in the footer.
 */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 }
};
const FOOTER = '&L&A&RPage &P of &N';

/** A notice goes in row 1 of every table sheet, above the header, so that no sheet hides it. */
function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable, notice: string | undefined): void {
    const headerRow = notice ? 2 : 1;
    const sheet = workbook.addWorksheet(name, {
        views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
        pageSetup: { ...PAGE_SETUP, printTitlesRow: printTitles(name, headerRow) },
        headerFooter: { oddFooter: FOOTER }
    });
    // The column style also makes exceljs write every width: it leaves out a column of width 9
    // (its default) that has no style, and Excel's own default is narrower.
    sheet.columns = table.columns.map(column => ({ key: column.key, width: column.width, style: { alignment: alignmentFor(column.width) } }));
    if (notice) addNotice(sheet, notice);
    table.columns.forEach((column, index) => {
        const cell = sheet.getCell(headerRow, index + 1);
        cell.value = cellValue(column.header);
        cell.font = HEADER_FONT;
        cell.fill = HEADER_FILL;
        cell.alignment = HEADER_ALIGNMENT;
    });
    sheet.getRow(headerRow).height = rowHeight(table.columns.map(column => ({ text: column.header, width: column.width, wraps: true })));
    table.rows.forEach((row, rowIndex) => {
        const values = table.columns.map(column => cellValue(row[column.key] ?? null));
        values.forEach((value, index) => {
            if (value === null) return;
            const cell = sheet.getCell(headerRow + rowIndex + 1, index + 1);
            cell.value = value;
            cell.alignment = wraps(table.columns[index].width, value) ? WRAP_ALIGNMENT : TEXT_ALIGNMENT;
        });
        sheet.getRow(headerRow + rowIndex + 1).height = rowHeight(table.columns.map((column, index) => ({
            text: String(values[index] ?? ''), width: column.width, wraps: wraps(column.width, values[index])
        })));
    });
    if (table.columns.length > 0) {
        sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + table.rows.length, column: table.columns.length } };
    }
}

/**
 * The rows repeated at the top of every printed page: the header, and the warning above it when
 * there is one. None for a sheet name with an apostrophe: exceljs writes the name into the
 * defined name without doubling it ("Owner's risks"), which Excel takes for a broken file.
 */
function printTitles(sheetName: string, headerRow: number): string | undefined {
    return sheetName.includes("'") ? undefined : `1:${headerRow}`;
}

function addNotice(sheet: ExcelJS.Worksheet, notice: string, row = 1): void {
    const cell = sheet.getCell(row, 1);
    cell.value = cellValue(`Warning: ${notice}`);
    cell.font = NOTICE_FONT;
    cell.fill = NOTICE_FILL;
}

function alignmentFor(width: number): Partial<ExcelJS.Alignment> {
    return width >= WRAP_WIDTH ? WRAP_ALIGNMENT : TEXT_ALIGNMENT;
}

/**
 * Whether a cell wraps: in a prose column always; in a narrow one when its text would not fit
 * on one line (a list of assets, a line break), since a page cuts off what runs past the column.
 */
function wraps(width: number, value: string | number | null): boolean {
    if (width >= WRAP_WIDTH) return true;
    return typeof value === 'string' && (/[\r\n]/.test(value) || [...value].length > width - 1);
}

function addAboutSheet(workbook: ExcelJS.Workbook, name: string, document: ReportDocument): void {
    const sheet = workbook.addWorksheet(name, { pageSetup: PAGE_SETUP, headerFooter: { oddFooter: FOOTER } });
    const labelWidth = Math.max(12, ...document.meta.map(([label]) => label.length + 2));
    const valueWidth = Math.min(80, Math.max(40, ...document.meta.map(([, value]) => value.length + 2)));
    sheet.columns = [{ width: labelWidth }, { width: valueWidth }];
    const title = sheet.getCell(1, 1);
    title.value = cellValue(document.title);
    title.font = { bold: true, size: 14 };
    // Row 2 holds the notice, if any, else stays blank; the header facts follow, one per row.
    if (document.notice) addNotice(sheet, document.notice, 2);
    document.meta.forEach(([label, value], index) => {
        const labelCell = sheet.getCell(index + 3, 1);
        labelCell.value = cellValue(label);
        labelCell.font = HEADER_FONT;
        labelCell.alignment = TEXT_ALIGNMENT;
        const valueCell = sheet.getCell(index + 3, 2);
        valueCell.value = cellValue(value);
        valueCell.alignment = WRAP_ALIGNMENT;
        sheet.getRow(index + 3).height = rowHeight([{ text: value, width: valueWidth, wraps: true }]);
    });
}

/**
 * What a cell holds: numbers as numbers, text with its control and bidi characters shown as
 * code points, guarded and cut to Excel's limit, null as no cell at all. Never a formula:
 * exceljs only writes one for a `{ formula }` object.
 */
function cellValue(value: CellValue): string | number | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
    const text = neutralizeCell(showControlCharacters(String(value)));
    if (text.length <= MAX_CELL_TEXT) return text;
    return withoutLoneSurrogate(text.slice(0, MAX_CELL_TEXT - TRUNCATED.length)) + TRUNCATED;
}

/**
 * A sheet name Excel accepts, unique in the workbook: without the characters `[]:*?/\` and
 * control characters, not starting or ending with an apostrophe, at most 31 characters, and
 * different (ignoring case) from the names in `taken`, which it is added to. A clash gets a
 * suffix " (2)", " (3)", ...
 */
export function sheetName(title: string, taken: Set<string>): string {
    const base = trimName(title.replace(/[[\]:*?/\\\u0000-\u001f\u007f]/g, '')) || 'Sheet';
    let name = fit(base, MAX_SHEET_NAME);
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
        const suffix = ` (${n})`;
        name = (fit(base, MAX_SHEET_NAME - suffix.length) || 'Sheet') + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
}

function fit(text: string, length: number): string {
    return trimName(withoutLoneSurrogate(text.slice(0, length)));
}

function trimName(text: string): string {
    return text.replace(/^[\s']+|[\s']+$/g, '');
}

/** Drops a high surrogate that a cut left without its pair. */
function withoutLoneSurrogate(text: string): string {
    return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}
