import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { OutputError, writeReportFile } from '../../language/reports/report-output.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_OK, UsageError } from './cli-error.js';
import { displayPath } from './cli-project.js';

/** `--out -`: standard output, even where a default folder would be used. */
export const STANDARD_OUTPUT = '-';

/**
 * Writes a generated file to `--out` (a file, or a folder that gets `fileName`) the safe way,
 * or to standard output when there is no `--out`.
 */
export async function emitOutput(content: string | Uint8Array, outOption: string | undefined, fileName: string,
    out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    if (!outOption || outOption === STANDARD_OUTPUT) {
        out.write(content);
        return EXIT_OK;
    }
    const target = isFolderTarget(outOption) ? path.join(outOption, fileName) : outOption;
    try {
        await writeReportFile(target, content);
    } catch (error) {
        if (error instanceof OutputError) throw new UsageError(error.message);
        throw new UsageError(`${target}: cannot be written (${error instanceof Error ? error.message : String(error)})`);
    }
    err.write(`isms: wrote ${escapeControlCharacters(displayPath(path.resolve(target)))}\n`);
    return EXIT_OK;
}

/** The number of errors in the model, for commands that generate from it anyway. */
export function countErrors(documents: readonly LangiumDocument[]): number {
    return documents.flatMap(document => document.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1).length;
}

/**
 * The format a command writes in: `--format`, else the one the `--out` file name ends in, else
 * `fallback`. A file name must end in its format's extension: a report is never written under
 * a name that says another format (`--out soa.txt` with Markdown), nor under one that says none.
 */
export function outputFormat<F extends string>(given: F | undefined, outOption: string | undefined,
    extensions: Readonly<Record<F, string>>, fallback: F): F {
    if (outOption === undefined || outOption === STANDARD_OUTPUT || isFolderTarget(outOption)) return given ?? fallback;
    const extension = path.extname(outOption).slice(1).toLowerCase();
    const named = (Object.keys(extensions) as F[]).find(format => extensions[format] === extension);
    if (given !== undefined && named !== given) {
        throw new UsageError(`--out ${outOption}: --format ${given} is written to a file ending in .${extensions[given]}; name the file so, or give a folder`);
    }
    if (named === undefined) {
        const known = Object.values<string>(extensions).map(ext => `.${ext}`).join(', ');
        throw new UsageError(`--out ${outOption}: the file name must end in the format's extension: ${known}; a folder ends in /`);
    }
    return named;
}

export function isFolderTarget(out: string): boolean {
    return out.endsWith('/') || out.endsWith(path.sep) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
}
