import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileError } from '../files/regular-file.js';

/**
 * Writing a converted catalog: a new file or nothing. The text is written in full to a
 * temporary file beside the target and flushed, then linked into place under the target's name,
 * which fails if that name is taken, even by a file that appeared meanwhile: an existing file,
 * folder or link (one that leads nowhere too) is never replaced, and no reader ever sees half a
 * file. Where the file system has no hard links, the temporary file is renamed into place after
 * a last check.
 */

/** The file could not be written; nothing was. The message names the file as the user gave it. */
export class NewFileError extends Error {
    constructor(message: string, readonly taken = false) {
        super(message);
    }
}

export async function writeNewFile(filePath: string, content: string): Promise<void> {
    const target = path.resolve(filePath);
    const dir = path.dirname(target);
    try {
        await fs.promises.mkdir(dir, { recursive: true });
    } catch (error) {
        throw new NewFileError(`${path.dirname(filePath)}: cannot be created as a folder (${describeFileError(error)})`);
    }
    refuseTaken(filePath, target);
    const temporary = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
        try {
            const handle = await fs.promises.open(temporary, 'wx');
            try {
                await handle.writeFile(content, 'utf8');
                await handle.sync();
            } finally {
                await handle.close();
            }
        } catch (error) {
            throw new NewFileError(`${filePath}: cannot be written (${describeFileError(error)}); nothing was written`);
        }
        try {
            await fs.promises.link(temporary, target);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') throw takenError(filePath, 'appeared meanwhile');
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') {
                throw new NewFileError(`${filePath}: cannot be written (${describeFileError(error)}); nothing was written`);
            }
            refuseTaken(filePath, target);
            await fs.promises.rename(temporary, target);
        }
    } finally {
        await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    }
}

function refuseTaken(filePath: string, target: string): void {
    let stat: fs.Stats;
    try {
        stat = fs.lstatSync(target);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw new NewFileError(`${filePath}: cannot be checked (${describeFileError(error)})`);
    }
    throw takenError(filePath, stat.isSymbolicLink() ? 'is a symbolic link' : stat.isDirectory() ? 'is a folder' : stat.isFile() ? 'exists' : 'exists and is not a file');
}

function takenError(filePath: string, what: string): NewFileError {
    return new NewFileError(`${filePath} ${what}; isms import-catalog never overwrites: choose another --out, or move the file away`, true);
}
