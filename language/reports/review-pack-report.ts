import type { IsmsServices } from '../isms-module.js';
import type { ReportContext } from './report-context.js';
import { contextMeta, methodologyFact, methodologyReportHeader, modelErrorNotice } from './report-context.js';
import type { ReportDocument, ReportTable } from './report-document.js';
import { column } from './report-document.js';
import { gatherReviewInputs } from './review-pack-inputs.js';
import type { CorrectiveActionJson, ReviewPackInputs, ReviewPackJson, RiskTrend } from './review-pack-schema.js';

/**
 * The management-review pack (clause 9.3): for each of the ten inputs of 9.3.2, what the model
 * knows, as of the report's date. A first table sums up every input; a table per input follows,
 * titled with the letter of 9.3.2 it answers.
 */
export function buildReviewPack(services: IsmsServices, context: ReportContext): ReportDocument {
    const methodology = services.model.RiskScoring.methodology();
    const { previousReview, inputs } = gatherReviewInputs(services, context.generatedAt, context.riskTrend);
    const json: ReviewPackJson = {
        ...methodologyReportHeader(context, methodology),
        previousReview,
        inputs
    };
    const previous = previousReview ? `${previousReview.id} (${previousReview.date})` : 'none on or before this date';
    return {
        kind: 'review-pack',
        title: 'Management review pack',
        meta: [...contextMeta(context).slice(0, 2), ['Methodology', methodologyFact(methodology)],
            ['Previous review', previous], ...contextMeta(context).slice(2)],
        notice: modelErrorNotice(context),
        tables: [summaryTable(json), ...inputTables(json)],
        json
    };
}

function trendSummary(trend: RiskTrend): string {
    if (!trend.since) return `no risk trend (${trend.unavailable ?? 'no history'})`;
    const moved = (change: RiskTrend['risks'][number]['change']) => trend.risks.filter(risk => risk.change === change).length;
    return `since ${trend.since.review} (commit ${trend.since.commit.slice(0, 12)} of ${trend.since.commitDate}): `
        + `${moved('up')} up, ${moved('down')} down, ${moved('added')} added, ${moved('removed')} removed, ${trend.unchanged} unchanged`;
}

/** The ten inputs, in the order of 9.3.2, with the clause each answers. */
const INPUTS: ReadonlyArray<readonly [keyof ReviewPackInputs, string]> = [
    ['actions-status', '9.3.2 a'], ['context-changes', '9.3.2 b'], ['interested-parties', '9.3.2 c'],
    ['nonconformities', '9.3.2 d 1'], ['monitoring', '9.3.2 d 2'], ['audit-results', '9.3.2 d 3'], ['objectives', '9.3.2 d 4'],
    ['feedback', '9.3.2 e'], ['risk-assessment', '9.3.2 f'], ['improvement', '9.3.2 g']
];

function summaryTable(pack: ReviewPackJson): ReportTable {
    const summaries = summariesOf(pack);
    return {
        title: 'Inputs',
        columns: [column('input', 'Input', 20), column('clause', 'Clause', 10), column('summary', 'What the model holds', 80)],
        rows: INPUTS.map(([input, clause]) => ({ input, clause, summary: summaries[input] }))
    };
}

function summariesOf({ previousReview, inputs }: ReviewPackJson): Record<keyof ReviewPackInputs, string> {
    const since = previousReview ? 'since the previous review' : 'so far (no earlier review)';
    const actions = inputs['actions-status'].actions;
    const context = inputs['context-changes'];
    const requirements = inputs['interested-parties'].parties.flatMap(party => party.requirements);
    const nonconformities = inputs['nonconformities'].nonconformities;
    const monitoring = inputs['monitoring'];
    const findings = inputs['audit-results'].audits.flatMap(audit => audit.findings);
    const objectives = inputs['objectives'].objectives;
    const suppliers = inputs['feedback'].suppliers;
    const risks = inputs['risk-assessment'];
    const opportunities = inputs['improvement'].opportunities;
    const tally = <T>(items: readonly T[], value: (item: T) => string | null, words: readonly string[]) =>
        words.map(word => `${items.filter(item => value(item) === word).length} ${word}`).join(', ');
    return {
        'actions-status': `${previousReview ? `${count(inputs['actions-status'].decisions.length, 'decision')} of ${previousReview.id}; ` : ''}`
            + `${count(actions.length, 'action')} due, ${actions.filter(action => action.status !== 'closed').length} not closed, ${actions.filter(action => action.overdue).length} overdue`,
        'context-changes': `${count(context.issues.length, 'context issue')}; ${count(context.changes.length, 'change')} ${since}; climate change: ${context.climate?.relevance ?? 'not determined'}`,
        'interested-parties': `${count(inputs['interested-parties'].parties.length, 'interested party', 'interested parties')}, ${count(requirements.length, 'requirement')}, `
            + `${requirements.filter(requirement => requirement.addressedBy.length === 0).length} not addressed`,
        'nonconformities': `${count(nonconformities.length, 'nonconformity', 'nonconformities')}: ${tally(nonconformities, nc => nc.state, ['open', 'closed'])}; `
            + `${nonconformities.filter(nc => nc.new).length} new ${since}`,
        'monitoring': `${count(monitoring.measurements.filter(objective => objective.latest).length, 'objective')} measured: `
            + `${tally(monitoring.measurements, objective => objective.trend, ['improving', 'worsening', 'steady'])}; ${count(monitoring.incidents.length, 'incident')} ${since}`,
        'audit-results': `${count(inputs['audit-results'].audits.length, 'audit')} ${since}, ${count(findings.length, 'finding')}: `
            + tally(findings, finding => finding.severity, ['major', 'minor', 'observation']),
        'objectives': `${count(objectives.length, 'objective')}: ${tally(objectives, objective => objective.status, ['met', 'missed', 'unmeasured'])}`,
        'feedback': `${count(suppliers.length, 'supplier')}: ${tally(suppliers, supplier => supplier.status, ['reviewed', 'overdue', 'never-reviewed'])}`,
        'risk-assessment': `${count(risks.aboveAppetite.length, 'risk')} above appetite ${risks.appetite} and not accepted; `
            + `${tally(risks.acceptances, acceptance => acceptance.state, ['expiring', 'expired'])} acceptances; `
            + `${count(risks.treatments.length, 'treatment')}: ${tally(risks.treatments, treatment => treatment.state, ['done', 'in-progress', 'overdue'])}; `
            + trendSummary(risks.trend),
        'improvement': `${count(opportunities.length, 'opportunity', 'opportunities')}: ${tally(opportunities, opportunity => opportunity.status, ['open', 'in-progress', 'closed'])}, `
            + `${opportunities.filter(opportunity => opportunity.overdue).length} overdue`
    };
}

function inputTables({ previousReview, inputs }: ReviewPackJson): ReportTable[] {
    const context = inputs['context-changes'];
    const risks = inputs['risk-assessment'];
    const list = (values: readonly string[]) => values.join(', ');
    const yesNo = (value: boolean) => value ? 'yes' : 'no';
    return [{
        title: 'a) Decisions of the previous review',
        columns: [column('review', 'Review', 12), column('date', 'Date', 11), column('decision', 'Decision', 80)],
        rows: inputs['actions-status'].decisions.map(decision => ({ review: previousReview?.id ?? null, date: previousReview?.date ?? null, decision }))
    }, {
        title: 'a) Actions due',
        columns: [column('kind', 'Kind', 18), column('source', 'From', 14), column('title', 'Action', 40), column('owner', 'Owner', 10),
            column('due', 'Due', 11), column('status', 'Status', 12), column('closed', 'Closed', 11), column('overdue', 'Overdue', 8)],
        rows: inputs['actions-status'].actions.map(action => ({ ...action, overdue: yesNo(action.overdue) }))
    }, {
        title: 'b) Context issues',
        columns: [column('id', 'Issue', 10), column('title', 'Title', 40), column('origin', 'Origin', 10), column('topic', 'Topic', 12),
            column('owner', 'Owner', 10), column('addressedBy', 'Addressed by', 24)],
        rows: context.issues.map(issue => ({ ...issue, addressedBy: list(issue.addressedBy) }))
    }, {
        title: 'b) Changes',
        columns: [column('id', 'Change', 10), column('title', 'Title', 40), column('date', 'Date', 11), column('owner', 'Owner', 10),
            column('approved', 'Approved', 22), column('affects', 'Affects', 24)],
        rows: context.changes.map(change => ({
            id: change.id, title: change.title, date: change.date, owner: change.owner, affects: list(change.affects),
            approved: change.approvedBy ? `${change.approvedBy}${change.approvedOn ? ` on ${change.approvedOn}` : ''}` : null
        }))
    }, {
        title: 'c) Interested parties',
        columns: [column('party', 'Party', 12), column('partyTitle', 'Party title', 30), column('requirement', 'Requirement', 12),
            column('title', 'Requirement title', 40), column('addressedBy', 'Addressed by', 24)],
        rows: inputs['interested-parties'].parties.flatMap(party => (party.requirements.length > 0 ? party.requirements : [null]).map(requirement => ({
            party: party.id, partyTitle: party.title, requirement: requirement?.id ?? null, title: requirement?.title ?? null,
            addressedBy: requirement ? list(requirement.addressedBy) || 'not addressed' : null
        })))
    }, {
        title: 'd) Nonconformities',
        columns: [column('id', 'Nonconformity', 12), column('title', 'Title', 36), column('date', 'Date', 11), column('source', 'Source', 10),
            column('severity', 'Severity', 9), column('state', 'State', 8), column('new', 'New', 5), column('rootCause', 'Root cause', 30),
            column('actions', 'Corrective actions', 50)],
        rows: inputs['nonconformities'].nonconformities.map(nc => ({
            id: nc.id, title: nc.title, date: nc.date, source: nc.source, severity: nc.severity, state: nc.state, new: yesNo(nc.new),
            rootCause: nc.rootCause, actions: nc.actions.map(describeAction).join('\n')
        }))
    }, {
        title: 'd) Measurements',
        columns: [column('id', 'Objective', 10), column('metric', 'Metric', 30), column('target', 'Target', 10), column('unit', 'Unit', 8),
            column('measurements', 'Measured', 24), column('latest', 'Latest', 8), column('met', 'Met', 5), column('trend', 'Trend', 10)],
        rows: inputs['monitoring'].measurements.map(objective => ({
            id: objective.id, metric: objective.metric, target: objective.target, unit: objective.unit,
            measurements: objective.measurements.map(measurement => `${measurement.date}: ${measurement.value}`).join('\n'),
            latest: objective.latest?.value ?? null, met: objective.met === null ? null : yesNo(objective.met), trend: objective.trend
        }))
    }, {
        title: 'd) Incidents',
        columns: [column('id', 'Incident', 10), column('title', 'Title', 40), column('date', 'Date', 11), column('severity', 'Severity', 9),
            column('risks', 'Risks', 16), column('lessons', 'Lessons', 40)],
        rows: inputs['monitoring'].incidents.map(incident => ({ ...incident, risks: list(incident.risks) }))
    }, {
        title: 'd) Audit results',
        columns: [column('audit', 'Audit', 10), column('date', 'Date', 11), column('auditor', 'Auditor', 16), column('finding', 'Finding', 8),
            column('title', 'Title', 36), column('severity', 'Severity', 11), column('controls', 'Controls', 14),
            column('nonconformity', 'Nonconformity', 12), column('actions', 'Corrective actions', 40)],
        rows: inputs['audit-results'].audits.flatMap(audit => (audit.findings.length > 0 ? audit.findings : [null]).map(finding => ({
            audit: audit.id, date: audit.date, auditor: audit.auditor, finding: finding?.id ?? null, title: finding?.title ?? audit.title,
            severity: finding?.severity ?? null, controls: finding ? list(finding.controls) : null, nonconformity: finding?.nonconformity ?? null,
            actions: finding?.actions.map(describeAction).join('\n') ?? null
        })))
    }, {
        title: 'd) Objectives',
        columns: [column('id', 'Objective', 10), column('title', 'Title', 40), column('target', 'Target', 10), column('latest', 'Latest', 8),
            column('status', 'Status', 12), column('owner', 'Owner', 10), column('due', 'Due', 11)],
        rows: inputs['objectives'].objectives
    }, {
        title: 'e) Supplier reviews',
        columns: [column('id', 'Supplier', 10), column('title', 'Title', 30), column('criticality', 'Criticality', 10), column('reviewed', 'Reviewed', 11),
            column('nextReview', 'Next review', 11), column('status', 'Status', 14), column('certifications', 'Certifications', 30)],
        rows: inputs['feedback'].suppliers.map(supplier => ({ ...supplier, certifications: list(supplier.certifications) }))
    }, {
        title: 'f) Risk levels',
        columns: [column('level', 'Level', 12), column('inherent', 'Inherent', 9), column('residual', 'Residual', 9)],
        rows: risks.levels.map(level => ({ ...level }))
    }, {
        title: 'f) Above appetite',
        columns: [column('id', 'Risk', 9), column('title', 'Title', 40), column('owner', 'Owner', 10), column('residualScore', 'Residual', 9),
            column('residualLevel', 'Residual level', 14)],
        rows: risks.aboveAppetite.map(risk => ({
            id: risk.id, title: risk.title, owner: risk.owner, residualScore: risk.residual.score, residualLevel: risk.residual.level
        }))
    }, {
        title: 'f) Risk trend since the previous review',
        columns: [column('id', 'Risk', 9), column('title', 'Title', 40), column('change', 'Change', 9), column('fromScore', 'Then', 7),
            column('fromLevel', 'Level then', 12), column('toScore', 'Now', 7), column('toLevel', 'Level now', 12)],
        rows: risks.trend.risks.map(risk => ({
            id: risk.id, title: risk.title, change: risk.change,
            fromScore: risk.from?.score ?? null, fromLevel: risk.from?.level ?? null, toScore: risk.to?.score ?? null, toLevel: risk.to?.level ?? null
        }))
    }, {
        title: 'f) Acceptances running out',
        columns: [column('id', 'Risk', 9), column('title', 'Title', 40), column('by', 'Accepted by', 11), column('until', 'Until', 11), column('state', 'State', 10)],
        rows: risks.acceptances
    }, {
        title: 'f) Treatment progress',
        columns: [column('id', 'Risk', 9), column('title', 'Title', 40), column('treatment', 'Treatment', 11), column('due', 'Due', 11),
            column('controls', 'Controls', 9), column('implemented', 'Implemented', 11), column('state', 'State', 12)],
        rows: risks.treatments
    }, {
        title: 'g) Opportunities',
        columns: [column('id', 'Opportunity', 11), column('title', 'Title', 40), column('owner', 'Owner', 10), column('due', 'Due', 11),
            column('status', 'Status', 12), column('overdue', 'Overdue', 8)],
        rows: inputs['improvement'].opportunities.map(opportunity => ({ ...opportunity, overdue: yesNo(opportunity.overdue) }))
    }];
}

/** One corrective action on one line: its title and state. */
function describeAction(action: CorrectiveActionJson): string {
    const facts = [
        action.status ?? 'no status', action.owner && `owner ${action.owner}`, action.due && `due ${action.due}`,
        action.closed && `closed ${action.closed}`, action.overdue && 'overdue', action.effective && `effective ${action.effective}`,
        action.verifiedBy && `verified by ${action.verifiedBy}${action.verifiedOn ? ` on ${action.verifiedOn}` : ''}`
    ].filter(Boolean);
    return `${action.title} (${facts.join(', ')})`;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
    return `${n} ${n === 1 ? singular : plural}`;
}
