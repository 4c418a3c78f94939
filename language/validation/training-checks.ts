import type { ValidationAcceptor } from 'langium';
import type { Training } from '../generated/ast.js';
import { addInterval } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';

/** Clauses 7.2 and 7.3: recurring awareness training is held again when it falls due. */
export class TrainingChecks {

    constructor(private readonly settings: IsmsSettings) { }

    checkOnTime(training: Training, accept: ValidationAcceptor): void {
        const every = training.recurrence[0];
        if (!training.date[0] || !every) return;
        const due = addInterval(training.date[0], every.count, every.unit);
        if (due < this.settings.today()) {
            accept('warning', `Training '${training.name}' was last held on ${training.date[0]}; it recurs every ${every.count} ${every.unit} (due ${due}). Hold it again and record the new date.`, {
                node: training, property: 'date', code: 'training-overdue'
            });
        }
    }
}
