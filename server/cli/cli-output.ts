import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { OutputError, writeReportFile } from '../../language/reports/report-output.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_OK, UsageError } from './cli-error.js';

/**
 * Writes a generated file to `--out` (a file, or a folder that gets `fileName`) the safe way,
 * or to standard output when there is no `--out`.
 */
export async function emitOutput(content: string | Uint8Array, outOption: string | undefined, fileName: string,
    out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    if (!outOption) {
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
    err.write(`isms: wrote ${escapeControlCharacters(target)}\n`);
    return EXIT_OK;
}

/** The number of errors in the model, for commands that generate from it anyway. */
export function countErrors(documents: readonly LangiumDocument[]): number {
    return documents.flatMap(document => document.diagnostics ?? []).filter(diagnostic => diagnostic.severity === 1).length;
}

function isFolderTarget(out: string): boolean {
    return out.endsWith('/') || out.endsWith(path.sep) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
}
