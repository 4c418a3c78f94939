import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';

/** A sheet as text cells: `rows[i]` is spreadsheet row `i + 1`. Dates are YYYY-MM-DD. */
export interface SheetData {
    readonly name: string;
    readonly rows: ReadonlyArray<readonly string[]>;
}

/** The file cannot be read as a sheet; the message names what is wrong, not the file. */
export class SheetReadError extends Error { }

/** Reads the named sheet (default: the first) of an .xlsx file, or a .csv file. */
export async function readSheet(file: string, sheetName?: string): Promise<SheetData> {
    const extension = path.extname(file).toLowerCase();
    if (extension === '.csv') {
        let text: string;
        try {
            text = fs.readFileSync(file, 'utf8');
        } catch (error) {
            throw new SheetReadError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        }
        return { name: sheetName ?? path.basename(file, path.extname(file)), rows: parseCsv(text) };
    }
    if (extension !== '.xlsx') throw new SheetReadError('not an .xlsx or .csv file');
    const workbook = new ExcelJS.Workbook();
    try {
        await workbook.xlsx.readFile(file);
    } catch (error) {
        throw new SheetReadError(`cannot be read as an .xlsx workbook (${error instanceof Error ? error.message : String(error)})`);
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
