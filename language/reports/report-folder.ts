import type { ReadRefusal } from '../files/file-errors.js';

/**
 * A reports folder as the report writer (report-output.ts) sees it: on disk (the CLI, the Node
 * server) or through the editor's file system (the server in a web worker). The guards that
 * decide what may be written live in the writer, once; a folder only carries the calls out.
 */
export interface ReportFolder {
    /** Creates the folder and its parents when missing. */
    create(): Promise<void>;
    /** What `name` is, without following a symbolic link; undefined when there is nothing. */
    kindOf(name: string): Promise<EntryKind | undefined>;
    /** The bytes of the regular file `name` when it has at most `maxBytes`; otherwise why not. */
    read(name: string, maxBytes: number): Promise<Uint8Array | ReadRefusal>;
    /** Runs `work` as the folder's only writer. */
    withLock<T>(work: () => Promise<T>): Promise<T>;
    /** Removes what killed runs left: files named like the tool's temporary files, nothing else. */
    removeLeftoverTemporaries(): Promise<void>;
    /** Puts the report and the manifest in place together, or neither. */
    commit(commit: FolderCommit): Promise<void>;
}

/** The lock file of a reports folder (report-lock.ts on disk). */
export const LOCK_NAME = '.isms-reports.lock';

export type EntryKind = 'file' | 'symbolic link' | 'folder' | 'other';

export interface FolderCommit {
    readonly name: string;
    readonly bytes: Uint8Array;
    /** What the file holds now, when it exists: kept to put it back if the commit fails. */
    readonly previous: Uint8Array | undefined;
    readonly manifestBytes: Uint8Array;
}

// `.NAME.PID.HEX.tmp`: the only names the tool ever removes without being asked.
const TEMPORARY = /^\..+\.\d+\.[0-9a-f]{4,16}\.tmp$/;

export function isTemporaryName(name: string): boolean {
    return TEMPORARY.test(name);
}

/** A temporary name beside `name` for the process `pid`. */
export function temporaryNameFor(name: string, pid: number): string {
    const random = crypto.getRandomValues(new Uint8Array(4));
    return `.${name}.${pid}.${Array.from(random, byte => byte.toString(16).padStart(2, '0')).join('')}.tmp`;
}

export function isReadRefusal(result: Uint8Array | ReadRefusal): result is ReadRefusal {
    return !(result instanceof Uint8Array);
}

/** The manifest could not be updated, and the report could not be put back either. */
export class RollbackError extends Error {
    constructor(cause: unknown, rollback: unknown) {
        super(`${messageOf(cause)}; the previous report could not be put back either (${messageOf(rollback)})`);
    }
}

export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
