import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelIndex } from '../model/model-index.js';
import { DEFAULT_METHODOLOGY, findMethodologyInForce, type MethodologyInForce } from '../risk/methodology.js';
import { mapColumns, parseOverrides, RISK_SYNONYMS, SOA_SYNONYMS, type ColumnMap, type Synonyms } from './column-mapping.js';
import type { ImportProblem } from './import-problems.js';
import { importRisks, type NameResolver, type PendingDeclaration } from './import-risks.js';
import { importSoa } from './import-soa.js';
import { readSheet, SheetReadError, type SheetData } from './read-sheet.js';
import { declarationsToIsms, risksToIsms, soaToIsms } from './write-isms.js';

export type ImportKind = 'risks' | 'soa';

export interface ImportRequest {
    readonly kind: ImportKind;
    readonly file: string;
    /** `COLUMN=FIELD` overrides of the recognised headers. */
    readonly map?: readonly string[];
    readonly sheet?: string;
}

/** What an import would write, and what it found wrong in the sheet. */
export interface ImportPlan {
    readonly sheet: string;
    /** File names (no folder) and their text, the sheet's own file first. */
    readonly files: ReadonlyArray<readonly [string, string]>;
    readonly problems: readonly ImportProblem[];
    readonly ignoredColumns: readonly string[];
    /** `31 risk(s), 2 name(s) to declare, 0 problem(s)`. */
    readonly summary: string;
}

/** The methodology and the declared names of the model imported into. */
export interface TargetModel {
    readonly methodology: MethodologyInForce;
    readonly resolves: NameResolver;
}

/** Input the import refuses as a whole (a bad `--map`, an unreadable file, no header row). */
export class ImportRefused extends Error { }

export const DECLARATIONS_FILE = 'imported-declarations.isms';

/** The language's type of each kind of name a sheet gives. */
const DECLARATION_TYPES = { asset: 'Asset', threat: 'Threat', vulnerability: 'Vulnerability', role: 'Role', supplier: 'Supplier', control: 'Control' } as const;

/** Without a model: the default scales, and no name but a control id counts as declared. */
export const NO_TARGET_MODEL: TargetModel = { methodology: DEFAULT_METHODOLOGY, resolves: kind => kind === 'control' };

/** The model behind `index`, as an import target. */
export function targetModelOf(index: ModelIndex): TargetModel {
    return {
        methodology: findMethodologyInForce(index),
        resolves: (kind, name) => index.declarationsOf(DECLARATION_TYPES[kind], name.includes('::') ? name.slice(name.indexOf('::') + 2) : name).length > 0
    };
}

interface Imported {
    text: string;
    /** `31 risk(s)`. */
    count: string;
    declarations: PendingDeclaration[];
    problems: ImportProblem[];
}

/** What each kind of sheet is read with: its header words and how its rows become elements. */
const IMPORTERS: Record<ImportKind, { synonyms: Synonyms, what: string, read: (sheet: SheetData, columns: ColumnMap, model: TargetModel, source: string) => Imported }> = {
    risks: {
        synonyms: RISK_SYNONYMS,
        what: 'a risk id',
        read: (sheet, columns, model, source) => {
            const result = importRisks(sheet, columns, model.methodology, model.resolves);
            return { text: risksToIsms(result.risks, source), count: `${result.risks.length} risk(s)`, declarations: result.declarations, problems: result.problems };
        }
    },
    soa: {
        synonyms: SOA_SYNONYMS,
        what: 'a control',
        read: (sheet, columns, model, source) => {
            const result = importSoa(sheet, columns, model.resolves);
            return { text: soaToIsms(result.decisions, source), count: `${result.decisions.length} decision(s)`, declarations: result.declarations, problems: result.problems };
        }
    }
};

/**
 * Reads a risk register or an SoA kept as a spreadsheet and works out the `.isms` files it
 * becomes, with every problem located by sheet, row and column. Writes nothing: the CLI and
 * the editor each write the plan their own way, never over an existing file.
 */
export async function planImport(request: ImportRequest, model: TargetModel): Promise<ImportPlan> {
    const importer = IMPORTERS[request.kind];
    const overrides = parseOverrides(request.map ?? [], importer.synonyms);
    if (!fs.existsSync(request.file)) throw new ImportRefused(`${request.file}: no such file`);
    let sheet;
    try {
        sheet = await readSheet(request.file, request.sheet);
    } catch (error) {
        if (error instanceof SheetReadError) throw new ImportRefused(`${request.file}: ${error.message}`);
        throw error;
    }
    const columns = mapColumns(sheet.rows, importer.synonyms, overrides);
    if (!columns) {
        throw new ImportRefused(`${request.file}:${sheet.name}: no header row naming ${importer.what} column among the first 10 rows (give one with --map "COLUMN=id")`);
    }
    const source = path.basename(request.file);
    const result = importer.read(sheet, columns, model, source);
    const files: Array<readonly [string, string]> = [[`${path.basename(request.file, path.extname(request.file))}.isms`, result.text]];
    if (result.declarations.length > 0) files.push([DECLARATIONS_FILE, declarationsToIsms(result.declarations, source)]);
    return {
        sheet: sheet.name,
        files,
        problems: result.problems,
        ignoredColumns: columns.ignored,
        summary: `${result.count}, ${result.declarations.length} name(s) to declare, ${result.problems.length} problem(s)`
    };
}
