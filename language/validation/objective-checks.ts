import type { ValidationAcceptor } from 'langium';
import type { Measurement, Objective } from '../generated/ast.js';
import { addInterval, isRealDate } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import { meetsTarget, numericTarget } from '../model/objective-target.js';

/** Clauses 6.2 and 9.1: objectives are measured at their interval and meet their targets. */
export class ObjectiveChecks {

    constructor(private readonly settings: IsmsSettings) { }

    checkMeasuredOnTime(objective: Objective, accept: ValidationAcceptor): void {
        const interval = objective.measureInterval[0];
        // Silent without an interval, or while it is still being typed.
        if (!interval?.count || !interval.unit) return;
        const today = this.settings.today();
        const last = latestMeasurement(objective)?.date;
        const every = `every ${interval.count} ${interval.unit}`;
        if (!last) {
            accept('warning', `Objective '${objective.name}' is to be measured ${every} but has no measurement. Record one: measured DATE value N.`, {
                node: objective, property: 'name', code: 'objective-unmeasured'
            });
            return;
        }
        const due = addInterval(last, interval.count, interval.unit);
        if (due < today) {
            accept('warning', `Objective '${objective.name}' was last measured on ${last}; it is to be measured ${every} (due ${due}). Record a new measurement: measured DATE value N.`, {
                node: objective, property: 'name', code: 'objective-unmeasured'
            });
        }
    }

    checkTargetMet(objective: Objective, accept: ValidationAcceptor): void {
        const threshold = numericTarget(objective.target[0]);
        const latest = latestMeasurement(objective);
        if (!threshold || !latest || latest.value === undefined) return;
        if (!meetsTarget(latest.value, threshold)) {
            const unit = objective.unit[0] ? ` ${objective.unit[0]}` : '';
            accept('warning', `Objective '${objective.name}' misses its target: the latest measurement (${latest.date}) is ${latest.value}${unit}, the target ${threshold.comparison} ${threshold.value}${unit}. Plan how to reach it, or have the target revised.`, {
                node: latest, property: 'value', code: 'objective-missed'
            });
        }
    }
}

/** The measurement with the latest real date; of two on one day, the one written last. */
function latestMeasurement(objective: Objective): Measurement | undefined {
    let latest: Measurement | undefined;
    for (const measurement of objective.measurements) {
        if (measurement.date && isRealDate(measurement.date) && (!latest || measurement.date >= latest.date)) {
            latest = measurement;
        }
    }
    return latest;
}
