/**
 * `isms import-catalog` run as users run it: the bundled CLI converts real NIST OSCAL catalogs
 * (the SP 800-53 rev. 5 LOW baseline and CSF 2.0, test/fixtures/oscal) and a mapping collection
 * into a folder beside a small model, and `isms validate` reads the result. The expected
 * controls are read from the JSON here, independently of the converter.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_BUNDLE, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'oscal');
const LOW = path.join(FIXTURES, 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json');
const CSF = path.join(FIXTURES, 'NIST_CSF_v2.0_catalog-min.json');

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonControl { id: string, title: string, props?: Array<{ name: string, value: string, class?: string }>, controls?: JsonControl[] }
interface JsonGroup { title: string, controls?: JsonControl[], groups?: JsonGroup[] }

/** The controls of a catalog as the JSON has them: id (the label without a class when it is one word), group title, withdrawn or not. */
function controlsOf(file: string): Array<{ id: string, group: string, withdrawn: boolean, nested: boolean }> {
    const catalog = (JSON.parse(fs.readFileSync(file, 'utf8')) as { catalog: { groups: JsonGroup[] } }).catalog;
    const found: Array<{ id: string, group: string, withdrawn: boolean, nested: boolean }> = [];
    const walk = (controls: JsonControl[] | undefined, group: string, nested: boolean) => {
        for (const control of controls ?? []) {
            const label = control.props?.find(prop => prop.name === 'label' && prop.class === undefined)?.value;
            const withdrawn = control.props?.some(prop => prop.name === 'status' && prop.value === 'withdrawn') ?? false;
            found.push({ id: label && !/\s/.test(label) ? label : control.id, group, withdrawn, nested });
            walk(control.controls, group, true);
        }
    };
    const groups = (list: JsonGroup[] | undefined): void => list?.forEach(group => { walk(group.controls, group.title, false); groups(group.groups); });
    groups(catalog.groups);
    return found;
}

/** The controls of a converted framework: id and theme. */
function declaredControls(text: string): Array<{ id: string, theme: string }> {
    return [...text.matchAll(/^ {4}control (\S+) "(?:[^"\\]|\\.)*" \{ theme "([^"]*)" \}$/gm)].map(match => ({ id: match[1], theme: match[2] }));
}

function errorsOf(run: Run): Array<{ file: string, code: string, message: string }> {
    return (JSON.parse(run.stdout) as Array<{ file: string, code: string, severity: string, message: string }>).filter(d => d.severity === 'error');
}

const MODEL = {
    'model/isms.isms': 'isms "Catalog import" {\n    organization "Acme Ltd"\n    framework ISO27001_2022\n    scope { description "All of Acme" }\n}\n',
    'model/mine.isms': 'framework Mine "Our own controls" {\n'
        + '    control M-1 "MFA for administrators" { maps SP800_53_LOW::IA-2(1) subset, A.5.17 }\n'
        + '    control M-2 "Mission statement" { maps CSF::GV.OC-01 }\n'
        + '}\n'
};

function collection(maps: unknown[]): string {
    return JSON.stringify({
        'mapping-collection': {
            uuid: '3f0c6d1e-2b7a-4c55-9e1d-0a4b8c2d6e01',
            metadata: { title: 'SP 800-53 LOW to ISO/IEC 27001:2022, for a test', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.2' },
            provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'draft', 'mapping-description': 'Written for this test.' },
            mappings: [{
                uuid: '3f0c6d1e-2b7a-4c55-9e1d-0a4b8c2d6e02',
                'source-resource': { type: 'catalog', href: '#low' },
                'target-resource': { type: 'catalog', href: '#iso' },
                maps: maps.map((map, index) => ({ uuid: `3f0c6d1e-2b7a-4c55-9e1d-0a4b8c2d6f${String(index).padStart(2, '0')}`, ...map as object }))
            }],
            'back-matter': { resources: [{ uuid: '3f0c6d1e-2b7a-4c55-9e1d-0a4b8c2d6e03', title: 'License: CC0 1.0', rlinks: [{ href: 'https://creativecommons.org/publicdomain/zero/1.0/' }] }] }
        }
    }, null, 2);
}

const control = (id: string) => ({ type: 'control', 'id-ref': id });

describe('isms import-catalog', function () {
    this.timeout(120000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let imports: Run[];
    let validation: Run;

    before(() => {
        workspace = temporaryWorkspace(MODEL);
        imports = [
            isms(['import-catalog', LOW, '--name', 'SP800_53_LOW', '--out', 'model/'], workspace.dir),
            isms(['import-catalog', CSF, '--name', 'CSF', '-o', 'model'], workspace.dir)
        ];
        validation = isms(['validate', 'model', '--format', 'json'], workspace.dir);
    });
    after(() => workspace.dispose());

    const read = (file: string) => fs.readFileSync(path.join(workspace.dir, file), 'utf8');

    it('writes each catalog as a new file in the folder and says what it wrote', () => {
        for (const run of imports) assert.equal(run.status, 0, run.stderr);
        assert.equal(imports[0].stdout, '');
        assert.match(imports[0].stderr, /^isms: wrote model\/SP800_53_LOW\.isms \(framework SP800_53_LOW: 149 controls in 18 themes\)$/m);
        assert.match(imports[1].stderr, /^isms: wrote model\/CSF\.isms \(framework CSF: 128 controls in 6 themes\)$/m);
        assert.match(read('model/SP800_53_LOW.isms'), /\nframework SP800_53_LOW "NIST Special Publication 800-53 Revision 5\.1\.1 LOW IMPACT BASELINE" \{\n/);
    });

    it('gives a folder that validates without an error, references into both catalogs resolving', () => {
        assert.equal(validation.status, 0, validation.stdout);
        assert.deepEqual(errorsOf(validation), []);
    });

    it('keeps every control and enhancement of the LOW baseline, with the ids and themes NIST shows', () => {
        const expected = controlsOf(LOW);
        const declared = declaredControls(read('model/SP800_53_LOW.isms'));
        assert.equal(declared.length, expected.filter(c => !c.withdrawn).length);
        assert.deepEqual(declared.map(c => `${c.id} ${c.theme}`), expected.filter(c => !c.withdrawn).map(c => `${c.id} ${c.group}`));
        const enhancements = expected.filter(c => c.nested).map(c => c.id);
        assert.equal(enhancements.length, 18);
        assert.ok(enhancements.includes('IA-2(1)') && enhancements.includes('SR-11(2)'), enhancements.join(' '));
        assert.match(read('model/SP800_53_LOW.isms'), /^ {4}control IA-2\(1\) "Multi-factor Authentication to Privileged Accounts" \{ theme "Identification and Authentication" \}$/m);
        assert.equal(new Set(declared.map(c => c.theme)).size, 18);
    });

    it('leaves the withdrawn CSF 2.0 categories and subcategories out, and titles the subcategories with their outcomes', () => {
        const expected = controlsOf(CSF);
        const text = read('model/CSF.isms');
        const declared = declaredControls(text).map(c => c.id);
        const withdrawn = expected.filter(c => c.withdrawn).map(c => c.id);
        assert.equal(withdrawn.length, 12 + 79);
        assert.deepEqual(declared, expected.filter(c => !c.withdrawn).map(c => c.id));
        assert.equal(declared.length, 22 + 106);
        assert.deepEqual(withdrawn.filter(id => declared.includes(id)), []);
        assert.doesNotMatch(text, /control ID\.BE-01 |control ID\.AM-06 /);
        assert.match(text, /^ {4}control GV\.OC-01 "The organizational mission is understood and informs cybersecurity risk management" \{ theme "GOVERN" \}$/m);
        assert.match(text, /^\/\/ Licence or rights stated: none/m);
    });

    it('prints the same text to standard output as it writes to a file', () => {
        const printed = isms(['import-catalog', LOW, '--name', 'SP800_53_LOW'], workspace.dir);
        assert.equal(printed.status, 0, printed.stderr);
        assert.equal(printed.stdout, read('model/SP800_53_LOW.isms'));
        assert.equal(printed.stderr, '');
    });

    it('turns a mapping collection into edges that resolve, with the relationships in the language\'s words', () => {
        fs.writeFileSync(path.join(workspace.dir, 'collection.json'), collection([
            { relationship: 'subset-of', sources: [control('IA-2(1)')], targets: [control('A.5.17')] },
            { relationship: 'equivalent-to', sources: [control('AC-2')], targets: [control('A.5.16')] },
            { relationship: 'superset-of', sources: [control('AC-1')], targets: [control('A.5.1'), control('A.5.15')] },
            { relationship: 'intersects-with', sources: [control('AT-2(2)')], targets: [control('A.6.3')] },
            { relationship: 'no-relationship', sources: [control('PE-1')], targets: [control('A.7.1')] },
            { relationship: 'equal-to', sources: [{ type: 'statement', 'id-ref': 'ac-3_smt' }, control('AC-3')], targets: [control('A.8.3')] }
        ]));
        const run = isms(['import-catalog', 'collection.json', '--source-framework', 'SP800_53_LOW', '--target-framework', 'ISO27001_2022',
            '--name', 'LOW_TO_ISO', '--out', 'model/low-to-iso.isms'], workspace.dir);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stderr, /^isms: note: 1 map\(s\) with no-relationship left out$/m);
        assert.match(run.stderr, /^isms: note: 1 source\(s\) or target\(s\) that are not controls left out$/m);
        assert.match(run.stderr, /^isms: wrote model\/low-to-iso\.isms \(mapping LOW_TO_ISO: 5 edges\)$/m);
        const text = read('model/low-to-iso.isms');
        const edges = text.split('\n').filter(line => line.includes(' maps ')).map(line => line.trim());
        assert.deepEqual(edges, [
            'SP800_53_LOW::IA-2(1) maps ISO27001_2022::A.5.17 subset',
            'SP800_53_LOW::AC-2 maps ISO27001_2022::A.5.16 equal',
            'SP800_53_LOW::AC-1 maps ISO27001_2022::A.5.1 superset, ISO27001_2022::A.5.15 superset',
            'SP800_53_LOW::AT-2(2) maps ISO27001_2022::A.6.3',
            'SP800_53_LOW::AC-3 maps ISO27001_2022::A.8.3 equal'
        ]);
        assert.match(text, /^mapping LOW_TO_ISO "SP 800-53 LOW to ISO\/IEC 27001:2022, for a test" \{\n {4}source "[^"\n]*License: CC0 1\.0[^"\n]*"$/m);
        const validated = isms(['validate', 'model', '--format', 'json'], workspace.dir);
        assert.equal(validated.status, 0, validated.stdout);
        assert.deepEqual(errorsOf(validated), []);

        // The model does read the edges: one to a control that does not exist is an error.
        fs.writeFileSync(path.join(workspace.dir, 'wrong.json'), collection([{ relationship: 'subset-of', sources: [control('AC-2')], targets: [control('A.9.99')] }]));
        assert.equal(isms(['import-catalog', 'wrong.json', '--source-framework', 'SP800_53_LOW', '--name', 'WRONG', '-o', 'model/'], workspace.dir).status, 0);
        const wrong = isms(['validate', 'model', '--format', 'json'], workspace.dir);
        fs.rmSync(path.join(workspace.dir, 'model', 'WRONG.isms'));
        assert.equal(wrong.status, 1);
        assert.deepEqual(errorsOf(wrong).map(d => `${path.basename(d.file)} ${d.code}`), ['WRONG.isms unresolved-reference']);
    });

    it('writes titles and ids the language would read otherwise so that they read back as they were', () => {
        const awkward = {
            catalog: {
                uuid: '5d1c2b3a-0000-4000-8000-000000000001',
                metadata: { title: 'Awkward "catalog"', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.1.2', props: [{ name: 'license', value: 'CC-BY-4.0' }] },
                groups: [{
                    id: 'g1',
                    title: 'Group "one"\\ with a\nline break',
                    controls: [
                        { id: 'risk', title: 'A title with "quotes", a back\\slash and a\nline break' },
                        { id: 'c-2', title: 'Bidi \u202e text', props: [{ name: 'label', value: '1.2' }] },
                        { id: 'c-3', title: 'Label with spaces', props: [{ name: 'label', value: 'Control three (C3)' }] },
                        { id: 'c-4', title: 'Label taken', props: [{ name: 'label', value: '1.2' }] },
                        { id: 'c-5', title: 'Withdrawn', props: [{ name: 'status', value: 'withdrawn' }] }
                    ],
                    groups: [{ title: 'Nested', controls: [{ id: 'data.x', title: 'Starts with a keyword' }] }]
                }]
            }
        };
        const dir = temporaryWorkspace({
            'awkward.json': JSON.stringify(awkward),
            'model/isms.isms': MODEL['model/isms.isms'],
            'model/mine.isms': 'framework Mine "Ours" {\n    control M-1 { maps AWK::"risk", AWK::"1.2", AWK::c-3, AWK::c-4, AWK::"data.x" }\n}\n'
        });
        try {
            const run = isms(['import-catalog', 'awkward.json', '--name', 'AWK', '-o', 'model/'], dir.dir);
            assert.equal(run.status, 0, run.stderr);
            const text = fs.readFileSync(path.join(dir.dir, 'model', 'AWK.isms'), 'utf8');
            assert.match(text, /^\/\/ Title: Awkward "catalog"$/m);
            assert.match(text, /^\/\/ Licence or rights stated: license: CC-BY-4\.0$/m);
            assert.match(text, /^ {4}control "risk" "A title with \\"quotes\\", a back\\\\slash and a line break" \{ theme "Group \\"one\\"\\\\ with a line break" \}$/m);
            assert.match(text, /^ {4}control "1\.2" "Bidi text" /m);
            assert.match(text, /^ {4}control c-3 "Label with spaces" /m);
            assert.match(text, /^ {4}control c-4 "Label taken" /m);
            assert.match(text, /^ {4}control "data\.x" "Starts with a keyword" \{ theme "Nested" \}$/m);
            assert.doesNotMatch(text, /c-5|Withdrawn/);
            const validated = isms(['validate', 'model', '--format', 'json'], dir.dir);
            const diagnostics = JSON.parse(validated.stdout) as Array<{ file: string, code: string, severity: string }>;
            assert.deepEqual(diagnostics.filter(d => d.severity === 'error' || d.file.endsWith('AWK.isms')), []);
        } finally {
            dir.dispose();
        }
    });

    describe('refusals: one line, exit 2, nothing written', () => {

        let dir: ReturnType<typeof temporaryWorkspace>;
        beforeEach(() => { dir = temporaryWorkspace({ 'model/taken.isms': '// mine\n' }); });
        afterEach(() => dir.dispose());

        function refused(args: string[], message: RegExp): void {
            const run = isms(['import-catalog', ...args], dir.dir);
            assert.equal(run.status, 2, `${run.stdout}\n${run.stderr}`);
            assert.equal(run.stdout, '');
            const lines = run.stderr.split('\n').filter(line => line !== '');
            assert.equal(lines.length, 1, run.stderr);
            assert.match(lines[0], message);
            assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
            assert.deepEqual(fs.readdirSync(path.join(dir.dir, 'model')), ['taken.isms']);
            assert.equal(fs.readFileSync(path.join(dir.dir, 'model', 'taken.isms'), 'utf8'), '// mine\n');
        }

        it('an existing output file, named or in a folder', () => {
            refused([LOW, '--out', 'model/taken.isms'], /^isms: model\/taken\.isms exists; isms import-catalog never overwrites/);
            refused([LOW, '--name', 'taken', '--out', 'model/'], /^isms: model\/taken\.isms exists; isms import-catalog never overwrites/);
        });

        it('a malformed catalog, by the JSON path of its first problem', () => {
            const json = JSON.parse(fs.readFileSync(CSF, 'utf8')) as { catalog: { groups: Array<{ controls: Array<{ id: unknown }> }> } };
            json.catalog.groups[3].controls[0].id = 42;
            fs.writeFileSync(path.join(dir.dir, 'bad.json'), JSON.stringify(json));
            refused(['bad.json', '-o', 'model/'], /^isms: bad\.json: \$\.catalog\.groups\[3\]\.controls\[0\]\.id: expected a string, found a number$/);
            fs.writeFileSync(path.join(dir.dir, 'bad-map.json'), collection([{ relationship: 'similar-to', sources: [control('AC-2')], targets: [control('A.5.16')] }]));
            refused(['bad-map.json'], /^isms: bad-map\.json: \$\.mapping-collection\.mappings\[0\]\.maps\[0\]\.relationship: expected one of equivalent-to, equal-to, subset-of, superset-of, intersects-with, no-relationship, found the string "similar-to"$/);
        });

        it('a file that is not JSON, or not a catalog or mapping collection', () => {
            fs.writeFileSync(path.join(dir.dir, 'notes.json'), 'catalog: yes\n');
            refused(['notes.json', '-o', 'model/'], /^isms: notes\.json: not JSON \(/);
            fs.writeFileSync(path.join(dir.dir, 'profile.json'), '{ "profile": { "uuid": "x" } }');
            refused(['profile.json'], /^isms: profile\.json: \$: an OSCAL profile, not a catalog or a mapping collection/);
        });

        it('a FIFO, without waiting for a writer', function () {
            if (process.platform === 'win32') this.skip();
            execFileSync('mkfifo', [path.join(dir.dir, 'catalog.json')]);
            refused(['catalog.json', '-o', 'model/'], /^isms: catalog\.json: not a regular file$/);
        });

        it('a missing file, and one larger than --max-file-size', () => {
            refused(['missing.json', '-o', 'model/'], /^isms: missing\.json: no such file$/);
            refused([CSF, '--max-file-size', '100KB', '-o', 'model/'], /: larger than 100 KB \(raise the limit with --max-file-size\)$/);
        });

        it('a name that is not an identifier, and an output that is not an .isms file', () => {
            refused([LOW, '--name', 'risk'], /^isms: --name risk: must be an identifier/);
            refused([LOW, '--out', 'model/catalog.txt'], /^isms: --out model\/catalog\.txt: must be a folder or a file name ending in \.isms/);
        });
    });
});
