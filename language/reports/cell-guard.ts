/**
 * Guard against formula injection ("CSV injection") in spreadsheet output, shared by the CSV and
 * XLSX renderers. Model text is written by many people and may be pasted from anywhere; a cell
 * whose text starts with `=`, `+`, `-` or `@` is taken as a formula by spreadsheet programs (when
 * a CSV file is opened, or when a cell is edited or copied out of an XLSX file), and a leading tab
 * or carriage return is used to smuggle one past naive checks. Such text gets a leading
 * apostrophe, so that it is shown as text and never evaluated (OWASP's recommendation).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text with a leading `'` when it could be taken for a formula; otherwise unchanged. */
export function neutralizeCell(value: string): string {
    return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A formula character right after a `;` (quotes and spaces between them included). A spreadsheet
 * whose list separator is `;` (most of continental Europe) splits a comma-separated line at each
 * `;`, quoted or not, so the text after one starts a cell of its own.
 */
const FORMULA_AFTER_SEMICOLON = /;(["\s]*)(?=[=+\-@])/g;

/** CSV text with a `'` before each formula character that a `;` would make start a cell. */
export function neutralizeCsvField(value: string): string {
    return value.includes(';') ? value.replace(FORMULA_AFTER_SEMICOLON, ";$1'") : value;
}
