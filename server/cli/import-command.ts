import * as fs from 'node:fs';
import * as path from 'node:path';
import { NewFileError, writeNewFile } from '../../language/catalogs/new-file.js';
import { mapColumns, MappingError, parseOverrides, RISK_SYNONYMS, SOA_SYNONYMS, type ColumnMap } from '../../language/import/column-mapping.js';
import { formatProblem, type ImportProblem } from '../../language/import/import-problems.js';
import { importRisks, type NameResolver, type PendingDeclaration } from '../../language/import/import-risks.js';
import { importSoa } from '../../language/import/import-soa.js';
import { readSheet, SheetReadError, type SheetData } from '../../language/import/read-sheet.js';
import { declarationsToIsms, risksToIsms, soaToIsms } from '../../language/import/write-isms.js';
import { DEFAULT_METHODOLOGY, findMethodologyInForce, type MethodologyInForce } from '../../language/risk/methodology.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './cli-error.js';
import { openWorkspace } from './cli-workspace.js';

export interface ImportOptions {
    map?: string[];
    sheet?: string;
    model?: string;
    write?: string;
}

const DECLARATIONS_FILE = 'imported-declarations.isms';

/** The language's type of each kind of name a sheet gives. */
const DECLARATION_TYPES = { asset: 'Asset', threat: 'Threat', vulnerability: 'Vulnerability', role: 'Role', supplier: 'Supplier', control: 'Control' } as const;

export type ImportKind = 'risks' | 'soa';

interface Imported {
    text: string;
    /** `31 risk(s)`. */
    count: string;
    declarations: PendingDeclaration[];
    problems: ImportProblem[];
}

/** What each kind of sheet is read with: its header words and how its rows become elements. */
const IMPORTERS: Record<ImportKind, { synonyms: typeof RISK_SYNONYMS, what: string, read: (sheet: SheetData, columns: ColumnMap, model: TargetModel, source: string) => Imported }> = {
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
 * `isms import risks|soa FILE`: a risk register or an SoA kept as a spreadsheet becomes `risk`
 * elements or `apply`/`exclude` decisions. A dry run by default: what would be written and
 * every problem, located by sheet, row and column. With `--write DIR` the files are written
 * there, never over existing ones, and only when the sheet has no problem.
 */
export async function runImport(kind: ImportKind, file: string, options: ImportOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const importer = IMPORTERS[kind];
    let overrides;
    try {
        overrides = parseOverrides(options.map ?? [], importer.synonyms);
    } catch (error) {
        if (error instanceof MappingError) throw new UsageError(error.message);
        throw error;
    }
    if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
    let sheet;
    try {
        sheet = await readSheet(file, options.sheet);
    } catch (error) {
        if (error instanceof SheetReadError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
    }
    const columns = mapColumns(sheet.rows, importer.synonyms, overrides);
    if (!columns) {
        throw new UsageError(`${file}:${sheet.name}: no header row naming ${importer.what} column among the first 10 rows (give one with --map "COLUMN=id")`);
    }
    const result = importer.read(sheet, columns, await targetModel(options.model), path.basename(file));
    const source = path.basename(file);
    const files: Array<[string, string]> = [[`${path.basename(file, path.extname(file))}.isms`, result.text]];
    if (result.declarations.length > 0) files.push([DECLARATIONS_FILE, declarationsToIsms(result.declarations, source)]);

    const say = (line: string) => err.write(`${escapeControlCharacters(line)}\n`);
    if (columns.ignored.length > 0) say(`isms: note: columns ignored: ${columns.ignored.join(', ')}`);
    result.problems.forEach(problem => say(formatProblem(file, problem)));
    const summary = `${result.count}, ${result.declarations.length} name(s) to declare, ${result.problems.length} problem(s)`;
    if (options.write === undefined) {
        for (const [name, text] of files) out.write(`// ---- ${name}\n${text}`);
        say(`isms: dry run: ${summary}; nothing written (give --write DIR to write)`);
        return result.problems.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    }
    if (result.problems.length > 0) {
        say(`isms: nothing written: ${summary}`);
        return EXIT_FINDINGS;
    }
    // Every target is checked first, so that a refusal leaves none of the files behind.
    for (const [name] of files) {
        const target = path.join(options.write, name);
        if (fs.existsSync(target)) throw new UsageError(`${target}: already exists; the import never writes over a file`);
    }
    for (const [name, text] of files) {
        const target = path.join(options.write, name);
        try {
            await writeNewFile(target, text);
        } catch (error) {
            if (error instanceof NewFileError) throw new UsageError(error.message);
            throw error;
        }
        say(`isms: wrote ${target}`);
    }
    say(`isms: ${summary}`);
    return EXIT_OK;
}

/** The methodology and the declared names of the model imported into, or the defaults without one. */
interface TargetModel { methodology: MethodologyInForce, resolves: NameResolver }

async function targetModel(model: string | undefined): Promise<TargetModel> {
    if (model === undefined) return { methodology: DEFAULT_METHODOLOGY, resolves: kind => kind === 'control' };
    const workspace = await openWorkspace([model]);
    const index = workspace.services.model.ModelIndex;
    return {
        methodology: findMethodologyInForce(index),
        resolves: (kind, name) => index.declarationsOf(DECLARATION_TYPES[kind], name.includes('::') ? name.slice(name.indexOf('::') + 2) : name).length > 0
    };
}
