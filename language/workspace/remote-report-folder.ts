import type { URI } from 'langium';
import { UriUtils } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { ReadRefusal } from '../files/file-errors.js';
import { OutputRefusedError } from '../reports/report-errors.js';
import type { EntryKind, FolderCommit, ReportFolder } from '../reports/report-folder.js';
import { isReadRefusal, isTemporaryName, LOCK_NAME, RollbackError, temporaryNameFor } from '../reports/report-folder.js';
import { MANIFEST_NAME } from '../reports/report-manifest.js';
import type { ReadResult, RemoteEntryKind, StatResult } from './workspace-files-protocol.js';
import { fromBase64, toBase64, WorkspaceFilesRequest } from './workspace-files-protocol.js';

// The web's writer has no process id; temporary names carry 0 so that any run can clear them.
const WEB_PID = 0;
const WAIT_MS = 15_000;
const STALE_MS = 120_000;
const MAX_LOCK_BYTES = 4096;

/**
 * A reports folder reached through the editor's file system, for the language server in a web
 * worker. The guards are report-writer.ts's, as on disk; what differs is what the editor's file
 * system offers:
 *  - No exclusive create: the lock is written to a temporary name, then renamed onto the lock's
 *    name without overwriting, which fails when another writer holds it. A lock older than
 *    two minutes is taken as abandoned (there is no process to ask).
 *  - No hard links: the previous report is kept in memory and written back if the manifest
 *    cannot be put in place.
 *  - No flush to disk: the file system behind the editor decides when bytes are durable.
 * Renames stay within the folder, which every file system the editor offers supports.
 */
export class RemoteReportFolder implements ReportFolder {

    constructor(private readonly connection: Connection, private readonly folder: URI) { }

    async create(): Promise<void> {
        await this.request(WorkspaceFilesRequest.createFolder, { uri: this.folder.toString() });
    }

    async kindOf(name: string): Promise<EntryKind | undefined> {
        const stat = await this.request<StatResult | null>(WorkspaceFilesRequest.stat, { uri: this.uri(name) });
        return stat?.kind;
    }

    async read(name: string, maxBytes: number): Promise<Uint8Array | ReadRefusal> {
        const result = await this.request<ReadResult>(WorkspaceFilesRequest.read, { uri: this.uri(name), maxBytes });
        return 'base64' in result ? fromBase64(result.base64) : result;
    }

    async withLock<T>(work: () => Promise<T>): Promise<T> {
        const id = temporaryNameFor('lock', WEB_PID).split('.')[3];
        await this.acquire(id);
        try {
            return await work();
        } finally {
            await this.release(id);
        }
    }

    async removeLeftoverTemporaries(): Promise<void> {
        const entries = await this.request<Array<[string, RemoteEntryKind]>>(WorkspaceFilesRequest.readDirectory, { uri: this.folder.toString() });
        for (const [name, kind] of entries) {
            if (kind === 'file' && isTemporaryName(name)) await this.remove(name);
        }
    }

    async commit(commit: FolderCommit): Promise<void> {
        const reportTemporary = temporaryNameFor(commit.name, WEB_PID);
        const manifestTemporary = temporaryNameFor(MANIFEST_NAME, WEB_PID);
        try {
            await this.write(reportTemporary, commit.bytes);
            await this.write(manifestTemporary, commit.manifestBytes);
            await this.rename(reportTemporary, commit.name, true);
            try {
                await this.rename(manifestTemporary, MANIFEST_NAME, true);
            } catch (error) {
                await (commit.previous ? this.write(commit.name, commit.previous) : this.remove(commit.name)).catch(rollback => {
                    throw new RollbackError(error, rollback);
                });
                throw error;
            }
        } finally {
            for (const name of [reportTemporary, manifestTemporary]) await this.remove(name).catch(() => undefined);
        }
    }

    private async acquire(id: string): Promise<void> {
        const deadline = Date.now() + WAIT_MS;
        const content = new TextEncoder().encode(JSON.stringify({ pid: WEB_PID, hostname: 'web', time: new Date().toISOString(), id }) + '\n');
        for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
            const temporary = temporaryNameFor(LOCK_NAME, WEB_PID);
            await this.write(temporary, content);
            const taken = await this.rename(temporary, LOCK_NAME, false).finally(() => this.remove(temporary).catch(() => undefined));
            if (taken) return;
            const holder = await this.lockHolder();
            if (holder !== 'gone' && Date.now() - holder.time > STALE_MS) {
                await this.remove(LOCK_NAME);
                continue;
            }
            if (Date.now() >= deadline) {
                throw new OutputRefusedError(`another isms run is writing reports into ${this.folder.path}; try again `
                    + `(if no isms run is active, remove ${LOCK_NAME} there)`);
            }
            await new Promise(resolve => setTimeout(resolve, pause + Math.random() * pause));
        }
    }

    private async release(id: string): Promise<void> {
        const holder = await this.lockHolder().catch(() => undefined);
        // A lock judged stale and broken by another writer is not this run's to remove.
        if (holder !== 'gone' && holder?.id === id) await this.remove(LOCK_NAME).catch(() => undefined);
    }

    /** The lock's holder and when it was taken; a lock not understood (yet) is judged by its age alone. */
    private async lockHolder(): Promise<{ id?: string, time: number } | 'gone'> {
        const stat = await this.request<StatResult | null>(WorkspaceFilesRequest.stat, { uri: this.uri(LOCK_NAME) });
        if (!stat) return 'gone';
        if (stat.kind !== 'file') throw new OutputRefusedError(`${LOCK_NAME}: not a lock of isms (${stat.kind === 'symbolic link' ? 'a symbolic link' : 'not a regular file'}); move it away`);
        const bytes = await this.read(LOCK_NAME, MAX_LOCK_BYTES);
        if (isReadRefusal(bytes)) return { time: stat.mtime };
        try {
            const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { id?: unknown, time?: unknown };
            const time = typeof parsed.time === 'string' ? Date.parse(parsed.time) : NaN;
            if (typeof parsed.id === 'string' && !Number.isNaN(time)) return { id: parsed.id, time };
        } catch {
            // Half written, or not ours.
        }
        return { time: stat.mtime };
    }

    private write(name: string, bytes: Uint8Array): Promise<unknown> {
        return this.request(WorkspaceFilesRequest.write, { uri: this.uri(name), base64: toBase64(bytes) });
    }

    private rename(from: string, to: string, overwrite: boolean): Promise<boolean> {
        return this.request<boolean>(WorkspaceFilesRequest.rename, { from: this.uri(from), to: this.uri(to), overwrite });
    }

    private remove(name: string): Promise<unknown> {
        return this.request(WorkspaceFilesRequest.delete, { uri: this.uri(name) });
    }

    private uri(name: string): string {
        return UriUtils.joinPath(this.folder, name).toString();
    }

    private request<T>(method: string, params: object): Promise<T> {
        return this.connection.sendRequest(method, params) as Promise<T>;
    }
}
