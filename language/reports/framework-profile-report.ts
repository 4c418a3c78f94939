import type { Framework } from '../generated/ast.js';
import type { FrameworkProfile, StateCounts } from '../frameworks/framework-profile.js';
import { deriveProfile } from '../frameworks/framework-profile.js';
import { findFramework, primaryFramework } from '../frameworks/listed-frameworks.js';
import { MappingIndex } from '../frameworks/mapping-index.js';
import type { IsmsServices } from '../isms-module.js';
import type { ReportContext } from './report-context.js';
import { metaWith, modelErrorNotice } from './report-context.js';
import type { CellValue, ReportDocument, ReportTable } from './report-document.js';
import { column } from './report-document.js';
import type { FrameworkProfileJson, ProfileBodyJson } from './framework-profile-schema.js';

/**
 * A framework's profile (`isms soa --framework X` for a framework other than the primary one):
 * each of its requirements with the primary controls mapped to it, their SoA decision and
 * status, and the state that follows; a summary by theme first.
 */
export function buildFrameworkProfile(services: IsmsServices, context: ReportContext, frameworkName: string | undefined): ReportDocument {
    const { framework, primary } = profiledFramework(services, frameworkName);
    const body = profileBody(deriveProfile(services, framework, primary, MappingIndex.of(services)));
    const json: FrameworkProfileJson = { ...profileReportHeader(context, primary), ...body };
    const requirements = requirementsTable('Requirements', requirementRows(body));
    return {
        kind: 'framework-profile',
        title: `Framework profile: ${framework.name}`,
        meta: metaWith(context, [
            ['Framework', frameworkFact(framework)],
            ['Primary framework', frameworkFact(primary)],
            ['Mapping sources', sourcesFact(body)]
        ]),
        notice: modelErrorNotice(context),
        tables: [profileSummaryTable(body), requirements],
        csvTable: requirements,
        json
    };
}

/**
 * The primary framework and the one to profile against it. The profile needs both to be
 * declared and to differ: the primary framework's own report is its SoA.
 */
export function profiledFramework(services: IsmsServices, frameworkName: string | undefined): { framework: Framework, primary: Framework } {
    const index = services.model.ModelIndex;
    const primary = primaryFramework(index);
    if (!primary) {
        throw new Error(`no framework named '${index.ismsBlock()?.framework[0]?.$refText}' is declared; a profile needs the primary framework it is derived from`);
    }
    const name = frameworkName ?? index.ismsBlock()?.frameworks.map(reference => reference.$refText).find(listed => listed !== primary.name);
    if (!name) throw new Error('no framework to profile: the isms block lists none with `frameworks`, and none was named');
    const framework = findFramework(index, name);
    if (!framework) throw new Error(`no framework named '${name}' is declared`);
    if (framework.name === primary.name) throw new Error(`${name} is the primary framework: its report is the Statement of Applicability`);
    return { framework, primary };
}

/** The profile as the JSON shape gives it, without the report's header. */
export function profileBody(profile: FrameworkProfile): ProfileBodyJson {
    return {
        framework: frameworkRef(profile.framework),
        sources: profile.sources.map(source => ({ mapping: source.mapping, label: source.label, edges: source.edges })),
        summary: profile.summary,
        requirements: profile.requirements.map(requirement => ({
            id: requirement.id,
            title: requirement.title,
            theme: requirement.theme,
            state: requirement.state,
            why: requirement.why,
            mappings: requirement.mappings.map(mapping => ({
                id: mapping.id,
                title: mapping.title,
                relationship: mapping.relationship,
                decision: mapping.decision,
                status: mapping.status,
                implemented: mapping.implemented,
                edges: mapping.edges.map(edge => ({ relationship: edge.relationship, stated: edge.stated, source: { mapping: edge.source.mapping, label: edge.source.label } }))
            }))
        }))
    };
}

/** The header fields the profile and the coverage matrix share. */
export function profileReportHeader(context: ReportContext, primary: Framework) {
    return {
        isms: context.isms,
        organization: context.organization,
        primaryFramework: frameworkRef(primary),
        generatedAt: context.generatedAt,
        commit: context.commit,
        modelErrors: context.modelErrors
    };
}

export function frameworkRef(framework: Framework): { name: string, title: string } {
    return { name: framework.name, title: framework.title ?? '' };
}

/** `NIST Cybersecurity Framework 2.0 (CSF2)`. */
export function frameworkFact(framework: Framework): string {
    return `${framework.title ?? framework.name} (${framework.name})`;
}

/** The sources of a profile's edges, each with how many it gives: `CSF2_TO_ISO27001_2022 (NIST …), 120 edges`. */
export function sourcesFact(body: ProfileBodyJson): string {
    if (body.sources.length === 0) return `none: no control of ${body.framework.name} is mapped to the primary framework`;
    return body.sources.map(source => {
        const name = source.mapping && source.mapping !== source.label ? `${source.mapping} (${source.label})` : source.label;
        return `${name}, ${source.edges} ${source.edges === 1 ? 'edge' : 'edges'}`;
    }).join('; ');
}

export const STATE_COLUMNS = [
    column('requirements', 'Requirements', 13), column('covered', 'Covered', 9), column('partial', 'Partial', 9),
    column('gap', 'Gap', 7), column('notApplicable', 'Not applicable', 14), column('coveredPercent', 'Covered %', 10)
];

/** The counts as table cells; the percent as `75%`, or `-` when every requirement is not applicable. */
export function stateCells(counts: StateCounts): Record<string, CellValue> {
    return {
        requirements: counts.requirements, covered: counts.covered, partial: counts.partial, gap: counts.gap,
        notApplicable: counts.notApplicable, coveredPercent: counts.coveredPercent === null ? '-' : `${counts.coveredPercent}%`
    };
}

function profileSummaryTable(body: ProfileBodyJson): ReportTable {
    return {
        title: 'Summary',
        columns: [column('theme', 'Theme', 16), ...STATE_COLUMNS],
        rows: [
            // A catalog without themes has one row, not a `none` row repeating `all`.
            ...Object.entries(body.summary.themes).filter(([theme]) => theme !== 'none' || Object.keys(body.summary.themes).length > 1)
                .map(([theme, counts]) => ({ theme, ...stateCells(counts) })),
            { theme: 'all', ...stateCells(body.summary) }
        ]
    };
}

/** One row per requirement: its state, why, and the primary controls mapped to it; with `withFramework`, the framework first. */
export function requirementsTable(title: string, rows: Array<Record<string, CellValue>>, withFramework = false): ReportTable {
    return {
        title,
        columns: [
            ...(withFramework ? [column('framework', 'Framework', 12)] : []),
            column('id', 'Requirement', 14), column('theme', 'Theme', 16), column('title', 'Title', 45), column('coverage', 'State', 14),
            column('why', 'Why', 70), column('mapped', 'Mapped controls', 45), column('sources', 'Sources', 30)
        ],
        rows
    };
}

export function requirementRows(body: ProfileBodyJson, withFramework = false): Array<Record<string, CellValue>> {
    return body.requirements.map(requirement => ({
        ...(withFramework ? { framework: body.framework.name } : {}),
        id: requirement.id,
        theme: requirement.theme,
        title: requirement.title,
        coverage: requirement.state,
        why: requirement.why,
        mapped: requirement.mappings.map(mapping => `${mapping.id} (${mapping.relationship}, ${standing(mapping)})`).join(', '),
        // A mapping by its name (the header gives its source); a control's own `maps` as such.
        sources: [...new Set(requirement.mappings.flatMap(mapping => mapping.edges.map(edge => edge.source.mapping ?? edge.source.label)))].join('; ')
    }));
}

/** What the SoA says of a mapped control, in a word or two: `implemented`, `planned`, `excluded`. */
function standing(mapping: ProfileBodyJson['requirements'][number]['mappings'][number]): string {
    if (mapping.decision !== 'applicable') return mapping.decision;
    return mapping.status ?? 'applicable, status not set';
}
