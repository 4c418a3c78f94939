import type { CellValue, ReportDocument, ReportTable, RowLocation } from '../reports/report-document.js';
import { column } from '../reports/report-document.js';
import type { DiffRisk, DiffState, ModelDiff, ScoreChange, StaleAcceptance } from './model-diff-schema.js';

type Score = { score: number, level: string | null } | null;

/**
 * The diff as a report document, for the Markdown and HTML renderers: a summary table first,
 * then one table per kind of change, folded in Markdown so that a pull-request comment stays
 * short. Rows carry the place of their element, which the editor's view opens.
 */
export function diffDocument(diff: ModelDiff): ReportDocument {
    const tables: ReportTable[] = [summaryTable(diff), ...detailTables(diff)];
    return {
        kind: 'model-diff',
        title: `ISMS changes: ${stateName(diff.from)} → ${stateName(diff.to)}`,
        meta: [['From', stateDescription(diff.from)], ['To', stateDescription(diff.to)], ['Date', diff.date]],
        notice: attention(diff),
        tables,
        json: diff
    };
}

/** A side as a heading names it: the revision as given, or `working tree`. */
export function stateName(state: DiffState): string {
    return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(state.label) ? state.label.slice(0, 12) : state.label;
}

/** A side with its commit: `HEAD~1: 1a2b3c4d5e6f, 2026-03-01, "Accept R-2"`. */
export function stateDescription(state: DiffState): string {
    const commit = state.commit ? `${state.commit.id.slice(0, 12)}, ${state.commit.date}, "${state.commit.subject}"` : undefined;
    const files = `(${state.files} file${state.files === 1 ? '' : 's'})`;
    if (!commit) return `${state.label} ${files}`;
    return state.commit!.id === state.label ? `${commit} ${files}` : `${state.label}: ${commit} ${files}`;
}

/** What a reviewer must look at: new errors, levels that went up, stale acceptances. */
export function attention(diff: ModelDiff): string | undefined {
    const s = diff.summary;
    const parts = [
        s.errorsIntroduced > 0 && count(s.errorsIntroduced, 'new error'),
        s.levelIncreases > 0 && `${count(s.levelIncreases, 'risk')} at a higher level`,
        s.staleAcceptances > 0 && count(s.staleAcceptances, 'stale acceptance')
    ].filter((part): part is string => typeof part === 'string');
    return parts.length > 0 ? `${parts.join(', ')}.` : undefined;
}

/** One line per area that changed, such as `Risks: 1 added, 2 changed (1 level up)`. */
export function summaryLines(diff: ModelDiff): Array<[area: string, summary: string]> {
    const s = diff.summary;
    const list = (...parts: Array<[number, string]>) => parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ');
    const levels = list([s.levelIncreases, 'level up'], [s.levelDecreases, 'level down']);
    const lines: Array<[string, string]> = [
        ['Risks', list([s.risksAdded, 'added'], [s.risksRemoved, 'removed'], [s.risksChanged, 'changed'], [s.risksRenamed, 'renamed'])
            + (levels ? ` (${levels})` : '')],
        ['SoA decisions', list([s.decisionsChanged, 'changed'])],
        ['Control status', list([s.statusChanged, 'changed'])],
        ['Acceptances', list([s.acceptancesAdded, 'added'], [s.acceptancesRemoved, 'removed'], [s.acceptancesRenewed, 'renewed'],
            [s.acceptancesExpiring, `ending within ${diff.expiringDays} days or ended`], [s.staleAcceptances, 'stale'])],
        ['Nonconformities', list([s.nonconformitiesOpened, 'opened'], [s.nonconformitiesClosed, 'closed'],
            [diff.nonconformities.removed.length, 'removed'], [diff.nonconformities.renamed.length, 'renamed'])],
        ['Corrective actions', list([s.actionsOpened, 'opened'], [s.actionsClosed, 'closed'], [diff.correctiveActions.removed.length, 'removed'])],
        ['Objective measurements', list([s.measurementsAdded, 'new'])],
        ['Diagnostics', list([s.diagnosticsIntroduced, `introduced${s.errorsIntroduced > 0 ? ` (${count(s.errorsIntroduced, 'error')})` : ''}`],
            [s.diagnosticsResolved, `resolved${s.errorsResolved > 0 ? ` (${count(s.errorsResolved, 'error')})` : ''}`])]
    ];
    return lines.filter(([, summary]) => summary.length > 0);
}

function summaryTable(diff: ModelDiff): ReportTable {
    const lines = summaryLines(diff);
    return {
        title: 'Summary',
        columns: [column('area', 'Area', 22), column('summary', 'Changes', 60)],
        rows: lines.length > 0 ? lines.map(([area, summary]) => ({ area, summary })) : [{ area: 'Model', summary: 'No changes to risks, decisions, records or diagnostics' }]
    };
}

function detailTables(diff: ModelDiff): ReportTable[] {
    const tables: Array<ReportTable | undefined> = [
        table('Risks changed', [['id', 'Risk', 9], ['title', 'Title', 36], ['inherent', 'Inherent', 22], ['residual', 'Residual', 22], ['other', 'Other changes', 40], ['where', 'Where', 20]],
            diff.risks.changed.map(risk => ({
                row: {
                    id: risk.renamedFrom ? `${risk.id} (was ${risk.renamedFrom})` : risk.id, title: risk.title,
                    inherent: scoreChange(risk.inherent), residual: scoreChange(risk.residual),
                    other: [
                        risk.retitled && `title was "${risk.retitled.from}"`,
                        risk.owner && `owner ${risk.owner.from ?? 'none'} → ${risk.owner.to ?? 'none'}`,
                        risk.treatment && `treatment ${risk.treatment.from ?? 'none'} → ${risk.treatment.to ?? 'none'}`,
                        risk.controls && [...risk.controls.added.map(c => `+${c}`), ...risk.controls.removed.map(c => `−${c}`)].join(' ')
                    ].filter(Boolean).join('; '),
                    where: where(risk.location)
                },
                location: risk.location
            }))),
        riskTable('Risks added', diff.risks.added),
        riskTable('Risks removed', diff.risks.removed, false),
        table('Risks renamed', [['from', 'Was', 12], ['to', 'Now', 12], ['title', 'Title', 40], ['where', 'Where', 20]],
            diff.risks.renamed.map(rename => ({ row: { from: rename.from, to: rename.to, title: rename.title, where: where(rename.location) }, location: rename.location }))),
        table('SoA decisions', [['id', 'Control', 10], ['framework', 'Framework', 14], ['title', 'Title', 40], ['from', 'Before', 12], ['to', 'After', 12]],
            diff.controls.decisions.map(change => ({ row: { ...change, from: change.from ?? '(none)', to: change.to ?? '(removed)' }, location: null }))),
        table('Control status', [['id', 'Control', 10], ['framework', 'Framework', 14], ['title', 'Title', 40], ['from', 'Before', 12], ['to', 'After', 12]],
            diff.controls.status.map(change => ({ row: { ...change, from: change.from ?? '(none)', to: change.to ?? '(none)' }, location: null }))),
        staleTable(diff.acceptances.stale),
        table('Acceptances', [['risk', 'Risk', 9], ['title', 'Title', 32], ['change', 'Change', 26], ['by', 'By', 10], ['on', 'On', 11], ['until', 'Until', 11]], [
            ...diff.acceptances.added.map(a => ({ row: { ...a, change: 'added' }, location: a.location })),
            ...diff.acceptances.renewed.map(a => ({ row: { ...a, change: `renewed (was on ${a.previous.on ?? '?'} until ${a.previous.until ?? '?'})` }, location: a.location })),
            ...diff.acceptances.removed.map(a => ({ row: { ...a, change: 'removed' }, location: a.location })),
            ...diff.acceptances.expiring.map(a => ({ row: { ...a, change: a.days < 0 ? `ended ${-a.days} days ago` : `ends in ${a.days} days` }, location: a.location }))
        ].map(({ row, location }) => ({ row: { risk: row.risk, title: row.title, change: row.change, by: row.by, on: row.on, until: row.until }, location }))),
        table('Nonconformities', [['id', 'Nonconformity', 12], ['title', 'Title', 40], ['severity', 'Severity', 9], ['change', 'Change', 20]], [
            ...diff.nonconformities.opened.map(nc => ({ row: { ...nc, change: 'opened' }, location: nc.location })),
            ...diff.nonconformities.reopened.map(nc => ({ row: { ...nc, change: 'reopened' }, location: nc.location })),
            ...diff.nonconformities.closed.map(nc => ({ row: { ...nc, change: 'closed' }, location: nc.location })),
            ...diff.nonconformities.removed.map(nc => ({ row: { ...nc, change: 'removed' }, location: null })),
            ...diff.nonconformities.renamed.map(rename => ({ row: { id: rename.to, title: rename.title, severity: null, change: `renamed from ${rename.from}` }, location: rename.location }))
        ].map(({ row, location }) => ({ row: { id: row.id, title: row.title, severity: row.severity, change: row.change }, location }))),
        table('Corrective actions', [['source', 'For', 14], ['title', 'Action', 40], ['change', 'Change', 10], ['status', 'Status', 11]], [
            ...diff.correctiveActions.opened.map(action => ({ ...action, change: 'opened' })),
            ...diff.correctiveActions.closed.map(action => ({ ...action, change: action.closed ? `closed ${action.closed}` : 'closed' })),
            ...diff.correctiveActions.removed.map(action => ({ ...action, change: 'removed' }))
        ].map(action => ({ row: { source: action.source, title: action.title, change: action.change, status: action.status }, location: null }))),
        table('Objective measurements', [['id', 'Objective', 10], ['title', 'Title', 36], ['date', 'Date', 11], ['value', 'Value', 8], ['target', 'Target', 12], ['met', 'Met', 6]],
            diff.objectives.measurements.map(m => ({
                row: { id: m.id, title: m.title, date: m.date, value: m.value, target: m.target, met: m.met === null ? null : m.met ? 'yes' : 'no' },
                location: m.location
            }))),
        table('Diagnostics by code', [['code', 'Code', 30], ['introduced', 'Introduced', 10], ['resolved', 'Resolved', 10]],
            diff.diagnostics.byCode.map(entry => ({ row: entry, location: null }))),
        diagnosticTable('Diagnostics introduced', diff.diagnostics.introduced),
        diagnosticTable('Diagnostics resolved', diff.diagnostics.resolved, false)
    ];
    return tables.filter((entry): entry is ReportTable => entry !== undefined);
}

interface Row {
    readonly row: Record<string, CellValue>;
    readonly location: RowLocation | null;
}

/** A folded table, or none when nothing changed of its kind. */
function table(title: string, columns: Array<[key: string, header: string, width: number]>, rows: Row[], linked = true): ReportTable | undefined {
    if (rows.length === 0) return undefined;
    return {
        title,
        columns: columns.map(([key, header, width]) => column(key, header, width)),
        rows: rows.map(entry => entry.row),
        folded: true,
        rowLocations: linked ? rows.map(entry => entry.location) : undefined
    };
}

/** Removed elements are not in the later model: their rows link nowhere. */
function riskTable(title: string, risks: readonly DiffRisk[], linked = true): ReportTable | undefined {
    return table(title, [['id', 'Risk', 9], ['title', 'Title', 36], ['inherent', 'Inherent', 14], ['residual', 'Residual', 14],
        ['treatment', 'Treatment', 10], ['owner', 'Owner', 10], ['where', 'Where', 20]],
    risks.map(risk => ({
        row: {
            id: risk.id, title: risk.title, inherent: scoreText(risk.inherent), residual: scoreText(risk.residual),
            treatment: risk.treatment, owner: risk.owner, where: where(risk.location)
        },
        location: risk.location
    })), linked);
}

function staleTable(stale: readonly StaleAcceptance[]): ReportTable | undefined {
    return table('Stale acceptances', [['risk', 'Risk', 9], ['title', 'Title', 30], ['accepted', 'Accepted', 22], ['changed', 'What changed', 40], ['changedIn', 'Changed in', 30]],
        stale.map(entry => ({
            row: {
                risk: entry.risk, title: entry.title,
                accepted: `on ${entry.on}${entry.by ? ` by ${entry.by}` : ''}`,
                changed: staleChanges(entry),
                changedIn: entry.changedIn ? `${entry.changedIn.id.slice(0, 12)} (${entry.changedIn.date}) ${entry.changedIn.subject}` : 'the working tree'
            },
            location: entry.location
        })));
}

/** `residual 6 medium → 9 high; treatment accept → mitigate` */
export function staleChanges(entry: StaleAcceptance): string {
    const parts: string[] = [];
    if (entry.changed.includes('inherent')) parts.push(`inherent ${scoreText(entry.accepted.inherent)} → ${scoreText(entry.now.inherent)}`);
    if (entry.changed.includes('residual')) parts.push(`residual ${scoreText(entry.accepted.residual)} → ${scoreText(entry.now.residual)}`);
    if (entry.changed.includes('level') && !entry.changed.includes('inherent') && !entry.changed.includes('residual')) {
        parts.push(`level ${(entry.accepted.residual ?? entry.accepted.inherent)?.level ?? 'none'} → ${(entry.now.residual ?? entry.now.inherent)?.level ?? 'none'}`);
    }
    if (entry.changed.includes('treatment')) parts.push(`treatment ${entry.accepted.treatment ?? 'none'} → ${entry.now.treatment ?? 'none'}`);
    return parts.join('; ');
}

function diagnosticTable(title: string, diagnostics: ModelDiff['diagnostics']['introduced'], linked = true): ReportTable | undefined {
    return table(title, [['where', 'Where', 24], ['severity', 'Severity', 9], ['code', 'Code', 26], ['message', 'Message', 60]],
        diagnostics.map(d => ({ row: { where: `${d.file}:${d.line}:${d.column}`, severity: d.severity, code: d.code, message: d.message }, location: { file: d.file, line: d.line } })),
        linked);
}

/** `12 high → 16 critical (up)`, or empty when the score did not change. */
export function scoreChange(change: ScoreChange | null): string | null {
    if (!change) return null;
    const arrow = change.level === 'up' ? ' ▲ level up' : change.level === 'down' ? ' ▼ level down' : change.direction === 'up' ? ' ▲' : change.direction === 'down' ? ' ▼' : '';
    return `${scoreText(change.from)} → ${scoreText(change.to)}${arrow}`;
}

export function scoreText(score: Score): string {
    return score ? `${score.score}${score.level ? ` ${score.level}` : ''}` : 'none';
}

function where(location: RowLocation | null): string | null {
    return location ? `${location.file}:${location.line}` : null;
}

function count(n: number, what: string): string {
    return `${n} ${what}${n === 1 ? '' : 's'}`;
}
