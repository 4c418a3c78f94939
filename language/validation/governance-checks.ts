import type { ValidationAcceptor } from 'langium';
import type { CorrectiveAction, Policy } from '../generated/ast.js';
import { addInterval } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';

/** Leadership (clause 5.2) and improvement (clause 10.2): policies, and corrective actions kept on time. */
export class GovernanceChecks {

    constructor(private readonly settings: IsmsSettings) { }

    checkPolicyApproved(policy: Policy, accept: ValidationAcceptor): void {
        if (!policy.approvedBy[0] || !policy.approvedOn[0]) {
            const missing = !policy.approvedBy[0] ? 'no approval' : 'no approval date';
            accept('warning', `Policy '${policy.name}' records ${missing}. Record it: approved-by ROLE on DATE.`, {
                node: policy, property: 'name', code: 'policy-unapproved'
            });
        }
    }

    checkPolicyReviewed(policy: Policy, accept: ValidationAcceptor): void {
        // Approving a new version is a review too: the later of the two dates counts.
        const lastReview = [policy.reviewed[0], policy.approvedOn[0]].filter((date): date is string => !!date).sort().pop();
        if (!policy.review[0] || !lastReview) return;
        const due = addInterval(lastReview, policy.review[0].count, policy.review[0].unit);
        if (due < this.settings.today()) {
            accept('warning', `Policy '${policy.name}' was last reviewed on ${lastReview}; it is to be reviewed every ${policy.review[0].count} ${policy.review[0].unit} (due ${due}).`, {
                node: policy, property: lastReview === policy.reviewed[0] ? 'reviewed' : 'approvedOn', code: 'review-overdue'
            });
        }
    }

    checkActionOnTime(action: CorrectiveAction, accept: ValidationAcceptor): void {
        if (action.status[0] === 'closed' || !action.due[0]) return;
        if (action.due[0] < this.settings.today()) {
            accept('warning', `Corrective action "${action.title}" is ${action.status[0] ?? 'open'} and was due on ${action.due[0]}. Close it, or agree and record a new due date.`, {
                node: action, code: 'action-overdue'
            });
        }
    }
}
