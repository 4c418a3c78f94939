import { z } from 'zod';
import type { GitRepository } from './git-repository.js';
import type { RiskFacts, ScoreState } from './model-state.js';
import type { ModelTimeline } from './model-timeline.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const score = z.strictObject({ score: z.number(), level: z.string().nullable() });

/** The JSON shape of `isms history`, published as docs/schemas/risk-history.schema.json. */
export const riskHistorySchema = z.strictObject({
    risk: z.string(),
    entries: z.array(z.strictObject({
        /** Null for the working tree's changes that are not committed. */
        commit: z.strictObject({ id: z.string(), date, subject: z.string() }).nullable(),
        change: z.enum(['added', 'changed', 'removed']),
        title: z.string().nullable(),
        inherent: score.nullable(),
        residual: score.nullable(),
        treatment: z.string().nullable()
    }))
});

export type RiskHistory = z.infer<typeof riskHistorySchema>;
type Entry = RiskHistory['entries'][number];

/**
 * The risk's score, level and treatment at every commit of the main line that changed them,
 * oldest first, and in the working tree when it differs from the last commit.
 */
export async function riskHistory(timeline: ModelTimeline, repository: GitRepository, prefixes: readonly string[], riskId: string): Promise<RiskHistory> {
    const ids = new Set([riskId]);
    const entries: Entry[] = [];
    let previous: RiskFacts | undefined;
    const observe = (facts: RiskFacts | undefined, commit: Entry['commit']) => {
        const change = !facts ? (previous ? 'removed' : undefined) : !previous ? 'added' : differs(previous, facts) ? 'changed' : undefined;
        if (change) {
            entries.push({
                commit, change, title: facts?.title ?? null,
                inherent: scoreJson(facts?.inherent), residual: scoreJson(facts?.residual), treatment: facts?.treatment ?? null
            });
        }
        previous = facts;
    };
    const history = (await repository.mainLine()).length === 0 ? [] : await repository.commitsTouching(prefixes, 'HEAD');
    for (const commit of history) {
        await timeline.moveTo({ kind: 'commit', label: commit.id.slice(0, 12), commit }, false);
        observe(timeline.riskFacts(ids).get(riskId), commit);
    }
    await timeline.moveTo({ kind: 'disk', label: 'working tree' }, false);
    observe(timeline.riskFacts(ids).get(riskId), null);
    return { risk: riskId, entries };
}

function differs(a: RiskFacts, b: RiskFacts): boolean {
    return a.inherent?.score !== b.inherent?.score || a.inherent?.level !== b.inherent?.level
        || a.residual?.score !== b.residual?.score || a.residual?.level !== b.residual?.level
        || a.treatment !== b.treatment;
}

function scoreJson(state: ScoreState | null | undefined): { score: number, level: string | null } | null {
    return state ? { score: state.score, level: state.level } : null;
}
