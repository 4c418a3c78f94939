import { isElementName } from '../catalogs/isms-text.js';
import type { MethodologyInForce } from '../risk/methodology.js';
import type { ColumnMap } from './column-mapping.js';
import type { ImportProblem } from './import-problems.js';
import { identifierFor, isControlRef, parseDate, parseScale, parseTreatment, splitNames, type Parsed } from './import-values.js';
import type { SheetData } from './read-sheet.js';
import { dataRows } from './sheet-rows.js';

/** The kinds of element a risk row names, as the language declares them. */
export type NamedKind = 'asset' | 'threat' | 'vulnerability' | 'role' | 'supplier';

/** Whether the target model declares `name` as `kind`; a control when `kind` is `control`. */
export type NameResolver = (kind: NamedKind | 'control', name: string) => boolean;

export interface ImportedAcceptance { by?: string, on?: string, until?: string, because?: string }

export interface ImportedRisk {
    id: string;
    title?: string;
    assets: string[];
    threat?: string;
    vulnerability?: string;
    likelihood?: number;
    impact?: number;
    owner?: string;
    statedScore?: number;
    statedLevel?: string;
    treatment?: string;
    controls: string[];
    transferTo?: string;
    reason?: string;
    due?: string;
    residual?: { likelihood: number, impact: number };
    acceptance?: ImportedAcceptance;
    reviewed?: string;
}

/** An element the sheet names that the model lacks: declared for the user to complete. */
export interface PendingDeclaration { kind: NamedKind, id: string, title: string }

export interface RiskImport {
    risks: ImportedRisk[];
    declarations: PendingDeclaration[];
    problems: ImportProblem[];
}

/** Turns the data rows below the header into risks; every cell that cannot be read is a problem. */
export function importRisks(sheet: SheetData, columns: ColumnMap, methodology: MethodologyInForce, resolves: NameResolver): RiskImport {
    const risks: ImportedRisk[] = [];
    const problems: ImportProblem[] = [];
    const declarations = new Map<string, PendingDeclaration>();
    const firstRowOf = new Map<string, number>();

    for (const { number: rowNumber, cell, problem } of dataRows(sheet, columns, problems)) {
        const read = <T>(field: string, what: string, parse: (text: string) => Parsed<T>): T | undefined => {
            const text = cell(field);
            if (!text) return undefined;
            const parsed = parse(text);
            if ('value' in parsed) return parsed.value;
            problem(field, `${what} "${text}" cannot be read`, parsed.expected);
            return undefined;
        };
        /** A name the model declares is kept; another becomes a declaration to complete. */
        const name = (kind: NamedKind, text: string): string => {
            if (isElementName(text) && resolves(kind, text)) return text;
            const id = isElementName(text) ? text : identifierFor(text);
            if (!resolves(kind, id) && !declarations.has(`${kind} ${id}`)) declarations.set(`${kind} ${id}`, { kind, id, title: text });
            return id;
        };

        const id = cell('id');
        if (!id) { problem('id', 'a risk without an id', 'a risk id such as R-001'); continue; }
        if (!isElementName(id)) { problem('id', `risk id "${id}" is not a name the language accepts`, 'letters, digits, _ and -, starting with a letter'); continue; }
        const earlier = firstRowOf.get(id);
        if (earlier !== undefined) { problem('id', `risk id ${id} is already used in row ${earlier}`, 'a unique risk id'); continue; }
        firstRowOf.set(id, rowNumber);

        const risk: ImportedRisk = { id, title: cell('title') || undefined, assets: [], controls: [] };
        risk.assets = splitNames(cell('assets')).map(asset => name('asset', asset));
        if (cell('threat')) risk.threat = name('threat', cell('threat'));
        if (cell('vulnerability')) risk.vulnerability = name('vulnerability', cell('vulnerability'));
        if (cell('owner')) risk.owner = name('role', cell('owner'));
        risk.likelihood = read('likelihood', 'likelihood', text => parseScale(text, methodology.likelihood));
        risk.impact = read('impact', 'impact', text => parseScale(text, methodology.impact));
        risk.statedScore = read('score', 'score', text => /^\d+$/.test(text) ? { value: Number(text) } : { expected: 'a whole number' });
        risk.statedLevel = read('level', 'level', text => {
            const level = methodology.levels.find(l => l.name.toLowerCase() === text.toLowerCase());
            return level ? { value: level.name } : { expected: `one of ${methodology.levels.map(l => l.name).join(', ')}` };
        });
        risk.treatment = read('treatment', 'treatment', parseTreatment);
        for (const control of splitNames(cell('controls'))) {
            if (!isControlRef(control)) problem('controls', `control "${control}" is not a control id`, 'control ids such as A.8.13, separated by commas');
            else if (!resolves('control', control)) problem('controls', `control ${control} is not in the model`, 'a control of the framework or one the model declares');
            else risk.controls.push(control);
        }
        if (cell('transferTo')) risk.transferTo = name('supplier', cell('transferTo'));
        risk.reason = cell('reason') || undefined;
        risk.due = read('due', 'due date', parseDate);
        risk.reviewed = read('reviewed', 'review date', parseDate);
        const residualLikelihood = read('residualLikelihood', 'residual likelihood', text => parseScale(text, methodology.likelihood));
        const residualImpact = read('residualImpact', 'residual impact', text => parseScale(text, methodology.impact));
        if (residualLikelihood !== undefined && residualImpact !== undefined) risk.residual = { likelihood: residualLikelihood, impact: residualImpact };
        else if ((cell('residualLikelihood') === '') !== (cell('residualImpact') === '')) {
            problem(cell('residualLikelihood') === '' ? 'residualLikelihood' : 'residualImpact', 'a residual needs both likelihood and impact', 'a value in both residual columns');
        }
        const acceptance = cell('acceptance');
        if (acceptance) risk.acceptance = parseAcceptance(acceptance, text => name('role', text), problem);
        risks.push(risk);
    }
    return { risks, declarations: [...declarations.values()], problems };
}

/**
 * "Accepted by CEO on 2026-10-01 until 2027-10-01 because …", as the register writes it, or
 * just a role: who accepted is what a register most often records.
 */
function parseAcceptance(text: string, role: (name: string) => string, problem: (field: string, message: string, expected?: string) => void): ImportedAcceptance | undefined {
    const trimmed = text.trim();
    if (/^\S+$/.test(trimmed)) return { by: role(trimmed) };
    if (/^accepted \(incomplete\)$/i.test(trimmed)) return {};
    const match = /^accepted(?:\s+by\s+(\S+))?(?:\s+on\s+(\d{4}-\d{2}-\d{2}))?(?:\s+until\s+(\d{4}-\d{2}-\d{2}))?(?:\s+because\s+([\s\S]+))?$/i.exec(trimmed);
    if (!match) {
        problem('acceptance', `acceptance "${trimmed}" cannot be read`, 'a role, or "Accepted by ROLE on YYYY-MM-DD until YYYY-MM-DD because REASON"');
        return undefined;
    }
    return { by: match[1] ? role(match[1]) : undefined, on: match[2], until: match[3], because: match[4]?.trim() };
}
