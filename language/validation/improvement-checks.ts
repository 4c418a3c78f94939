import type { ValidationAcceptor } from 'langium';
import type { CorrectiveAction, Finding, Nonconformity } from '../generated/ast.js';
import { isNonconformity } from '../generated/ast.js';
import type { ModelIndex } from '../model/model-index.js';
import { trimmedText } from '../model/recovered.js';

/** Clause 10.2: nonconformities and audit findings are acted on, and the actions verified. */
export class ImprovementChecks {

    constructor(private readonly modelIndex: ModelIndex) { }

    /**
     * An observation needs no action; a major or minor finding, or one of no stated severity,
     * needs one: its own, or one of the nonconformity it names.
     */
    checkFindingHasAction(finding: Finding, accept: ValidationAcceptor): void {
        if (finding.severity[0] === 'observation' || finding.actions.length > 0) return;
        const named = finding.nonconformity[0]?.$refText;
        if (!named) {
            accept('error', `Finding '${finding.name}' has no corrective action (clause 10.2). Add one: corrective-action "…" { owner ROLE due DATE status open }, or name the nonconformity that records it: nonconformity NC-ID.`, {
                node: finding, property: 'name', code: 'finding-without-action'
            });
            return;
        }
        const nonconformity = this.modelIndex.declarationsOf('Nonconformity', named)[0]?.node;
        // An unknown nonconformity is reported as an unresolved reference.
        if (isNonconformity(nonconformity) && nonconformity.actions.length === 0) {
            accept('error', `Finding '${finding.name}' has no corrective action (clause 10.2): the nonconformity ${named} it names records none either. Add one to ${named}: corrective-action "…" { owner ROLE due DATE status open }.`, {
                node: finding, property: 'name', code: 'finding-without-action'
            });
        }
    }

    checkNonconformityComplete(nonconformity: Nonconformity, accept: ValidationAcceptor): void {
        if (nonconformity.severity[0] === 'major' && !trimmedText(nonconformity.rootCause[0])) {
            accept('warning', `Major nonconformity '${nonconformity.name}' records no root cause (clause 10.2 b). Determine and record it: root-cause "…".`, {
                node: nonconformity, property: 'name', code: 'nonconformity-incomplete'
            });
        }
        for (const action of nonconformity.actions) {
            this.checkActionVerified(nonconformity, action, accept);
        }
    }

    /** Clause 10.2 d: a closed action's effectiveness is reviewed, by someone, on a date. */
    private checkActionVerified(nonconformity: Nonconformity, action: CorrectiveAction, accept: ValidationAcceptor): void {
        if (action.status[0] !== 'closed') return;
        const missing = [!action.effective[0] && 'whether it was effective (effective yes|no)', !action.verifiedBy[0] && 'who verified it (verified-by ROLE)', !action.verifiedOn[0] && 'when (on DATE)'].filter(Boolean);
        if (missing.length > 0) {
            accept('warning', `Corrective action "${action.title}" of nonconformity '${nonconformity.name}' is closed but does not record ${missing.join(', ')} (clause 10.2 d). Review its effectiveness: effective yes|no verified-by ROLE on DATE.`, {
                node: action, code: 'nonconformity-incomplete'
            });
        }
    }
}
