// The SoA filtered and grouped by ISO/IEC 27002:2022 control attributes, through the CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { soaJsonSchema } from '../../language/reports/report-schemas.js';
import { CLI_BUNDLE } from '../helpers/project.js';

function isms(cwd: string, args: string[]): { status: number | null, stdout: string, stderr: string } {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the SoA by control attributes', function () {
    this.timeout(120000);
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-attributes-'));
        assert.equal(isms(dir, ['init', '.', '--organization', 'Acme', '--scope', 'All', '--methodology', '5x5', '--date', '2026-01-05']).status, 0);
        fs.appendFileSync(path.join(dir, 'soa.isms'), [
            'apply A.8.7 { status implemented  because best-practice "Malware"  attributes Preventive, Detective, Integrity }',
            'apply A.5.1 { status planned  because best-practice "Policies"  attributes Preventive, Governance }',
            'apply A.5.24 { status implemented  because best-practice "Incidents"  attributes Corrective }', ''
        ].join('\n'));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('gives each control the attribute values of its decision, in the JSON and the table', () => {
        const run = isms(dir, ['soa', '.', '--format', 'json', '--date', '2026-01-05']);
        assert.equal(run.status, 0, run.stderr);
        const soa = soaJsonSchema.parse(JSON.parse(run.stdout));
        assert.deepEqual(soa.controls.find(control => control.id === 'A.8.7')?.attributes, ['Preventive', 'Detective', 'Integrity']);
        assert.deepEqual(soa.controls.find(control => control.id === 'A.5.2')?.attributes, []);
        assert.equal(soa.controls.length, 93);
    });

    it('shows only the controls with every value asked for, and says so in the header', () => {
        const run = isms(dir, ['soa', '.', '--format', 'json', '--date', '2026-01-05', '--attribute', 'Preventive']);
        const soa = soaJsonSchema.parse(JSON.parse(run.stdout));
        assert.deepEqual(soa.controls.map(control => control.id), ['A.5.1', 'A.8.7']);
        assert.equal(soa.summary.controls, 2);
        const both = soaJsonSchema.parse(JSON.parse(isms(dir, ['soa', '.', '--format', 'json', '--date', '2026-01-05', '--attribute', 'Preventive', '--attribute', 'Integrity']).stdout));
        assert.deepEqual(both.controls.map(control => control.id), ['A.8.7']);
        const md = isms(dir, ['soa', '.', '--date', '2026-01-05', '--attribute', 'Preventive']).stdout;
        assert.match(md, /\n- \*\*Filter:\*\* controls with the attributes Preventive\n/);
    });

    it('groups the controls under each value of an attribute, in the vocabulary\'s order', () => {
        const md = isms(dir, ['soa', '.', '--date', '2026-01-05', '--group-by', 'ControlType']).stdout;
        const rows = md.split('\n').filter(line => /^\| (Preventive|Detective|Corrective|\(none\)) \|/.test(line)).map(line => line.split(' | ').slice(0, 2).join(' ').replace('| ', ''));
        assert.deepEqual(rows.slice(0, 4), ['Preventive A.5.1', 'Preventive A.8.7', 'Detective A.8.7', 'Corrective A.5.24']);
        assert.equal(rows.filter(row => row.startsWith('(none)')).length, 93 - 3);
        assert.match(md, /\n## Controls by ControlType\n/);
    });

    it('refuses an attribute or a value the model does not declare', () => {
        const value = isms(dir, ['soa', '.', '--attribute', 'Preventative']);
        assert.equal(value.status, 2);
        assert.match(value.stderr, /^isms: --attribute Preventative: no attribute value of that name is declared/);
        const attribute = isms(dir, ['soa', '.', '--group-by', 'Colour']);
        assert.equal(attribute.status, 2);
        assert.match(attribute.stderr, /^isms: --group-by Colour: no attribute of that name is declared\n$/);
    });
});
