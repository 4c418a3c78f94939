/**
 * Row heights for spreadsheet rows whose cells wrap.
 *
 * Why: Excel fits a row's height to its wrapped text when it opens a file, but LibreOffice does
 * not for rows exceljs writes, so there the wrapped lines of one row run under the next. The
 * height is therefore written explicitly, estimated from the text and the column widths.
 */

/** Points per line of the default 11-point font, and the padding above and below the text. */
const LINE_HEIGHT = 15;
const PADDING = 2;
/** Excel's largest row height, in points. */
const MAX_ROW_HEIGHT = 409;

export interface SizedCell {
    readonly text: string;
    /** Column width in characters (of the digit 0). */
    readonly width: number;
    readonly wraps: boolean;
}

/** The height in points that shows every line of every cell of a row. */
export function rowHeight(cells: readonly SizedCell[]): number {
    const lines = Math.max(1, ...cells.map(cellLines));
    return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + PADDING);
}

/**
 * The lines a cell takes: each explicit line break starts a line; a wrapping cell breaks its
 * text between words, as a spreadsheet does, and a word longer than the line takes as many
 * lines as it needs. One character is kept spare per line, since proportional text is not
 * measured exactly and an estimate too low hides text, while one too high only leaves space.
 */
export function cellLines(cell: SizedCell): number {
    if (!cell.wraps) return 1;
    const perLine = Math.max(1, Math.floor(cell.width) - 1);
    return cell.text.split(/\r\n|\r|\n/).reduce((sum, paragraph) => sum + paragraphLines(paragraph, perLine), 0);
}

function paragraphLines(paragraph: string, perLine: number): number {
    let lines = 1;
    let used = 0;
    for (const word of paragraph.split(' ')) {
        const length = [...word].length;
        const needed = used === 0 ? length : used + 1 + length;
        if (needed <= perLine) {
            used = needed;
        } else if (used === 0) {
            // A word longer than the line is broken across as many lines as it needs.
            lines += Math.ceil(length / perLine) - 1;
            used = length % perLine || perLine;
        } else {
            lines += Math.ceil(length / perLine);
            used = length % perLine || perLine;
        }
    }
    return lines;
}
