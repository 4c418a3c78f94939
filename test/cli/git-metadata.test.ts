import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

interface ReportRun { status: number | null, commit: unknown, stderr: string }

/**
 * The SoA as JSON from a folder of the model; the timeout turns a hang into a failure, and the
 * heap limit keeps a runaway read from taking the machine's memory.
 */
function soaCommit(cwd: string): ReportRun {
    const run = spawnSync(process.execPath, ['--max-old-space-size=512', CLI_BUNDLE, 'soa', '.', '--date', '2026-11-23', '--format', 'json'],
        { cwd, encoding: 'utf8', timeout: 60000, maxBuffer: 64 * 1024 * 1024 });
    let commit: unknown = 'no report';
    try {
        commit = JSON.parse(run.stdout).commit;
    } catch {
        // The run failed; status and stderr say how.
    }
    return { status: run.status, commit, stderr: run.stderr };
}

function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', args, {
        cwd, encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
    }).trim();
}

/** A model whose `.git` folder holds the given files; HEAD names refs/heads/main unless given. */
function handMadeRepo(model: string, files: Record<string, string>): void {
    const gitDir = path.join(model, '.git');
    fs.mkdirSync(path.join(gitDir, 'refs', 'heads'), { recursive: true });
    fs.writeFileSync(path.join(gitDir, 'HEAD'), 'ref: refs/heads/main\n');
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(gitDir, name), text);
    }
}

function assertIgnored(run: ReportRun, what: RegExp): void {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.commit, null);
    const notes = run.stderr.split('\n').filter(line => line.includes('git metadata ignored'));
    assert.equal(notes.length, 1, run.stderr);
    assert.match(notes[0], what);
}

describe('the commit of a report when the git metadata is hostile', function () {
    this.timeout(180000);

    let acme: ReturnType<typeof copyOfFolder>;
    beforeEach(() => { acme = copyOfFolder(ACME_EXAMPLE); });
    afterEach(() => acme.dispose());

    it('gives the checked-out commit of a real repository, with loose and with packed refs', () => {
        git(acme.dir, 'init', '-q', '-b', 'main');
        git(acme.dir, 'add', '.');
        git(acme.dir, 'commit', '-q', '-m', 'model');
        const head = git(acme.dir, 'rev-parse', 'HEAD');
        const loose = soaCommit(acme.dir);
        assert.equal(loose.commit, head, loose.stderr);
        assert.equal(loose.stderr.includes('git metadata'), false, loose.stderr);
        git(acme.dir, 'pack-refs', '--all');
        assert.equal(soaCommit(acme.dir).commit, head);
    });

    it('gives the commit of a linked worktree', () => {
        git(acme.dir, 'init', '-q', '-b', 'main');
        git(acme.dir, 'add', '.');
        git(acme.dir, 'commit', '-q', '-m', 'model');
        const worktree = `${acme.dir}-worktree`;
        try {
            git(acme.dir, 'worktree', 'add', '-q', '-b', 'other', worktree);
            fs.appendFileSync(path.join(worktree, 'roles.isms'), '\n');
            git(worktree, 'commit', '-q', '-am', 'in the worktree');
            const run = soaCommit(worktree);
            assert.equal(run.commit, git(worktree, 'rev-parse', 'HEAD'), run.stderr);
            assert.notEqual(run.commit, git(acme.dir, 'rev-parse', 'HEAD'));
        } finally {
            fs.rmSync(worktree, { recursive: true, force: true });
        }
    });

    it('ignores a HEAD that names a file outside the repository', () => {
        handMadeRepo(acme.dir, { HEAD: `ref: ${'../'.repeat(12)}etc/passwd\n` });
        assertIgnored(soaCommit(acme.dir), /HEAD: not a commit or a branch name/);
    });

    it('ignores a .git file that names a folder which is not a git directory of this checkout', () => {
        fs.writeFileSync(path.join(acme.dir, '.git'), 'gitdir: /etc\n');
        assertIgnored(soaCommit(acme.dir), /\.git: does not name a git directory/);

        // A folder made to look like a git directory elsewhere: its files are not read.
        const elsewhere = `${acme.dir}-elsewhere`;
        try {
            fs.mkdirSync(elsewhere);
            fs.writeFileSync(path.join(elsewhere, 'HEAD'), 'ref: secret\n');
            fs.writeFileSync(path.join(elsewhere, 'secret'), 'the content of another file\n');
            fs.writeFileSync(path.join(acme.dir, '.git'), `gitdir: ${elsewhere}\n`);
            assertIgnored(soaCommit(acme.dir), /\.git: does not name a git directory/);
        } finally {
            fs.rmSync(elsewhere, { recursive: true, force: true });
        }
    });

    it('finishes when HEAD is a FIFO', () => {
        handMadeRepo(acme.dir, {});
        fs.rmSync(path.join(acme.dir, '.git', 'HEAD'));
        execFileSync('mkfifo', [path.join(acme.dir, '.git', 'HEAD')]);
        assertIgnored(soaCommit(acme.dir), /HEAD: not a regular file/);
    });

    it('does not read a ref that is a link to /dev/zero', () => {
        handMadeRepo(acme.dir, {});
        fs.symlinkSync('/dev/zero', path.join(acme.dir, '.git', 'refs', 'heads', 'main'));
        assertIgnored(soaCommit(acme.dir), /main: /);
    });

    it('ignores a ref that is not a commit id', () => {
        handMadeRepo(acme.dir, { 'refs/heads/main': 'this is not a commit\n' });
        assertIgnored(soaCommit(acme.dir), /main: not a commit/);
    });

    it('does not read a packed-refs file of 100 MB', () => {
        handMadeRepo(acme.dir, {});
        // Sparse: 100 MB long without taking the disk space; the ref is on its last line.
        const packed = fs.openSync(path.join(acme.dir, '.git', 'packed-refs'), 'w');
        fs.writeSync(packed, '# pack-refs with: peeled fully-peeled sorted\n', 0);
        fs.writeSync(packed, `\n${'a'.repeat(40)} refs/heads/main\n`, 100 * 1024 * 1024);
        fs.closeSync(packed);
        assertIgnored(soaCommit(acme.dir), /packed-refs: larger than 32 MB/);
    });
});
