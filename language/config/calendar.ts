/** Dates of the model are ISO `YYYY-MM-DD` strings; they compare correctly as text. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a date that exists in the calendar (not 2026-02-30). */
export function isRealDate(text: string): boolean {
    const match = ISO_DATE.exec(text);
    if (!match) return false;
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date on this machine's clock, in its local time zone. */
export function localToday(now = new Date()): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type IntervalUnit = 'days' | 'weeks' | 'months' | 'years';

/** `date` plus `count` units; month ends are clamped (2026-01-31 + 1 month = 2026-02-28). */
export function addInterval(date: string, count: number, unit: string): string {
    const match = ISO_DATE.exec(date);
    if (!match) return date;
    const [year, month, day] = match.slice(1).map(Number);
    let result: Date;
    switch (unit) {
        case 'days': result = new Date(Date.UTC(year, month - 1, day + count)); break;
        case 'weeks': result = new Date(Date.UTC(year, month - 1, day + 7 * count)); break;
        default: {
            const months = unit === 'years' ? 12 * count : count;
            const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
            result = new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay)));
        }
    }
    // Beyond year 9999 a date no longer fits YYYY-MM-DD: such an interval never ends.
    if (Number.isNaN(result.getTime()) || result.getUTCFullYear() > 9999) return LAST_DATE;
    return result.toISOString().slice(0, 10);
}

/** The latest date the model can write. */
export const LAST_DATE = '9999-12-31';
