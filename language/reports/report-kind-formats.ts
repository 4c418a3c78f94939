import type { ReportKind } from './report-document.js';
import type { ReportFormat } from './report-formats.js';

/**
 * The reports not offered in every format: the management-review pack is a document to read,
 * not a table to sort, so it has a Word form but no CSV or spreadsheet one. Kept apart from the
 * generators so that the editor extension can ask without loading them.
 */
const ONLY_IN: Partial<Record<ReportKind, readonly ReportFormat[]>> = {
    'review-pack': ['md', 'html', 'docx', 'json']
};

export function isOfferedFormat(kind: ReportKind, format: ReportFormat): boolean {
    return ONLY_IN[kind]?.includes(format) ?? true;
}
