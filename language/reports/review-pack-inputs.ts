import type { AstNode } from 'langium';
import { addInterval } from '../config/calendar.js';
import type {
    Audit, Change, ContextIssue, CorrectiveAction, Incident, ManagementReview, Nonconformity, Objective, Opportunity, Party, Supplier
} from '../generated/ast.js';
import { isApply } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import { measurementsUpTo, meetsTarget, numericTarget, targetText, trendOf } from '../model/objective-target.js';
import { sortByIds } from './report-document.js';
import type { CorrectiveActionJson, ObjectiveResult, ReviewAction, ReviewPackInputs, ReviewPackJson, RiskTrend } from './review-pack-schema.js';
import { scoreJson, sortedRisks } from './risk-register-report.js';

/** How far ahead the pack looks for acceptances that run out. */
const ACCEPTANCE_HORIZON_DAYS = 90;

/**
 * What the model knows for each of the ten inputs of a management review (clause 9.3.2), as of
 * `today`. "Since the previous review" means after the date of the latest management review
 * dated on or before `today`; without one, everything up to `today` counts.
 */
export function gatherReviewInputs(services: IsmsServices, today: string, riskTrend?: RiskTrend): { previousReview: ReviewPackJson['previousReview'], inputs: ReviewPackInputs } {
    const previous = previousReview(services, today);
    const since = previous?.date[0];
    const afterPrevious = (date: string | undefined) => !since || (date !== undefined && date > since);
    // Dated later than the report: planned, not a result yet. Undated: cannot be placed, so shown.
    const sincePreviousUpToToday = (date: string | undefined) => date === undefined || (afterPrevious(date) && date <= today);
    const objectives = elements<Objective>(services, 'Objective').map(objective => objectiveResult(objective, today));
    return {
        previousReview: previous ? { id: previous.name, title: previous.title ?? '', date: previous.date[0]! } : null,
        inputs: {
            'actions-status': {
                decisions: previous?.decisions ?? [],
                actions: actionsDue(services, today, afterPrevious)
            },
            'context-changes': contextChanges(services, since),
            'interested-parties': {
                parties: elements<Party>(services, 'Party').map(party => ({
                    id: party.name, title: party.title ?? '',
                    requirements: party.requirements.filter(requirement => !!requirement.name).map(requirement => ({
                        id: requirement.name, title: requirement.title ?? '', addressedBy: references(requirement.addressedBy)
                    }))
                }))
            },
            'nonconformities': {
                nonconformities: elements<Nonconformity>(services, 'Nonconformity').map(nonconformity => ({
                    id: nonconformity.name, title: nonconformity.title ?? '', date: nonconformity.date[0] ?? null,
                    source: nonconformity.source[0]?.$refText ?? null, clause: nonconformity.clause[0] ?? null,
                    severity: oneOf(nonconformity.severity[0], ['major', 'minor'] as const), rootCause: nonconformity.rootCause[0] ?? null,
                    correction: nonconformity.correction[0] ?? null,
                    state: nonconformity.actions.length > 0 && nonconformity.actions.every(action => action.status[0] === 'closed') ? 'closed' as const : 'open' as const,
                    new: !!nonconformity.date[0] && afterPrevious(nonconformity.date[0]) && nonconformity.date[0] <= today,
                    actions: nonconformity.actions.map(action => correctiveAction(action, today))
                }))
            },
            'monitoring': {
                measurements: objectives,
                incidents: elements<Incident>(services, 'Incident').filter(incident => sincePreviousUpToToday(incident.date[0])).map(incident => ({
                    id: incident.name, title: incident.title ?? '', date: incident.date[0] ?? null,
                    severity: oneOf(incident.severity[0], ['low', 'medium', 'high', 'critical'] as const),
                    risks: references(incident.risks), lessons: incident.lessons[0] ?? null
                }))
            },
            'audit-results': {
                audits: elements<Audit>(services, 'Audit').filter(audit => sincePreviousUpToToday(audit.date[0])).map(audit => ({
                    id: audit.name, title: audit.title ?? '', date: audit.date[0] ?? null, auditor: audit.auditor[0] ?? null, covers: [...audit.covers],
                    findings: audit.findings.filter(finding => !!finding.name).map(finding => ({
                        id: finding.name, title: finding.title ?? '', severity: oneOf(finding.severity[0], ['major', 'minor', 'observation'] as const),
                        controls: references(finding.controls), nonconformity: finding.nonconformity[0]?.$refText ?? null,
                        actions: finding.actions.map(action => correctiveAction(action, today))
                    }))
                }))
            },
            'objectives': {
                objectives: objectives.map(objective => ({
                    id: objective.id, title: objective.title, target: objective.target, latest: objective.latest?.value ?? null,
                    status: !objective.comparison ? 'no-numeric-target' as const : objective.met === null ? 'unmeasured' as const : objective.met ? 'met' as const : 'missed' as const,
                    owner: objective.owner, due: objective.due
                }))
            },
            'feedback': {
                suppliers: elements<Supplier>(services, 'Supplier').map(supplier => {
                    const nextReview = supplier.reviewed[0] && supplier.review[0] ? addInterval(supplier.reviewed[0], supplier.review[0].count, supplier.review[0].unit) : null;
                    return {
                        id: supplier.name, title: supplier.title ?? '', criticality: oneOf(supplier.criticality[0], ['low', 'medium', 'high'] as const),
                        reviewed: supplier.reviewed[0] ?? null, nextReview,
                        status: !supplier.reviewed[0] ? 'never-reviewed' as const : nextReview && nextReview < today ? 'overdue' as const : 'reviewed' as const,
                        certifications: [...supplier.certifications]
                    };
                })
            },
            'risk-assessment': riskAssessment(services, today, riskTrend ?? NO_TREND),
            'improvement': {
                opportunities: elements<Opportunity>(services, 'Opportunity').map(opportunity => ({
                    id: opportunity.name, title: opportunity.title ?? '', owner: opportunity.owner[0]?.$refText ?? null, due: opportunity.due[0] ?? null,
                    status: actionStatus(opportunity.status[0]), overdue: isOverdue(opportunity.status[0], opportunity.due[0], today)
                }))
            }
        }
    };
}

/** The latest management review dated on or before `today` (of one date, the last in id order). */
export function previousReview(services: IsmsServices, today: string): ManagementReview | undefined {
    return elements<ManagementReview>(services, 'ManagementReview')
        .filter(review => review.date[0] !== undefined && review.date[0] <= today)
        .reduce<ManagementReview | undefined>((latest, review) => !latest || review.date[0]! >= latest.date[0]! ? review : latest, undefined);
}

/**
 * Actions whose due date has come: those due since the previous review, and those due earlier
 * that are still not closed. Corrective actions of nonconformities and of audit findings, then
 * opportunities.
 */
function actionsDue(services: IsmsServices, today: string, afterPrevious: (date: string | undefined) => boolean): ReviewAction[] {
    const listed = (status: string | undefined, due: string | undefined): due is string =>
        due !== undefined && due <= today && (afterPrevious(due) || status !== 'closed');
    const corrective = (source: string, actions: readonly CorrectiveAction[]): ReviewAction[] => actions
        .filter(action => listed(action.status[0], action.due[0]))
        .map(action => ({ kind: 'corrective-action' as const, source, ...actionState(action.title ?? '', action, today) }));
    return [
        ...elements<Nonconformity>(services, 'Nonconformity').flatMap(nonconformity => corrective(nonconformity.name, nonconformity.actions)),
        ...elements<Audit>(services, 'Audit').flatMap(audit => audit.findings.flatMap(finding => corrective(`${audit.name}/${finding.name ?? ''}`, finding.actions))),
        ...elements<Opportunity>(services, 'Opportunity')
            .filter(opportunity => listed(opportunity.status[0], opportunity.due[0]))
            .map(opportunity => ({ kind: 'opportunity' as const, source: opportunity.name, ...actionState(opportunity.title ?? '', opportunity, today) }))
    ];
}

function actionState(title: string, action: CorrectiveAction | Opportunity, today: string): Omit<ReviewAction, 'kind' | 'source'> {
    return {
        title, owner: action.owner[0]?.$refText ?? null, due: action.due[0] ?? null, status: actionStatus(action.status[0]),
        closed: action.$type === 'CorrectiveAction' ? action.closed[0] ?? null : null, overdue: isOverdue(action.status[0], action.due[0], today)
    };
}

function correctiveAction(action: CorrectiveAction, today: string): CorrectiveActionJson {
    const { title, owner, due, status, closed, overdue } = actionState(action.title ?? '', action, today);
    return {
        title, owner, due, status, closed, effective: oneOf(action.effective[0], ['yes', 'no'] as const),
        verifiedBy: action.verifiedBy[0]?.$refText ?? null, verifiedOn: action.verifiedOn[0] ?? null, overdue
    };
}

function contextChanges(services: IsmsServices, since: string | undefined): ReviewPackInputs['context-changes'] {
    const climate = services.model.ModelIndex.ismsBlock()?.climate[0];
    const relevance = oneOf(climate?.relevance, ['relevant', 'not-relevant'] as const);
    return {
        climate: relevance ? { relevance, reason: climate?.reason ?? null } : null,
        issues: elements<ContextIssue>(services, 'ContextIssue').map(issue => ({
            id: issue.name, title: issue.title ?? '', origin: oneOf(issue.origin[0], ['external', 'internal'] as const), topic: issue.topic[0] ?? null,
            owner: issue.owner[0]?.$refText ?? null, addressedBy: references(issue.addressedBy)
        })),
        // Changes dated after the previous review, planned ones included; undated ones cannot be placed.
        changes: elements<Change>(services, 'Change').filter(change => !since || change.date[0] === undefined || change.date[0] > since).map(change => ({
            id: change.name, title: change.title ?? '', date: change.date[0] ?? null, owner: change.owner[0]?.$refText ?? null,
            approvedBy: change.approvedBy[0]?.$refText ?? null, approvedOn: change.approvedOn[0] ?? null, affects: references(change.affects)
        }))
    };
}

function objectiveResult(objective: Objective, today: string): ObjectiveResult {
    const target = numericTarget(objective.target[0]);
    const measurements = measurementsUpTo(objective, today);
    const latest = measurements.at(-1) ?? null;
    const previous = measurements.at(-2);
    return {
        id: objective.name, title: objective.title ?? '', metric: objective.metric[0] ?? null, target: targetText(objective.target[0]) ?? null,
        comparison: target ?? null, unit: objective.unit[0] ?? null, owner: objective.owner[0]?.$refText ?? null, due: objective.due[0] ?? null,
        measurements, latest,
        met: target && latest ? meetsTarget(latest.value, target) : null,
        trend: target && latest && previous ? trendOf(previous.value, latest.value, target) : null
    };
}

/** Without the git history (an editor's unsaved model, a folder outside git), there is no trend. */
const NO_TREND: RiskTrend = { since: null, unavailable: 'the history of the model was not read', unchanged: 0, risks: [] };

/** Clause 9.3.2 f: the risks by level, what is above appetite, acceptances running out, treatment progress. */
function riskAssessment(services: IsmsServices, today: string, trend: RiskTrend): ReviewPackInputs['risk-assessment'] {
    const scoring = services.model.RiskScoring;
    const methodology = scoring.methodology();
    const horizon = addInterval(today, ACCEPTANCE_HORIZON_DAYS, 'days');
    const risks = sortedRisks(services).map(risk => ({ risk, assessment: scoring.assess(risk), reference: { id: risk.name, title: risk.title ?? '' } }));
    return {
        appetite: methodology.appetite,
        levels: methodology.levels.map(level => ({
            level: level.name,
            inherent: risks.filter(({ assessment }) => assessment.inherent?.level?.name === level.name).length,
            residual: risks.filter(({ assessment }) => assessment.residual?.level?.name === level.name).length
        })),
        aboveAppetite: risks.filter(({ assessment }) => assessment.aboveAppetite && !assessment.accepted && assessment.residual).map(({ risk, assessment, reference }) => ({
            ...reference, owner: risk.owner[0]?.$refText ?? null, residual: scoreJson(assessment.residual)!
        })),
        acceptances: risks.flatMap(({ assessment, reference }) => {
            const until = assessment.acceptance?.until[0];
            if (!assessment.accepted || !until || until > horizon) return [];
            return [{ ...reference, by: assessment.acceptance?.by[0]?.$refText ?? null, until, state: until < today ? 'expired' as const : 'expiring' as const }];
        }),
        trend,
        treatments: risks.flatMap(({ risk, reference }) => {
            const treatment = risk.treatment[0];
            if (!treatment || (treatment.kind !== 'mitigate' && treatment.kind !== 'transfer')) return [];
            // The first `apply` of a control decides its status, as in the treatment plan.
            const implemented = treatment.controls.filter(control => services.model.ModelIndex.decisionsFor(control.$refText)
                .map(decision => decision.node).find(isApply)?.status[0] === 'implemented').length;
            const done = treatment.controls.length > 0 && implemented === treatment.controls.length;
            return [{
                ...reference, treatment: treatment.kind, due: treatment.due[0] ?? null, controls: treatment.controls.length, implemented,
                state: done ? 'done' as const : treatment.due[0] && treatment.due[0] < today ? 'overdue' as const : 'in-progress' as const
            }];
        })
    };
}

/** The user's elements of one kind that have an id, in id order. */
function elements<T extends AstNode & { name: string }>(services: IsmsServices, type: string): T[] {
    return sortByIds(services.model.ModelIndex.userDeclarations(type).map(declaration => declaration.node as T), node => node.name);
}

function references(list: ReadonlyArray<{ $refText: string }>): string[] {
    return list.map(reference => reference.$refText);
}

function actionStatus(status: string | undefined): ReviewAction['status'] {
    return oneOf(status, ['open', 'in-progress', 'closed'] as const);
}

function isOverdue(status: string | undefined, due: string | undefined, today: string): boolean {
    return status !== 'closed' && due !== undefined && due < today;
}

/** `value` when it is one of `words`; else null (a property not typed yet). */
function oneOf<W extends string>(value: string | undefined, words: readonly W[]): W | null {
    return (words as readonly string[]).includes(value ?? '') ? value as W : null;
}
