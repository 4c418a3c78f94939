import type { StaleAcceptance } from './model-diff-schema.js';
import type { CommitInfo, GitRepository } from './git-repository.js';
import type { ModelState, RiskFacts, ScoreState } from './model-state.js';
import type { ModelSource, ModelTimeline } from './model-timeline.js';

type Judged = 'inherent' | 'residual' | 'level' | 'treatment';

interface Followed {
    readonly id: string;
    /** The acceptance's date: commits dated later come after it. */
    readonly on: string;
    /** The facts as accepted: at the last commit dated on or before `on`, or where the risk first appears. */
    accepted?: RiskFacts;
    changedIn?: CommitInfo | null;
    changed?: Judged[];
}

/**
 * Acceptances of the later state whose risk's score, level or treatment changed in a commit
 * after the acceptance's `on` date: what was accepted is no longer what is there. The history
 * of the main line is walked from the oldest acceptance's date, rebuilding only what each
 * commit changed; a commit that records the acceptance anew together with the change starts
 * the acceptance again.
 */
export async function findStaleAcceptances(timeline: ModelTimeline, repository: GitRepository, prefixes: readonly string[],
    to: ModelSource, toState: ModelState): Promise<StaleAcceptance[]> {
    const followed = new Map<string, Followed>();
    for (const risk of toState.risks.values()) {
        if (risk.acceptance?.on) followed.set(risk.id, { id: risk.id, on: risk.acceptance.on });
    }
    if (followed.size === 0) return [];
    const head = to.kind === 'commit' ? to.commit.id : 'HEAD';
    const history = (await repository.mainLine()).length === 0 ? [] : await repository.commitsTouching(prefixes, head);
    const earliest = [...followed.values()].reduce((min, risk) => risk.on < min ? risk.on : min, '9999-12-31');
    const start = Math.max(0, history.findLastIndex(commit => commit.date <= earliest));
    const ids = new Set(followed.keys());
    for (const commit of history.slice(start)) {
        await timeline.moveTo({ kind: 'commit', label: commit.id.slice(0, 12), commit }, false);
        observe(followed, timeline.riskFacts(ids), commit);
    }
    if (to.kind === 'disk') {
        const now = new Map([...toState.risks.values()].filter(risk => ids.has(risk.id)).map(risk => [risk.id, risk as RiskFacts]));
        observe(followed, now, null);
    }
    const stale: StaleAcceptance[] = [];
    for (const risk of followed.values()) {
        const current = toState.risks.get(risk.id)!;
        if (!risk.accepted || !risk.changed) continue;
        stale.push({
            risk: risk.id, title: current.title,
            by: current.acceptance!.by, on: current.acceptance!.on, until: current.acceptance!.until, location: current.location,
            changedIn: risk.changedIn ?? null,
            changed: risk.changed,
            accepted: judgedFacts(risk.accepted),
            now: judgedFacts(current)
        });
    }
    return stale;
}

/** Takes in one state of the history (a commit, or the working tree when `commit` is null). */
function observe(followed: Map<string, Followed>, facts: ReadonlyMap<string, RiskFacts>, commit: CommitInfo | null): void {
    for (const risk of followed.values()) {
        if (risk.changed) continue;
        const now = facts.get(risk.id);
        if (!now) continue;
        const onOrBefore = commit !== null && commit.date <= risk.on;
        if (!risk.accepted || onOrBefore || acceptanceChanged(risk.accepted, now)) {
            risk.accepted = now;
            continue;
        }
        const changed = judgedChanges(risk.accepted, now);
        if (changed.length > 0) {
            risk.changed = changed;
            risk.changedIn = commit;
        }
    }
}

function acceptanceChanged(before: RiskFacts, after: RiskFacts): boolean {
    return before.acceptance?.on !== after.acceptance?.on || before.acceptance?.until !== after.acceptance?.until || before.acceptance?.by !== after.acceptance?.by;
}

function judgedChanges(before: RiskFacts, after: RiskFacts): Judged[] {
    const changed: Judged[] = [];
    if (before.inherent?.score !== after.inherent?.score) changed.push('inherent');
    if (before.residual?.score !== after.residual?.score) changed.push('residual');
    if (levelOf(before.residual ?? before.inherent) !== levelOf(after.residual ?? after.inherent)) changed.push('level');
    if (before.treatment !== after.treatment) changed.push('treatment');
    return changed;
}

function levelOf(score: ScoreState | null): string | null {
    return score?.level ?? null;
}

function judgedFacts(facts: RiskFacts): StaleAcceptance['accepted'] {
    const score = (state: ScoreState | null) => state ? { score: state.score, level: state.level } : null;
    return { inherent: score(facts.inherent), residual: score(facts.residual), treatment: facts.treatment };
}
