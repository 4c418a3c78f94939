import type { IsmsServices } from '../isms-module.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportContext } from './report-context.js';
import type { ReportDocument, ReportKind } from './report-document.js';
import { buildReviewPack } from './review-pack-report.js';
import { buildRiskRegister } from './risk-register-report.js';
import { buildSoa } from './soa-report.js';
import { buildTreatmentPlan } from './treatment-plan-report.js';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'xlsx', 'json'] as const;
export type ReportFormat = typeof REPORT_FORMATS[number];

export const REPORT_KINDS: readonly ReportKind[] = ['soa', 'risk-register', 'treatment-plan', 'review-pack'];

/** File names of the reports, without extension. */
export const REPORT_FILE_NAMES: Record<ReportKind, string> = {
    'soa': 'statement-of-applicability',
    'risk-register': 'risk-register',
    'treatment-plan': 'risk-treatment-plan',
    'review-pack': 'management-review-pack'
};

export function isReportFormat(value: string): value is ReportFormat {
    return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function reportFileName(kind: ReportKind, format: ReportFormat): string {
    return `${REPORT_FILE_NAMES[kind]}.${format}`;
}

/** Builds a report from the validated model. */
export function buildReport(services: IsmsServices, kind: ReportKind, context: ReportContext, framework?: string): ReportDocument {
    switch (kind) {
        case 'soa': return buildSoa(services, context, framework);
        case 'risk-register': return buildRiskRegister(services, context);
        case 'treatment-plan': return buildTreatmentPlan(services, context);
        case 'review-pack': return buildReviewPack(services, context);
    }
}

/** The bytes of `document` in `format`. The same document gives the same bytes in every format. */
export async function renderReport(document: ReportDocument, format: ReportFormat): Promise<string | Buffer> {
    switch (format) {
        case 'md': return renderMarkdown(document);
        case 'html': return renderHtml(document);
        case 'csv': return renderCsv(document);
        case 'json': return renderJson(document);
        // The XLSX writer (exceljs) is large: it is loaded only when a workbook is asked for.
        case 'xlsx': return (await import('./render-xlsx.js')).renderXlsx(document);
    }
}
