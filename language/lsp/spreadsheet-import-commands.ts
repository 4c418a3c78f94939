import * as path from 'node:path';
import { z } from 'zod';
import { writeNewFile } from '../catalogs/new-file.js';
import { resolveInsideFolder } from '../files/regular-file.js';
import { formatProblem } from '../import/import-problems.js';
import { planImport, targetModelOf } from '../import/spreadsheet-import.js';
import type { IsmsServices } from '../isms-module.js';
import type { ImportPreview, ImportWritten } from './server-commands.js';

export const importArgs = z.object({
    kind: z.enum(['risks', 'soa']),
    /** The spreadsheet, as an absolute path the user picked. */
    file: z.string().min(1),
    map: z.array(z.string()).optional(),
    sheet: z.string().min(1).optional()
});

export const writeImportArgs = importArgs.extend({
    /** Where the files go, relative to the workspace root; it must stay inside the workspace. */
    folder: z.string().min(1)
});

/**
 * The palette's spreadsheet import, with the CLI's importer (`planImport`): a preview of the
 * files and of every problem, then, when the user confirms, the files written into a folder of
 * the workspace, never over an existing file and never while the sheet has problems. The names
 * and scales are those of the live model.
 */
export async function previewImport(isms: IsmsServices, raw: unknown): Promise<ImportPreview> {
    const args = importArgs.parse(raw);
    isms.config.WorkspaceTrust.requireTrustTo('import spreadsheets');
    const plan = await planImport(args, targetModelOf(isms.model.ModelIndex));
    return {
        sheet: plan.sheet,
        files: plan.files.map(([name, text]) => ({ name, text })),
        problems: plan.problems.map(problem => formatProblem(path.basename(args.file), problem)),
        ignoredColumns: [...plan.ignoredColumns],
        summary: plan.summary
    };
}

export async function writeImport(isms: IsmsServices, raw: unknown, workspaceRoot: string): Promise<ImportWritten> {
    const args = writeImportArgs.parse(raw);
    isms.config.WorkspaceTrust.requireTrustTo('import spreadsheets');
    const folder = resolveInsideFolder(workspaceRoot, args.folder);
    if (!folder) throw new Error(`The folder '${args.folder}' is outside the workspace; choose a folder inside it.`);
    const plan = await planImport(args, targetModelOf(isms.model.ModelIndex));
    if (plan.problems.length > 0) throw new Error(`Nothing written: ${plan.summary}. Correct the sheet first.`);
    const paths: string[] = [];
    // `writeNewFile` refuses an existing file: the import never writes over one.
    for (const [name, text] of plan.files) {
        const target = path.join(folder, name);
        await writeNewFile(target, text);
        paths.push(target);
    }
    return { paths, summary: plan.summary };
}
