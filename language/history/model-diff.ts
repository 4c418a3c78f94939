import type { ReportedDiagnostic } from '../diagnostic-output/diagnostic-report.js';
import { sortByIds } from '../reports/report-document.js';
import type { ChangedRisk, DiffRisk, DiffState, DiffSummary, ModelDiff, ScoreChange, StaleAcceptance } from './model-diff-schema.js';
import type { ControlState, CorrectiveActionState, ModelState, NonconformityState, RiskState, ScoreState } from './model-state.js';

export interface DiffOptions {
    /** Today, YYYY-MM-DD. */
    readonly date: string;
    /** Acceptances ending within this many days are listed. */
    readonly expiringDays: number;
    readonly stale: readonly StaleAcceptance[];
    /** Why stale acceptances could not be looked for; undefined when they were. */
    readonly staleUnavailable?: string;
}

/**
 * What changed from one state of the model to another, by element id. An element whose id
 * changed and whose text did not is a rename, not a removal and an addition.
 */
export function compareStates(from: ModelState, to: ModelState, options: DiffOptions): ModelDiff {
    const riskRenames = matchRenames(from.risks, to.risks);
    const risks = compareRisks(from, to, riskRenames);
    const controls = compareControls(from.controls, to.controls);
    const acceptances = compareAcceptances(from, to, riskRenames.renames, options);
    const nonconformities = compareNonconformities(from, to);
    const correctiveActions = compareActions(from, to);
    const objectives = compareObjectives(from, to);
    const diagnostics = compareDiagnostics(from.diagnostics, to.diagnostics);
    const summary: DiffSummary = {
        risksAdded: risks.added.length, risksRemoved: risks.removed.length, risksChanged: risks.changed.length, risksRenamed: risks.renamed.length,
        levelIncreases: risks.changed.filter(risk => hasLevelChange(risk, 'up')).length,
        levelDecreases: risks.changed.filter(risk => hasLevelChange(risk, 'down')).length,
        decisionsChanged: controls.decisions.length, statusChanged: controls.status.length,
        acceptancesAdded: acceptances.added.length, acceptancesRemoved: acceptances.removed.length, acceptancesRenewed: acceptances.renewed.length,
        acceptancesExpiring: acceptances.expiring.length, staleAcceptances: acceptances.stale.length,
        nonconformitiesOpened: nonconformities.opened.length + nonconformities.reopened.length, nonconformitiesClosed: nonconformities.closed.length,
        actionsOpened: correctiveActions.opened.length, actionsClosed: correctiveActions.closed.length,
        measurementsAdded: objectives.measurements.length,
        diagnosticsIntroduced: diagnostics.introduced.length, diagnosticsResolved: diagnostics.resolved.length,
        errorsIntroduced: diagnostics.introduced.filter(d => d.severity === 'error').length,
        errorsResolved: diagnostics.resolved.filter(d => d.severity === 'error').length
    };
    // Expiring and stale acceptances describe the later state, not a change.
    const changes = Object.entries(summary).filter(([key]) => key !== 'acceptancesExpiring' && key !== 'staleAcceptances');
    return {
        from: describeState(from),
        to: describeState(to),
        date: options.date,
        expiringDays: options.expiringDays,
        unchanged: changes.every(([, count]) => count === 0) && nonconformities.removed.length === 0
            && nonconformities.renamed.length === 0 && correctiveActions.removed.length === 0 && objectives.renamed.length === 0,
        summary,
        risks,
        controls,
        acceptances,
        nonconformities,
        correctiveActions,
        objectives,
        diagnostics
    };
}

/** The `--fail-on` conditions that hold for a diff. */
export const FAIL_ON_CONDITIONS = ['new-errors', 'level-increase', 'stale-acceptance'] as const;
export type FailOnCondition = typeof FAIL_ON_CONDITIONS[number];

export function failingConditions(diff: ModelDiff, conditions: readonly FailOnCondition[]): FailOnCondition[] {
    return conditions.filter(condition => condition === 'new-errors' ? diff.summary.errorsIntroduced > 0
        : condition === 'level-increase' ? diff.summary.levelIncreases > 0
            : diff.summary.staleAcceptances > 0);
}

export function hasLevelChange(risk: ChangedRisk, direction: 'up' | 'down'): boolean {
    return risk.inherent?.level === direction || risk.residual?.level === direction;
}

function describeState(state: ModelState): DiffState {
    return { label: state.label, commit: state.commit ? { ...state.commit } : null, files: state.files, leftOut: state.leftOut.map(file => ({ ...file })) };
}

function compareRisks(from: ModelState, to: ModelState, { renames, added, removed }: Renames): ModelDiff['risks'] {
    const changed: ChangedRisk[] = [];
    const renamed: ModelDiff['risks']['renamed'] = [];
    for (const risk of to.risks.values()) {
        const previousId = renames.get(risk.id);
        const before = from.risks.get(previousId ?? risk.id);
        if (!before) continue;
        const change = compareRisk(before, risk, previousId ?? null);
        if (change) {
            changed.push(change);
        } else if (previousId) {
            renamed.push({ from: previousId, to: risk.id, title: risk.title, location: risk.location });
        }
    }
    return {
        added: sortByIds(added.map(id => diffRisk(to.risks.get(id)!)), risk => risk.id),
        removed: sortByIds(removed.map(id => diffRisk(from.risks.get(id)!)), risk => risk.id),
        renamed: sortByIds(renamed, rename => rename.to),
        changed: sortByIds(changed, risk => risk.id)
    };
}

function compareRisk(before: RiskState, after: RiskState, renamedFrom: string | null): ChangedRisk | undefined {
    const inherent = compareScores(before.inherent, after.inherent);
    const residual = compareScores(before.residual, after.residual);
    const addedControls = after.controls.filter(control => !before.controls.includes(control));
    const removedControls = before.controls.filter(control => !after.controls.includes(control));
    const controls = addedControls.length + removedControls.length > 0 ? { added: addedControls, removed: removedControls } : null;
    const retitled = before.title !== after.title ? { from: before.title, to: after.title } : null;
    const owner = before.owner !== after.owner ? { from: before.owner, to: after.owner } : null;
    const treatment = before.treatment !== after.treatment ? { from: before.treatment, to: after.treatment } : null;
    if (!inherent && !residual && !controls && !retitled && !owner && !treatment) return undefined;
    return { id: after.id, title: after.title, renamedFrom, location: after.location, inherent, residual, retitled, owner, treatment, controls };
}

export function compareScores(before: ScoreState | null, after: ScoreState | null): ScoreChange | null {
    if (before?.score === after?.score && before?.level === after?.level) return null;
    return {
        from: before ? { score: before.score, level: before.level } : null,
        to: after ? { score: after.score, level: after.level } : null,
        direction: directionOf(before?.score, after?.score),
        level: directionOf(before?.rank ?? undefined, after?.rank ?? undefined)
    };
}

function directionOf(before: number | undefined, after: number | undefined): 'up' | 'down' | 'same' {
    if (before === undefined || after === undefined || before === after) return 'same';
    return after > before ? 'up' : 'down';
}

function diffRisk(risk: RiskState): DiffRisk {
    return {
        id: risk.id, title: risk.title, owner: risk.owner, treatment: risk.treatment, controls: [...risk.controls],
        inherent: risk.inherent ? { score: risk.inherent.score, level: risk.inherent.level } : null,
        residual: risk.residual ? { score: risk.residual.score, level: risk.residual.level } : null,
        location: risk.location
    };
}

/**
 * Ids only in the later state matched to ids only in the earlier one by their text without
 * the id: each such pair is a rename. A text that several elements share matches none of them.
 */
interface Renames {
    /** By new id, the id before. */
    readonly renames: ReadonlyMap<string, string>;
    readonly added: readonly string[];
    readonly removed: readonly string[];
}

function matchRenames<T extends { fingerprint: string }>(from: ReadonlyMap<string, T>, to: ReadonlyMap<string, T>): Renames {
    const removedIds = [...from.keys()].filter(id => !to.has(id));
    const addedIds = [...to.keys()].filter(id => !from.has(id));
    const byFingerprint = (ids: string[], states: ReadonlyMap<string, T>) => {
        const map = new Map<string, string[]>();
        for (const id of ids) {
            const fingerprint = states.get(id)!.fingerprint;
            if (fingerprint) map.set(fingerprint, [...map.get(fingerprint) ?? [], id]);
        }
        return map;
    };
    const removedBy = byFingerprint(removedIds, from);
    const addedBy = byFingerprint(addedIds, to);
    const renames = new Map<string, string>();
    for (const [fingerprint, ids] of addedBy) {
        const candidates = removedBy.get(fingerprint);
        if (ids.length === 1 && candidates?.length === 1) renames.set(ids[0], candidates[0]);
    }
    const renamedFrom = new Set(renames.values());
    return { renames, added: addedIds.filter(id => !renames.has(id)), removed: removedIds.filter(id => !renamedFrom.has(id)) };
}

function compareControls(from: ReadonlyMap<string, ControlState>, to: ReadonlyMap<string, ControlState>): ModelDiff['controls'] {
    const decisions: ModelDiff['controls']['decisions'] = [];
    const status: ModelDiff['controls']['status'] = [];
    for (const [key, after] of to) {
        const before = from.get(key);
        const entry = { id: after.id, framework: after.framework, title: after.title };
        if (before?.decision !== after.decision) decisions.push({ ...entry, from: before?.decision ?? null, to: after.decision });
        if ((before?.status ?? null) !== after.status) status.push({ ...entry, from: before?.status ?? null, to: after.status });
    }
    for (const [key, before] of from) {
        if (!to.has(key)) decisions.push({ id: before.id, framework: before.framework, title: before.title, from: before.decision, to: null });
    }
    const order = (items: typeof decisions) => sortByIds(items, item => item.id).sort((a, b) => a.framework < b.framework ? -1 : a.framework > b.framework ? 1 : 0);
    return { decisions: order(decisions), status: order(status) };
}

/** Acceptances follow their risk through a rename. */
function compareAcceptances(from: ModelState, to: ModelState, renames: ReadonlyMap<string, string>, options: DiffOptions): ModelDiff['acceptances'] {
    const entry = (risk: RiskState) => ({
        risk: risk.id, title: risk.title, by: risk.acceptance!.by, on: risk.acceptance!.on, until: risk.acceptance!.until, location: risk.location
    });
    const added: ModelDiff['acceptances']['added'] = [];
    const renewed: ModelDiff['acceptances']['renewed'] = [];
    const expiring: ModelDiff['acceptances']['expiring'] = [];
    for (const risk of to.risks.values()) {
        if (!risk.acceptance) continue;
        const before = from.risks.get(renames.get(risk.id) ?? risk.id)?.acceptance;
        if (!before) {
            added.push(entry(risk));
        } else if (before.on !== risk.acceptance.on || before.until !== risk.acceptance.until) {
            renewed.push({ ...entry(risk), previous: { on: before.on, until: before.until } });
        }
        if (risk.acceptance.until) {
            const days = daysBetween(options.date, risk.acceptance.until);
            if (days <= options.expiringDays) expiring.push({ ...entry(risk), days });
        }
    }
    const newIds = new Map([...renames].map(([id, previous]) => [previous, id]));
    const removed = [...from.risks.values()].filter(risk => risk.acceptance && !to.risks.get(newIds.get(risk.id) ?? risk.id)?.acceptance).map(entry);
    return {
        added: sortByIds(added, item => item.risk),
        removed: sortByIds(removed, item => item.risk),
        renewed: sortByIds(renewed, item => item.risk),
        expiring: sortByIds(expiring, item => item.risk).sort((a, b) => a.days - b.days),
        stale: sortByIds(options.stale, item => item.risk),
        staleUnavailable: options.staleUnavailable ?? null
    };
}

function compareNonconformities(from: ModelState, to: ModelState): ModelDiff['nonconformities'] {
    const { renames, added, removed } = matchRenames(from.nonconformities, to.nonconformities);
    const entry = (nc: NonconformityState) => ({ id: nc.id, title: nc.title, severity: nc.severity, location: nc.location });
    const opened = added.map(id => to.nonconformities.get(id)!).filter(nc => nc.state === 'open').map(entry);
    const closed = [...added.map(id => to.nonconformities.get(id)!).filter(nc => nc.state === 'closed')];
    const reopened: NonconformityState[] = [];
    for (const nc of to.nonconformities.values()) {
        const before = from.nonconformities.get(renames.get(nc.id) ?? nc.id);
        if (!before || before.state === nc.state) continue;
        (nc.state === 'closed' ? closed : reopened).push(nc);
    }
    return {
        opened: sortByIds(opened, nc => nc.id),
        closed: sortByIds(closed.map(entry), nc => nc.id),
        reopened: sortByIds(reopened.map(entry), nc => nc.id),
        removed: sortByIds(removed.map(id => entry(from.nonconformities.get(id)!)), nc => nc.id),
        renamed: sortByIds([...renames].map(([id, previous]) => ({
            from: previous, to: id, title: to.nonconformities.get(id)!.title, location: to.nonconformities.get(id)!.location
        })), rename => rename.to)
    };
}

function compareActions(from: ModelState, to: ModelState): ModelDiff['correctiveActions'] {
    const key = (action: { source: string, title: string }) => `${action.source}\u0000${action.title}`;
    const before = new Map(from.correctiveActions.map(action => [key(action), action]));
    const after = new Set(to.correctiveActions.map(key));
    const opened: CorrectiveActionState[] = [];
    const closed: CorrectiveActionState[] = [];
    for (const action of to.correctiveActions) {
        const previous = before.get(key(action));
        const isClosed = action.status === 'closed';
        if (!previous) {
            (isClosed ? closed : opened).push(action);
        } else if ((previous.status === 'closed') !== isClosed) {
            (isClosed ? closed : opened).push(action);
        }
    }
    const removed = from.correctiveActions.filter(action => !after.has(key(action)));
    const entry = (action: { source: string, title: string, status: string | null, closed: string | null }) =>
        ({ source: action.source, title: action.title, status: action.status, closed: action.closed });
    const order = <T extends { source: string }>(items: T[]) => sortByIds(items, item => item.source);
    return { opened: order(opened.map(entry)), closed: order(closed.map(entry)), removed: order(removed.map(entry)) };
}

function compareObjectives(from: ModelState, to: ModelState): ModelDiff['objectives'] {
    const { renames } = matchRenames(from.objectives, to.objectives);
    const measurements: ModelDiff['objectives']['measurements'] = [];
    for (const objective of to.objectives.values()) {
        const before = from.objectives.get(renames.get(objective.id) ?? objective.id);
        const known = new Set((before?.measurements ?? []).map(m => `${m.date}=${m.value}`));
        for (const measurement of objective.measurements) {
            if (known.has(`${measurement.date}=${measurement.value}`)) continue;
            measurements.push({
                id: objective.id, title: objective.title, date: measurement.date, value: measurement.value,
                target: objective.target, met: isLatest(objective.measurements, measurement.date) ? objective.met : null, location: objective.location
            });
        }
    }
    return {
        measurements: sortByIds(measurements, m => m.id),
        renamed: sortByIds([...renames].map(([id, previous]) => ({
            from: previous, to: id, title: to.objectives.get(id)!.title, location: to.objectives.get(id)!.location
        })), rename => rename.to)
    };
}

function isLatest(measurements: ReadonlyArray<{ date: string }>, date: string): boolean {
    return measurements.every(m => m.date <= date);
}

/**
 * Diagnostics are matched by file, code and message, not position: lines move with every edit
 * above them, and messages name the element.
 */
function compareDiagnostics(from: readonly ReportedDiagnostic[], to: readonly ReportedDiagnostic[]): ModelDiff['diagnostics'] {
    const key = (d: ReportedDiagnostic) => `${d.file}\u0000${d.code}\u0000${d.message}`;
    const unmatched = (items: readonly ReportedDiagnostic[], others: readonly ReportedDiagnostic[]) => {
        const counts = new Map<string, number>();
        for (const other of others) counts.set(key(other), (counts.get(key(other)) ?? 0) + 1);
        return items.filter(item => {
            const left = counts.get(key(item)) ?? 0;
            counts.set(key(item), left - 1);
            return left <= 0;
        });
    };
    const shown = (d: ReportedDiagnostic) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message });
    const introduced = unmatched(to, from).map(shown);
    const resolved = unmatched(from, to).map(shown);
    const codes = [...new Set([...introduced, ...resolved].map(d => d.code))].sort();
    return {
        byCode: codes.map(code => ({
            code, introduced: introduced.filter(d => d.code === code).length, resolved: resolved.filter(d => d.code === code).length
        })),
        introduced,
        resolved
    };
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
