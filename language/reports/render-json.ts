import type { ReportDocument } from './report-document.js';

/**
 * The report's own JSON form (documented for other tools), indented by two spaces and ending
 * with a newline. Key order is the order the report builds its objects in, so the same model
 * gives the same bytes.
 */
export function renderJson(document: ReportDocument): string {
    return JSON.stringify(document.json ?? null, null, 2) + '\n';
}
