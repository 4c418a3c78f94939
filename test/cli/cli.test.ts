import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd = PROJECT_ROOT): Run {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertNoStackTrace(run: Run): void {
    assert.doesNotMatch(run.stderr + run.stdout, /\n\s+at .*:\d+:\d+/, 'no stack trace');
}

describe('isms CLI', function () {
    this.timeout(60000);

    it('shows help and version', () => {
        const help = isms(['--help']);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /Usage: isms/);
        assert.match(help.stdout, /validate/);
        const version = isms(['--version']);
        assert.equal(version.status, 0);
        const { version: expected } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
        assert.equal(version.stdout.trim(), expected);
    });

    it('validates the acme example with no error', () => {
        const run = isms(['validate', 'examples/acme']);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.doesNotMatch(run.stdout, / error /);
        assert.match(run.stdout, /file\(s\) checked: 0 error\(s\)/);
    });

    it('reports a seeded mistake with file, line, column, severity and code, and exits 1', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            const target = path.join(copy.dir, 'seeded.isms');
            fs.writeFileSync(target, '// a seeded mistake\nrisk R-SEED "Seeded" {\n    owner NoSuchRole\n}\n');
            const run = isms(['validate', '.'], copy.dir);
            assert.equal(run.status, 1, run.stdout + run.stderr);
            const lines = run.stdout.split('\n').filter(line => line.startsWith('seeded.isms:'));
            assert.ok(lines.some(line => line.startsWith('seeded.isms:3:11 error unresolved-reference Unknown role \'NoSuchRole\'')), lines.join('\n'));
        } finally {
            copy.dispose();
        }
    });

    it('prints JSON with 1-based positions', () => {
        const ws = temporaryWorkspace({ 'a.isms': 'role CEO\nrisk R-1 {\n  owner Ghost\n}\n' });
        try {
            const run = isms(['validate', '--format', 'json', ws.dir], ws.dir);
            assert.equal(run.status, 1);
            const diagnostics = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
            const unresolved = diagnostics.find(d => d.code === 'unresolved-reference');
            assert.deepEqual(unresolved, {
                file: 'a.isms', line: 3, column: 9, endLine: 3, endColumn: 14, severity: 'error', code: 'unresolved-reference',
                message: 'Unknown role \'Ghost\': no role with this id is declared in the workspace. Declare it or correct the name.'
            });
        } finally {
            ws.dispose();
        }
    });

    it('validates single files as one model', () => {
        const ws = temporaryWorkspace({ 'roles.isms': 'role CEO\n', 'risk.isms': 'risk R-1 { owner CEO }\n', 'other.isms': 'risk R-2 { owner Ghost }\n' });
        try {
            const run = isms(['validate', 'roles.isms', 'risk.isms'], ws.dir);
            assert.doesNotMatch(run.stdout, /unresolved-reference/);
            assert.doesNotMatch(run.stdout, /other\.isms/);
            assert.match(run.stdout, /2 file\(s\) checked/);
        } finally {
            ws.dispose();
        }
    });

    it('exits 2 with one line on bad usage or unreadable input, without a stack trace', () => {
        const empty = temporaryWorkspace({ 'notes.txt': 'not a model' });
        try {
            const cases: Array<[string[], RegExp]> = [
                [['validate', '--no-such-flag'], /unknown option '--no-such-flag'/],
                [['validate', '--format', 'yaml', 'examples/acme'], /argument 'yaml' is invalid/],
                [['frobnicate'], /unknown command 'frobnicate'/],
                [['validate', 'does/not/exist'], /^isms: does\/not\/exist: no such file or directory$/m],
                [['validate', empty.dir], /^isms: no \.isms files found in /m],
                [['validate', path.join(empty.dir, 'notes.txt')], /not an \.isms file/]
            ];
            for (const [args, message] of cases) {
                const run = isms(args);
                assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
                assert.match(run.stderr, message);
                assert.equal(run.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${run.stderr}`);
                assertNoStackTrace(run);
            }
        } finally {
            empty.dispose();
        }
    });
});

describe('isms CLI on files it cannot read', function () {
    this.timeout(60000);

    it('names a binary .isms file in one line and exits 2', () => {
        const ws = temporaryWorkspace({ 'ok.isms': 'role CEO\n' });
        try {
            fs.writeFileSync(path.join(ws.dir, 'blob.isms'), Buffer.from([0, 1, 2, 255, 254, 0]));
            const run = isms(['validate', '.'], ws.dir);
            assert.equal(run.status, 2);
            assert.equal(run.stderr, 'isms: blob.isms: cannot be read (binary content, not a text file)\n');
            assertNoStackTrace(run);
        } finally {
            ws.dispose();
        }
    });
});

describe('isms CLI whose reader stops early', function () {
    this.timeout(60000);

    it('ends quietly when the pipe it writes to is closed, as `| head` closes it', async () => {
        const child = spawn(process.execPath, [CLI_BUNDLE, 'soa', ACME_EXAMPLE, '--format', 'md'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', chunk => { stderr += chunk; });
        // Like `head -n 1`: read one chunk, then close the pipe while the CLI still has more to write.
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>(resolve => child.on('close', resolve));
        assert.equal(code, 0, stderr);
        assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
    });
});
