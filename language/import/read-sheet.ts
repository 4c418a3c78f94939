import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { isReadRefusal, readRegularFile } from '../files/regular-file.js';

/** A sheet as text cells: `rows[i]` is spreadsheet row `i + 1`. Dates are YYYY-MM-DD. */
export interface SheetData {
    readonly name: string;
    readonly rows: ReadonlyArray<readonly string[]>;
}

/** The file cannot be read as a sheet; the message names what is wrong, not the file. */
export class SheetReadError extends Error { }

/** The largest spreadsheet read: far above any real register, far below what exhausts memory. */
export const MAX_SHEET_BYTES = 50 * 1024 * 1024;

/**
 * Reads the named sheet (default: the first) of an .xlsx file, or a .csv file. Only a regular
 * file of at most `MAX_SHEET_BYTES` is read: a FIFO, a device or a folder is refused at once.
 */
export async function readSheet(file: string, sheetName?: string): Promise<SheetData> {
    const extension = path.extname(file).toLowerCase();
    if (extension !== '.csv' && extension !== '.xlsx') throw new SheetReadError('not an .xlsx or .csv file');
    const bytes = readRegularFile(file, { maxBytes: MAX_SHEET_BYTES });
    if (isReadRefusal(bytes)) throw new SheetReadError(`cannot be read (${bytes.refused})`);
    if (extension === '.csv') {
        return { name: sheetName ?? path.basename(file, path.extname(file)), rows: parseCsv(bytes.toString('utf8')) };
    }
    // exceljs is large: loaded only when a workbook is read, not with the server or the CLI.
    const { Workbook } = (await import('exceljs')).default;
    const workbook = new Workbook();
    try {
        await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // JSZip's own wording names its website; what the user needs is that this is no workbook.
        throw new SheetReadError(`cannot be read as an .xlsx workbook (${/central directory/i.test(reason) ? 'it is not a zip archive, as every .xlsx file is' : reason})`);
    }
    const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
    if (!sheet) {
        const names = workbook.worksheets.map(s => s.name).join(', ');
        throw new SheetReadError(sheetName === undefined ? 'the workbook has no sheet' : `has no sheet named ${sheetName} (it has: ${names})`);
    }
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const cells: string[] = [];
        for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)));
        rows.push(cells);
    }
    return { name: sheet.name, rows };
}

function cellText(cell: ExcelJS.Cell): string {
    // A merged cell reads as its master, so a header spanning columns names each of them.
    const value = cell.isMerged ? cell.master.value : cell.value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (value === null || value === undefined) return '';
    if (typeof value === 'object' && 'result' in value) {
        const result = value.result;
        if (result instanceof Date) return result.toISOString().slice(0, 10);
        // A formula that failed in the spreadsheet reads as its error, such as #DIV/0!.
        return typeof result === 'object' && result !== null && 'error' in result ? String(result.error) : String(result ?? '').trim();
    }
    if (typeof value === 'object' && 'error' in value) return String(value.error);
    return (cell.isMerged ? cell.master.text : cell.text).trim();
}

/** RFC 4180: fields separated by commas, quoted with `"` (doubled inside), CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    const input = text.replace(/^\uFEFF/, '');
    for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (quoted) {
            if (ch === '"' && input[i + 1] === '"') { field += '"'; i++; }
            else if (ch === '"') quoted = false;
            else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') { row.push(field.trim()); field = ''; }
        else if (ch === '\n' || ch === '\r') {
            if (ch === '\r' && input[i + 1] === '\n') i++;
            row.push(field.trim()); rows.push(row); row = []; field = '';
        } else field += ch;
    }
    if (field !== '' || row.length > 0) { row.push(field.trim()); rows.push(row); }
    return rows;
}
