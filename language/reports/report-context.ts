import { URI } from 'langium';
import type { IsmsServices } from '../isms-module.js';
import type { MethodologyInForce } from '../risk/methodology.js';
import type { RiskTrend } from './review-pack-schema.js';

/** What every report states in its header. */
export interface ReportContext {
    readonly isms: string;
    readonly organization: string;
    /** The date the report is as of (YYYY-MM-DD): "today" of the settings, so that it can be fixed. */
    readonly generatedAt: string;
    /** The git commit of the workspace, when it is a git checkout. */
    readonly commit: string | null;
    /** Errors in the model the report is built from; the report says so when there are any. */
    readonly modelErrors: number;
    /** For the review pack: the risk trend since the previous review, read from git by the caller. */
    readonly riskTrend?: RiskTrend;
    /** For the SoA: only the controls with all these attribute values, and rows grouped by an attribute. */
    readonly soaView?: SoaView;
}

export interface SoaView {
    /** Attribute values (ISO/IEC 27002:2022 style: `Preventive`, `Integrity`) a control must all have. */
    readonly attributes?: readonly string[];
    /** An attribute whose values group the rows of the controls table. */
    readonly groupBy?: string;
}

export function reportContext(services: IsmsServices, commit: string | null): ReportContext {
    const block = services.model.ModelIndex.ismsBlock();
    return {
        isms: block?.title ?? '',
        organization: block?.organization[0] ?? '',
        generatedAt: services.config.Settings.today(),
        commit,
        modelErrors: countModelErrors(services)
    };
}

/** Errors among the diagnostics of the user's documents (the built-in catalog has none of its own). */
function countModelErrors(services: IsmsServices): number {
    const documents = services.shared.workspace.LangiumDocuments;
    return services.model.ModelIndex.userDocumentUris()
        .flatMap(uri => documents.getDocument(URI.parse(uri))?.diagnostics ?? [])
        .filter(diagnostic => diagnostic.severity === 1).length;
}

export function contextMeta(context: ReportContext): Array<readonly [string, string]> {
    return [['ISMS', context.isms], ['Organization', context.organization], ['Date', context.generatedAt],
        ...(context.commit ? [['Commit', context.commit] as const] : [])];
}

/** `meta` with `facts` inserted after the ISMS and organisation, before the date and commit. */
export function metaWith(context: ReportContext, facts: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
    const meta = contextMeta(context);
    return [...meta.slice(0, 2), ...facts, ...meta.slice(2)];
}

/**
 * The warning a report carries inside itself when the model it was built from has errors: a
 * reader of the file alone, without the console that generated it, must see it.
 */
export function modelErrorNotice(context: ReportContext): string | undefined {
    if (context.modelErrors === 0) return undefined;
    const errors = context.modelErrors === 1 ? '1 error' : `${context.modelErrors} errors`;
    return `This report was generated from a model with ${errors}, so it may be incomplete or wrong. `
        + 'Run isms validate (or see the Problems view), fix the errors and generate the report again.';
}

/**
 * The methodology in force as the header names it: its name, version and approval, and the
 * appetite, such as `FiveByFive, version 2.3, approved by CEO on 2026-01-15, appetite 9`.
 */
export function methodologyFact(methodology: MethodologyInForce): string {
    const node = methodology.node;
    const parts = [methodology.name];
    if (node) {
        parts.push(node.version[0]?.trim() ? `version ${node.version[0].trim()}` : 'no version stated');
        const approval = [node.approvedBy[0]?.$refText && `by ${node.approvedBy[0].$refText}`, node.approvedOn[0] && `on ${node.approvedOn[0]}`].filter(Boolean);
        if (approval.length > 0) parts.push(`approved ${approval.join(' ')}`);
    }
    parts.push(`appetite ${methodology.appetite}`);
    return parts.join(', ');
}

/** The version of the declared methodology in force; null when it states none or none is declared. */
export function methodologyVersion(methodology: MethodologyInForce): string | null {
    return methodology.node?.version[0]?.trim() || null;
}

/**
 * The JSON header the reports drawn from the risk methodology share (risk register, treatment
 * plan, management-review pack), in the order their schemas list it.
 */
export function methodologyReportHeader(context: ReportContext, methodology: MethodologyInForce) {
    return {
        isms: context.isms,
        organization: context.organization,
        methodology: methodology.name,
        methodologyVersion: methodologyVersion(methodology),
        generatedAt: context.generatedAt,
        commit: context.commit,
        modelErrors: context.modelErrors
    };
}
