import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, largeRoleDeclarations } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

/** The timeout turns a run that never ends into a failure; the heap limit is the extension's. */
function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, ['--max-old-space-size=4096', CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('files over the size limit', function () {
    this.timeout(240000);

    let acme: ReturnType<typeof copyOfFolder>;
    beforeEach(() => { acme = copyOfFolder(ACME_EXAMPLE); });
    afterEach(() => acme.dispose());

    it('leaves out a file over --max-file-size with file-too-large on line 1 and still checks the others', () => {
        // The example's largest file has 22 KB.
        fs.writeFileSync(path.join(acme.dir, 'extra.isms'), `role Extra "${'x'.repeat(40000)}"\nasset Broken "Broken" { owner Nobody }\n`);
        const run = isms(['validate', '--date', '2026-11-23', '--max-file-size', '32KB', '.'], acme.dir);
        assert.equal(run.status, 1, run.stderr);
        const lines = run.stdout.trimEnd().split('\n');
        const tooLarge = lines.filter(line => line.includes('file-too-large'));
        assert.equal(tooLarge.length, 1, run.stdout);
        assert.match(tooLarge[0], /^extra\.isms:1:1 error file-too-large This file is 39\.\d KB, over the 32 KB limit \(isms\.maxFileSize \/ --max-file-size\); it is left out of the model\.$/);
        // Nothing of it is read: no unresolved owner; the other files are checked as before.
        assert.equal(lines.some(line => line.includes('Nobody')), false, run.stdout);
        assert.match(lines[lines.length - 1], /^22 file\(s\) checked: 1 error\(s\), 0 warning\(s\)$/);
    });

    it('reports a 50 MB file at once, with the default limit, and checks the others', () => {
        fs.writeFileSync(path.join(acme.dir, 'huge.isms'), largeRoleDeclarations(50 * 1024 * 1024));
        const run = isms(['validate', '--date', '2026-11-23', '--format', 'json', '.'], acme.dir);
        assert.equal(run.status, 1, run.stderr);
        const diagnostics = JSON.parse(run.stdout) as Array<{ file: string, line: number, column: number, code: string, message: string }>;
        assert.deepEqual(diagnostics.map(d => `${d.file}:${d.line}:${d.column} ${d.code}`), ['huge.isms:1:1 file-too-large']);
        assert.match(diagnostics[0].message, /^This file is 50(\.\d)? MB, over the 8 MB limit/);
        // A report still comes out of the rest of the model.
        const soa = isms(['soa', '.', '--date', '2026-11-23', '--format', 'json'], acme.dir);
        assert.equal(soa.status, 0, soa.stderr);
        assert.equal(JSON.parse(soa.stdout).summary.applicable > 0, true);
    });

    it('rejects a --max-file-size that is not a size, naming the flag', () => {
        for (const value of ['8XB', '0', 'lots']) {
            const run = isms(['validate', '--max-file-size', value, '.'], acme.dir);
            assert.equal(run.status, 2, `${value}: ${run.stderr}`);
            assert.match(run.stderr, /--max-file-size/);
        }
        assert.equal(isms(['validate', '--date', '2026-11-23', '--max-file-size', '512 KB', '.'], acme.dir).status, 0);
    });
});
