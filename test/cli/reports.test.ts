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
        assert.deepEqual(header, ['Control', 'Theme', 'Title', 'Decision', 'Justification', 'Risks', 'Status', 'Owner', 'Evidence', 'Attributes']);
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

describe('reports of document control, treatments and own controls', function () {
    this.timeout(120000);

    const model = {
        'isms.isms': [
            'isms "Fixture ISMS" {',
            '    organization "Fixture Ltd"',
            '    methodology Scale',
            '    scope { description "Everything" }',
            '    soa { version "4" approved-by CISO on 2026-11-01 classification internal }',
            '}',
            'methodology Scale { version "2.3" approved-by CEO on 2026-01-15 }',
            'role CISO "Chief Information Security Officer"',
            'role CEO "Chief Executive Officer"',
            'supplier Insurer "Harbour Mutual"',
            'asset Data "Customer data" { owner CISO }',
            ''
        ].join('\n'),
        'risks.isms': [
            'risk R-1 "Breach costs" { assets Data likelihood 3 impact 4 owner CISO',
            '    treatment transfer { to Insurer because "Cyber policy covers response costs" residual likelihood 2 impact 2 due 2027-02-01 } }',
            'risk R-2 "Legacy export service leaks data" { assets Data likelihood 4 impact 4 owner CISO',
            '    treatment avoid { because "The export service is switched off" due 2027-01-31 } }',
            'risk R-3 "Malware on laptops" { assets Data likelihood 4 impact 3 owner CISO',
            '    treatment mitigate { controls A.8.7, A.8.13 residual likelihood 2 impact 3 due 2027-03-31 } }',
            'risk R-4 "Lost backups" { assets Data likelihood 3 impact 3 owner CISO',
            '    treatment mitigate { controls A.8.13, OC-2 residual likelihood 1 impact 3 } }',
            ''
        ].join('\n'),
        'soa.isms': [
            'apply A.8.7 { status planned owner CISO because business "EDR roll-out" }',
            'apply A.8.13 { status implemented owner CISO because business "Backups" }',
            'apply OC-2 { status implemented owner CISO because business "Restore drills" }',
            'framework Own "Own controls" {',
            '    control OC-1 "Quarterly access review" { maps A.5.18 subset, A.8.2 }',
            '    control OC-2 "Restore rehearsal" { maps A.8.13 equal }',
            '}',
            ''
        ].join('\n')
    };

    let workspace: ReturnType<typeof temporaryWorkspace>;
    before(() => { workspace = temporaryWorkspace(model); });
    after(() => workspace.dispose());

    const report = (command: string, format: string, dir = workspace.dir) => {
        const run = isms([command, '.', '--date', TODAY, '--format', format], dir);
        assert.equal(run.status, 0, run.stderr);
        return run.stdout;
    };

    it('heads the SoA with its version, approval and classification, and the methodology version', () => {
        const soa = soaJsonSchema.parse(JSON.parse(report('soa', 'json')));
        assert.deepEqual(soa.documentControl, { version: '4', approvedBy: 'CISO', approvedOn: '2026-11-01', classification: 'internal' });
        assert.equal(soa.methodology, 'Scale');
        assert.equal(soa.methodologyVersion, '2.3');
        assert.equal(soa.modelErrors, 0);
        const markdown = report('soa', 'md');
        for (const fact of ['- **Version:** 4', '- **Approved:** by CISO on 2026-11-01', '- **Classification:** internal',
            '- **Methodology:** Scale, version 2.3, approved by CEO on 2026-01-15, appetite 9']) {
            assert.ok(markdown.includes(`\n${fact}\n`), fact);
        }
        assert.doesNotMatch(markdown, /Warning/);
    });

    it('lists own controls with their status and mapping relationships, never as undecided', () => {
        const soa = soaJsonSchema.parse(JSON.parse(report('soa', 'json')));
        const own = Object.fromEntries(soa.organizationControls.map(control => [control.id, control]));
        assert.deepEqual(Object.keys(own), ['OC-1', 'OC-2']);
        assert.equal(own['OC-1'].decision, 'declared');
        assert.equal(own['OC-1'].applicable, false);
        assert.match(own['OC-1'].justification, /^Declared by the organisation/);
        assert.deepEqual(own['OC-1'].mappings, [
            { id: 'A.5.18', title: 'Access rights', relationship: 'subset' },
            { id: 'A.8.2', title: 'Privileged access rights', relationship: 'intersect' }
        ]);
        assert.deepEqual(own['OC-1'].maps, ['A.5.18', 'A.8.2']);
        assert.equal(own['OC-2'].decision, 'applicable');
        assert.equal(own['OC-2'].status, 'implemented');
        assert.deepEqual(own['OC-2'].risks, [{ id: 'R-4', title: 'Lost backups' }]);
        assert.ok(report('soa', 'md').includes('| OC-1 | Own | Quarterly access review | A.5.18 (subset), A.8.2 (intersect) | declared |'));
    });

    it('gives per risk the counterparty, the reason, the due date, and the residual as target until every control is implemented', () => {
        const register = riskRegisterJsonSchema.parse(JSON.parse(report('risks', 'json')));
        assert.equal(register.methodologyVersion, '2.3');
        const risk = Object.fromEntries(register.risks.map(entry => [entry.id, entry]));
        assert.deepEqual([risk['R-1'].transferTo, risk['R-1'].reason, risk['R-1'].due, risk['R-1'].residualIs],
            ['Insurer', 'Cyber policy covers response costs', '2027-02-01', 'current']);
        assert.deepEqual(risk['R-1'].current, { score: 4, level: 'low' });
        // Avoided: the reason and the date, and no residual at all.
        assert.deepEqual([risk['R-2'].reason, risk['R-2'].due, risk['R-2'].residual, risk['R-2'].residualIs, risk['R-2'].current],
            ['The export service is switched off', '2027-01-31', null, null, null]);
        assert.deepEqual(risk['R-2'].inherent, { score: 16, level: 'high' });
        // A.8.7 is only planned: the residual is the target, the risk stands at its inherent score.
        assert.deepEqual([risk['R-3'].residual?.score, risk['R-3'].residualIs, risk['R-3'].current, risk['R-3'].due],
            [6, 'target', { score: 12, level: 'high' }, '2027-03-31']);
        assert.deepEqual([risk['R-4'].residualIs, risk['R-4'].current], ['current', { score: 3, level: 'low' }]);
        const markdown = report('risks', 'md');
        assert.ok(markdown.includes('- **Methodology:** Scale, version 2.3, approved by CEO on 2026-01-15, appetite 9'));
        const row = markdown.split('\n').find(line => line.startsWith('| R-3 |'));
        assert.ok(row?.includes('| A.8.7, A.8.13 |  |  | 2027-03-31 | 2 | 3 | 6 | medium | target | 12 | high |'), row);
    });

    it('plans the open controls, the transfer and the avoidance with their due dates, owners and reasons', () => {
        const plan = treatmentPlanJsonSchema.parse(JSON.parse(report('treatment-plan', 'json')));
        assert.equal(plan.methodologyVersion, '2.3');
        const summary = plan.actions.map(action => [action.risk.id, action.action, action.control?.id ?? null, action.owner, action.due]);
        assert.deepEqual(summary, [
            ['R-1', 'Complete the transfer to Insurer', null, 'CISO', '2027-02-01'],
            ['R-2', 'Stop the activity that gives rise to the risk', null, 'CISO', '2027-01-31'],
            ['R-3', 'Complete the control (planned)', 'A.8.7', 'CISO', '2027-03-31']
        ]);
        const [transfer, avoid, control] = plan.actions;
        assert.deepEqual([transfer.transferTo, transfer.reason, transfer.residualIs], ['Insurer', 'Cyber policy covers response costs', 'current']);
        assert.deepEqual([avoid.reason, avoid.residual, avoid.current, avoid.treatmentDue], ['The export service is switched off', null, null, '2027-01-31']);
        assert.deepEqual([control.residualIs, control.current, control.residual, control.treatmentDue],
            ['target', { score: 12, level: 'high' }, { score: 6, level: 'medium' }, '2027-03-31']);
        const html = report('treatment-plan', 'html');
        assert.match(html, /<td class="col-current level-high">12 high<\/td><td class="col-residual level-medium">6 medium<\/td><td class="col-residualis nowrap">target<\/td>/);
    });

    it('says inside every format, not only on standard error, that the model has errors', async () => {
        const broken = temporaryWorkspace({ ...model, 'broken.isms': 'risk R-9 "Half written" { assets Nowhere likelihood 2 impact 2 owner Nobody }\n' });
        try {
            const validation = isms(['validate', '.', '--date', TODAY, '--format', 'json'], broken.dir);
            const errors = (JSON.parse(validation.stdout) as Array<{ severity: string }>).filter(d => d.severity === 'error').length;
            assert.ok(errors >= 2, validation.stdout);
            const notice = `This report was generated from a model with ${errors} errors, so it may be incomplete or wrong.`;
            for (const [command, schema] of [['soa', soaJsonSchema], ['risks', riskRegisterJsonSchema], ['treatment-plan', treatmentPlanJsonSchema]] as const) {
                assert.equal(schema.parse(JSON.parse(report(command, 'json', broken.dir))).modelErrors, errors, command);
                assert.ok(report(command, 'md', broken.dir).includes(`\n> **Warning:** ${notice} `), `${command} md`);
                assert.ok(report(command, 'html', broken.dir).includes(`<p class="report-notice" role="alert"><strong>Warning:</strong> ${notice} `), `${command} html`);
                assert.ok(report(command, 'csv', broken.dir).startsWith(`\uFEFF"Warning: ${notice} `), `${command} csv`);
            }
            const run = isms(['risks', '.', '--date', TODAY, '--out', 'register.xlsx'], broken.dir);
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stderr, /the report may be incomplete/);
            const workbook = new ExcelJS.Workbook();
            await workbook.xlsx.load(fs.readFileSync(path.join(broken.dir, 'register.xlsx')) as unknown as ArrayBuffer);
            const sheet = workbook.getWorksheet('Risks')!;
            assert.match(String(sheet.getCell('A1').value), new RegExp(`^Warning: ${notice.replace(/[.()]/g, '\\$&')}`));
            assert.equal(sheet.getCell('A2').value, 'Risk');
            assert.equal(sheet.getCell('A3').value, 'R-1');
        } finally {
            broken.dispose();
        }
    });
});
