import type { Framework } from '../generated/ast.js';
import { deriveProfile } from '../frameworks/framework-profile.js';
import { listedFrameworks, primaryFramework } from '../frameworks/listed-frameworks.js';
import { MappingIndex } from '../frameworks/mapping-index.js';
import type { IsmsServices } from '../isms-module.js';
import type { CoverageJson, ProfileBodyJson } from './framework-profile-schema.js';
import { frameworkFact, profileBody, profileReportHeader, profiledFramework, requirementRows, requirementsTable, sourcesFact, STATE_COLUMNS, stateCells } from './framework-profile-report.js';
import type { ReportContext } from './report-context.js';
import { metaWith, modelErrorNotice } from './report-context.js';
import type { ReportDocument, ReportTable } from './report-document.js';
import { column } from './report-document.js';

/**
 * The coverage matrix (`isms coverage`): every framework the isms block lists (or the one
 * named), profiled against the primary framework. A matrix of state counts per framework
 * first, then each framework's requirements.
 */
export function buildCoverage(services: IsmsServices, context: ReportContext, frameworkName?: string): ReportDocument {
    const { primary, frameworks } = coveredFrameworks(services, frameworkName);
    const mappings = MappingIndex.of(services);
    const bodies = frameworks.map(framework => profileBody(deriveProfile(services, framework, primary, mappings)));
    const json: CoverageJson = { ...profileReportHeader(context, primary), frameworks: bodies };
    return {
        kind: 'coverage',
        title: 'Coverage matrix',
        meta: metaWith(context, [
            ['Primary framework', frameworkFact(primary)],
            ['Frameworks', frameworks.length > 0 ? frameworks.map(frameworkFact).join(', ') : 'none: the isms block lists no other framework'],
            ...bodies.map(body => [`Mapping sources of ${body.framework.name}`, sourcesFact(body)] as const)
        ]),
        notice: modelErrorNotice(context),
        tables: [matrixTable(bodies), ...bodies.map(body => requirementsTable(`${body.framework.name} requirements`, requirementRows(body)))],
        csvTable: allRequirementsTable(bodies),
        json
    };
}

/** The primary framework, and the frameworks to profile against it: the one named, else those the isms block lists. */
function coveredFrameworks(services: IsmsServices, frameworkName: string | undefined): { primary: Framework, frameworks: Framework[] } {
    if (frameworkName) {
        const { primary, framework } = profiledFramework(services, frameworkName);
        return { primary, frameworks: [framework] };
    }
    const index = services.model.ModelIndex;
    const primary = primaryFramework(index);
    if (!primary) {
        throw new Error(`no framework named '${index.ismsBlock()?.framework[0]?.$refText}' is declared; the coverage needs the primary framework it is derived from`);
    }
    return { primary, frameworks: listedFrameworks(index) };
}

/** Framework × state: how many requirements of each framework are in each state, and the percent covered. */
function matrixTable(bodies: readonly ProfileBodyJson[]): ReportTable {
    return {
        title: 'Coverage',
        columns: [column('framework', 'Framework', 14), column('title', 'Title', 40), ...STATE_COLUMNS],
        rows: bodies.map(body => ({ framework: body.framework.name, title: body.framework.title, ...stateCells(body.summary) }))
    };
}

/** For CSV: every framework's requirements in one table, each row naming its framework. */
function allRequirementsTable(bodies: readonly ProfileBodyJson[]): ReportTable {
    return requirementsTable('Requirements', bodies.flatMap(body => requirementRows(body, true)), true);
}
