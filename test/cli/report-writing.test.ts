/**
 * Writing reports with the real CLI: a manifest that is a FIFO or malformed, several runs into
 * one folder at once, a manifest that cannot be written, a stale lock, leftovers of killed runs
 * and a dangling link at the output. Every spawn has a timeout, so that a run that hangs fails
 * its test instead of hanging the suite.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

const TODAY = '2026-11-23';
const MANIFEST = '.isms-reports.json';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function ismsAsync(args: string[], cwd: string): Promise<Run> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd, timeout: 90000 });
        let stdout = '', stderr = '';
        child.stdout.on('data', chunk => { stdout += chunk; });
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('close', status => resolve({ status, stdout, stderr }));
    });
}

describe('writing reports from the CLI', function () {
    this.timeout(180000);

    let acme: ReturnType<typeof copyOfFolder>;
    beforeEach(() => { acme = copyOfFolder(ACME_EXAMPLE); });
    afterEach(() => acme.dispose());

    const reports = () => path.join(acme.dir, 'reports');
    const inReports = (name: string) => path.join(reports(), name);
    const leftovers = () => fs.readdirSync(reports()).filter(name => name.endsWith('.tmp') || name.startsWith('.isms-reports.lock'));
    const soa = (extra: string[] = []) => isms(['soa', '.', '--date', TODAY, '--out', 'reports/', ...extra], acme.dir);

    it('finishes with a clear message when the manifest is a FIFO', function () {
        if (process.platform === 'win32') this.skip();
        fs.mkdirSync(reports());
        spawnSync('mkfifo', [inReports(MANIFEST)]);
        const run = soa();
        assert.equal(run.status, 2, run.stderr);
        assert.equal(run.stderr, 'isms: reports/.isms-reports.json: cannot be read as the list of generated reports (not a regular file); move it away\n');
        assert.deepEqual(fs.readdirSync(reports()), [MANIFEST]);
    });

    it('reports a malformed manifest, names what is wrong, and leaves it byte for byte', () => {
        fs.mkdirSync(reports());
        const text = '{\n  "generator": "isms-as-code",\n  "files": {\n    "statement-of-applicability.md" "0"\n  }\n}\n';
        fs.writeFileSync(inReports(MANIFEST), text);
        const run = soa();
        assert.equal(run.status, 2, run.stderr);
        assert.equal(run.stderr, 'isms: reports/.isms-reports.json: not a report manifest (line 4, column 37: expected \':\' after property name); move it away\n');
        assert.equal(fs.readFileSync(inReports(MANIFEST), 'utf8'), text);
        assert.deepEqual(fs.readdirSync(reports()), [MANIFEST]);
    });

    it('lets four runs write into one folder at once, keeps every entry, and overwrites each later', async () => {
        const commands = [['soa', 'md'], ['soa', 'html'], ['risks', 'md'], ['risks', 'csv']];
        const runAll = () => Promise.all(commands.map(([command, format]) =>
            ismsAsync([command, '.', '--date', TODAY, '--format', format, '--out', 'reports/'], acme.dir)));
        for (const run of await runAll()) assert.equal(run.status, 0, run.stderr);
        const names = ['risk-register.csv', 'risk-register.md', 'statement-of-applicability.html', 'statement-of-applicability.md'];
        const manifest = JSON.parse(fs.readFileSync(inReports(MANIFEST), 'utf8')) as { files: Record<string, string> };
        assert.deepEqual(Object.keys(manifest.files).sort(), names);
        for (const run of await runAll()) assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(fs.readdirSync(reports()).sort(), [MANIFEST, ...names].sort());
    });

    it('writes neither the report nor the manifest, and leaves no temporary file, when the manifest cannot be written', function () {
        if (process.platform === 'win32') this.skip();
        // A manifest larger than the file size limit of the run, and a report smaller than it:
        // the report's temporary file is written in full, the manifest's fails (EFBIG).
        fs.mkdirSync(reports());
        const files = Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`old-report-${index}.md`, 'a'.repeat(64)]));
        const text = JSON.stringify({ generator: 'isms-as-code', files }, null, 2) + '\n';
        fs.writeFileSync(inReports(MANIFEST), text);
        const limitKb = 64;
        assert.ok(text.length > limitKb * 1024);
        const run = spawnSync('bash', ['-c', `ulimit -f ${limitKb} && exec "$0" "$@"`, process.execPath, CLI_BUNDLE,
            'soa', '.', '--date', TODAY, '--out', 'reports/'], { cwd: acme.dir, encoding: 'utf8', timeout: 60000 });
        assert.equal(run.status, 2, run.stderr);
        assert.deepEqual(fs.readdirSync(reports()), [MANIFEST]);
        assert.equal(fs.readFileSync(inReports(MANIFEST), 'utf8'), text);
        assert.equal(run.stderr, 'isms: reports/statement-of-applicability.md: cannot be written (EFBIG: file too large, write; nothing was changed)\n');
    });

    it('recovers the lock of a run that is gone, and removes it', () => {
        fs.mkdirSync(reports());
        const dead = spawnSync(process.execPath, ['-e', '']).pid;
        fs.writeFileSync(inReports('.isms-reports.lock'), JSON.stringify({ pid: dead, hostname: os.hostname(), time: new Date().toISOString(), id: 'killed' }));
        const run = soa();
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(leftovers(), []);
    });

    it('removes the temporary files of killed runs, and only those', () => {
        fs.mkdirSync(reports());
        const ours = ['.soa.md.123.abcd.tmp', '.statement-of-applicability.md.4242.0a1b2c3d.tmp', '.isms-reports.json.77.ffee0011.tmp'];
        const others = ['.notes.tmp', 'draft.123.abcd.tmp'];
        for (const name of [...ours, ...others]) fs.writeFileSync(inReports(name), 'left over');
        const run = soa();
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(fs.readdirSync(reports()).sort(), [...others, MANIFEST, 'statement-of-applicability.md'].sort());
    });

    it('refuses to write through a dangling symbolic link, and leaves the link', function () {
        if (process.platform === 'win32') this.skip();
        fs.symlinkSync('elsewhere.md', path.join(acme.dir, 'soa.md'));
        const run = isms(['soa', '.', '--date', TODAY, '--out', 'soa.md'], acme.dir);
        assert.equal(run.status, 2, run.stderr);
        assert.equal(run.stderr, 'isms: soa.md is a symbolic link; isms writes only regular files or new names, and does not follow or replace a link\n');
        assert.equal(fs.readlinkSync(path.join(acme.dir, 'soa.md')), 'elsewhere.md');
        assert.equal(fs.existsSync(path.join(acme.dir, 'elsewhere.md')), false);
        assert.equal(fs.existsSync(path.join(acme.dir, MANIFEST)), false);
    });
});
