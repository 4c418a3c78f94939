import type { CellValue, ReportTable } from './report-document.js';

/** A table's text size in points and its column widths in twentieths of a point. */
export interface DocxTableLayout {
    readonly fontSize: number;
    readonly widths: readonly number[];
}

/** Table text sizes in points: a table with many columns is set smaller, down to a size that still reads in print. */
export const TABLE_FONT = { largest: 10, smallest: 6.5 };
/** About the width of a bold character of ids and capitals, in twentieths of a point per point of font size. */
const CHARACTER_WIDTH = 13;
/** Word's default cell margins, left and right, in twentieths of a point. */
const CELL_PADDING = 2 * 108;
/** A word longer than this may break: wrapping a long URL is better than starving the other columns. */
const LONGEST_UNBROKEN_WORD = 16;

/**
 * Lays a table out on `textWidth`: first every column gets the room of its longest word (so that
 * ids such as `A.5.12` or `R-002` and words such as `applicable` never break), at the largest
 * size that allows it; what is left goes to the columns in proportion to how much more their
 * spreadsheet width asks for, so that prose columns wrap rather than the short ones.
 */
export function layoutDocxTable(table: ReportTable, textWidth: number): DocxTableLayout {
    const minimum = table.columns.map(column => 2 + Math.max(longestWord(column.header), ...table.rows.map(row => longestWord(row[column.key] ?? null))));
    const neededChars = minimum.reduce((sum, chars) => sum + chars, 0);
    const textRoom = Math.max(1, textWidth - CELL_PADDING * table.columns.length);
    const fontSize = Math.max(TABLE_FONT.smallest, Math.min(TABLE_FONT.largest, textRoom / (CHARACTER_WIDTH * neededChars)));
    const availableChars = textRoom / (CHARACTER_WIDTH * fontSize);
    const wishes = table.columns.map((column, index) => Math.max(0, column.width - minimum[index]));
    const totalWish = wishes.reduce((sum, wish) => sum + wish, 0);
    const spare = Math.max(0, availableChars - neededChars);
    const chars = minimum.map((least, index) => least + (totalWish > 0 ? spare * wishes[index] / totalWish : spare / minimum.length));
    // Rounded so that the columns still fill the text width exactly.
    const scale = textRoom / chars.reduce((sum, width) => sum + width, 0);
    const widths = chars.map(width => CELL_PADDING + Math.max(1, Math.floor(width * scale)));
    widths[widths.length - 1] += textWidth - widths.reduce((sum, width) => sum + width, 0);
    return { fontSize, widths };
}

function longestWord(value: CellValue): number {
    if (value === null) return 0;
    const text = typeof value === 'number' ? String(value) : value;
    let longest = 0;
    for (const word of text.split(/\s+/)) longest = Math.max(longest, [...word].length);
    return Math.min(LONGEST_UNBROKEN_WORD, longest);
}
