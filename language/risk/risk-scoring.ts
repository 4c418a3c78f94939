import type { LangiumSharedCoreServices } from 'langium';
import { DocumentState, WorkspaceCache } from 'langium';
import type { Acceptance, Residual, Risk } from '../generated/ast.js';
import type { ModelIndex } from '../model/model-index.js';
import type { MethodologyInForce, RiskLevel } from './methodology.js';
import { findMethodologyInForce, levelOf } from './methodology.js';

export interface Score {
    readonly likelihood: number;
    readonly impact: number;
    /** likelihood × impact × factor */
    readonly score: number;
    readonly level?: RiskLevel;
}

export interface RiskAssessment {
    /** Undefined while the risk lacks a likelihood or an impact. */
    readonly inherent?: Score;
    /** The treatment's `residual`; else the inherent score. */
    readonly residual?: Score;
    /** The `residual` node, when the treatment declares one. */
    readonly residualNode?: Residual;
    /** The acceptance of what remains: the `accept` treatment, or an `accept` inside `mitigate`/`transfer`. */
    readonly acceptance?: Acceptance;
    /** Whether what remains is accepted: treated by `accept`, or with an inner `accept`. */
    readonly accepted: boolean;
    /** Residual score above the appetite. An avoided risk never is: the activity stops. */
    readonly aboveAppetite: boolean;
}

/**
 * Inherent and residual scores and levels of risks under the methodology in force. Computed
 * once per model state and shared by validation, hovers, reports and the CLI.
 */
export class RiskScoring {

    private readonly cache: WorkspaceCache<string, { methodology: MethodologyInForce, assessments: WeakMap<Risk, RiskAssessment> }>;

    constructor(shared: LangiumSharedCoreServices, private readonly modelIndex: ModelIndex) {
        this.cache = new WorkspaceCache(shared, DocumentState.Parsed);
    }

    methodology(): MethodologyInForce {
        return this.state().methodology;
    }

    assess(risk: Risk): RiskAssessment {
        const { methodology, assessments } = this.state();
        let assessment = assessments.get(risk);
        if (!assessment) {
            assessment = assessRisk(risk, methodology);
            assessments.set(risk, assessment);
        }
        return assessment;
    }

    score(likelihood: number, impact: number): Score {
        return scoreOf(likelihood, impact, this.methodology());
    }

    private state() {
        return this.cache.get('state', () => ({ methodology: findMethodologyInForce(this.modelIndex), assessments: new WeakMap() }));
    }
}

export function scoreOf(likelihood: number, impact: number, methodology: MethodologyInForce): Score {
    const score = likelihood * impact * methodology.factor;
    return { likelihood, impact, score, level: levelOf(methodology, score) };
}

function assessRisk(risk: Risk, methodology: MethodologyInForce): RiskAssessment {
    const inherent = risk.likelihood[0] !== undefined && risk.impact[0] !== undefined
        ? scoreOf(risk.likelihood[0], risk.impact[0], methodology) : undefined;
    const treatment = risk.treatment[0];
    const residualNode = treatment && (treatment.kind === 'mitigate' || treatment.kind === 'transfer') ? treatment.residual[0] : undefined;
    const residual = residualNode ? scoreOf(residualNode.likelihood, residualNode.impact, methodology) : inherent;
    const acceptance = treatment?.kind === 'accept' ? treatment.acceptance
        : treatment?.kind === 'mitigate' || treatment?.kind === 'transfer' ? treatment.acceptance[0] : undefined;
    const accepted = treatment?.kind === 'accept' || acceptance !== undefined;
    const aboveAppetite = treatment?.kind !== 'avoid' && residual !== undefined && residual.score > methodology.appetite;
    return { inherent, residual, residualNode, acceptance, accepted, aboveAppetite };
}
