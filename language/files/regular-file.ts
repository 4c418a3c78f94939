import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReadRefusal } from './file-errors.js';
import { describeFileError, formatBytes } from './file-errors.js';

export type { ReadRefusal } from './file-errors.js';
export { describeFileError, formatBytes, formatSize } from './file-errors.js';

export interface RegularFileOptions {
    /** The largest size accepted, in bytes. */
    readonly maxBytes: number;
    /** When given, the file, after following symbolic links, must lie inside this folder. */
    readonly root?: string;
}

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; O_NOCTTY keeps
// a terminal device from becoming the process's controlling terminal. Neither exists on Windows.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * Reads a file that the tool does not own (git metadata, the report manifest, a model file)
 * only when it is a regular file of at most `maxBytes`, inside `root` when one is given. A FIFO,
 * a device, a folder or a socket is refused without blocking, and so is a file that grows past
 * the bound while it is read: the checks are made on the opened descriptor, so the file cannot
 * be swapped between check and read.
 */
export function readRegularFile(file: string, options: RegularFileOptions): Buffer | ReadRefusal {
    if (options.root !== undefined && !isInsideFolder(options.root, file)) {
        return { refused: 'outside the workspace' };
    }
    let descriptor: number;
    try {
        descriptor = fs.openSync(file, OPEN_FLAGS);
    } catch (error) {
        return { refused: describeFileError(error) };
    }
    try {
        const stat = fs.fstatSync(descriptor);
        if (!stat.isFile()) return { refused: stat.isDirectory() ? 'a folder, not a file' : 'not a regular file' };
        if (stat.size > options.maxBytes) return { refused: `larger than ${formatBytes(options.maxBytes)}`, size: stat.size };
        // One byte more than allowed, to notice a file that grew since fstat.
        const buffer = Buffer.alloc(stat.size + 1);
        let length = 0;
        for (let read = -1; read !== 0 && length < buffer.length;) {
            read = fs.readSync(descriptor, buffer, length, buffer.length - length, null);
            length += read;
        }
        if (length > options.maxBytes) return { refused: `larger than ${formatBytes(options.maxBytes)}`, size: length };
        return buffer.subarray(0, length);
    } catch (error) {
        return { refused: describeFileError(error) };
    } finally {
        fs.closeSync(descriptor);
    }
}

export function isReadRefusal(result: Buffer | ReadRefusal): result is ReadRefusal {
    return !Buffer.isBuffer(result);
}

/** Whether `file`, with symbolic links followed as far as they exist, lies inside `folder`. */
export function isInsideFolder(folder: string, file: string): boolean {
    return resolveInsideFolder(folder, file) !== undefined;
}

/**
 * `candidate` resolved against `folder` with symbolic links followed as far as the path exists,
 * provided it stays inside `folder`; undefined otherwise (also when `folder` does not exist).
 */
export function resolveInsideFolder(folder: string, candidate: string): string | undefined {
    try {
        const realFolder = fs.realpathSync(folder);
        const resolved = path.resolve(realFolder, candidate);
        let existing = resolved;
        while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
            existing = path.dirname(existing);
        }
        const real = path.join(fs.realpathSync(existing), path.relative(existing, resolved));
        return isPathWithin(realFolder, real) ? real : undefined;
    } catch {
        return undefined;
    }
}

/** Whether the path `file` names `folder` or something below it, by the names alone (no links followed). */
export function isPathWithin(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
