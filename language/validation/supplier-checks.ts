import type { ValidationAcceptor } from 'langium';
import type { Supplier } from '../generated/ast.js';
import { addInterval } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';

/** A.5.22: suppliers' services are monitored and reviewed at the interval set for each. */
export class SupplierChecks {

    constructor(private readonly settings: IsmsSettings) { }

    checkReviewed(supplier: Supplier, accept: ValidationAcceptor): void {
        const review = supplier.review[0];
        if (!review) return;
        if (!supplier.reviewed[0]) {
            // An interval without any review yet: the first review is already due.
            accept('warning', `Supplier '${supplier.name}' is to be reviewed every ${review.count} ${review.unit} but records no review. Review it and record the date: reviewed DATE.`, {
                node: supplier, property: 'review', code: 'supplier-review-overdue'
            });
            return;
        }
        const due = addInterval(supplier.reviewed[0], review.count, review.unit);
        if (due < this.settings.today()) {
            accept('warning', `Supplier '${supplier.name}' was last reviewed on ${supplier.reviewed[0]}; it is to be reviewed every ${review.count} ${review.unit} (due ${due}). Review it and update reviewed.`, {
                node: supplier, property: 'reviewed', code: 'supplier-review-overdue'
            });
        }
    }
}
