import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { riskRegisterJsonSchema, soaJsonSchema, treatmentPlanJsonSchema } from '../../language/reports/report-schemas.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

const GOLDEN = path.join(PROJECT_ROOT, 'test', 'fixtures', 'golden');
const TODAY = '2026-11-23';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Compares with the golden file; `UPDATE_GOLDEN=1 npm test` rewrites them after a deliberate change. */
function assertGolden(name: string, actual: string): void {
    const file = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(file, actual);
    }
    assert.ok(fs.existsSync(file), `golden file ${name} exists (UPDATE_GOLDEN=1 creates it)`);
    assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} matches its golden file`);
}

describe('reports from the CLI', function () {
    this.timeout(120000);

    // A copy outside any git checkout, so that the reports carry no commit and stay comparable.
    let acme: ReturnType<typeof copyOfFolder>;
    before(() => { acme = copyOfFolder(ACME_EXAMPLE); });
    after(() => acme.dispose());

    const report = (command: string, format: string, extra: string[] = []) => {
        const run = isms([command, '.', '--date', TODAY, '--format', format, ...extra], acme.dir);
        assert.equal(run.status, 0, run.stderr);
        return run.stdout;
    };

    for (const format of ['md', 'html', 'csv', 'json']) {
        it(`writes the acme SoA as ${format}, as in its golden file`, () => {
            assertGolden(`statement-of-applicability.${format}`, report('soa', format));
        });
    }

    it('writes the acme risk register and treatment plan as in their golden files', () => {
        assertGolden('risk-register.md', report('risks', 'md'));
        assertGolden('risk-register.json', report('risks', 'json'));
        assertGolden('risk-treatment-plan.md', report('treatment-plan', 'md'));
        assertGolden('risk-treatment-plan.json', report('treatment-plan', 'json'));
        for (const command of ['risks', 'treatment-plan']) {
            const html = report(command, 'html');
            assert.match(html, /<figure class="report-figure">\s*<svg[^>]*role="img"/, `${command} embeds the heat map`);
        }
    });

    it('gives every catalog control in catalog order, then the organisation\'s own, each decided or flagged', () => {
        const soa = soaJsonSchema.parse(JSON.parse(report('soa', 'json')));
        assert.equal(soa.controls.length, 93);
        assert.equal(soa.controls[0].id, 'A.5.1');
        assert.equal(soa.controls[92].id, 'A.8.34');
        assert.equal(soa.framework, 'ISO27001_2022');
        assert.equal(soa.generatedAt, TODAY);
        assert.equal(soa.commit, null);
        assert.ok(soa.organizationControls.length > 0);
        assert.ok(soa.organizationControls.every(control => control.framework === 'AcmeControls' && control.maps.length > 0));
        assert.equal(soa.summary.applicable + soa.summary.excluded + soa.summary.undecided, 93);
        for (const control of soa.controls) {
            assert.notEqual(control.decision, 'undecided', control.id);
            assert.ok(control.justification.length > 0, control.id);
            assert.equal(control.applicable, control.decision === 'applicable');
        }
        const excluded = soa.controls.filter(c => c.decision === 'excluded');
        assert.ok(excluded.every(c => c.justification.startsWith('Excluded: ')));
        riskRegisterJsonSchema.parse(JSON.parse(report('risks', 'json')));
        treatmentPlanJsonSchema.parse(JSON.parse(report('treatment-plan', 'json')));
    });

    it('writes XLSX whose cells match the JSON, with a frozen, filtered header and a summary sheet', async () => {
        const out = path.join(acme.dir, 'out');
        const run = isms(['soa', '.', '--date', TODAY, '--format', 'xlsx', '--out', 'out/'], acme.dir);
        assert.equal(run.status, 0, run.stderr);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(fs.readFileSync(path.join(out, 'statement-of-applicability.xlsx')) as unknown as ArrayBuffer);
        const names = workbook.worksheets.map(sheet => sheet.name);
        assert.ok(names.includes('Controls') && names.includes('Summary'), names.join(', '));
        const sheet = workbook.getWorksheet('Controls')!;
        assert.equal(sheet.views[0]?.state, 'frozen');
        assert.ok(sheet.autoFilter);
        const header = (sheet.getRow(1).values as unknown[]).slice(1);
        assert.deepEqual(header, ['Control', 'Theme', 'Title', 'Decision', 'Justification', 'Risks', 'Status', 'Owner', 'Evidence']);
        const soa = soaJsonSchema.parse(JSON.parse(report('soa', 'json')));
        soa.controls.forEach((control, index) => {
            const row = sheet.getRow(index + 2);
            const cell = (column: number) => row.getCell(column).value ?? null;
            assert.deepEqual([cell(1), cell(2), cell(3), cell(4), cell(5), cell(6), cell(7), cell(8)],
                [control.id, control.theme, control.title, control.decision, control.justification,
                    control.risks.map(r => r.id).join(', '), control.status, control.owner], control.id);
        });
        assert.equal(sheet.getRow(soa.controls.length + 2).getCell(1).value ?? null, null, 'nothing after the last control');
    });

    it('gives byte-identical files for the same model and date, in every format', () => {
        for (const format of ['md', 'html', 'csv', 'json', 'xlsx']) {
            const files = ['a', 'b'].map(run => {
                const result = isms(['soa', '.', '--date', TODAY, '--format', format, '--out', `det-${run}/`], acme.dir);
                assert.equal(result.status, 0, result.stderr);
                return fs.readFileSync(path.join(acme.dir, `det-${run}`, `statement-of-applicability.${format}`));
            });
            assert.ok(files[0].equals(files[1]), `${format} is deterministic`);
        }
    });

    it('never overwrites a file it did not write, and says so', () => {
        const foreign = path.join(acme.dir, 'mine', 'statement-of-applicability.md');
        fs.mkdirSync(path.dirname(foreign), { recursive: true });
        fs.writeFileSync(foreign, 'my notes\n');
        const run = isms(['soa', '.', '--date', TODAY, '--out', 'mine/'], acme.dir);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /exists and was not generated by isms/);
        assert.equal(fs.readFileSync(foreign, 'utf8'), 'my notes\n');
        // What it wrote itself it may write again, until someone edits it.
        assert.equal(isms(['soa', '.', '--date', TODAY, '--out', 'ours.md'], acme.dir).status, 0);
        assert.equal(isms(['soa', '.', '--date', TODAY, '--out', 'ours.md'], acme.dir).status, 0);
        fs.appendFileSync(path.join(acme.dir, 'ours.md'), 'an edit\n');
        assert.equal(isms(['soa', '.', '--date', TODAY, '--out', 'ours.md'], acme.dir).status, 2);
    });

    it('refuses bad report options with exit code 2', () => {
        assert.match(isms(['soa', '.', '--format', 'xlsx'], acme.dir).stderr, /--format xlsx needs --out/);
        assert.match(isms(['soa', '.', '--framework', 'NoSuch'], acme.dir).stderr, /--framework NoSuch: no framework/);
        assert.equal(isms(['soa', '.', '--format', 'pdf'], acme.dir).status, 2);
    });
});

describe('reports with hostile model content', function () {
    this.timeout(60000);

    const hostile = {
        'isms.isms': 'isms "<script>alert(1)</script>" {\n    organization "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"\n    scope { description "x" }\n}\n',
        'soa.isms': 'apply A.5.1 { status implemented owner CISO because "+cmd|\' /C calc\'!A0" evidence "@SUM(A1:A2)" at "-2+3" }\n',
        'roles.isms': 'role CISO "<img src=x onerror=alert(1)>"\n'
    };

    it('comes out inert in HTML, CSV, XLSX and Markdown', async () => {
        const workspace = temporaryWorkspace(hostile);
        try {
            const run = (format: string, extra: string[] = []) => isms(['soa', '.', '--date', TODAY, '--format', format, ...extra], workspace.dir);
            const html = run('html').stdout;
            assert.doesNotMatch(html, /<script/i);
            assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
            const csv = run('csv').stdout;
            assert.match(csv, /'\+cmd/);
            assert.doesNotMatch(csv, /(^|,)"?[=+\-@]/m);
            const markdown = run('md').stdout;
            assert.doesNotMatch(markdown, /<script/i);
            assert.equal(run('xlsx', ['--out', 'x.xlsx']).status, 0);
            const workbook = new ExcelJS.Workbook();
            await workbook.xlsx.load(fs.readFileSync(path.join(workspace.dir, 'x.xlsx')) as unknown as ArrayBuffer);
            workbook.eachSheet(sheet => sheet.eachRow(row => row.eachCell(cell => {
                assert.equal(cell.formula, undefined, `no formula in ${sheet.name}!${cell.address}`);
                if (typeof cell.value === 'string') assert.doesNotMatch(cell.value, /^[=+\-@\t\r]/, `${sheet.name}!${cell.address}`);
            })));
        } finally {
            workspace.dispose();
        }
    });

    it('refuses to generate with --strict while the model has errors', () => {
        const workspace = temporaryWorkspace({ ...hostile, 'bad.isms': 'risk R-1 { owner Nobody }\n' });
        try {
            const strict = isms(['soa', '.', '--strict'], workspace.dir);
            assert.equal(strict.status, 1);
            assert.match(strict.stderr, /error\(s\); nothing generated \(--strict\)/);
            assert.equal(strict.stdout, '');
            const lenient = isms(['soa', '.'], workspace.dir);
            assert.equal(lenient.status, 0);
            assert.match(lenient.stderr, /the report may be incomplete/);
        } finally {
            workspace.dispose();
        }
    });

    it('refuses a SoA it cannot build in one line, even when the model also has errors (no note about an incomplete report)', () => {
        const workspace = temporaryWorkspace({ 'isms.isms': 'isms "X" { framework ISO270O01_2022 }\n', 'bad.isms': 'risk R-1 { owner Nobody }\n' });
        try {
            const run = isms(['soa', '.'], workspace.dir);
            assert.equal(run.status, 2);
            assert.match(run.stderr, /^isms: no framework named 'ISO270O01_2022'[^\n]*\n$/);
        } finally {
            workspace.dispose();
        }
    });
});
