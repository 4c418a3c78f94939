import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ExcelJS from 'exceljs';
import type { CoverageJson, FrameworkProfileJson } from '../../language/reports/framework-profile-schema.js';
import { coverageJsonSchema, frameworkProfileJsonSchema } from '../../language/reports/framework-profile-schema.js';
import { CLI_BUNDLE, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

const TODAY = '2026-11-23';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Checks `json` against the JSON Schema published in docs/schemas/. */
function assertPublishedSchema(name: string, json: unknown): void {
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'schemas', `${name}.schema.json`), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

/**
 * Annex A is the primary framework; the shipped NIS2 catalog and a framework of the
 * organisation's own are listed. NIS2's points are mapped by a `mapping` with a source, one of
 * them from the Annex A side; the own framework maps with `maps`.
 */
const model = {
    'isms.isms': [
        'isms "Fixture ISMS" {',
        '    organization "Fixture Ltd"',
        '    framework ISO27001_2022',
        '    frameworks NIS2, Own',
        '    scope { description "Everything" }',
        '}',
        'role CISO "Chief Information Security Officer"',
        ''
    ].join('\n'),
    'soa.isms': [
        'apply A.5.1 { status implemented owner CISO because "Policies" }',
        'apply A.5.24 { status planned owner CISO because "Incident management planning" }',
        'apply A.5.26 { status implemented owner CISO because "Incident response" }',
        'apply A.5.18 { status implemented owner CISO because "Access rights" }',
        'exclude A.7.4 because "No premises: the company is fully remote"',
        'attribute ControlType "Control type" { value Preventive }',
        ''
    ].join('\n'),
    'mappings.isms': [
        'mapping NIS2_TO_ANNEX_A "Our NIS2 reading" {',
        '    source "Internal analysis, 2026"',
        '    NIS2::Art.21(2)(a) maps A.5.1 subset',
        '    NIS2::Art.21(2)(b) maps A.5.24 subset, A.5.26 intersect',
        '    A.7.4 maps NIS2::Art.21(2)(c) superset',
        '}',
        'framework Own "Own controls" {',
        '    control OC-1 "Quarterly access review" { theme organizational maps A.5.18 equal }',
        '    control OC-2 "Restore rehearsal" { theme technological maps A.8.13 subset }',
        '}',
        ''
    ].join('\n')
};

describe('framework profiles and the coverage matrix from the CLI', function () {
    this.timeout(120000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    before(() => { workspace = temporaryWorkspace(model); });
    after(() => workspace.dispose());

    const run = (args: string[]) => {
        const result = isms([...args, '.', '--date', TODAY], workspace.dir);
        assert.equal(result.status, 0, result.stderr);
        return result.stdout;
    };

    it('writes the profile of a non-primary framework for isms soa --framework, as JSON of the published schema', () => {
        const json = JSON.parse(run(['soa', '--framework', 'NIS2', '--format', 'json']));
        assertPublishedSchema('framework-profile', json);
        const profile: FrameworkProfileJson = frameworkProfileJsonSchema.parse(json);
        assert.deepEqual(profile.primaryFramework, { name: 'ISO27001_2022', title: 'ISO/IEC 27001:2022 Annex A' });
        assert.equal(profile.framework.name, 'NIS2');
        assert.deepEqual(profile.sources, [{ mapping: 'NIS2_TO_ANNEX_A', label: 'Internal analysis, 2026', edges: 4 }]);
        assert.deepEqual(profile.requirements.map(requirement => [requirement.id, requirement.state]), [
            ['Art.21(2)(a)', 'covered'], ['Art.21(2)(b)', 'partial'], ['Art.21(2)(c)', 'not-applicable'], ['Art.21(2)(d)', 'gap'],
            ['Art.21(2)(e)', 'gap'], ['Art.21(2)(f)', 'gap'], ['Art.21(2)(g)', 'gap'], ['Art.21(2)(h)', 'gap'], ['Art.21(2)(i)', 'gap'], ['Art.21(2)(j)', 'gap']
        ]);
        assert.equal(profile.requirements[1].why, 'Partly met: A.5.24 contains it but is planned; A.5.26 is implemented but overlaps it only in part.');
        // Written from the Annex A side (A.7.4 superset), read as Art.21(2)(c) subset A.7.4.
        assert.deepEqual(profile.requirements[2].mappings.map(m => [m.id, m.relationship, m.decision]), [['A.7.4', 'subset', 'excluded']]);
        assert.deepEqual({ ...profile.summary, themes: undefined },
            { requirements: 10, covered: 1, partial: 1, gap: 7, notApplicable: 1, coveredPercent: 11, themes: undefined });
        assert.equal(profile.modelErrors, 0);
    });

    it('says in the header which primary framework and which mapping sources the profile is derived from, in md and html', () => {
        const markdown = run(['soa', '--framework', 'NIS2', '--format', 'md']);
        for (const line of ['# Framework profile: NIS2', '- **Framework:** NIS2 Directive (EU) 2022/2555, Article 21(2) (NIS2)',
            '- **Primary framework:** ISO/IEC 27001:2022 Annex A (ISO27001_2022)',
            '- **Mapping sources:** NIS2_TO_ANNEX_A (Internal analysis, 2026), 4 edges', '## Summary', '## Requirements',
            '| all | 10 | 1 | 1 | 7 | 1 | 11% |',
            '| Art.21(2)(a) |  | Policies on risk analysis and information system security | covered | Met by A.5.1 (contains it): applicable and implemented. | A.5.1 (subset, implemented) | NIS2_TO_ANNEX_A |']) {
            assert.ok(markdown.includes(`${line}\n`), line);
        }
        assert.ok(markdown.indexOf('## Summary') < markdown.indexOf('## Requirements'), 'the summary comes first');
        const html = run(['soa', '--framework', 'NIS2', '--format', 'html']);
        assert.match(html, /<dt>Primary framework<\/dt>\s*<dd>ISO\/IEC 27001:2022 Annex A \(ISO27001_2022\)<\/dd>/);
        assert.match(html, /<td class="col-coverage coverage-not-applicable">not-applicable<\/td>/);
        assert.match(html, /<td class="col-coverage nowrap coverage-gap">gap<\/td>/);
    });

    it('gives one CSV record per requirement, and an XLSX whose Requirements sheet matches the JSON', async () => {
        const profile = frameworkProfileJsonSchema.parse(JSON.parse(run(['soa', '--framework', 'NIS2', '--format', 'json'])));
        const csv = run(['soa', '--framework', 'NIS2', '--format', 'csv']).split('\r\n');
        assert.equal(csv[0], '\uFEFFRequirement,Theme,Title,State,Why,Mapped controls,Sources');
        assert.equal(csv[1], 'Art.21(2)(a),,Policies on risk analysis and information system security,covered,Met by A.5.1 (contains it): applicable and implemented.,"A.5.1 (subset, implemented)",NIS2_TO_ANNEX_A');
        assert.equal(csv.length, 1 + 10 + 1, 'the header, ten requirements and the final line end');

        const written = isms(['soa', '.', '--date', TODAY, '--framework', 'NIS2', '--format', 'xlsx', '--out', 'out/'], workspace.dir);
        assert.equal(written.status, 0, written.stderr);
        assert.match(written.stderr, /wrote out\/framework-profile-NIS2\.xlsx/);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(fs.readFileSync(path.join(workspace.dir, 'out', 'framework-profile-NIS2.xlsx')) as unknown as ArrayBuffer);
        assert.deepEqual(workbook.worksheets.map(sheet => sheet.name), ['Summary', 'Requirements', 'About']);
        const sheet = workbook.getWorksheet('Requirements')!;
        assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Requirement', 'Theme', 'Title', 'State', 'Why', 'Mapped controls', 'Sources']);
        profile.requirements.forEach((requirement, index) => {
            const row = sheet.getRow(index + 2);
            assert.deepEqual([1, 3, 4, 5].map(column => row.getCell(column).value ?? null),
                [requirement.id, requirement.title, requirement.state, requirement.why], requirement.id);
        });
        const summary = workbook.getWorksheet('Summary')!;
        assert.deepEqual((summary.getRow(2).values as unknown[]).slice(1), ['all', 10, 1, 1, 7, 1, '11%']);
    });

    it('refuses the SoA\'s filter and grouping for a profile', () => {
        for (const option of [['--group-by', 'ControlType'], ['--attribute', 'Preventive']]) {
            const refused = isms(['soa', '.', '--framework', 'NIS2', ...option], workspace.dir);
            assert.equal(refused.status, 2);
            assert.equal(refused.stderr, 'isms: --attribute and --group-by filter and group the SoA; NIS2 is not the primary framework, and its profile takes neither\n');
        }
        assert.equal(isms(['soa', '.', '--framework', 'ISO27001_2022', '--group-by', 'ControlType'], workspace.dir).status, 0);
    });

    it('leaves the SoA as it is for the primary framework, named or not', () => {
        const plain = run(['soa', '--format', 'json']);
        assert.equal(run(['soa', '--framework', 'ISO27001_2022', '--format', 'json']), plain);
        assert.equal(JSON.parse(plain).controls.length, 93);
    });

    it('writes the coverage matrix of every listed framework, as JSON of the published schema', () => {
        const json = JSON.parse(run(['coverage', '--format', 'json']));
        assertPublishedSchema('coverage-matrix', json);
        const coverage: CoverageJson = coverageJsonSchema.parse(json);
        assert.equal(coverage.primaryFramework.name, 'ISO27001_2022');
        assert.deepEqual(coverage.frameworks.map(framework => [framework.framework.name, framework.summary.requirements, framework.summary.covered, framework.summary.coveredPercent]),
            [['NIS2', 10, 1, 11], ['Own', 2, 1, 50]]);
        const own = coverage.frameworks[1];
        assert.deepEqual(own.sources, [{ mapping: null, label: 'declared with the control', edges: 2 }]);
        assert.deepEqual(own.requirements.map(requirement => [requirement.id, requirement.state, requirement.why]), [
            ['OC-1', 'covered', 'Met by A.5.18 (equal to it): applicable and implemented.'],
            ['OC-2', 'gap', 'No mapped control is applicable: A.8.13 is undecided.']
        ]);
        assert.deepEqual(Object.keys(own.summary.themes), ['organizational', 'technological']);
    });

    it('writes the matrix and one table per framework in md and html, and every requirement with its framework in CSV', () => {
        const markdown = run(['coverage', '--format', 'md']);
        for (const line of ['# Coverage matrix', '- **Primary framework:** ISO/IEC 27001:2022 Annex A (ISO27001_2022)',
            '- **Frameworks:** NIS2 Directive (EU) 2022/2555, Article 21(2) (NIS2), Own controls (Own)',
            '- **Mapping sources of Own:** declared with the control, 2 edges',
            '| Framework | Title | Requirements | Covered | Partial | Gap | Not applicable | Covered % |',
            '| NIS2 | NIS2 Directive (EU) 2022/2555, Article 21(2) | 10 | 1 | 1 | 7 | 1 | 11% |',
            '| Own | Own controls | 2 | 1 | 0 | 1 | 0 | 50% |', '## NIS2 requirements', '## Own requirements']) {
            assert.ok(markdown.includes(`${line}\n`), line);
        }
        const html = run(['coverage', '--format', 'html']);
        assert.equal([...html.matchAll(/<section class="report-table"/g)].length, 3);
        const csv = run(['coverage', '--format', 'csv']).split('\r\n');
        assert.equal(csv[0], '\uFEFFFramework,Requirement,Theme,Title,State,Why,Mapped controls,Sources');
        assert.equal(csv.length, 1 + 10 + 2 + 1);
        assert.ok(csv[11].startsWith('Own,OC-1,organizational,Quarterly access review,covered,'), csv[11]);
    });

    it('writes the coverage matrix as XLSX: the matrix, then a sheet per framework', async () => {
        const written = isms(['coverage', '.', '--date', TODAY, '--format', 'xlsx', '--out', 'matrix/'], workspace.dir);
        assert.equal(written.status, 0, written.stderr);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(fs.readFileSync(path.join(workspace.dir, 'matrix', 'coverage-matrix.xlsx')) as unknown as ArrayBuffer);
        assert.deepEqual(workbook.worksheets.map(sheet => sheet.name), ['Coverage', 'NIS2 requirements', 'Own requirements', 'About']);
        assert.deepEqual((workbook.getWorksheet('Coverage')!.getRow(3).values as unknown[]).slice(1), ['Own', 'Own controls', 2, 1, 0, 1, 0, '50%']);
        assert.equal(workbook.getWorksheet('Own requirements')!.getRow(3).getCell(1).value, 'OC-2');
    });

    it('limits the matrix to one framework with --framework, and refuses the primary framework or an unknown one', () => {
        const coverage = coverageJsonSchema.parse(JSON.parse(run(['coverage', '--framework', 'Own', '--format', 'json'])));
        assert.deepEqual(coverage.frameworks.map(framework => framework.framework.name), ['Own']);
        const primary = isms(['coverage', '.', '--framework', 'ISO27001_2022'], workspace.dir);
        assert.equal(primary.status, 2);
        assert.equal(primary.stderr, 'isms: ISO27001_2022 is the primary framework: its report is the Statement of Applicability\n');
        const unknown = isms(['coverage', '.', '--framework', 'NoSuch'], workspace.dir);
        assert.equal(unknown.status, 2);
        assert.match(unknown.stderr, /--framework NoSuch: no framework of that name is declared/);
    });

    it('gives an empty matrix, and says why, when the isms block lists no other framework', () => {
        const bare = temporaryWorkspace({ ...model, 'isms.isms': model['isms.isms'].replace('    frameworks NIS2, Own\n', '') });
        try {
            const result = isms(['coverage', '.', '--date', TODAY, '--format', 'md'], bare.dir);
            assert.equal(result.status, 0, result.stderr);
            assert.ok(result.stdout.includes('- **Frameworks:** none: the isms block lists no other framework\n'), result.stdout);
            const json = coverageJsonSchema.parse(JSON.parse(isms(['coverage', '.', '--date', TODAY, '--format', 'json'], bare.dir).stdout));
            assert.deepEqual(json.frameworks, []);
        } finally {
            bare.dispose();
        }
    });

    it('gives byte-identical files for the same model and date', () => {
        for (const format of ['md', 'html', 'csv', 'json', 'xlsx']) {
            const files = ['a', 'b'].map(name => {
                const result = isms(['coverage', '.', '--date', TODAY, '--format', format, '--out', `det-${name}/`], workspace.dir);
                assert.equal(result.status, 0, result.stderr);
                return fs.readFileSync(path.join(workspace.dir, `det-${name}`, `coverage-matrix.${format}`));
            });
            assert.ok(files[0].equals(files[1]), `${format} is deterministic`);
        }
    });
});
