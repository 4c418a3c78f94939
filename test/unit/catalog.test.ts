import * as assert from 'node:assert/strict';
import type { Framework, Model } from '../../language/generated/ast.js';
import { ANNEX_A_2022_SOURCE } from '../../language/builtin/annex-a-2022.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

describe('built-in ISO/IEC 27001:2022 Annex A catalog', () => {

    let workspace: ModelWorkspace;
    let catalog: Framework;

    before(async () => {
        workspace = await ModelWorkspace.create({ 'uses.isms': 'apply A.8.13 { status implemented because legal "Retention law" }\nexclude A.7.4 because "Remote company"\n' });
        const builtin = workspace.services.shared.workspace.LangiumDocuments.all.find(d => d.uri.scheme === 'isms-builtin');
        assert.ok(builtin, 'the catalog is loaded as a built-in document');
        assert.deepEqual(await workspace.validateShipped(builtin.uri), [], 'the catalog itself is valid');
        catalog = (builtin.parseResult.value as Model).elements[0] as Framework;
    });

    it('declares the framework ISO27001_2022 with all 93 controls', () => {
        assert.equal(catalog.name, 'ISO27001_2022');
        assert.equal(catalog.controls.length, 93);
        assert.equal(new Set(catalog.controls.map(c => c.name)).size, 93);
    });

    it('has 37 organizational, 8 people, 14 physical and 34 technological controls, in catalog order', () => {
        const count = (theme: string) => catalog.controls.filter(c => c.theme[0] === theme).length;
        assert.deepEqual([count('organizational'), count('people'), count('physical'), count('technological')], [37, 8, 14, 34]);
        const ids = catalog.controls.map(c => c.name);
        assert.deepEqual([ids[0], ids[36], ids[37], ids[44], ids[45], ids[58], ids[59], ids[92]], ['A.5.1', 'A.5.37', 'A.6.1', 'A.6.8', 'A.7.1', 'A.7.14', 'A.8.1', 'A.8.34']);
    });

    it('carries the standard\'s short titles', () => {
        const title = (id: string) => catalog.controls.find(c => c.name === id)?.title;
        assert.equal(title('A.5.1'), 'Policies for information security');
        assert.equal(title('A.5.23'), 'Information security for use of cloud services');
        assert.equal(title('A.6.3'), 'Information security awareness, education and training');
        assert.equal(title('A.7.4'), 'Physical security monitoring');
        assert.equal(title('A.8.13'), 'Information backup');
        assert.equal(title('A.8.34'), 'Protection of information systems during audit testing');
    });

    it('resolves control ids in a user file with no declaration of the user\'s', () => {
        assert.deepEqual(workspace.diagnostics('uses.isms'), []);
        const model = workspace.document('uses.isms').parseResult.value as Model;
        const apply = model.elements[0];
        assert.ok(apply.$type === 'Apply' && apply.control.ref?.title === 'Information backup');
    });

    it('rejects redeclaring the built-in catalog as a duplicate id', async () => {
        const redeclared = await ModelWorkspace.create({ 'mine.isms': 'framework ISO27001_2022 "Mine" { control A.5.1 "Mine" }\n' });
        const diagnostics = redeclared.diagnostics('mine.isms').filter(d => d.code === 'duplicate-id');
        assert.deepEqual(diagnostics.map(d => d.text), ['ISO27001_2022', 'A.5.1']);
        assert.match(diagnostics[0].message, /built-in ISO\/IEC 27001:2022 catalog/);
    });

    it('is ISMS source text, not a hidden data structure', () => {
        assert.match(ANNEX_A_2022_SOURCE, /^framework ISO27001_2022 "ISO\/IEC 27001:2022 Annex A" \{$/m);
        assert.match(ANNEX_A_2022_SOURCE, /control A\.8\.13 "Information backup" \{ theme technological \}/);
    });
});
