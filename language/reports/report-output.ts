import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../files/regular-file.js';
import type { CommitFileSystem } from './report-commit.js';
import { commitReport, removeLeftoverTemporaries } from './report-commit.js';
import type { EntryKind, FolderCommit, ReportFolder } from './report-folder.js';
import type { FolderLockOptions } from './report-lock.js';
import { withFolderLock } from './report-lock.js';
import { MANIFEST_NAME } from './report-manifest.js';
import { writeReport } from './report-writer.js';

/**
 * Writing reports to disk (the CLI, the Node language server), with the guards of
 * report-writer.ts: a lock file created with O_EXCL (report-lock.ts), and a commit by rename
 * with the previous report kept by a hard link (report-commit.ts).
 */
export { MANIFEST_NAME } from './report-manifest.js';
export { OutputError, OutputRefusedError } from './report-errors.js';

export interface ReportWriteOptions {
    readonly lock?: FolderLockOptions;
    /** The calls that commit the files; tests make one of them fail. */
    readonly fileSystem?: CommitFileSystem;
}

/** Writes `content` to `filePath` (as the user named it, for messages); throws OutputError. */
export async function writeReportFile(filePath: string, content: string | Uint8Array, options: ReportWriteOptions = {}): Promise<void> {
    const target = path.resolve(filePath);
    await writeReport(new DiskReportFolder(path.dirname(target), path.dirname(filePath), options), path.dirname(filePath), path.basename(target), content);
}

/** A reports folder on disk. */
class DiskReportFolder implements ReportFolder {

    constructor(private readonly dir: string, private readonly shownDir: string, private readonly options: ReportWriteOptions) { }

    async create(): Promise<void> {
        await fs.promises.mkdir(this.dir, { recursive: true });
    }

    async kindOf(name: string): Promise<EntryKind | undefined> {
        let stat: fs.Stats;
        try {
            stat = fs.lstatSync(path.join(this.dir, name));
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            throw error;
        }
        return stat.isSymbolicLink() ? 'symbolic link' : stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
    }

    async read(name: string, maxBytes: number) {
        return readRegularFile(path.join(this.dir, name), { maxBytes });
    }

    withLock<T>(work: () => Promise<T>): Promise<T> {
        return withFolderLock(this.dir, this.shownDir, work, this.options.lock);
    }

    async removeLeftoverTemporaries(): Promise<void> {
        removeLeftoverTemporaries(this.dir);
    }

    commit(commit: FolderCommit): Promise<void> {
        const { name, bytes, previous, manifestBytes } = commit;
        return commitReport({ target: path.join(this.dir, name), bytes, previous, manifest: path.join(this.dir, MANIFEST_NAME), manifestBytes }, this.options.fileSystem);
    }
}
