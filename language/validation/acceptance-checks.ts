import type { ValidationAcceptor } from 'langium';
import type { Acceptance, Risk } from '../generated/ast.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import { addInterval } from '../config/calendar.js';
import { trimmedText } from '../model/recovered.js';
import type { RiskScoring } from '../risk/risk-scoring.js';
import { rolesAllowedToAccept } from '../risk/methodology.js';

/**
 * Clause 6.1.3 f: the risk owner's acceptance of what remains of a risk, whether the treatment
 * is `accept` or an `accept` inside `mitigate`/`transfer`.
 */
export class AcceptanceChecks {

    constructor(
        private readonly scoring: RiskScoring,
        private readonly settings: IsmsSettings
    ) { }

    checkAcceptance(risk: Risk, accept: ValidationAcceptor): void {
        const treatment = risk.treatment[0];
        const assessment = this.scoring.assess(risk);
        if (!treatment || !assessment.accepted) return;
        const acceptance = assessment.acceptance;
        // A blank reason is no reason: it is reported here, not as a placeholder.
        const missing = [!acceptance?.by[0] && 'who (by ROLE)', !acceptance?.on[0] && 'when (on DATE)', !trimmedText(acceptance?.because[0]) && 'why (because "…")'].filter(Boolean);
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
        if (acceptance.until[0] && acceptance.until[0] < this.settings.today()) {
            accept('warning', `The acceptance of risk '${risk.name}' expired on ${acceptance.until[0]}. Review the risk and renew or withdraw the acceptance.`, {
                node: acceptance, property: 'until', code: 'acceptance-expired'
            });
        }
        this.checkAuthority(risk, acceptance, accept);
        this.checkSpan(risk, acceptance, accept);
        this.checkDatedInPast(risk, acceptance, accept);
    }

    private checkAuthority(risk: Risk, acceptance: Acceptance, accept: ValidationAcceptor): void {
        const level = this.scoring.assess(risk).residual?.level;
        const by = acceptance.by[0]?.$refText;
        if (!level || !by) return;
        const allowed = rolesAllowedToAccept(this.scoring.methodology(), level);
        if (allowed && !allowed.has(by)) {
            accept('warning', `Risk '${risk.name}' is ${level.name}; ${by} may not accept ${level.name} risks. Acceptance by ${[...allowed].join(' or ')} is required.`, {
                node: acceptance, property: 'by', code: 'acceptance-authority'
            });
        }
    }

    /** An acceptance may not run longer than the methodology's `acceptance at most`. */
    private checkSpan(risk: Risk, acceptance: Acceptance, accept: ValidationAcceptor): void {
        const methodology = this.scoring.methodology();
        const limit = methodology.acceptanceLimit;
        if (!limit || !acceptance.on[0] || !acceptance.until[0]) return;
        const latest = addInterval(acceptance.on[0], limit.count, limit.unit);
        if (acceptance.until[0] > latest) {
            accept('warning', `The acceptance of risk '${risk.name}' runs from ${acceptance.on[0]} until ${acceptance.until[0]}, longer than the ${limit.count} ${limit.unit} methodology ${methodology.name} allows. End it on ${latest} at the latest, and review the risk then.`, {
                node: acceptance, property: 'until', code: 'acceptance-too-long'
            });
        }
    }

    private checkDatedInPast(risk: Risk, acceptance: Acceptance, accept: ValidationAcceptor): void {
        const today = this.settings.today();
        if (acceptance.on[0] && acceptance.on[0] > today) {
            accept('warning', `The acceptance of risk '${risk.name}' is dated ${acceptance.on[0]}, after today (${today}). Record the date the risk was actually accepted.`, {
                node: acceptance, property: 'on', code: 'acceptance-in-future'
            });
        }
    }
}
