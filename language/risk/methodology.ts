import type { Methodology } from '../generated/ast.js';
import type { ModelIndex } from '../model/model-index.js';

export interface ScaleStep {
    readonly value: number;
    readonly label: string;
}

export interface RiskLevel {
    readonly name: string;
    readonly min: number;
    readonly max: number;
    /** The role that may accept risks of this level (or of a lower one), by id. */
    readonly acceptedBy?: string;
    /** 0 for the lowest level. */
    readonly rank: number;
}

/** The risk methodology in force, with every gap filled from the documented default. */
export interface MethodologyInForce {
    readonly name: string;
    readonly node?: Methodology;
    readonly likelihood: readonly ScaleStep[];
    readonly impact: readonly ScaleStep[];
    readonly levels: readonly RiskLevel[];
    readonly appetite: number;
    readonly factor: number;
    readonly review?: { readonly count: number, readonly unit: string };
    /** The longest span from an acceptance's `on` to its `until`; none when not declared. */
    readonly acceptanceLimit?: { readonly count: number, readonly unit: string };
}

const DEFAULT_LIKELIHOOD: ScaleStep[] = [
    { value: 1, label: 'Rare' }, { value: 2, label: 'Unlikely' }, { value: 3, label: 'Possible' },
    { value: 4, label: 'Likely' }, { value: 5, label: 'Almost certain' }
];
const DEFAULT_IMPACT: ScaleStep[] = [
    { value: 1, label: 'Negligible' }, { value: 2, label: 'Minor' }, { value: 3, label: 'Moderate' },
    { value: 4, label: 'Major' }, { value: 5, label: 'Severe' }
];
const DEFAULT_LEVELS: RiskLevel[] = [
    { name: 'low', min: 1, max: 4, rank: 0 },
    { name: 'medium', min: 5, max: 9, rank: 1 },
    { name: 'high', min: 10, max: 16, rank: 2 },
    { name: 'critical', min: 17, max: 25, rank: 3 }
];

/**
 * Used when the workspace declares no methodology: a 5×5 scale, levels low 1..4,
 * medium 5..9, high 10..16, critical 17..25, appetite 9, factor 1, review every 12 months.
 */
export const DEFAULT_METHODOLOGY: MethodologyInForce = {
    name: 'default 5×5',
    likelihood: DEFAULT_LIKELIHOOD,
    impact: DEFAULT_IMPACT,
    levels: DEFAULT_LEVELS,
    appetite: 9,
    factor: 1,
    review: { count: 12, unit: 'months' }
};

/**
 * The methodology the isms block names; else the first one declared (in file order); else the
 * default. Parts a methodology leaves out (a scale, the levels, the appetite) come from the default.
 */
export function findMethodologyInForce(index: ModelIndex): MethodologyInForce {
    const chosen = index.ismsBlock()?.methodology[0];
    const node = chosen ? index.methodologies().find(m => m.node.name === chosen.$refText)?.node : index.methodologies()[0]?.node;
    return node ? methodologyFrom(node) : DEFAULT_METHODOLOGY;
}

/** A declared methodology, with the parts it leaves out taken from the default. */
export function methodologyFrom(node: Methodology): MethodologyInForce {
    const levels = node.levels.length > 0
        ? [...node.levels].sort((a, b) => a.min - b.min).map((level, rank) => ({
            name: level.name, min: level.min, max: level.max, acceptedBy: level.acceptedBy?.$refText, rank
        }))
        : DEFAULT_LEVELS;
    return {
        name: node.name,
        node,
        likelihood: node.likelihood.length > 0 ? node.likelihood.map(step => ({ value: step.value, label: step.label })) : DEFAULT_LIKELIHOOD,
        impact: node.impact.length > 0 ? node.impact.map(step => ({ value: step.value, label: step.label })) : DEFAULT_IMPACT,
        levels,
        appetite: node.appetite[0] ?? DEFAULT_METHODOLOGY.appetite,
        factor: node.factor[0] ?? 1,
        review: node.review[0] ? { count: node.review[0].count, unit: node.review[0].unit } : undefined,
        acceptanceLimit: node.acceptanceLimit[0] ? { count: node.acceptanceLimit[0].count, unit: node.acceptanceLimit[0].unit } : undefined
    };
}

/** The lowest and highest score the scales allow, factor included. */
export function scoreRange(methodology: MethodologyInForce): { min: number, max: number } {
    const values = (steps: readonly ScaleStep[]) => steps.map(step => step.value);
    const likelihood = values(methodology.likelihood);
    const impact = values(methodology.impact);
    return {
        min: Math.min(...likelihood) * Math.min(...impact) * methodology.factor,
        max: Math.max(...likelihood) * Math.max(...impact) * methodology.factor
    };
}

export function levelOf(methodology: MethodologyInForce, score: number): RiskLevel | undefined {
    return methodology.levels.find(level => score >= level.min && score <= level.max);
}

export function labelOf(steps: readonly ScaleStep[], value: number): string | undefined {
    return steps.find(step => step.value === value)?.label;
}

/**
 * The roles that may accept a risk of `level`: the one its `accepted-by` names and those named
 * by higher levels. `undefined` means anyone may (no level from this one up names a role).
 */
export function rolesAllowedToAccept(methodology: MethodologyInForce, level: RiskLevel): Set<string> | undefined {
    if (!level.acceptedBy) return undefined;
    return new Set(methodology.levels.filter(other => other.rank >= level.rank && other.acceptedBy).map(other => other.acceptedBy!));
}
