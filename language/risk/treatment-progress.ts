import type { Risk } from '../generated/ast.js';
import type { RiskAssessment, Score } from './risk-scoring.js';

/** Whether a residual is only aimed at (`target`) or has been reached (`current`). */
export type ResidualState = 'target' | 'current';

export interface TreatmentProgress {
    /** The residual risk; none for an avoided risk, which goes away with the activity. */
    readonly residual?: Score;
    /** `target` while a control of the treatment is not implemented, `current` once all are. */
    readonly residualIs?: ResidualState;
    /** The score the risk has now: the residual once reached, else the inherent score; none when avoided. */
    readonly current?: Score;
    /** The treatment's controls not implemented yet, by id, in the order written. */
    readonly pendingControls: readonly string[];
}

/**
 * How far the treatment of `risk` has come. A `mitigate` or `transfer` residual counts only once
 * every control it names is implemented (clause 8.3): until then it is the target, and the risk
 * still stands at its inherent score.
 */
export function treatmentProgress(risk: Risk, assessment: RiskAssessment, isImplemented: (control: string) => boolean): TreatmentProgress {
    const treatment = risk.treatment[0];
    if (treatment?.kind === 'avoid') return { pendingControls: [] };
    const controls = treatment?.kind === 'mitigate' || treatment?.kind === 'transfer' ? treatment.controls.map(reference => reference.$refText) : [];
    const pendingControls = controls.filter(control => !isImplemented(control));
    const residual = assessment.residual;
    if (!residual) return { pendingControls };
    const reached = pendingControls.length === 0;
    return { residual, residualIs: reached ? 'current' : 'target', current: reached ? residual : assessment.inherent, pendingControls };
}
