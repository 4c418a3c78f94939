import { escapeJsonControlCharacters } from '../text/control-characters.js';
import type { ReportDocument } from './report-document.js';

/**
 * The report's own JSON form (documented for other tools), indented by two spaces and ending
 * with a newline. Key order is the order the report builds its objects in, so the same model
 * gives the same bytes. Bidi and other control characters that JSON leaves raw are written as
 * `\u` escapes: the data is unchanged, and the file is harmless to print.
 */
export function renderJson(document: ReportDocument): string {
    return escapeJsonControlCharacters(JSON.stringify(document.json ?? null, null, 2)) + '\n';
}
