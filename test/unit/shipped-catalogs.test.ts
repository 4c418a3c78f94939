/**
 * The shipped catalogs of NIST CSF 2.0 and ISO/IEC 27001:2013 and their mappings onto
 * ISO/IEC 27001:2022 Annex A, as a model that lists them sees them; and the generated modules
 * in step with scripts/catalogs/build-catalogs.mjs and its sources.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LangiumDocument } from 'langium';
import { OPTIONAL_CATALOGS } from '../../language/builtin/builtin-documents.js';
import type { Control, Framework, Mapping, Model } from '../../language/generated/ast.js';
import { isControl, isFramework } from '../../language/generated/ast.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';
import { PROJECT_ROOT } from '../helpers/project.js';

const SOURCES = path.join(PROJECT_ROOT, 'scripts', 'catalogs', 'sources');
const CSF_JSON = path.join(SOURCES, 'NIST_CSF_v2.0_catalog-min.json');

interface JsonControl { id: string, class?: string, props?: Array<{ name: string, value: string }>, controls?: JsonControl[] }

/** The ids of the CSF 2.0 subcategories in force, read from the OSCAL JSON. */
function csfSubcategories(): string[] {
    const catalog = (JSON.parse(fs.readFileSync(CSF_JSON, 'utf8')) as { catalog: { groups: Array<{ controls: JsonControl[] }> } }).catalog;
    const withdrawn = (control: JsonControl) => control.props?.some(prop => prop.name === 'status' && prop.value === 'withdrawn') ?? false;
    return catalog.groups.flatMap(group => group.controls).flatMap(category => category.controls ?? [])
        .filter(control => control.class === 'subcategory' && !withdrawn(control)).map(control => control.id);
}

function frameworkOf(control: Control | undefined): string | undefined {
    return control && isFramework(control.$container) ? control.$container.name : undefined;
}

describe('shipped catalogs: NIST CSF 2.0 and ISO/IEC 27001:2013', function () {
    this.timeout(60000);

    const subcategories = csfSubcategories();
    let workspace: ModelWorkspace;

    const catalog = (framework: string): LangiumDocument => {
        const uri = OPTIONAL_CATALOGS.find(c => c.framework === framework)!.uri;
        const document = workspace.services.shared.workspace.LangiumDocuments.getDocument(uri);
        assert.ok(document, `${framework} is loaded`);
        return document;
    };
    const elements = (framework: string) => (catalog(framework).parseResult.value as Model).elements;
    const frameworkNode = (name: string) => elements(name).find((e): e is Framework => e.$type === 'Framework' && e.name === name)!;
    const mappingNode = (framework: string, name: string) => elements(framework).find((e): e is Mapping => e.$type === 'Mapping' && e.name === name)!;

    before(async () => {
        workspace = await ModelWorkspace.create({
            'isms.isms': 'isms "T" { organization "O" scope { description "All" } frameworks CSF2, ISO27001_2013 }\n',
            'probe.isms': `framework Probe "Every CSF 2.0 subcategory" {\n    control P-1 {\n        maps ${subcategories.map(id => `CSF2::${id}`).join(',\n            ')}\n    }\n}\n`
        });
    });

    it('reads 106 subcategories in force from the OSCAL JSON', () => {
        assert.equal(subcategories.length, 106);
    });

    it('resolves every subcategory of the OSCAL JSON as CSF2::ID', () => {
        assert.deepEqual(workspace.diagnostics('probe.isms').filter(d => d.severity === 'error'), []);
        const probe = (workspace.document('probe.isms').parseResult.value as Model).elements[0] as Framework;
        const targets = probe.controls[0].maps.map(mapping => mapping.target.ref);
        assert.deepEqual(targets.map(control => `${frameworkOf(control)}::${control?.name}`), subcategories.map(id => `CSF2::${id}`));
    });

    it('declares CSF2 with the 106 subcategories in 22 category themes, titled with their outcomes', () => {
        const csf = frameworkNode('CSF2');
        assert.equal(csf.title, 'NIST Cybersecurity Framework 2.0');
        assert.deepEqual(csf.controls.map(c => c.name), subcategories);
        const themes = new Set(csf.controls.map(c => c.theme[0]));
        assert.equal(themes.size, 22);
        assert.ok(themes.has('GV.OC Organizational Context') && themes.has('PR.AA Identity Management, Authentication, and Access Control'), [...themes].join(' | '));
        const control = csf.controls.find(c => c.name === 'GV.OC-01')!;
        assert.equal(control.title, 'The organizational mission is understood and informs cybersecurity risk management');
        assert.equal(control.theme[0], 'GV.OC Organizational Context');
        assert.ok(csf.controls.every(c => c.title && c.title.length > 20), 'every subcategory has its outcome as title');
    });

    it('maps CSF 2.0 subcategories onto Annex A controls, every edge resolving, all intersect', () => {
        const mapping = mappingNode('CSF2', 'CSF2_TO_ISO27001_2022');
        assert.match(mapping.source[0] ?? '', /public domain/);
        const pairs = mapping.edges.flatMap(edge => edge.maps.map(map => ({ from: edge.from.ref, to: map.target.ref, relationship: map.relationship ?? 'intersect' })));
        assert.equal(pairs.length, 244);
        assert.ok(pairs.every(pair => frameworkOf(pair.from) === 'CSF2'), 'every source is a CSF 2.0 subcategory');
        assert.ok(pairs.every(pair => frameworkOf(pair.to) === 'ISO27001_2022' && /^A\.[5-8]\.\d+$/.test(pair.to!.name)), 'every target is an Annex A control');
        assert.deepEqual([...new Set(pairs.map(pair => pair.relationship))], ['intersect']);
        const gvoc03 = pairs.filter(pair => pair.from?.name === 'GV.OC-03').map(pair => pair.to?.name);
        assert.ok(gvoc03.includes('A.5.31'), gvoc03.join(' '));
    });

    it('declares ISO27001_2013 with its 114 controls in the 14 control areas', () => {
        const iso = frameworkNode('ISO27001_2013');
        assert.equal(iso.controls.length, 114);
        assert.equal(new Set(iso.controls.map(c => c.name)).size, 114);
        assert.ok(iso.controls.every(c => /^A\.\d+\.\d+\.\d+$/.test(c.name)));
        const themes = [...new Set(iso.controls.map(c => c.theme[0]))];
        assert.equal(themes.length, 14);
        assert.deepEqual([themes[0], themes[4], themes[13]], ['A.5 Information security policies', 'A.9 Access control', 'A.18 Compliance']);
        assert.equal(iso.controls.find(c => c.name === 'A.12.3.1')?.title, 'Information backup');
    });

    it('maps every 2013 control onto Annex A 2022, reaching exactly 82 controls, with relationships from the correspondence\'s shape', () => {
        const mapping = mappingNode('ISO27001_2013', 'ISO27001_2013_TO_2022');
        assert.match(mapping.source[0] ?? '', /^ISO\/IEC 27002:2022 Annex B, correspondence of control ids \(ids only\)/);
        const pairs = mapping.edges.flatMap(edge => edge.maps.map(map => ({ from: edge.from.ref, to: map.target.ref, relationship: map.relationship ?? 'intersect' })));
        assert.ok(pairs.every(pair => frameworkOf(pair.from) === 'ISO27001_2013' && isControl(pair.from)), 'every source resolves to a 2013 control');
        assert.ok(pairs.every(pair => frameworkOf(pair.to) === 'ISO27001_2022'), 'every target resolves to an Annex A 2022 control');
        assert.equal(new Set(pairs.map(pair => pair.from!.name)).size, 114);
        assert.equal(new Set(pairs.map(pair => pair.to!.name)).size, 82);
        const relationship = (from: string, to: string) => pairs.find(pair => pair.from?.name === from && pair.to?.name === to)?.relationship;
        assert.equal(relationship('A.6.1.2', 'A.5.3'), 'equal', 'Segregation of duties, one to one');
        assert.equal(relationship('A.5.1.1', 'A.5.1'), 'subset', 'two 2013 policy controls merged into one');
        assert.equal(relationship('A.18.2.3', 'A.5.36'), 'intersect', 'split in two, each merged with others');
        assert.equal(relationship('A.18.2.3', 'A.8.8'), 'intersect');
        // Each relationship agrees with the shape it is derived from.
        for (const pair of pairs) {
            const targets = pairs.filter(other => other.from === pair.from).length;
            const sources = pairs.filter(other => other.to === pair.to).length;
            const expected = targets === 1 && sources === 1 ? 'equal' : targets === 1 ? 'subset' : sources === 1 ? 'superset' : 'intersect';
            assert.equal(pair.relationship, expected, `${pair.from?.name} → ${pair.to?.name}`);
        }
    });

    it('loads both catalogs without a diagnostic of their own', async () => {
        for (const framework of ['CSF2', 'ISO27001_2013']) {
            assert.deepEqual((await workspace.validateShipped(catalog(framework).uri)).map(d => d.message), [], framework);
        }
    });

    it('keeps the generated modules in step with scripts/catalogs/build-catalogs.mjs and its sources', async () => {
        const script = path.join(PROJECT_ROOT, 'scripts', 'catalogs', 'build-catalogs.mjs');
        const { catalogModules, CATALOGS } = await import(pathToFileURL(script).href) as { catalogModules: () => Record<string, string>, CATALOGS: string };
        const modules = catalogModules();
        assert.deepEqual(Object.keys(modules).sort(), ['csf-2.0.ts', 'iso27001-2013.ts', 'nis2.ts']);
        for (const [file, text] of Object.entries(modules)) {
            assert.ok(fs.readFileSync(path.join(CATALOGS, file), 'utf8') === text,
                `language/builtin/catalogs/${file} differs from what the script makes of its sources: run npm run build && node scripts/catalogs/build-catalogs.mjs`);
        }
    });
});
