import type { ValidationAcceptor } from 'langium';
import type { Residual, Risk } from '../generated/ast.js';
import { isRisk } from '../generated/ast.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import { addInterval } from '../config/calendar.js';
import type { ModelIndex } from '../model/model-index.js';
import type { RiskScoring, Score } from '../risk/risk-scoring.js';
import { trimmedText } from '../model/recovered.js';

/** Clause 6.1.2 (assessment) and 6.1.3 (treatment): the rules on each risk. */
export class RiskChecks {

    constructor(
        private readonly scoring: RiskScoring,
        private readonly modelIndex: ModelIndex,
        private readonly settings: IsmsSettings
    ) { }

    checkRisk(risk: Risk, accept: ValidationAcceptor): void {
        this.checkAssessed(risk, accept);
        this.checkTreated(risk, accept);
        this.checkScales(risk, accept);
        this.checkResidual(risk, accept);
        this.checkExcludedControls(risk, accept);
        this.checkReviewed(risk, accept);
        this.checkOwned(risk, accept);
        this.checkTransferComplete(risk, accept);
        this.checkTreatmentOnTime(risk, accept);
        this.checkStatedScore(risk, accept);
    }

    private checkAssessed(risk: Risk, accept: ValidationAcceptor): void {
        const missing = [risk.likelihood[0] === undefined && 'likelihood', risk.impact[0] === undefined && 'impact'].filter(Boolean);
        if (missing.length > 0) {
            accept('error', `Risk '${risk.name}' has no ${missing.join(' and no ')}: assess it on the methodology's scales (likelihood N impact N).`, {
                node: risk, property: 'name', code: 'risk-unscored'
            });
        }
    }

    private checkTreated(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment[0];
        if (!treatment) {
            accept('error', `Risk '${risk.name}' has no treatment. Decide how it is treated: treatment mitigate { controls … }, transfer, avoid or accept.`, {
                node: risk, property: 'name', code: 'untreated-risk'
            });
        } else if (treatment.kind === 'mitigate' && treatment.controls.length === 0) {
            accept('error', `Risk '${risk.name}' is to be mitigated but names no control. List them: controls A.x.y, …`, {
                node: treatment, property: 'kind', code: 'unmitigated-risk'
            });
        }
    }

    private checkScales(risk: Risk, accept: ValidationAcceptor): void {
        const methodology = this.scoring.methodology();
        const check = (node: Risk | Residual, property: 'likelihood' | 'impact') => {
            const value = isRisk(node) ? node[property][0] : node[property];
            if (value === undefined) return;
            const scale = methodology[property];
            if (!scale.some(step => step.value === value)) {
                const allowed = scale.map(step => `${step.value} (${step.label})`).join(', ');
                accept('error', `${capitalize(property)} ${value} is not on the ${property} scale of methodology ${methodology.name}: use one of ${allowed}.`, {
                    node, property, code: 'score-out-of-scale'
                });
            }
        };
        check(risk, 'likelihood');
        check(risk, 'impact');
        const residual = this.scoring.assess(risk).residualNode;
        if (residual) {
            check(residual, 'likelihood');
            check(residual, 'impact');
        }
    }

    private checkResidual(risk: Risk, accept: ValidationAcceptor): void {
        const assessment = this.scoring.assess(risk);
        const { inherent, residual, residualNode } = assessment;
        if (residualNode && inherent && residual && residual.score > inherent.score) {
            accept('error', `Residual score ${describe(residual)} is higher than the inherent score ${describe(inherent)}: a treatment cannot raise a risk.`, {
                node: residualNode, code: 'residual-exceeds-inherent'
            });
            return;
        }
        // An untreated risk is reported as untreated; its "residual" is only its inherent score.
        if (risk.treatment[0] && assessment.aboveAppetite && !assessment.accepted && residual) {
            const appetite = this.scoring.methodology().appetite;
            const message = `Residual score ${describe(residual)} of risk '${risk.name}' is above the risk appetite (${appetite}) and not accepted. Treat it further, or accept it: accept { by ROLE on DATE until DATE because "…" }.`;
            if (residualNode) {
                accept('warning', message, { node: residualNode, code: 'residual-above-appetite' });
            } else {
                accept('warning', message, { node: risk, property: 'name', code: 'residual-above-appetite' });
            }
        }
    }

    private checkExcludedControls(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment[0];
        if (!treatment || (treatment.kind !== 'mitigate' && treatment.kind !== 'transfer')) return;
        treatment.controls.forEach((control, index) => {
            const excluded = this.modelIndex.decisionsFor(control.$refText).some(decision => decision.node.$type === 'Exclude');
            if (excluded) {
                accept('error', `Risk '${risk.name}' is treated with ${control.$refText}, which the Statement of Applicability excludes. Remove it from the treatment or apply the control.`, {
                    node: treatment, property: 'controls', index, code: 'excluded-control-used'
                });
            }
        });
    }

    private checkReviewed(risk: Risk, accept: ValidationAcceptor): void {
        const review = this.scoring.methodology().review;
        if (!risk.reviewed[0] || !review) return;
        const due = addInterval(risk.reviewed[0], review.count, review.unit);
        if (due < this.settings.today()) {
            accept('warning', `Risk '${risk.name}' was last reviewed on ${risk.reviewed[0]}; the methodology asks for a review every ${review.count} ${review.unit} (due ${due}).`, {
                node: risk, property: 'reviewed', code: 'review-overdue'
            });
        }
    }

    private checkOwned(risk: Risk, accept: ValidationAcceptor): void {
        if (!risk.owner[0]) {
            accept('warning', `Risk '${risk.name}' has no owner (clause 6.1.2 c 2). Name the role accountable for it: owner ROLE.`, {
                node: risk, property: 'name', code: 'risk-without-owner'
            });
        }
    }

    private checkTransferComplete(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment[0];
        if (treatment?.kind !== 'transfer') return;
        // A blank reason is no reason: reported here, not as a placeholder.
        const missing = [!treatment.to[0] && 'to whom (to SUPPLIER)', !trimmedText(treatment.because[0]) && 'why (because "…")'].filter(Boolean);
        if (missing.length > 0) {
            accept('error', `The transfer of risk '${risk.name}' does not record ${missing.join(' or ')}. Complete it: transfer { to SUPPLIER because "…" }.`, {
                node: treatment, property: 'kind', code: 'transfer-incomplete'
            });
        }
    }

    /** Clause 6.1.3 e: the treatment plan's target date has passed with controls still to implement. */
    private checkTreatmentOnTime(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment[0];
        if (treatment?.kind !== 'mitigate' || !treatment.due[0] || treatment.due[0] >= this.settings.today()) return;
        const pending = [...new Set(treatment.controls.map(control => control.$refText))]
            .filter(control => this.implementationStatus(control) !== 'implemented');
        if (pending.length > 0) {
            const listed = pending.map(control => `${control} (${this.implementationStatus(control) ?? 'no status'})`).join(', ');
            accept('warning', `The mitigation of risk '${risk.name}' was due on ${treatment.due[0]}, but ${listed} ${pending.length === 1 ? 'is' : 'are'} not implemented. Implement ${pending.length === 1 ? 'it' : 'them'} and record status implemented on the apply, or agree and record a new due date.`, {
                node: treatment, property: 'due', code: 'treatment-overdue'
            });
        }
    }

    /** The `status` of the SoA's decision to apply the control; undefined when none records one. */
    private implementationStatus(control: string): string | undefined {
        const decision = this.modelIndex.decisionsFor(control)[0]?.node;
        return decision?.$type === 'Apply' ? decision.status[0] : undefined;
    }

    /** A register imported with its own scores must agree with the methodology in force. */
    private checkStatedScore(risk: Risk, accept: ValidationAcceptor): void {
        const inherent = this.scoring.assess(risk).inherent;
        if (!inherent) return;
        const methodology = this.scoring.methodology();
        const computed = `likelihood ${inherent.likelihood} × impact ${inherent.impact}${methodology.factor === 1 ? '' : ` × factor ${methodology.factor}`}`;
        if (risk.statedScore[0] !== undefined && risk.statedScore[0] !== inherent.score) {
            accept('warning', `Risk '${risk.name}' states score ${risk.statedScore[0]}, but its inherent score is ${inherent.score} (${computed}). Correct the stated score or the likelihood and impact.`, {
                node: risk, property: 'statedScore', code: 'score-mismatch'
            });
        }
        const level = inherent.level?.name;
        if (risk.statedLevel[0] !== undefined && level !== undefined && risk.statedLevel[0] !== level) {
            accept('warning', `Risk '${risk.name}' states level ${risk.statedLevel[0]}, but its inherent score ${inherent.score} is ${level} under methodology ${methodology.name}. Correct the stated level or the likelihood and impact.`, {
                node: risk, property: 'statedLevel', code: 'score-mismatch'
            });
        }
    }
}

function describe(score: Score): string {
    return `${score.score}${score.level ? ` (${score.level.name})` : ''}`;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
