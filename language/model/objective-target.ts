import type { Objective, Target } from '../generated/ast.js';

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

/** A target an objective's measured values can be compared with. */
export interface NumericTarget {
    readonly comparison: Comparison;
    readonly value: number;
}

const TARGET_TEXT = /^\s*(<=|>=|<|>|=)\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * The objective's target as a comparison: `target <= 14`, or a Part 1 string of that form
 * (`target "<= 14"`). Undefined for a target in words or one still being typed.
 */
export function numericTarget(target: Target | undefined): NumericTarget | undefined {
    if (!target) return undefined;
    if (target.comparison && typeof target.value === 'number') {
        return { comparison: target.comparison as Comparison, value: target.value };
    }
    const match = target.text === undefined ? null : TARGET_TEXT.exec(target.text);
    return match ? { comparison: match[1] as Comparison, value: Number(match[2]) } : undefined;
}

/** The target as written, for people: `<= 14` or the text. */
export function targetText(target: Target | undefined): string | undefined {
    if (!target) return undefined;
    if (target.comparison && typeof target.value === 'number') return `${target.comparison} ${target.value}`;
    return target.text;
}

export function meetsTarget(value: number, target: NumericTarget): boolean {
    switch (target.comparison) {
        case '<': return value < target.value;
        case '<=': return value <= target.value;
        case '>': return value > target.value;
        case '>=': return value >= target.value;
        case '=': return value === target.value;
    }
}

/**
 * Whether `latest` is better, worse or as good as `previous` for this target: lower is better
 * under `<`/`<=`, higher under `>`/`>=`, and closer under `=`.
 */
export function trendOf(previous: number, latest: number, target: NumericTarget): 'improving' | 'worsening' | 'steady' {
    const distance = (value: number) => {
        switch (target.comparison) {
            case '<': case '<=': return value;
            case '>': case '>=': return -value;
            case '=': return Math.abs(value - target.value);
        }
    };
    const change = distance(latest) - distance(previous);
    return change < 0 ? 'improving' : change > 0 ? 'worsening' : 'steady';
}

/** The objective's measurements up to `today`, oldest first (a measurement of a later date is not known yet). */
export function measurementsUpTo(objective: Objective, today: string): Array<{ date: string, value: number }> {
    return objective.measurements
        .filter(measurement => measurement.date && typeof measurement.value === 'number' && measurement.date <= today)
        .map(measurement => ({ date: measurement.date, value: measurement.value }))
        .sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
}
