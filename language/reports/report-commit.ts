import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTemporaryName, RollbackError, temporaryNameFor } from './report-folder.js';

export { isTemporaryName, RollbackError } from './report-folder.js';

/**
 * Puts a report and the manifest that records it in place together, or neither. Called with the
 * folder's lock held. Both are first written in full to temporary files in the folder and
 * flushed to disk; then the report is renamed into place, then the manifest. If the manifest
 * cannot be renamed, the report is put back as it was (the previous file, kept by a hard link,
 * or no file). Temporary files are removed on every path; those of a run that was killed are
 * removed by the next run in the folder.
 */

/** The file system calls of a commit; tests replace one to make it fail. */
export type CommitFileSystem = Pick<typeof fs.promises, 'open' | 'rename' | 'link' | 'rm'>;

export interface Commit {
    readonly target: string;
    readonly bytes: Uint8Array;
    /** What the file holds now, when it exists: kept to put it back if the commit fails. */
    readonly previous: Uint8Array | undefined;
    readonly manifest: string;
    readonly manifestBytes: Uint8Array;
}

export async function commitReport(commit: Commit, fsx: CommitFileSystem = fs.promises): Promise<void> {
    const reportTemporary = temporaryName(commit.target);
    const manifestTemporary = temporaryName(commit.manifest);
    const backup = commit.previous ? temporaryName(commit.target) : undefined;
    try {
        await writeNewFile(fsx, reportTemporary, commit.bytes);
        await writeNewFile(fsx, manifestTemporary, commit.manifestBytes);
        if (backup) {
            // A hard link costs no space; where links are not supported, a copy of the old bytes.
            await fsx.link(commit.target, backup).catch(() => writeNewFile(fsx, backup, commit.previous!));
        }
        await fsx.rename(reportTemporary, commit.target);
        try {
            await fsx.rename(manifestTemporary, commit.manifest);
        } catch (error) {
            await (backup ? fsx.rename(backup, commit.target) : fsx.rm(commit.target, { force: true })).catch(rollback => {
                throw new RollbackError(error, rollback);
            });
            throw error;
        }
        syncFolder(path.dirname(commit.target));
    } finally {
        for (const file of [reportTemporary, manifestTemporary, backup]) {
            if (file) await fsx.rm(file, { force: true }).catch(() => undefined);
        }
    }
}

/** Removes what killed runs left: files named like the tool's temporary files, nothing else. */
export function removeLeftoverTemporaries(dir: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isFile() && isTemporaryName(entry.name)) fs.rmSync(path.join(dir, entry.name), { force: true });
    }
}

function temporaryName(file: string): string {
    return path.join(path.dirname(file), temporaryNameFor(path.basename(file), process.pid));
}

async function writeNewFile(fsx: CommitFileSystem, file: string, bytes: Uint8Array): Promise<void> {
    const handle = await fsx.open(file, 'wx');
    try {
        await handle.writeFile(bytes);
        await handle.sync();
    } finally {
        await handle.close();
    }
}

/** Makes the renames durable; not possible on every platform (Windows), and not needed for correctness. */
function syncFolder(dir: string): void {
    try {
        const descriptor = fs.openSync(dir, 'r');
        try {
            fs.fsyncSync(descriptor);
        } finally {
            fs.closeSync(descriptor);
        }
    } catch {
        // Best effort.
    }
}
