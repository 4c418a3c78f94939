import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeFileError, isReadRefusal, readRegularFile } from '../files/regular-file.js';
import { OutputError, OutputRefusedError } from './report-errors.js';
import { LOCK_NAME } from './report-folder.js';

/**
 * One writer at a time per reports folder: a lock file created with O_EXCL holds the owner's
 * pid, host and time. A lock whose process is gone (on this host) or that is older than a bound
 * is stale and is removed; otherwise the next writer waits, for a bounded time.
 */
export { LOCK_NAME };

export interface FolderLockOptions {
    /** How long to wait for another writer before giving up, in milliseconds. */
    readonly waitMs?: number;
    /** The age after which a lock counts as abandoned whoever holds it, in milliseconds. */
    readonly staleMs?: number;
}

// The lock is held only while a rendered report is committed (milliseconds), so a lock this old
// was left by a run that hung or died on another host.
const DEFAULT_WAIT_MS = 15_000;
const DEFAULT_STALE_MS = 120_000;
// Breaking a stale lock takes a few system calls; a breaker file older than this was left by a
// run killed in between.
const BREAKER_STALE_MS = 10_000;
const MAX_LOCK_BYTES = 4096;

interface LockOwner {
    readonly pid: number;
    readonly hostname: string;
    readonly time: string;
    /** Tells this run's lock from a later one, so that a run never removes another's lock. */
    readonly id: string;
}

/** Runs `work` while holding the lock of `dir`; `shownDir` is the folder as the user named it. */
export async function withFolderLock<T>(dir: string, shownDir: string, work: () => Promise<T>, options: FolderLockOptions = {}): Promise<T> {
    const lock = path.join(dir, LOCK_NAME);
    const owner = { pid: process.pid, hostname: os.hostname(), id: randomBytes(8).toString('hex') };
    try {
        await acquire(lock, owner, shownDir, options);
    } catch (error) {
        if (error instanceof OutputError) throw error;
        throw new OutputError(`${shownDir}: reports cannot be written into this folder (${describeFileError(error)})`);
    }
    try {
        return await work();
    } finally {
        release(lock, owner.id);
    }
}

async function acquire(lock: string, owner: Omit<LockOwner, 'time'>, shownDir: string, options: FolderLockOptions): Promise<void> {
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
        if (await tryCreate(lock, owner)) return;
        const holder = readHolder(lock, shownDir);
        if (holder === 'gone') continue;
        if (isStale(lock, holder, staleMs)) {
            await breakStaleLock(lock, shownDir, staleMs);
            continue;
        }
        if (Date.now() >= deadline) {
            const who = holder ? ` (pid ${holder.pid}${holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`})` : '';
            throw new OutputRefusedError(`another isms run is writing reports into ${shownDir}${who}; try again `
                + `(if no isms run is active, remove ${path.join(shownDir, LOCK_NAME)})`);
        }
        // Jitter, so that waiting runs do not retry in step.
        await new Promise(resolve => setTimeout(resolve, pause + Math.random() * pause));
    }
}

async function tryCreate(lock: string, owner: Omit<LockOwner, 'time'>): Promise<boolean> {
    let handle: fs.promises.FileHandle;
    try {
        handle = await fs.promises.open(lock, 'wx');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
    }
    try {
        // The time the lock was taken, not when the wait for it began: its age is judged from it.
        await handle.writeFile(JSON.stringify({ ...owner, time: new Date().toISOString() }) + '\n');
    } catch (error) {
        // An empty lock would hold the folder until it is old enough to count as stale.
        await handle.close();
        fs.rmSync(lock, { force: true });
        throw error;
    }
    await handle.close();
    return true;
}

/** The lock's owner; undefined when its content cannot be understood (yet: it may be being written). */
function readHolder(lock: string, shownDir: string): LockOwner | undefined | 'gone' {
    let stat: fs.Stats;
    try {
        stat = fs.lstatSync(lock);
    } catch {
        return 'gone';
    }
    const bytes = stat.isFile() ? readRegularFile(lock, { maxBytes: MAX_LOCK_BYTES }) : { refused: stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file' };
    if (isReadRefusal(bytes)) {
        if (bytes.refused === 'no such file') return 'gone';
        if (bytes.refused.startsWith('larger than')) return undefined;
        throw new OutputRefusedError(`${path.join(shownDir, LOCK_NAME)}: not a lock of isms (${bytes.refused}); move it away`);
    }
    try {
        const parsed = JSON.parse(bytes.toString('utf8')) as Partial<LockOwner>;
        if (Number.isSafeInteger(parsed.pid) && parsed.pid! > 0 && typeof parsed.hostname === 'string'
            && typeof parsed.time === 'string' && typeof parsed.id === 'string') {
            return parsed as LockOwner;
        }
    } catch {
        // Half written, or not ours: judged by its age alone.
    }
    return undefined;
}

function isStale(lock: string, holder: LockOwner | undefined, staleMs: number): boolean {
    if (holder && holder.hostname === os.hostname() && !isAlive(holder.pid)) return true;
    const since = holder ? Date.parse(holder.time) : NaN;
    return ageOf(lock, since) > staleMs;
}

/**
 * Removes a stale lock. Only the run that creates the breaker file may remove it, and it judges
 * the lock again first: without that, two runs that both saw the stale lock could each remove
 * it, the second removing the fresh lock the first had just taken.
 */
async function breakStaleLock(lock: string, shownDir: string, staleMs: number): Promise<void> {
    const breaker = `${lock}.break`;
    let handle: fs.promises.FileHandle;
    try {
        handle = await fs.promises.open(breaker, 'wx');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (ageOf(breaker, NaN) > BREAKER_STALE_MS) fs.rmSync(breaker, { force: true });
        await new Promise(resolve => setTimeout(resolve, 10));
        return;
    }
    try {
        const holder = readHolder(lock, shownDir);
        if (holder !== 'gone' && isStale(lock, holder, staleMs)) fs.rmSync(lock, { force: true });
    } finally {
        await handle.close();
        fs.rmSync(breaker, { force: true });
    }
}

function release(lock: string, id: string): void {
    try {
        const holder = readHolder(lock, '.');
        // A run whose lock was judged stale and broken must not remove the next run's lock.
        if (holder !== 'gone' && holder?.id === id) fs.rmSync(lock, { force: true });
    } catch {
        // Whatever is there now is not this run's lock.
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: the process exists but belongs to another user.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Milliseconds since `since`, or since the file was last modified when `since` is not a time. */
function ageOf(file: string, since: number): number {
    if (!Number.isNaN(since)) return Date.now() - since;
    try {
        return Date.now() - fs.lstatSync(file).mtimeMs;
    } catch {
        return 0;
    }
}
