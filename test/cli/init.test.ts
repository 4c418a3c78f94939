import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { soaJsonSchema } from '../../language/reports/report-schemas.js';
import { CLI_BUNDLE } from '../helpers/project.js';

function isms(args: string[], cwd: string) {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('isms init', function () {
    this.timeout(60000);

    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-init-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const preset of ['3x3', '4x4', '5x5']) {
        it(`starts a ${preset} ISMS that validates with only the guidance to decide every control`, () => {
            const init = isms(['init', 'acme', '--organization', 'Acme Ltd', '--scope', 'The Acme platform', '--methodology', preset, '--date', '2026-11-23'], dir);
            assert.equal(init.status, 0, init.stderr);
            assert.match(init.stdout, new RegExp(`Created a ${preset} ISMS for Acme Ltd`));
            const validate = isms(['validate', 'acme', '--date', '2026-11-23', '--format', 'json'], dir);
            assert.equal(validate.status, 0, validate.stdout);
            const diagnostics = JSON.parse(validate.stdout) as Array<{ code: string, file: string }>;
            assert.deepEqual([...new Set(diagnostics.map(d => d.code))], ['control-undecided']);
            assert.equal(diagnostics.length, 93);
            assert.ok(diagnostics.every(d => d.file === 'acme/isms.isms'));
            const methodology = fs.readFileSync(path.join(dir, 'acme', 'methodology.isms'), 'utf8');
            assert.match(methodology, new RegExp(`methodology Risk${preset}`));
        });
    }

    it('then gives an SoA with every control undecided', () => {
        assert.equal(isms(['init', '.', '--organization', 'Acme Ltd', '--scope', 'All', '--methodology', '5x5', '--date', '2026-11-23'], dir).status, 0);
        const soa = soaJsonSchema.parse(JSON.parse(isms(['soa', '.', '--date', '2026-11-23', '--format', 'json'], dir).stdout));
        assert.equal(soa.organization, 'Acme Ltd');
        assert.equal(soa.controls.length, 93);
        assert.ok(soa.controls.every(control => control.decision === 'undecided'));
        assert.equal(soa.summary.undecided, 93);
    });

    it('never overwrites a file, and writes nothing when one is in the way', () => {
        fs.writeFileSync(path.join(dir, 'risks.isms'), '// mine\n');
        const run = isms(['init', '.', '--organization', 'X', '--scope', 'Y', '--methodology', '3x3'], dir);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /risks\.isms exists/);
        assert.deepEqual(fs.readdirSync(dir), ['risks.isms']);
        assert.equal(fs.readFileSync(path.join(dir, 'risks.isms'), 'utf8'), '// mine\n');
    });

    it('refuses a folder where a dangling link takes one of the names, before writing anything', function () {
        if (process.platform === 'win32') this.skip();
        fs.symlinkSync('nowhere.isms', path.join(dir, 'soa.isms'));
        const run = isms(['init', '.', '--organization', 'X', '--scope', 'Y', '--methodology', '3x3'], dir);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^isms: soa\.isms exists \(a symbolic link\); isms init writes only into a folder without these files: /);
        assert.doesNotMatch(run.stderr, /internal error/);
        assert.deepEqual(fs.readdirSync(dir), ['soa.isms']);
        assert.equal(fs.readlinkSync(path.join(dir, 'soa.isms')), 'nowhere.isms');
    });

    it('rejects an unknown preset and a bad date', () => {
        assert.equal(isms(['init', '.', '--methodology', '6x6'], dir).status, 2);
        const date = isms(['init', '.', '--organization', 'X', '--scope', 'Y', '--methodology', '3x3', '--date', '2026-02-30'], dir);
        assert.equal(date.status, 2);
        assert.match(date.stderr, /--date 2026-02-30/);
        assert.deepEqual(fs.readdirSync(dir), []);
    });

    it('refuses an organization or scope with control characters, which no model string could hold, before writing anything', () => {
        const organization = isms(['init', '.', '--organization', 'Acme\u001b[2J Ltd', '--scope', 'Y', '--methodology', '3x3'], dir);
        assert.equal(organization.status, 2);
        assert.equal(organization.stderr, 'isms: --organization Acme\\x1b[2J Ltd: must be one line of text without control characters\n');
        const scope = isms(['init', '.', '--organization', 'Acme', '--scope', 'All of it\nand more', '--methodology', '3x3'], dir);
        assert.equal(scope.status, 2);
        assert.match(scope.stderr, /^isms: --scope All of it\\nand more: must be one line/);
        assert.deepEqual(fs.readdirSync(dir), []);
    });

    it('uses defaults when not run in a terminal and flags are missing', () => {
        assert.equal(isms(['init', 'x'], dir).status, 0);
        assert.match(fs.readFileSync(path.join(dir, 'x', 'isms.isms'), 'utf8'), /organization "Example Ltd"/);
    });
});
