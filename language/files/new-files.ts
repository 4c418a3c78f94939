import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileError } from './regular-file.js';

/**
 * Writing a set of new files into a folder, all or none (the starter ISMS). Every name is
 * checked first, without following links, so that nothing is written when any one is taken;
 * if a write fails anyway, the files already written are removed again.
 */

/** A file of the set that is in the way (`taken`) or could not be written; `file` is its name in the set. */
export class NewFileError extends Error {
    constructor(readonly file: string, readonly reason: string, readonly taken = false) {
        super(`${file}: ${reason}`);
    }
}

/** The first name of `names` that is taken in `folder`, with what is there; undefined when none is. */
export function findTakenName(folder: string, names: readonly string[]): { file: string, what: string } | undefined {
    for (const file of names) {
        let stat: fs.Stats;
        try {
            stat = fs.lstatSync(path.join(folder, file));
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
            return { file, what: describeFileError(error) };
        }
        // A dangling link counts: writing the name would create the file the link points to.
        return { file, what: stat.isFile() ? 'a file' : stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? 'a folder' : 'not a regular file' };
    }
    return undefined;
}

/** Writes every file or none; throws NewFileError naming the file that was in the way or failed. */
export function writeNewFiles(folder: string, files: Readonly<Record<string, string>>): void {
    if (fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() === false) throw new NewFileError('.', 'exists and is not a folder');
    const taken = findTakenName(folder, Object.keys(files));
    if (taken) throw new NewFileError(taken.file, `exists (${taken.what})`, true);
    const created = makeFolder(folder);
    const written: string[] = [];
    try {
        for (const [file, text] of Object.entries(files)) {
            // 'wx' fails rather than overwrite a file that appeared since the check.
            try {
                fs.writeFileSync(path.join(folder, file), text, { flag: 'wx' });
            } catch (error) {
                throw new NewFileError(file, `cannot be written (${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it appeared meanwhile' : describeFileError(error)})`);
            }
            written.push(file);
        }
    } catch (error) {
        for (const file of written) fs.rmSync(path.join(folder, file), { force: true });
        removeEmptyFolders(folder, created);
        throw error;
    }
}

/** Creates `folder` as needed; returns the outermost folder created, if any. */
function makeFolder(folder: string): string | undefined {
    try {
        return fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
        throw new NewFileError('.', `cannot be created as a folder (${describeFileError(error)})`);
    }
}

/** Removes the folders `makeFolder` created, from the innermost out, as long as they are empty. */
function removeEmptyFolders(folder: string, outermost: string | undefined): void {
    if (!outermost) return;
    for (let dir = folder; ; dir = path.dirname(dir)) {
        try {
            fs.rmdirSync(dir);
        } catch {
            return;
        }
        if (dir === outermost) return;
    }
}
