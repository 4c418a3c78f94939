import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInsideFolder, isReadRefusal, readRegularFile } from '../files/regular-file.js';

/** The checked-out commit, or null; `problem` says why git metadata that was there was ignored. */
export interface GitCommit {
    readonly commit: string | null;
    readonly problem?: string;
}

// HEAD, a loose ref, `commondir` and a `.git` file hold one line; packed-refs holds one line per
// branch and tag, a few MB in the largest repositories.
const SMALL_FILE_BYTES = 4096;
const PACKED_REFS_BYTES = 32 * 1024 * 1024;

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

class Untrusted extends Error { }

/**
 * The commit checked out in the git repository that contains `folder`, read from the
 * repository's files (no git process is started). The metadata is not trusted: only regular
 * files of the git directory are read, each with a size bound and without blocking; ref names
 * are checked as git checks them; a commit must be an object id. Anything else gives no commit
 * and a problem to tell the user once.
 */
export function readGitCommit(folder: string): GitCommit {
    try {
        const gitDir = findGitDir(path.resolve(folder));
        if (!gitDir) return { commit: null };
        const head = readSmall(gitDir, 'HEAD');
        if (OBJECT_ID.test(head)) return { commit: head };
        const ref = /^ref: (.+)$/.exec(head)?.[1];
        if (ref === undefined || !isValidRefName(ref)) throw new Untrusted(`${path.join(gitDir, 'HEAD')}: not a commit or a branch name`);
        const commonDir = readCommonDir(gitDir);
        for (const dir of [gitDir, commonDir]) {
            if (!fs.existsSync(path.join(dir, ref))) continue;
            const commit = readSmall(dir, ref);
            if (!OBJECT_ID.test(commit)) throw new Untrusted(`${path.join(dir, ref)}: not a commit`);
            return { commit };
        }
        return { commit: packedRef(commonDir, ref) };
    } catch (error) {
        return { commit: null, problem: error instanceof Untrusted ? error.message : String(error) };
    }
}

/**
 * The git directory of the repository that contains `start`: a `.git` folder, or the folder a
 * `.git` file names (a linked worktree or a submodule) when that folder is a git directory
 * that owns this checkout (see `isOwnGitDir`).
 */
function findGitDir(start: string): string | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, '.git');
        let stat: fs.Stats | undefined;
        try {
            stat = fs.lstatSync(candidate);
        } catch {
            stat = undefined;
        }
        if (stat?.isDirectory()) return candidate;
        if (stat) {
            const target = /^gitdir: (.+)$/.exec(readSmall(dir, '.git'))?.[1];
            const gitDir = target === undefined ? undefined : path.resolve(dir, target);
            if (!gitDir || !isOwnGitDir(gitDir, candidate)) throw new Untrusted(`${candidate}: does not name a git directory of this repository`);
            return gitDir;
        }
        if (path.dirname(dir) === dir) return undefined;
    }
}

/**
 * A `.git` file may point anywhere, so its target is accepted only when it is a git directory
 * with a HEAD, and either names this `.git` file back (git's own record of a linked worktree,
 * `<gitdir>/gitdir`) or is a submodule's folder under a `.git/modules/` folder.
 */
function isOwnGitDir(gitDir: string, dotGitFile: string): boolean {
    try {
        const real = fs.realpathSync(gitDir);
        if (!fs.statSync(real).isDirectory() || !fs.lstatSync(path.join(real, 'HEAD')).isFile()) return false;
        if (fs.existsSync(path.join(real, 'gitdir'))) {
            const back = path.resolve(real, readSmall(real, 'gitdir'));
            return fs.realpathSync(back) === fs.realpathSync(dotGitFile);
        }
        return real.split(path.sep).join('/').includes('/.git/modules/');
    } catch (error) {
        if (error instanceof Untrusted) throw error;
        return false;
    }
}

/** A linked worktree's `commondir` names the main git directory, which must contain it. */
function readCommonDir(gitDir: string): string {
    if (!fs.existsSync(path.join(gitDir, 'commondir'))) return gitDir;
    const commonDir = path.resolve(gitDir, readSmall(gitDir, 'commondir'));
    if (!fs.existsSync(path.join(commonDir, 'HEAD')) || !isInsideFolder(commonDir, gitDir)) {
        throw new Untrusted(`${path.join(gitDir, 'commondir')}: does not name the git directory this one belongs to`);
    }
    return commonDir;
}

function packedRef(commonDir: string, ref: string): string | null {
    if (!fs.existsSync(path.join(commonDir, 'packed-refs'))) return null;
    const text = read(commonDir, 'packed-refs', PACKED_REFS_BYTES);
    for (const line of text.split('\n')) {
        const [id, name] = line.trimEnd().split(' ');
        if (name === ref) {
            if (!OBJECT_ID.test(id)) throw new Untrusted(`${path.join(commonDir, 'packed-refs')}: ${ref} is not a commit`);
            return id;
        }
    }
    return null;
}

/**
 * Git's rules for ref names (`git check-ref-format`), narrowed to what HEAD may name: under
 * `refs/`, no `..`, no component starting with `.` or ending with `.lock`, none of
 * `~^:?*[\` or control characters, no `@{`, no empty component.
 */
export function isValidRefName(ref: string): boolean {
    if (!ref.startsWith('refs/') || ref.includes('..') || ref.includes('@{') || ref.endsWith('.')) return false;
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) return false;
    return ref.split('/').every(part => part.length > 0 && !part.startsWith('.') && !part.endsWith('.lock'));
}

function readSmall(dir: string, name: string): string {
    return read(dir, name, SMALL_FILE_BYTES).trim();
}

function read(dir: string, name: string, maxBytes: number): string {
    const file = path.join(dir, name);
    const result = readRegularFile(file, { maxBytes, root: dir });
    if (isReadRefusal(result)) throw new Untrusted(`${file}: ${result.refused}`);
    return result.toString('utf8');
}
