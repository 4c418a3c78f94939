import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarAST, isCompositeCstNode } from 'langium';
import type { Risk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { MethodologyInForce, ScaleStep } from '../risk/methodology.js';
import { levelOf } from '../risk/methodology.js';
import type { Score } from '../risk/risk-scoring.js';
import { compareIdKeys, idKey } from './report-document.js';

/** A risk as a heat map shows it: enough to name it and to open its declaration in an editor. */
export interface HeatMapRisk {
    readonly id: string;
    readonly title: string;
    /** The URI of the document that declares the risk. */
    readonly uri: string;
    /** The 0-based line of the risk's name in that document. */
    readonly line: number;
}

export interface HeatMapCell {
    readonly likelihood: number;
    readonly impact: number;
    /** likelihood × impact × factor */
    readonly score: number;
    /** The level whose range holds the score; null when the levels leave that score out. */
    readonly level: string | null;
    /** The risks scored at this likelihood and impact, in id order. */
    readonly risks: readonly HeatMapRisk[];
}

export interface HeatMapLevel {
    readonly name: string;
    readonly min: number;
    readonly max: number;
}

/** Why a risk is missing from a grid: no likelihood or impact, or a value not on the scale. */
export type UnplacedReason = 'unscored' | 'off-scale';

export interface UnplacedRisk extends HeatMapRisk {
    readonly reason: UnplacedReason;
    readonly likelihood: number | null;
    readonly impact: number | null;
}

/**
 * The risk heat map of the model under the methodology in force: two grids, before treatment
 * (inherent) and after it (residual). `inherent[l][i]` is the cell of `likelihood[l]` and
 * `impact[i]`; both scales ascend, so row 0 is the lowest likelihood and column 0 the lowest
 * impact. Plain data only, so that it can be sent to a webview as JSON.
 */
export interface HeatMap {
    /** The name of the methodology in force. */
    readonly methodology: string;
    /** Residual scores above this need further treatment or formal acceptance. */
    readonly appetite: number;
    /** Scores are likelihood × impact × factor (1 unless the methodology says otherwise). */
    readonly factor: number;
    readonly likelihood: readonly ScaleStep[];
    readonly impact: readonly ScaleStep[];
    /** From the lowest level to the highest. */
    readonly levels: readonly HeatMapLevel[];
    readonly inherent: ReadonlyArray<readonly HeatMapCell[]>;
    /** After treatment. Avoided risks are left out: the activity that carried them stops. */
    readonly residual: ReadonlyArray<readonly HeatMapCell[]>;
    /** Risks that could not be placed on a grid, per grid, in id order. */
    readonly unplaced: {
        readonly inherent: readonly UnplacedRisk[];
        readonly residual: readonly UnplacedRisk[];
    };
}

/**
 * Builds the heat map from the validated model. Pure and deterministic: the same model gives
 * the same map, whatever the order in which its documents were loaded.
 *
 * A risk goes into the inherent grid at its likelihood and impact, and into the residual grid at
 * the residual score of its assessment (the treatment's `residual`, else the inherent score),
 * except when it is avoided. A risk lacking a likelihood or an impact, or scored off the scale,
 * is listed in `unplaced` instead.
 */
export function buildHeatMap(services: IsmsServices): HeatMap {
    const scoring = services.model.RiskScoring;
    const methodology = scoring.methodology();
    const likelihood = ascendingScale(methodology.likelihood);
    const impact = ascendingScale(methodology.impact);
    const inherent = new Grid(likelihood, impact, methodology);
    const residual = new Grid(likelihood, impact, methodology);
    const risks = services.model.ModelIndex.risks()
        .filter(located => !!located.node.name)
        .map(located => ({ risk: located.node, ref: riskRef(located.node, located.uri), key: idKey(located.node.name) }))
        // Id order; a duplicated id (an error of its own) falls back to where it is declared.
        .sort((a, b) => compareIdKeys(a.key, b.key) || compareDeclarations(a.ref, b.ref));
    for (const { risk, ref } of risks) {
        const assessment = scoring.assess(risk);
        inherent.place(ref, assessment.inherent, risk.likelihood[0], risk.impact[0]);
        if (risk.treatment[0]?.kind !== 'avoid') {
            const node = assessment.residualNode;
            residual.place(ref, assessment.residual, node ? node.likelihood : risk.likelihood[0], node ? node.impact : risk.impact[0]);
        }
    }
    return {
        methodology: methodology.name,
        appetite: methodology.appetite,
        factor: methodology.factor,
        likelihood,
        impact,
        levels: methodology.levels.map(level => ({ name: level.name, min: level.min, max: level.max })),
        inherent: inherent.cells(),
        residual: residual.cells(),
        unplaced: { inherent: inherent.unplaced, residual: residual.unplaced }
    };
}

/** The total number of risks on a grid. */
export function risksOnGrid(grid: ReadonlyArray<readonly HeatMapCell[]>): number {
    return grid.reduce((sum, row) => sum + row.reduce((rowSum, cell) => rowSum + cell.risks.length, 0), 0);
}

/** A scale in ascending order of value, each value once (the first label given for it). */
function ascendingScale(steps: readonly ScaleStep[]): ScaleStep[] {
    const byValue = new Map<number, ScaleStep>();
    for (const step of steps) {
        if (!byValue.has(step.value)) byValue.set(step.value, { value: step.value, label: step.label });
    }
    return [...byValue.values()].sort((a, b) => a.value - b.value);
}

class Grid {

    private readonly rows: Array<Array<{ cell: Omit<HeatMapCell, 'risks'>, risks: HeatMapRisk[] }>>;
    private readonly rowOf = new Map<number, number>();
    private readonly columnOf = new Map<number, number>();
    readonly unplaced: UnplacedRisk[] = [];

    constructor(likelihood: readonly ScaleStep[], impact: readonly ScaleStep[], methodology: MethodologyInForce) {
        likelihood.forEach((step, index) => this.rowOf.set(step.value, index));
        impact.forEach((step, index) => this.columnOf.set(step.value, index));
        this.rows = likelihood.map(l => impact.map(i => {
            const score = l.value * i.value * methodology.factor;
            return { cell: { likelihood: l.value, impact: i.value, score, level: levelOf(methodology, score)?.name ?? null }, risks: [] };
        }));
    }

    /** Risks arrive in id order, so each cell's list stays sorted. */
    place(ref: HeatMapRisk, score: Score | undefined, likelihood: number | undefined, impact: number | undefined): void {
        if (!score) {
            this.unplaced.push({ ...ref, reason: 'unscored', likelihood: likelihood ?? null, impact: impact ?? null });
            return;
        }
        const row = this.rowOf.get(score.likelihood);
        const column = this.columnOf.get(score.impact);
        if (row === undefined || column === undefined) {
            this.unplaced.push({ ...ref, reason: 'off-scale', likelihood: score.likelihood, impact: score.impact });
            return;
        }
        this.rows[row][column].risks.push(ref);
    }

    cells(): HeatMapCell[][] {
        return this.rows.map(row => row.map(({ cell, risks }) => ({ ...cell, risks: [...risks] })));
    }
}

function riskRef(risk: Risk, uri: string): HeatMapRisk {
    const nameNode = risk.$cstNode ? firstNodeForProperty(risk.$cstNode, 'name', risk.$cstNode.astNode) : undefined;
    const line = (nameNode ?? risk.$cstNode)?.range.start.line ?? 0;
    return { id: risk.name, title: risk.title ?? '', uri, line };
}

/**
 * The first CST node of `owner` assigned to `property`, as Langium's
 * `GrammarUtils.findNodeForProperty` finds it, but without collecting every other one first.
 */
function firstNodeForProperty(node: CstNode, property: string, owner: AstNode): CstNode | undefined {
    if (!isCompositeCstNode(node) || node.astNode !== owner) return undefined;
    for (const child of node.content) {
        if (AstUtils.getContainerOfType(child.grammarSource, GrammarAST.isAssignment)?.feature === property) return child;
        const found = firstNodeForProperty(child, property, owner);
        if (found) return found;
    }
    return undefined;
}

function compareDeclarations(a: HeatMapRisk, b: HeatMapRisk): number {
    return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line;
}
