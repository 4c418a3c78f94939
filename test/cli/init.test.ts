import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { soaJsonSchema } from '../../language/reports/report-schemas.js';
import { isDiagnosticCode } from '../../language/validation/diagnostic-codes.js';
import { CLI_BUNDLE } from '../helpers/project.js';

function isms(args: string[], cwd: string) {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The warnings a new starter is meant to give, each telling the user to decide or fill in
 * something, as "file code", sorted: the 93 undecided controls (one JSON result each), and one for each placeholder.
 * A placeholder's rule counts once the rule exists in this build of the language.
 */
function expectedPlaceholderWarnings(starter?: string): string[] {
    const placeholders: Array<[file: string, code: string]> = [
        ['isms.isms', 'climate-undetermined'],
        ['isms.isms', 'document-unapproved'],
        ['isms.isms', 'audit-overdue'],
        ['isms.isms', 'management-review-overdue'],
        ['policies.isms', 'evidence-not-found'],
        ['context.isms', 'requirement-unaddressed'],
        ['objectives.isms', 'objective-unmeasured']
    ];
    const undecided = Array.from({ length: 93 }, () => 'isms.isms control-undecided');
    // Each FILL IN marker of the starter's files (one per line that holds one).
    const markers = starter === undefined ? [] : fs.readdirSync(starter).filter(file => file.endsWith('.isms')).flatMap(file =>
        fs.readFileSync(path.join(starter, file), 'utf8').split('\n').filter(line => line.includes('FILL IN')).map(() => `${file} fill-in-marker`));
    return [...undecided, ...markers, ...placeholders.filter(([, code]) => isDiagnosticCode(code)).map(([file, code]) => `${file} ${code}`)].sort();
}

/** Each diagnostic as "file code" with the file relative to the starter's folder, sorted. */
function placesOf(diagnostics: Array<{ code: string, file: string }>): string[] {
    return diagnostics.map(d => `${d.file.replace(/^acme\//, '')} ${d.code}`).sort();
}

describe('isms init', function () {
    this.timeout(60000);

    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-init-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const preset of ['3x3', '4x4', '5x5']) {
        it(`starts a ${preset} ISMS that validates with only the guidance to decide every control and fill in its placeholders`, () => {
            const init = isms(['init', 'acme', '--organization', 'Acme Ltd', '--scope', 'The Acme platform', '--methodology', preset, '--date', '2026-11-23'], dir);
            assert.equal(init.status, 0, init.stderr);
            assert.match(init.stdout, new RegExp(`Created a ${preset} ISMS for Acme Ltd`));
            const validate = isms(['validate', 'acme', '--date', '2026-11-23', '--format', 'json'], dir);
            assert.equal(validate.status, 0, validate.stdout);
            const diagnostics = JSON.parse(validate.stdout) as Array<{ code: string, file: string, message: string }>;
            assert.deepEqual(placesOf(diagnostics), expectedPlaceholderWarnings(path.join(dir, 'acme')));
            assert.match(diagnostics.find(d => d.code === 'control-undecided')!.message, /^A\.5\.1 "Policies for information security" has no SoA decision/);
            // The text output, as a person reads it, gives the 93 as one line.
            const text = isms(['validate', 'acme', '--date', '2026-11-23'], dir).stdout.split('\n');
            const undecidedLines = text.filter(line => line.includes(' control-undecided '));
            assert.equal(undecidedLines.length, 1, text.join('\n'));
            assert.match(undecidedLines[0], /warning control-undecided 93 Annex A controls have no SoA decision: A\.5\.1, A\.5\.2, .* \(and 83 more\)\./);
            const methodology = fs.readFileSync(path.join(dir, 'acme', 'methodology.isms'), 'utf8');
            assert.match(methodology, new RegExp(`methodology Risk${preset}`));
        });
    }

    it('writes the records of clauses 4 to 10 and names in its output every file with something to fill in', () => {
        const init = isms(['init', '.', '--organization', 'Acme Ltd', '--scope', 'All', '--methodology', '5x5', '--date', '2026-11-23'], dir);
        assert.equal(init.status, 0, init.stderr);
        const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
        assert.match(read('isms.isms'), /\n {4}audits every 12 months\n {4}management-reviews every 12 months\n/);
        assert.match(read('methodology.isms'), /\n {4}approved-by CEO on 2026-11-23\n {4}acceptance at most 12 months\n/);
        assert.match(read('context.isms'), /issue ISS-1 "Climate change \(example\)" \{\n {4}origin external\n {4}topic climate\n/);
        assert.match(read('context.isms'), /party Customers [^{]*\{[^}]*requirement REQ-1 /);
        assert.match(read('objectives.isms'), /\n {4}target <= 14\n[\s\S]*\n {4}measure every 3 months\n/);
        assert.match(read('training.isms'), /training AW-1 [^{]*\{[^}]*every 12 months/);
        assert.match(read('management-review.isms'), /inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,\s+audit-results, objectives, feedback, risk-assessment, improvement\n/);
        assert.match(read('improvement.isms'), /nonconformity NC-1/);
        const listed = init.stdout.split('\n').filter(line => line.startsWith('  ')).map(line => line.trim().split(':')[0]);
        assert.deepEqual([...new Set(listed)],
            ['isms.isms', 'policies.isms', 'context.isms', 'objectives.isms', 'training.isms', 'audits.isms', 'management-review.isms']);
        for (const file of new Set(listed)) assert.match(read(file), /FILL IN/, `${file} marks what to fill in`);
    });

    it('validates with only the guidance to decide every control once its placeholders are filled in', () => {
        assert.equal(isms(['init', '.', '--organization', 'Acme Ltd', '--scope', 'All', '--methodology', '5x5', '--date', '2026-11-23'], dir).status, 0);
        const fill = (file: string, from: RegExp, to: string) => {
            const text = fs.readFileSync(path.join(dir, file), 'utf8');
            assert.match(text, from, `${file} has the placeholder`);
            fs.writeFileSync(path.join(dir, file), text.replace(from, to));
        };
        fill('isms.isms', /\n {4}audits every/, '\n    climate not-relevant because "Fully remote, hosted in a cloud region with its own continuity plan"\n    audits every');
        fill('isms.isms', /version "0\.1"/, 'version "1.0"  approved-by CEO on 2026-11-23');
        fill('context.isms', /requirement REQ-1 "([^"]*)"/, 'requirement REQ-1 "$1" { addressed-by InfoSecPolicy }');
        fill('objectives.isms', /measure every 3 months\n/, 'measure every 3 months\n    measured 2026-11-01 value 12\n');
        fill('training.isms', /every 12 months\n/, 'every 12 months\n    date 2026-11-02  completion 95\n');
        fill('management-review.isms', /attendees CEO, CISO\n/, 'attendees CEO, CISO\n    date 2026-11-20  decisions "Budget approved"\n');
        fs.writeFileSync(path.join(dir, 'audits.isms'), 'audit IA-1 "Internal audit" { date 2026-11-10  auditor "Independent consultant"  covers "Clauses 4-10" }\n');
        fs.mkdirSync(path.join(dir, 'policies'));
        fs.writeFileSync(path.join(dir, 'policies', 'information-security.md'), '# Information Security Policy\n');
        // What was filled in, its marker goes.
        for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.isms'))) {
            const text = fs.readFileSync(path.join(dir, file), 'utf8');
            fs.writeFileSync(path.join(dir, file), text.replace(/\/\/ FILL IN.*$/gm, '').replace(/"FILL IN[^"]*"/g, '"Assessed: see the risk register"'));
        }
        const validate = isms(['validate', '.', '--date', '2026-11-23', '--format', 'json'], dir);
        assert.equal(validate.status, 0, validate.stdout);
        const diagnostics = JSON.parse(validate.stdout) as Array<{ code: string, file: string }>;
        assert.deepEqual(placesOf(diagnostics), expectedPlaceholderWarnings().filter(place => place.endsWith(' control-undecided')));
    });

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
