import type { ColumnMap } from './column-mapping.js';
import { columnLetter, type ImportProblem } from './import-problems.js';
import type { SheetData } from './read-sheet.js';

/** One data row below the header, read by field, with its problems located at the field's column. */
export interface DataRow {
    /** 1-based, as the spreadsheet numbers it. */
    readonly number: number;
    cell(field: string): string;
    problem(field: string, message: string, expected?: string): void;
}

/** The rows below the header that hold anything; their problems are added to `problems`. */
export function dataRows(sheet: SheetData, columns: ColumnMap, problems: ImportProblem[]): DataRow[] {
    const rows: DataRow[] = [];
    for (let r = columns.headerRow + 1; r < sheet.rows.length; r++) {
        const cells = sheet.rows[r];
        if (cells.every(cell => cell === '')) continue;
        const number = r + 1;
        rows.push({
            number,
            cell: field => { const c = columns.fields.get(field); return c === undefined ? '' : cells[c] ?? ''; },
            problem: (field, message, expected) =>
                problems.push({ sheet: sheet.name, row: number, column: columnLetter(columns.fields.get(field) ?? 0), message, expected })
        });
    }
    return rows;
}
