import type { ValidationAcceptor } from 'langium';
import type { Methodology } from '../generated/ast.js';
import type { MethodologyInForce } from '../risk/methodology.js';
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
    const levels = methodology.levels;
    for (const level of levels) {
        if (level.min > level.max) problems.push(`give ${level.name} an empty range ${level.min}..${level.max}`);
    }
    if (levels[0].min > min) problems.push(`leave scores ${min}..${levels[0].min - 1} without a level`);
    for (let i = 1; i < levels.length; i++) {
        const previous = levels[i - 1];
        const current = levels[i];
        if (current.min <= previous.max) {
            problems.push(`overlap: ${previous.name} ${previous.min}..${previous.max} and ${current.name} ${current.min}..${current.max}`);
        } else if (current.min > previous.max + 1) {
            problems.push(`leave scores ${previous.max + 1}..${current.min - 1} without a level`);
        }
    }
    const last = levels[levels.length - 1];
    if (last.max < max) problems.push(`leave scores ${last.max + 1}..${max} without a level`);
    return problems;
}
