import type { LangiumSharedServices } from 'langium/lsp';
import type { ClientCapabilities } from 'vscode-languageserver';
import { CancellationTokenSource, CodeLensRefreshRequest } from 'vscode-languageserver';
import type { Risk } from '../generated/ast.js';
import type { CommitInfo } from '../history/git-repository.js';
import type { DatedRecord, RiskFacts, ScoreState } from '../history/model-state.js';
import { riskFacts } from '../history/model-state.js';
import { ModelTimeline } from '../history/model-timeline.js';
import type { IsmsServices } from '../isms-module.js';
import type { WorkspaceHistory } from './workspace-history.js';
import { CompareError } from '../history/compare-models.js';
import { auditSource, HistoryUnavailable, latestAudit, liveConfiguration, openWorkspaceHistory } from './workspace-history.js';

/** How long the commit found for an audit is used before git is asked again (a commit, a branch switch). */
const RECHECK_MS = 30_000;
/** Baselines kept, for switching back and forth between branches or audits. */
const KEPT_BASELINES = 4;

/** The model as it was at the last audit: the headline score of each of its risks. */
export interface Baseline {
    readonly audit: DatedRecord;
    readonly commit: CommitInfo;
    /** By risk id; null for a risk without a score. */
    readonly scores: ReadonlyMap<string, number | null>;
}

interface Resolution {
    /** `id@date` of the audit the commit was looked for. */
    readonly audit: string;
    readonly checked: number;
    readonly history?: WorkspaceHistory;
    readonly commit?: CommitInfo;
    readonly problem?: string;
}

/**
 * The risks' headline scores at the last audit, for the "12 → 16 since IA-2026" lenses. The
 * commit of the last audit is looked for, and the model at that commit built, in the
 * background, once per audit and commit: a lens request never waits for git or that build. When
 * a baseline is ready the editor is asked to fetch the lenses again. Nothing is read from git in
 * an untrusted workspace, or while lenses are off.
 */
export class AuditBaseline {

    private refreshSupported = false;
    private resolution: Resolution | undefined;
    private resolving = false;
    /** By `audit id@commit id`, oldest first. */
    private readonly baselines = new Map<string, Baseline>();
    private building = false;
    /** Baselines that could not be built, by key; not tried again. */
    private readonly failed = new Set<string>();

    constructor(private readonly isms: IsmsServices) { }

    private get shared(): LangiumSharedServices {
        return this.isms.shared;
    }

    /** Whether the editor can be asked to refresh its lenses (`workspace/codeLens/refresh`). */
    initialize(capabilities: ClientCapabilities | undefined): void {
        this.refreshSupported = capabilities?.workspace?.codeLens?.refreshSupport === true;
    }

    /** `12 → 16 since IA-2026` or `new since IA-2026`; nothing when the risk's headline score is what it was. */
    sinceAudit(risk: Risk, baseline: Baseline): string | undefined {
        if (!risk.name) return undefined;
        const audit = baseline.audit.id;
        if (!baseline.scores.has(risk.name)) return `new since ${audit}`;
        const then = baseline.scores.get(risk.name) ?? null;
        const now = headline(riskFacts(this.isms, risk))?.score ?? null;
        return then === now ? undefined : `${then ?? 'none'} → ${now ?? 'none'} since ${audit}`;
    }

    /** The baseline of the last audit when it is ready; otherwise starts what it needs and gives none. */
    current(): Baseline | undefined {
        const { Settings, WorkspaceTrust } = this.isms.config;
        // Headless (CLI, tests) there is no editor to show the lenses to.
        if (!this.shared.lsp.Connection || !WorkspaceTrust.trusted || !Settings.codeLensEnabled()) return undefined;
        const audit = latestAudit(this.isms.model.ModelIndex, Settings.today());
        if (!audit) return undefined;
        const auditKey = `${audit.id}@${audit.date}`;
        const resolution = this.resolution?.audit === auditKey ? this.resolution : undefined;
        if (!resolution || Date.now() - resolution.checked > RECHECK_MS) this.resolve(audit, auditKey);
        if (!resolution?.commit || !resolution.history) return undefined;
        const baseline = this.baselines.get(baselineKey(audit, resolution.commit));
        if (!baseline) this.build(audit, resolution.commit, resolution.history);
        return baseline;
    }

    /** Looks for the audit's commit; when it is another than before, builds its baseline or refreshes the lenses. */
    private resolve(audit: DatedRecord, auditKey: string): void {
        if (this.resolving) return;
        this.resolving = true;
        void (async () => {
            let next: Resolution;
            try {
                const history = await openWorkspaceHistory(this.shared);
                const source = await auditSource(audit, history.repository);
                next = { audit: auditKey, checked: Date.now(), history, commit: source.kind === 'commit' ? source.commit : undefined };
            } catch (error) {
                // No repository, no git, no commit before the audit: ordinary states, with no lens to show and nothing to log.
                const ordinary = error instanceof HistoryUnavailable || error instanceof CompareError;
                next = { audit: auditKey, checked: Date.now(), problem: ordinary ? undefined : error instanceof Error ? error.message : String(error) };
            }
            const previous = this.resolution;
            this.resolution = next;
            if (next.problem && next.problem !== previous?.problem) {
                console.error(`No "since ${audit.id}" lenses: ${next.problem}`);
            }
            const changed = previous?.audit !== next.audit || previous?.commit?.id !== next.commit?.id;
            if (!changed) return;
            if (next.commit && next.history && !this.baselines.has(baselineKey(audit, next.commit))) {
                this.build(audit, next.commit, next.history);
            } else {
                this.refresh();
            }
        })().finally(() => { this.resolving = false; });
    }

    /** Builds the model at the audit's commit, headless and without holding up the editor's requests, and keeps its scores. */
    private build(audit: DatedRecord, commit: CommitInfo, history: WorkspaceHistory): void {
        const key = baselineKey(audit, commit);
        if (this.building || this.failed.has(key)) return;
        this.building = true;
        // Never cancelled: its token makes the headless build yield to the editor's requests.
        const cancellation = new CancellationTokenSource();
        void (async () => {
            try {
                const timeline = new ModelTimeline(history.base, history.modelPaths, history.repository,
                    liveConfiguration(this.isms.config.Settings), cancellation.token);
                await timeline.moveTo({ kind: 'commit', label: audit.id, commit }, false);
                const scores = new Map<string, number | null>();
                for (const located of timeline.services.model.ModelIndex.risks()) {
                    const risk = located.node;
                    if (risk.name && !scores.has(risk.name)) scores.set(risk.name, headline(riskFacts(timeline.services, risk))?.score ?? null);
                }
                this.baselines.set(key, { audit, commit, scores });
                for (const old of [...this.baselines.keys()].slice(0, -KEPT_BASELINES)) this.baselines.delete(old);
                this.refresh();
            } catch (error) {
                this.failed.add(key);
                console.error(`No "since ${audit.id}" lenses: the model at ${commit.id.slice(0, 12)} could not be read: ${error instanceof Error ? error.message : String(error)}`);
            } finally {
                this.building = false;
                cancellation.dispose();
            }
        })();
    }

    private refresh(): void {
        if (!this.refreshSupported) return;
        this.shared.lsp.Connection?.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
}

/** The score a risk is known by: its residual when it has one, else its inherent. */
function headline(facts: Pick<RiskFacts, 'inherent' | 'residual'>): ScoreState | null {
    return facts.residual ?? facts.inherent;
}

function baselineKey(audit: DatedRecord, commit: CommitInfo): string {
    return `${audit.id}@${commit.id}`;
}
