import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A git command that failed, or git itself missing; the message is one line for the user. */
export class GitError extends Error { }

/** A commit as the history commands show it. */
export interface CommitInfo {
    /** The full object id. */
    readonly id: string;
    /** The committer's calendar date in the committer's own time zone, YYYY-MM-DD. */
    readonly date: string;
    readonly subject: string;
}

/** One file of a commit's tree. */
export interface TreeEntry {
    /** Relative to the repository's top level, with `/`. */
    readonly path: string;
    readonly id: string;
    readonly size: number;
    /** A symbolic link: its blob is the link's target, which is not followed. */
    readonly symlink: boolean;
}

/** A branch, tag or commit that can be compared with. */
export interface Revision {
    readonly kind: 'branch' | 'tag' | 'commit';
    /** What to pass back as a revision: the short ref name or the commit id. */
    readonly name: string;
    readonly commit: CommitInfo;
}

/**
 * Settings of the repository's own configuration that could make a read-only command run a
 * program or change its output. A cloned repository's `.git/config` is as untrusted as its
 * files, so every call overrides them.
 */
const SAFE_CONFIG = [
    'core.fsmonitor=false', 'core.untrackedCache=false', 'core.pager=cat', 'core.quotePath=false',
    'log.showSignature=false', 'log.decorate=false', 'log.follow=false', 'log.mailmap=false',
    'gpg.program=false', 'diff.external=', 'i18n.logOutputEncoding=UTF-8'
];

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Big enough for the tree listing and the model files of the largest workspaces. */
const MAX_OUTPUT_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/**
 * Read-only access to a git repository through the `git` binary. Nothing here writes to the
 * repository or its working tree, and nothing depends on a pager, a terminal or the user's
 * language.
 */
export class GitRepository {

    private firstParentLog: Promise<CommitInfo[]> | undefined;
    private readonly commits = new Map<string, Promise<CommitInfo>>();

    private constructor(
        /** The top level of the working tree, as a real path. */
        readonly root: string,
        /** `sha1` or `sha256`: how blob ids of working-tree files are computed to compare with commits. */
        readonly objectFormat: 'sha1' | 'sha256'
    ) { }

    /**
     * The repository that holds `file` (a folder, a model file, or a path deleted since a revision:
     * its nearest existing folder), or undefined when it is in none. Throws when git is missing.
     */
    static async containing(file: string): Promise<GitRepository | undefined> {
        let folder = path.resolve(file);
        while (!fs.existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
        if (!fs.statSync(folder).isDirectory()) folder = path.dirname(folder);
        let output: string;
        try {
            output = (await runGit(folder, ['rev-parse', '--show-toplevel', '--show-object-format'])).toString('utf8');
        } catch (error) {
            if (error instanceof GitError && /not a git repository/i.test(error.message)) return undefined;
            throw error;
        }
        const [top, format] = output.split('\n');
        if (!top) return undefined;
        return new GitRepository(fs.realpathSync(top), format === 'sha256' ? 'sha256' : 'sha1');
    }

    /** The commit a revision (a branch, a tag, `HEAD~2`, an id) names; a clear error when none. */
    resolve(revision: string): Promise<CommitInfo> {
        let found = this.commits.get(revision);
        if (!found) {
            found = this.lookUp(revision);
            this.commits.set(revision, found);
        }
        return found;
    }

    private async lookUp(revision: string): Promise<CommitInfo> {
        // A revision starting with `-` would be read as an option.
        if (revision.length === 0 || revision.startsWith('-') || /[\x00-\x1f\x7f]/.test(revision)) {
            throw new GitError(`${JSON.stringify(revision)} is not a revision`);
        }
        let output: string;
        try {
            output = (await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).toString('utf8').trim();
        } catch {
            throw new GitError(`${revision}: no such revision in ${this.root}`);
        }
        if (!OBJECT_ID.test(output)) throw new GitError(`${revision}: no such revision in ${this.root}`);
        const [info] = await this.log(['-1', output]);
        return info;
    }

    /**
     * The commits of HEAD's first-parent history, oldest first: the history of the main line
     * as it was merged, which is what dates such as "the last audit" refer to.
     */
    mainLine(): Promise<CommitInfo[]> {
        return this.firstParentLog ??= this.log(['--first-parent', 'HEAD']).then(commits => commits.reverse()).catch(error => {
            // A repository without commits has no history yet.
            if (error instanceof GitError && /does not have any commits|unknown revision|bad default revision/i.test(error.message)) return [];
            throw error;
        });
    }

    /**
     * The first-parent commits from `from` (exclusive; the start of history when undefined) to
     * `to` (inclusive) that changed a file below `prefixes`, oldest first.
     */
    async commitsTouching(prefixes: readonly string[], to: string, from?: string): Promise<CommitInfo[]> {
        const range = from ? [`${from}..${to}`] : [to];
        const commits = await this.log(['--first-parent', ...range, '--', ...pathspecs(prefixes)]);
        return commits.reverse();
    }

    /** The last first-parent commit of `to` dated on or before `date`. */
    async lastCommitOnOrBefore(date: string, to: string): Promise<CommitInfo | undefined> {
        const commits = await this.log(['--first-parent', to]);
        return commits.find(commit => commit.date <= date);
    }

    /** Every file below `prefixes` in the commit's tree. */
    async listTree(commit: string, prefixes: readonly string[]): Promise<TreeEntry[]> {
        const output = await this.git(['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', ...pathspecs(prefixes)]);
        const entries: TreeEntry[] = [];
        for (const record of output.toString('utf8').split('\0')) {
            const tab = record.indexOf('\t');
            if (tab < 0) continue;
            const [mode, type, id, size] = record.slice(0, tab).split(/ +/);
            // Submodules (`commit`) have no content here.
            if (type !== 'blob') continue;
            entries.push({ path: record.slice(tab + 1), id, size: Number(size), symlink: mode === '120000' });
        }
        return entries;
    }

    /** The contents of the given blobs, read in one `git cat-file --batch`. */
    async readBlobs(ids: readonly string[]): Promise<Map<string, Buffer>> {
        const unique = [...new Set(ids)];
        const blobs = new Map<string, Buffer>();
        if (unique.length === 0) return blobs;
        const output = await this.git(['cat-file', '--batch'], unique.join('\n') + '\n');
        let offset = 0;
        while (offset < output.length) {
            const lineEnd = output.indexOf(0x0a, offset);
            if (lineEnd < 0) break;
            const header = output.subarray(offset, lineEnd).toString('utf8').split(' ');
            offset = lineEnd + 1;
            if (header[1] === 'missing' || header.length < 3) continue;
            const size = Number(header[2]);
            blobs.set(header[0], output.subarray(offset, offset + size));
            offset += size + 1;
        }
        return blobs;
    }

    /** Branches and tags, newest first, then the latest commits of HEAD. */
    async revisions(recentCommits = 30): Promise<Revision[]> {
        const refs = (await this.git(['for-each-ref', '--sort=-creatordate',
            '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(creatordate:short)%00%(contents:subject)', 'refs/heads', 'refs/tags'])).toString('utf8');
        const revisions: Revision[] = [];
        for (const line of refs.split('\n')) {
            const [ref, object, peeled, date, subject] = line.split('\0');
            if (!ref) continue;
            const tag = ref.startsWith('refs/tags/');
            revisions.push({
                kind: tag ? 'tag' : 'branch',
                name: ref.replace(/^refs\/(?:heads|tags)\//, ''),
                commit: { id: peeled || object, date: date ?? '', subject: subject ?? '' }
            });
        }
        const recent = await this.log(['-n', String(recentCommits), 'HEAD']).catch(() => []);
        return [...revisions, ...recent.map(commit => ({ kind: 'commit' as const, name: commit.id, commit }))];
    }

    private async log(args: string[]): Promise<CommitInfo[]> {
        const output = (await this.git(['log', '--no-color', '-z', '--format=%H%x1f%cs%x1f%s', ...args])).toString('utf8');
        return output.split('\0').filter(record => record.length > 0).map(record => {
            const [id, date, subject] = record.replace(/^\n/, '').split('\x1f');
            return { id, date, subject: subject ?? '' };
        });
    }

    private git(args: string[], input?: string): Promise<Buffer> {
        return runGit(this.root, args, input);
    }
}

/** Paths below the top level, taken literally (no globbing); the whole tree when none. */
function pathspecs(prefixes: readonly string[]): string[] {
    const specs = prefixes.map(prefix => prefix === '' || prefix === '.' ? '.' : prefix);
    return specs.length > 0 ? specs : ['.'];
}

function runGit(cwd: string, args: string[], input?: string): Promise<Buffer> {
    const configured = SAFE_CONFIG.flatMap(setting => ['-c', setting]);
    return new Promise((resolve, reject) => {
        let child;
        try {
            child = spawn('git', ['--no-pager', '--literal-pathspecs', '--no-replace-objects', ...configured, ...args], {
                cwd,
                env: {
                    ...process.env,
                    GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0',
                    GIT_PAGER: 'cat', LC_ALL: 'C', LANGUAGE: ''
                },
                stdio: ['pipe', 'pipe', 'pipe']
            });
        } catch (error) {
            reject(new GitError(`git could not be started: ${error instanceof Error ? error.message : String(error)}`));
            return;
        }
        const chunks: Buffer[] = [];
        const errors: Buffer[] = [];
        let size = 0;
        child.stdout.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_OUTPUT_BYTES) {
                child.kill();
                return;
            }
            chunks.push(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
        child.on('error', error => {
            const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
            reject(new GitError(missing ? 'git is not installed (it is needed to read earlier revisions)' : `git could not be started: ${error.message}`));
        });
        child.on('close', code => {
            if (code === 0) {
                resolve(Buffer.concat(chunks));
                return;
            }
            const message = Buffer.concat(errors).toString('utf8').split('\n').map(line => line.replace(/^(fatal|error): /, '').trim()).find(line => line.length > 0);
            reject(new GitError(size > MAX_OUTPUT_BYTES ? `git ${args[0]}: output too large` : `git ${args[0]}: ${message ?? `exit code ${code}`}`));
        });
        child.stdin.on('error', () => { /* git exited before reading all input; its exit code tells */ });
        child.stdin.end(input ?? '');
    });
}

/** The path of `file` relative to the repository's top level, with `/`; undefined when outside it. */
export function repositoryPath(repository: GitRepository, file: string): string | undefined {
    let real: string;
    try {
        real = fs.realpathSync(file);
    } catch {
        real = path.resolve(file);
    }
    const relative = path.relative(repository.root, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
}

/** The id git gives a file's content: how a working-tree file is compared with a commit's. */
export function blobId(content: Uint8Array, format: 'sha1' | 'sha256'): string {
    return createHash(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}
