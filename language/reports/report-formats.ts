import type { IsmsServices } from '../isms-module.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportContext } from './report-context.js';
import type { ReportDocument, ReportKind } from './report-document.js';
import { buildCoverage } from './coverage-report.js';
import { buildFrameworkProfile } from './framework-profile-report.js';
import { buildReviewPack } from './review-pack-report.js';
import { buildRiskRegister } from './risk-register-report.js';
import { buildSoa } from './soa-report.js';
import { buildTreatmentPlan } from './treatment-plan-report.js';
import { primaryFramework } from '../frameworks/listed-frameworks.js';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'xlsx', 'docx', 'json'] as const;
export type ReportFormat = typeof REPORT_FORMATS[number];
/** Formats whose bytes are not text: written to a file, never to standard output. */
export const BINARY_REPORT_FORMATS: readonly ReportFormat[] = ['xlsx', 'docx'];

export const REPORT_KINDS: readonly ReportKind[] = ['soa', 'risk-register', 'treatment-plan', 'review-pack', 'framework-profile', 'coverage'];

/** File names of the reports, without extension. */
export const REPORT_FILE_NAMES: Record<ReportKind, string> = {
    'soa': 'statement-of-applicability',
    'risk-register': 'risk-register',
    'treatment-plan': 'risk-treatment-plan',
    'review-pack': 'management-review-pack',
    'framework-profile': 'framework-profile',
    'coverage': 'coverage-matrix'
};

export function isReportFormat(value: string): value is ReportFormat {
    return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** `statement-of-applicability.md`; a framework's profile is named after the framework: `framework-profile-CSF2.md`. */
export function reportFileName(kind: ReportKind, format: ReportFormat, framework?: string): string {
    return kind === 'framework-profile' && framework ? `${REPORT_FILE_NAMES[kind]}-${framework}.${format}` : `${REPORT_FILE_NAMES[kind]}.${format}`;
}

/** The usual file name of a document built by `buildReport`. */
export function documentFileName(document: ReportDocument, format: ReportFormat): string {
    const kind = document.kind;
    if (kind === 'model-diff') throw new Error('a comparison of the model is not a report');
    const framework = kind === 'framework-profile' ? (document.json as { framework?: { name?: string } }).framework?.name : undefined;
    return reportFileName(kind, format, framework);
}

/**
 * Builds a report from the validated model. The SoA of a framework other than the primary one
 * is that framework's profile, derived through its mappings from the primary framework's SoA.
 */
export function buildReport(services: IsmsServices, kind: ReportKind, context: ReportContext, framework?: string): ReportDocument {
    switch (kind) {
        case 'soa': {
            const primary = primaryFramework(services.model.ModelIndex);
            return framework && primary && framework !== primary.name ? buildFrameworkProfile(services, context, framework) : buildSoa(services, context, framework);
        }
        case 'framework-profile': return buildFrameworkProfile(services, context, framework);
        case 'coverage': return buildCoverage(services, context, framework);
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
        // So is the Word writer (docx).
        case 'docx': return (await import('./render-docx.js')).renderDocx(document);
    }
}
