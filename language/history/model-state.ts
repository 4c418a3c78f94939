import type { AstNode, LangiumDocument } from 'langium';
import { GrammarUtils, URI } from 'langium';
import * as path from 'node:path';
import { collectDiagnostics } from '../diagnostic-output/diagnostic-report.js';
import type { ReportedDiagnostic } from '../diagnostic-output/diagnostic-report.js';
import type { Audit, ManagementReview, Risk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { MethodologyInForce } from '../risk/methodology.js';
import { reportContext } from '../reports/report-context.js';
import type { RegisterRisk, ScoreJson } from '../reports/report-schemas.js';
import { registerEntry, sortedRisks } from '../reports/risk-register-report.js';
import { buildReviewPack } from '../reports/review-pack-report.js';
import type { ReviewPackJson } from '../reports/review-pack-schema.js';
import { buildSoa } from '../reports/soa-report.js';
import type { SoaJson } from '../reports/report-schemas.js';
import type { CommitInfo } from './git-repository.js';

/** Where an element is written: a path relative to the model's root, and a 1-based line. */
export interface ElementLocation {
    readonly file: string;
    readonly line: number;
}

export interface ScoreState {
    readonly score: number;
    readonly level: string | null;
    /** The level's place among the methodology's levels, 0 for the lowest. */
    readonly rank: number | null;
}

export interface AcceptanceState {
    readonly by: string | null;
    readonly on: string | null;
    readonly until: string | null;
}

export interface RiskState {
    readonly id: string;
    readonly title: string;
    readonly owner: string | null;
    readonly treatment: string | null;
    readonly controls: readonly string[];
    readonly inherent: ScoreState | null;
    readonly residual: ScoreState | null;
    readonly acceptance: AcceptanceState | null;
    readonly location: ElementLocation;
    /** The element's text without its id: equal for an element that was only renamed. */
    readonly fingerprint: string;
}

export interface ControlState {
    readonly id: string;
    readonly title: string;
    readonly framework: string;
    readonly decision: 'applicable' | 'excluded' | 'undecided' | 'declared';
    readonly status: string | null;
}

export interface NonconformityState {
    readonly id: string;
    readonly title: string;
    readonly severity: string | null;
    readonly state: 'open' | 'closed';
    readonly location: ElementLocation | null;
    readonly fingerprint: string;
}

export interface CorrectiveActionState {
    /** The nonconformity or `AUDIT/FINDING` it belongs to. */
    readonly source: string;
    readonly title: string;
    readonly status: 'open' | 'in-progress' | 'closed' | null;
    readonly closed: string | null;
}

export interface ObjectiveState {
    readonly id: string;
    readonly title: string;
    readonly target: string | null;
    readonly measurements: ReadonlyArray<{ readonly date: string, readonly value: number }>;
    readonly met: boolean | null;
    readonly location: ElementLocation | null;
    readonly fingerprint: string;
}

export interface DatedRecord {
    readonly id: string;
    readonly date: string;
}

/** Everything a comparison of two states of the model looks at, taken from one build. */
export interface ModelState {
    /** What was read: `HEAD~1`, `working tree`, a folder. */
    readonly label: string;
    readonly commit: CommitInfo | null;
    readonly methodology: { readonly name: string, readonly levels: readonly string[] };
    readonly files: number;
    readonly leftOut: ReadonlyArray<{ readonly file: string, readonly reason: string }>;
    readonly risks: ReadonlyMap<string, RiskState>;
    readonly controls: ReadonlyMap<string, ControlState>;
    readonly nonconformities: ReadonlyMap<string, NonconformityState>;
    readonly correctiveActions: readonly CorrectiveActionState[];
    readonly objectives: ReadonlyMap<string, ObjectiveState>;
    readonly diagnostics: readonly ReportedDiagnostic[];
    readonly audits: readonly DatedRecord[];
    readonly reviews: readonly DatedRecord[];
}

/** The facts of the risks that stale acceptances and risk histories follow. */
export type RiskFacts = Pick<RiskState, 'id' | 'title' | 'treatment' | 'inherent' | 'residual' | 'acceptance'>;

/**
 * The state of a built model: its risks with their scores, the SoA decisions, nonconformities,
 * corrective actions, objectives with their measurements, and the diagnostics. Scores and
 * decisions are read through the report builders, so a comparison says what the reports say.
 */
export function readModelState(services: IsmsServices, documents: readonly LangiumDocument[], root: string,
    source: { label: string, commit: CommitInfo | null, leftOut?: ModelState['leftOut'] }): ModelState {
    const context = reportContext(services, source.commit?.id ?? null);
    const methodology = services.model.RiskScoring.methodology();
    const risks = new Map<string, RiskState>();
    for (const risk of sortedRisks(services)) {
        if (risks.has(risk.name)) continue;
        risks.set(risk.name, {
            ...riskFacts(services, risk, methodology),
            owner: risk.owner[0]?.$refText ?? null,
            controls: registerEntry(services, risk).controls,
            location: locationOf(risk, root),
            fingerprint: fingerprintOf(risk)
        });
    }
    const pack = buildReviewPack(services, context).json as ReviewPackJson;
    const index = services.model.ModelIndex;
    const declared = (type: string) => new Map(index.userDeclarations(type).map(declaration => [declaration.name, declaration.node]));
    const nonconformityNodes = declared('Nonconformity');
    const objectiveNodes = declared('Objective');
    const nonconformities = new Map<string, NonconformityState>();
    for (const nc of pack.inputs.nonconformities.nonconformities) {
        const node = nonconformityNodes.get(nc.id);
        nonconformities.set(nc.id, {
            id: nc.id, title: nc.title, severity: nc.severity, state: nc.state,
            location: node ? locationOf(node, root) : null, fingerprint: node ? fingerprintOf(node) : ''
        });
    }
    const correctiveActions: CorrectiveActionState[] = [
        ...pack.inputs.nonconformities.nonconformities.flatMap(nc => nc.actions.map(action => ({ source: nc.id, ...actionFacts(action) }))),
        // Every audit's: the pack lists only the audits since the previous review.
        ...index.userDeclarations('Audit').map(declaration => declaration.node as Audit).flatMap(audit => audit.findings.flatMap(finding =>
            finding.actions.map(action => ({
                source: `${audit.name}/${finding.name}`,
                ...actionFacts({ title: action.title, status: (action.status[0] ?? null) as CorrectiveActionState['status'], closed: action.closed[0] ?? null })
            }))))
    ];
    const objectives = new Map<string, ObjectiveState>();
    for (const objective of pack.inputs.monitoring.measurements) {
        const node = objectiveNodes.get(objective.id);
        objectives.set(objective.id, {
            id: objective.id, title: objective.title, target: objective.target, measurements: objective.measurements, met: objective.met,
            location: node ? locationOf(node, root) : null, fingerprint: node ? fingerprintOf(node) : ''
        });
    }
    return {
        label: source.label,
        commit: source.commit,
        methodology: { name: methodology.name, levels: methodology.levels.map(level => level.name) },
        files: documents.length,
        leftOut: source.leftOut ?? [],
        risks,
        controls: controlStates(services, context),
        nonconformities,
        correctiveActions,
        objectives,
        diagnostics: collectDiagnostics(documents, root),
        audits: datedRecords(index.userDeclarations('Audit').map(d => d.node as Audit)),
        reviews: datedRecords(index.userDeclarations('ManagementReview').map(d => d.node as ManagementReview))
    };
}

/** Scores, level, treatment and acceptance of one risk: what a stale acceptance is judged by. */
export function riskFacts(services: IsmsServices, risk: Risk, methodology: MethodologyInForce = services.model.RiskScoring.methodology()): RiskFacts {
    const entry: RegisterRisk = registerEntry(services, risk);
    return {
        id: entry.id,
        title: entry.title,
        treatment: entry.treatment,
        inherent: scoreState(entry.inherent, methodology),
        residual: scoreState(entry.residual, methodology),
        acceptance: entry.acceptance ? { by: entry.acceptance.by, on: entry.acceptance.on, until: entry.acceptance.until } : null
    };
}

/** The risks of the model with these ids, by id. */
export function findRisks(services: IsmsServices, ids: ReadonlySet<string>): Map<string, Risk> {
    const found = new Map<string, Risk>();
    for (const located of services.model.ModelIndex.risks()) {
        const risk = located.node;
        if (risk.name && ids.has(risk.name) && !found.has(risk.name)) found.set(risk.name, risk);
    }
    return found;
}

function scoreState(score: ScoreJson | null, methodology: MethodologyInForce): ScoreState | null {
    if (!score) return null;
    const rank = methodology.levels.find(level => level.name === score.level)?.rank;
    return { score: score.score, level: score.level, rank: rank ?? null };
}

function controlStates(services: IsmsServices, context: ReturnType<typeof reportContext>): Map<string, ControlState> {
    const controls = new Map<string, ControlState>();
    let soa: SoaJson;
    try {
        soa = buildSoa(services, context).json as SoaJson;
    } catch {
        // A model without the framework it names has no SoA to compare.
        return controls;
    }
    for (const control of soa.controls) {
        controls.set(control.id, { id: control.id, title: control.title, framework: soa.framework, decision: control.decision, status: control.status });
    }
    for (const control of soa.organizationControls) {
        controls.set(`${control.framework}::${control.id}`, {
            id: control.id, title: control.title, framework: control.framework, decision: control.decision, status: control.status
        });
    }
    return controls;
}

function actionFacts(action: { title: string, status: CorrectiveActionState['status'], closed: string | null }): Omit<CorrectiveActionState, 'source'> {
    return { title: action.title, status: action.status, closed: action.closed };
}

function datedRecords(nodes: ReadonlyArray<{ name: string, date: readonly string[] }>): DatedRecord[] {
    return nodes.filter(node => node.name && node.date[0]).map(node => ({ id: node.name, date: node.date[0]! }))
        .sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function locationOf(node: AstNode, root: string): ElementLocation {
    let document: AstNode = node;
    while (document.$container) document = document.$container;
    const uri = (document as AstNode & { $document?: LangiumDocument }).$document?.uri ?? URI.file(root);
    const file = path.relative(root, uri.fsPath).split(path.sep).join('/');
    return { file, line: (node.$cstNode?.range.start.line ?? 0) + 1 };
}

/** The element's text with its id cut out and white space folded. */
function fingerprintOf(node: AstNode): string {
    const text = node.$cstNode?.text ?? '';
    const name = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    const start = node.$cstNode?.offset ?? 0;
    const withoutName = name ? text.slice(0, name.offset - start) + text.slice(name.end - start) : text;
    return withoutName.replace(/\s+/g, ' ').trim();
}
