import * as fs from 'node:fs';
import * as path from 'node:path';
import { NewFileError, writeNewFile } from '../../language/catalogs/new-file.js';
import { MappingError } from '../../language/import/column-mapping.js';
import { formatProblem } from '../../language/import/import-problems.js';
import { ImportRefused, NO_TARGET_MODEL, planImport, targetModelOf, type ImportKind, type ImportPlan, type TargetModel } from '../../language/import/spreadsheet-import.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './cli-error.js';
import { openWorkspace } from './cli-workspace.js';

export type { ImportKind };

export interface ImportOptions {
    map?: string[];
    sheet?: string;
    model?: string;
    write?: string;
}

/**
 * `isms import risks|soa FILE`: a risk register or an SoA kept as a spreadsheet becomes `risk`
 * elements or `apply`/`exclude` decisions. A dry run by default: what would be written and
 * every problem, located by sheet, row and column. With `--write DIR` the files are written
 * there, never over existing ones, and only when the sheet has no problem.
 */
export async function runImport(kind: ImportKind, file: string, options: ImportOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    let plan: ImportPlan;
    try {
        plan = await planImport({ kind, file, map: options.map, sheet: options.sheet }, await targetModel(options.model));
    } catch (error) {
        if (error instanceof MappingError || error instanceof ImportRefused) throw new UsageError(error.message);
        throw error;
    }
    const { files, problems, summary } = plan;
    const say = (line: string) => err.write(`${escapeControlCharacters(line)}\n`);
    if (plan.ignoredColumns.length > 0) say(`isms: note: columns ignored: ${plan.ignoredColumns.join(', ')}`);
    problems.forEach(problem => say(formatProblem(file, problem)));
    if (options.write === undefined) {
        for (const [name, text] of files) out.write(`// ---- ${name}\n${text}`);
        say(`isms: dry run: ${summary}; nothing written (give --write DIR to write)`);
        return problems.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    }
    if (problems.length > 0) {
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

/** The model imported into (`--model`), or the defaults without one. */
async function targetModel(model: string | undefined): Promise<TargetModel> {
    if (model === undefined) return NO_TARGET_MODEL;
    const workspace = await openWorkspace([model]);
    return targetModelOf(workspace.services.model.ModelIndex);
}
