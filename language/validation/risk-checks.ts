import type { ValidationAcceptor } from 'langium';
import type { Acceptance, Residual, Risk } from '../generated/ast.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import { addInterval } from '../config/calendar.js';
import type { ModelIndex } from '../model/model-index.js';
import type { RiskScoring, Score } from '../risk/risk-scoring.js';
import { rolesAllowedToAccept } from '../risk/methodology.js';

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
        this.checkAcceptance(risk, accept);
        this.checkExcludedControls(risk, accept);
        this.checkReviewed(risk, accept);
    }

    private checkAssessed(risk: Risk, accept: ValidationAcceptor): void {
        const missing = [risk.likelihood === undefined && 'likelihood', risk.impact === undefined && 'impact'].filter(Boolean);
        if (missing.length > 0) {
            accept('error', `Risk '${risk.name}' has no ${missing.join(' and no ')}: assess it on the methodology's scales (likelihood N impact N).`, {
                node: risk, property: 'name', code: 'risk-unscored'
            });
        }
    }

    private checkTreated(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment;
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
            const value = node[property];
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
        if (risk.treatment && assessment.aboveAppetite && !assessment.accepted && residual) {
            const appetite = this.scoring.methodology().appetite;
            const message = `Residual score ${describe(residual)} of risk '${risk.name}' is above the risk appetite (${appetite}) and not accepted. Treat it further, or accept it: accept { by ROLE on DATE until DATE because "…" }.`;
            if (residualNode) {
                accept('warning', message, { node: residualNode, code: 'residual-above-appetite' });
            } else {
                accept('warning', message, { node: risk, property: 'name', code: 'residual-above-appetite' });
            }
        }
    }

    private checkAcceptance(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment;
        const assessment = this.scoring.assess(risk);
        if (!treatment || !assessment.accepted) return;
        const acceptance = assessment.acceptance;
        const missing = [!acceptance?.by && 'who (by ROLE)', !acceptance?.on && 'when (on DATE)', !acceptance?.because && 'why (because "…")'].filter(Boolean);
        if (missing.length > 0) {
            const message = `The acceptance of risk '${risk.name}' does not record ${missing.join(', ')}.`;
            // Reported on the `accept` keyword: the treatment's own, or the one inside mitigate/transfer.
            if (treatment.kind === 'accept') {
                accept('error', message, { node: treatment, property: 'kind', code: 'acceptance-incomplete' });
            } else {
                accept('error', message, { node: treatment, keyword: 'accept', code: 'acceptance-incomplete' });
            }
        }
        if (!acceptance) return;
        if (acceptance.until && acceptance.until < this.settings.today()) {
            accept('warning', `The acceptance of risk '${risk.name}' expired on ${acceptance.until}. Review the risk and renew or withdraw the acceptance.`, {
                node: acceptance, property: 'until', code: 'acceptance-expired'
            });
        }
        this.checkAcceptanceAuthority(risk, acceptance, accept);
    }

    private checkAcceptanceAuthority(risk: Risk, acceptance: Acceptance, accept: ValidationAcceptor): void {
        const level = this.scoring.assess(risk).residual?.level;
        const by = acceptance.by?.$refText;
        if (!level || !by) return;
        const allowed = rolesAllowedToAccept(this.scoring.methodology(), level);
        if (allowed && !allowed.has(by)) {
            accept('warning', `Risk '${risk.name}' is ${level.name}; ${by} may not accept ${level.name} risks. Acceptance by ${[...allowed].join(' or ')} is required.`, {
                node: acceptance, property: 'by', code: 'acceptance-authority'
            });
        }
    }

    private checkExcludedControls(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment;
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
        if (!risk.reviewed || !review) return;
        const due = addInterval(risk.reviewed, review.count, review.unit);
        if (due < this.settings.today()) {
            accept('warning', `Risk '${risk.name}' was last reviewed on ${risk.reviewed}; the methodology asks for a review every ${review.count} ${review.unit} (due ${due}).`, {
                node: risk, property: 'reviewed', code: 'review-overdue'
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
