import type { IsmsServices } from '../isms-module.js';
import type { ReportContext } from '../reports/report-context.js';
import { previousReview } from '../reports/review-pack-inputs.js';
import type { RiskTrend } from '../reports/review-pack-schema.js';
import { sortByIds } from '../reports/report-document.js';
import { sortedRisks } from '../reports/risk-register-report.js';
import { compareScores } from './model-diff.js';
import { GitError, GitRepository } from './git-repository.js';
import { modelBase } from './compare-models.js';
import type { RiskFacts, ScoreState } from './model-state.js';
import { riskFacts } from './model-state.js';
import { ModelTimeline } from './model-timeline.js';

/**
 * The context of a review pack with its risk trend. Git is not run on metadata the report
 * header had to ignore (`gitIgnored`).
 */
export async function withRiskTrend(services: IsmsServices, context: ReportContext, modelPaths: readonly string[],
    configure: (services: IsmsServices) => void, gitIgnored = false): Promise<ReportContext> {
    const review = previousReview(services, context.generatedAt);
    const riskTrend = gitIgnored ? { since: null, unavailable: 'the git metadata was ignored', unchanged: 0, risks: [] }
        : await riskTrendSince(services, modelPaths, review?.date[0] ? { id: review.name, date: review.date[0] } : null, configure);
    return { ...context, riskTrend };
}

/**
 * Each risk's headline score (residual when it has one, else inherent) in the live model against
 * the last commit of the main line dated on or before the previous management review: the
 * trend a review pack shows. Without a review or a history it says why instead.
 */
export async function riskTrendSince(services: IsmsServices, modelPaths: readonly string[], review: { id: string, date: string } | null,
    configure: (services: IsmsServices) => void): Promise<RiskTrend> {
    const unavailable = (reason: string): RiskTrend => ({ since: null, unavailable: reason, unchanged: 0, risks: [] });
    if (!review) return unavailable('no management review before this date');
    let repository: GitRepository | undefined;
    try {
        repository = await GitRepository.containing(modelPaths[0]);
    } catch (error) {
        if (error instanceof GitError) return unavailable(error.message);
        throw error;
    }
    if (!repository) return unavailable('the model is not in a git repository');
    const commit = (await repository.mainLine()).findLast(entry => entry.date <= review.date);
    if (!commit) return unavailable(`no commit is dated on or before ${review.date}`);
    const timeline = new ModelTimeline(modelBase(modelPaths, repository), modelPaths, repository, configure);
    await timeline.moveTo({ kind: 'commit', label: commit.id, commit }, false);
    const then = timeline.allRiskFacts();
    const now = new Map(sortedRisks(services).map(risk => [risk.name, riskFacts(services, risk)]));
    const risks: RiskTrend['risks'] = [];
    let unchanged = 0;
    for (const [id, facts] of now) {
        const before = then.get(id);
        const change = compareScores(headline(before), headline(facts));
        if (!before) {
            risks.push({ id, title: facts.title, change: 'added', from: null, to: score(headline(facts)), level: 'same' });
        } else if (change && change.direction !== 'same') {
            risks.push({ id, title: facts.title, change: change.direction, from: change.from, to: change.to, level: change.level });
        } else {
            unchanged++;
        }
    }
    for (const [id, facts] of then) {
        if (!now.has(id)) risks.push({ id, title: facts.title, change: 'removed', from: score(headline(facts)), to: null, level: 'same' });
    }
    return {
        since: { review: review.id, date: review.date, commit: commit.id, commitDate: commit.date },
        unavailable: null,
        unchanged,
        risks: sortByIds(risks, risk => risk.id)
    };
}

function headline(facts: RiskFacts | undefined): ScoreState | null {
    return facts ? facts.residual ?? facts.inherent : null;
}

function score(state: ScoreState | null): { score: number, level: string | null } | null {
    return state ? { score: state.score, level: state.level } : null;
}
