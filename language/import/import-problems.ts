/**
 * What is wrong with one cell of an imported sheet, located as a spreadsheet user finds it:
 * the sheet's name, the 1-based row and the column letter, and what the cell should hold.
 */
export interface ImportProblem {
    readonly sheet: string;
    readonly row: number;
    readonly column: string;
    readonly message: string;
    readonly expected?: string;
}

/** `FILE:SHEET!ROW:COL: message (expected …)`, one line. */
export function formatProblem(file: string, problem: ImportProblem): string {
    const expected = problem.expected ? ` (expected ${problem.expected})` : '';
    return `${file}:${problem.sheet}!${problem.row}:${problem.column}: ${problem.message}${expected}`;
}

/** `A` for the first column, `AA` for the 27th. */
export function columnLetter(index: number): string {
    let letters = '';
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
        letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    }
    return letters;
}
