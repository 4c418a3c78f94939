import type { ValidationAcceptor } from 'langium';
import type { Methodology } from '../generated/ast.js';
import type { MethodologyInForce, RiskLevel } from '../risk/methodology.js';
import { methodologyFrom, scoreRange } from '../risk/methodology.js';

/** Clause 6.1.2 b: criteria that give every possible score exactly one level. */
export class MethodologyChecks {

    checkLevelsCoverScores(methodology: Methodology, accept: ValidationAcceptor): void {
        if (methodology.levels.length === 0) return;
        const subject = methodologyFrom(methodology);
        const problems = levelProblems(subject);
        if (problems.length > 0) {
            const { min, max } = scoreRange(subject);
            accept('error', `The levels of methodology '${methodology.name}' ${problems.join('; ')}. Every score from ${min} to ${max} needs exactly one level.`, {
                node: methodology, keyword: 'levels', code: 'levels-inconsistent'
            });
        }
    }
}

/** What is wrong with the levels, in words; empty when they tile the score range. */
export function levelProblems(methodology: MethodologyInForce): string[] {
    const { min, max } = scoreRange(methodology);
    const problems: string[] = [];
    // Walk the levels by their lowest score, tracking how far the scores are covered so far.
    let covered = min - 1;
    let coveredBy: RiskLevel | undefined;
    for (const level of methodology.levels) {
        if (level.min > level.max) {
            problems.push(`give ${level.name} an empty range ${level.min}..${level.max}`);
            continue;
        }
        if (level.min > covered + 1) {
            problems.push(`leave scores ${covered + 1}..${level.min - 1} without a level`);
        } else if (coveredBy && level.min <= covered) {
            problems.push(`overlap: ${coveredBy.name} ${coveredBy.min}..${coveredBy.max} and ${level.name} ${level.min}..${level.max}`);
        }
        if (level.max > covered) {
            covered = level.max;
            coveredBy = level;
        }
    }
    if (covered < max) problems.push(`leave scores ${covered + 1}..${max} without a level`);
    return problems;
}
