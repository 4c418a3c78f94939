import { isElementName } from '../catalogs/isms-text.js';
import { normalizeHeader, type ColumnMap } from './column-mapping.js';
import type { ImportProblem } from './import-problems.js';
import type { NameResolver, PendingDeclaration } from './import-risks.js';
import { identifierFor, isControlRef } from './import-values.js';
import type { SheetData } from './read-sheet.js';
import { dataRows } from './sheet-rows.js';

export interface ImportedReason { kind?: string, text: string }

/** One decision of the SoA: an `apply` with its status, owner and reasons, or an `exclude`. */
export interface ImportedDecision {
    control: string;
    applicable: boolean;
    status?: string;
    owner?: string;
    reasons: ImportedReason[];
}

export interface SoaImport {
    decisions: ImportedDecision[];
    declarations: PendingDeclaration[];
    problems: ImportProblem[];
}

const APPLICABLE: Record<string, boolean> = {
    applicable: true, yes: true, y: true, true: true, included: true, include: true, applied: true, x: true,
    excluded: false, exclude: false, no: false, n: false, false: false, notapplicable: false, na: false
};

const STATUSES: Record<string, string> = {
    implemented: 'implemented', done: 'implemented', complete: 'implemented', completed: 'implemented',
    partial: 'partial', partiallyimplemented: 'partial', inprogress: 'partial',
    planned: 'planned', notstarted: 'not-started', notimplemented: 'not-started', open: 'not-started'
};

const REASON_KINDS = ['legal', 'contractual', 'business', 'best-practice'];

/**
 * The SoA's rows as decisions. A row whose decision is left blank, or is "undecided" or
 * "declared" as the exported SoA writes it, decides nothing and is passed over.
 */
export function importSoa(sheet: SheetData, columns: ColumnMap, resolves: NameResolver): SoaImport {
    const decisions: ImportedDecision[] = [];
    const problems: ImportProblem[] = [];
    const declarations = new Map<string, PendingDeclaration>();
    const firstRowOf = new Map<string, number>();

    for (const { number: rowNumber, cell, problem } of dataRows(sheet, columns, problems)) {

        const control = cell('id');
        const decision = normalizeHeader(cell('applicable'));
        if (decision === '' || decision === 'undecided' || decision === 'declared') continue;
        if (!control) { problem('id', 'a decision without a control', 'a control id such as A.5.1'); continue; }
        if (!isControlRef(control)) { problem('id', `control "${control}" is not a control id`, 'a control id such as A.5.1'); continue; }
        if (!resolves('control', control)) { problem('id', `control ${control} is not in the model`, 'a control of the framework or one the model declares'); continue; }
        const earlier = firstRowOf.get(control);
        if (earlier !== undefined) { problem('id', `control ${control} is already decided in row ${earlier}`, 'one row for each control'); continue; }
        const applicable = APPLICABLE[decision];
        if (applicable === undefined) { problem('applicable', `decision "${cell('applicable')}" cannot be read`, 'applicable or excluded (yes or no)'); continue; }
        firstRowOf.set(control, rowNumber);

        const imported: ImportedDecision = { control, applicable, reasons: reasonsIn(cell('justification'), applicable) };
        if (applicable && cell('status')) {
            const status = STATUSES[normalizeHeader(cell('status'))];
            if (status) imported.status = status;
            else problem('status', `status "${cell('status')}" cannot be read`, 'implemented, partial, planned or not-started');
        }
        const owner = cell('owner');
        if (applicable && owner) {
            imported.owner = isElementName(owner) ? owner : identifierFor(owner);
            if (!resolves('role', imported.owner) && !declarations.has(`role ${imported.owner}`)) {
                declarations.set(`role ${imported.owner}`, { kind: 'role', id: imported.owner, title: owner });
            }
        }
        decisions.push(imported);
    }
    return { decisions, declarations: [...declarations.values()], problems };
}

/**
 * The reasons a justification gives. What the exported SoA derives from the model is left
 * out, so that it is not written back as a reason: the "Treats R-1 (…)." of the risks that treat
 * with the control, and its wording for a missing reason. "Legal: …" keeps its kind.
 */
function reasonsIn(justification: string, applicable: boolean): ImportedReason[] {
    let text = justification.trim();
    if (/^(applied without a risk or a reason\.|excluded without a reason\.)$/i.test(text)) return [];
    if (!applicable) {
        text = text.replace(/^excluded:\s*/i, '');
        return text ? [{ text }] : [];
    }
    if (/^treats /i.test(text)) {
        const end = /\)\.(?:\s|$)/.exec(text);
        text = end ? text.slice(end.index + 2).trim() : '';
    }
    if (!text) return [];
    const kinds = new RegExp(`(?:^|\\s)(${REASON_KINDS.join('|')}):\\s`, 'gi');
    const starts = [...text.matchAll(kinds)];
    if (starts.length === 0 || starts[0].index !== 0) return [{ text }];
    return starts.map((start, i) => {
        const from = start.index + start[0].length;
        const to = i + 1 < starts.length ? starts[i + 1].index : text.length;
        return { kind: start[1].toLowerCase(), text: text.slice(from, to).trim() };
    });
}
