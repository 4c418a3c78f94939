import { isRealDate } from '../config/calendar.js';
import type { ScaleStep } from '../risk/methodology.js';
import { normalizeHeader } from './column-mapping.js';

/** A cell read as a value of one kind, or what it should have been. */
export type Parsed<T> = { value: T } | { expected: string };

/** A number on the scale, or one of its labels ("Likely", "4 - Likely" too). */
export function parseScale(text: string, steps: readonly ScaleStep[]): Parsed<number> {
    const leading = /^(\d+)\b/.exec(text);
    const byNumber = leading ? steps.find(step => step.value === Number(leading[1])) : undefined;
    const byLabel = steps.find(step => normalizeHeader(step.label) === normalizeHeader(text));
    const step = byNumber ?? byLabel;
    if (step) return { value: step.value };
    const values = steps.map(s => s.value);
    return { expected: `${Math.min(...values)} to ${Math.max(...values)} or one of ${steps.map(s => `"${s.label}"`).join(', ')}` };
}

const TREATMENTS: Record<string, string> = {
    mitigate: 'mitigate', reduce: 'mitigate', modify: 'mitigate', treat: 'mitigate', mitigated: 'mitigate', reduced: 'mitigate',
    accept: 'accept', accepted: 'accept', retain: 'accept', retained: 'accept', tolerate: 'accept', tolerated: 'accept',
    transfer: 'transfer', transferred: 'transfer', share: 'transfer', shared: 'transfer',
    avoid: 'avoid', avoided: 'avoid', terminate: 'avoid', terminated: 'avoid'
};

export function parseTreatment(text: string): Parsed<string> {
    const kind = TREATMENTS[normalizeHeader(text)];
    return kind ? { value: kind } : { expected: 'mitigate, accept, transfer or avoid' };
}

/** Only YYYY-MM-DD: 01/09/2026 is the 1st of September in one country and the 9th of January in another. */
export function parseDate(text: string): Parsed<string> {
    return isRealDate(text) ? { value: text } : { expected: 'a date as YYYY-MM-DD' };
}

/** Names in one cell: separated by commas, semicolons or line breaks. */
export function splitNames(text: string): string[] {
    return text.split(/[,;\n]/).map(name => name.trim()).filter(Boolean);
}

// The grammar's ControlRef: an optional `FRAMEWORK::`, then an ID or a dotted or bracketed id.
const CONTROL_REF = /^(?:[_a-zA-Z][\w-]*::)?[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+|\([A-Za-z0-9]+\))*$/;

export function isControlRef(text: string): boolean {
    return CONTROL_REF.test(text);
}

/** "Customer database" → `CustomerDatabase`: the id an imported name is declared under. */
export function identifierFor(name: string): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
    const id = words.map(word => word[0].toUpperCase() + word.slice(1)).join('');
    return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}
