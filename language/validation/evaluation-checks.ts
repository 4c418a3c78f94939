import type { ValidationAcceptor } from 'langium';
import type { Audit, Interval, IsmsBlock, ManagementReview } from '../generated/ast.js';
import { addInterval, isRealDate } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import type { ModelIndex } from '../model/model-index.js';

/** The ten inputs a management review considers (clause 9.3.2 a to g, with 9.3.2 d in four parts). */
export const REVIEW_INPUTS = [
    'actions-status', 'context-changes', 'interested-parties', 'nonconformities', 'monitoring',
    'audit-results', 'objectives', 'feedback', 'risk-assessment', 'improvement'
] as const;

/** The kinds of dated event the isms block asks for at an interval. */
interface Programme {
    readonly type: 'Audit' | 'ManagementReview';
    readonly property: 'auditInterval' | 'reviewInterval';
    readonly what: string;
    readonly clause: string;
    readonly code: 'audit-overdue' | 'management-review-overdue';
    readonly declare: string;
}

const AUDITS: Programme = {
    type: 'Audit', property: 'auditInterval', what: 'internal audit', clause: '9.2', code: 'audit-overdue',
    declare: 'audit ID "…" { date DATE }'
};
const REVIEWS: Programme = {
    type: 'ManagementReview', property: 'reviewInterval', what: 'management review', clause: '9.3', code: 'management-review-overdue',
    declare: 'management-review ID "…" { date DATE }'
};

/** Clauses 9.2 and 9.3: internal audits and management reviews at planned intervals. */
export class EvaluationChecks {

    constructor(private readonly modelIndex: ModelIndex, private readonly settings: IsmsSettings) { }

    checkAuditsOnTime(block: IsmsBlock, accept: ValidationAcceptor): void {
        this.checkProgramme(block, AUDITS, accept);
    }

    checkManagementReviewsOnTime(block: IsmsBlock, accept: ValidationAcceptor): void {
        this.checkProgramme(block, REVIEWS, accept);
    }

    checkReviewInputs(review: ManagementReview, accept: ValidationAcceptor): void {
        const missing = REVIEW_INPUTS.filter(input => !review.inputs.includes(input));
        if (missing.length > 0) {
            accept('warning', `Management review '${review.name}' does not consider ${missing.length === 1 ? 'the input' : `${missing.length} of the 10 inputs`} of clause 9.3.2: ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} to its inputs.`, {
                node: review, property: 'name', code: 'review-inputs-missing'
            });
        }
    }

    /** The latest event dated on or before today, in any document, against the interval. */
    private checkProgramme(block: IsmsBlock, programme: Programme, accept: ValidationAcceptor): void {
        const interval: Interval | undefined = block[programme.property][0];
        if (!interval?.count || !interval.unit) return;
        const today = this.settings.today();
        // A planned event, dated after today, has not taken place yet.
        const last = this.modelIndex.userDeclarations(programme.type)
            .map(declaration => (declaration.node as Audit | ManagementReview).date[0])
            .filter((date): date is string => !!date && isRealDate(date) && date <= today)
            .sort().pop();
        const every = `every ${interval.count} ${interval.unit}`;
        if (!last) {
            accept('warning', `No ${programme.what} is recorded, though the isms block plans one ${every} (clause ${programme.clause}). Record it: ${programme.declare}.`, {
                node: block, property: programme.property, code: programme.code
            });
            return;
        }
        const due = addInterval(last, interval.count, interval.unit);
        if (due < today) {
            accept('warning', `The last ${programme.what} is dated ${last}; the isms block plans one ${every} (due ${due}, clause ${programme.clause}). Hold the next one and record it: ${programme.declare}.`, {
                node: block, property: programme.property, code: programme.code
            });
        }
    }
}
