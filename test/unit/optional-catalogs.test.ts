import * as assert from 'node:assert/strict';
import { OPTIONAL_CATALOGS } from '../../language/builtin/builtin-documents.js';
import type { Control, Framework, Model } from '../../language/generated/ast.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const NIS2 = OPTIONAL_CATALOGS.find(catalog => catalog.framework === 'NIS2')!.uri;
const isms = (extra: string) => `isms "T" { organization "O" scope { description "All" } ${extra} }\n`;
const own = 'framework Mine "Mine" {\n    control M-1 "Access reviews" { maps NIS2::Art.21(2)(i) subset, A.5.18 }\n}\n';

function mapTarget(workspace: ModelWorkspace, file: string): Control | undefined {
    const framework = (workspace.document(file).parseResult.value as Model).elements.find(element => element.$type === 'Framework') as Framework;
    return framework.controls[0].maps[0].target.ref;
}

describe('catalogs of other frameworks, loaded when the model names them', () => {

    it('leaves a catalog out until an isms block lists it, and its controls unknown', async () => {
        const workspace = await ModelWorkspace.create({ 'isms.isms': isms(''), 'mine.isms': own });
        assert.equal(workspace.hasDocument(NIS2), false);
        assert.deepEqual(workspace.diagnostics('mine.isms').filter(d => d.code === 'unresolved-reference').map(d => d.text), ['NIS2::Art.21(2)(i)']);
    });

    it('loads a listed catalog, links to its controls, and asks no SoA decisions of them', async () => {
        const workspace = await ModelWorkspace.create({ 'isms.isms': isms('frameworks NIS2'), 'mine.isms': own });
        assert.equal(workspace.hasDocument(NIS2), true);
        assert.deepEqual(workspace.codes('mine.isms').filter(code => code === 'unresolved-reference'), []);
        assert.equal(mapTarget(workspace, 'mine.isms')?.title, 'Human resources security, access control policies and asset management');
        const undecided = workspace.diagnostics('isms.isms').filter(d => d.code === 'control-undecided');
        assert.equal(undecided.length, 1);
        assert.match(undecided[0].message, /^93 Annex A controls have no SoA decision/, 'the Annex A controls only');
        assert.ok(!undecided[0].message.includes('Art.21'));
    });

    it('follows edits: listing the framework loads it, dropping it unloads it', async () => {
        const workspace = await ModelWorkspace.create({ 'isms.isms': isms(''), 'mine.isms': own });
        await workspace.edit({ 'isms.isms': isms('frameworks NIS2') });
        assert.equal(workspace.hasDocument(NIS2), true);
        assert.deepEqual(workspace.codes('mine.isms').filter(code => code === 'unresolved-reference'), []);
        await workspace.edit({ 'isms.isms': isms('') });
        assert.equal(workspace.hasDocument(NIS2), false);
        assert.deepEqual(workspace.diagnostics('mine.isms').filter(d => d.code === 'unresolved-reference').map(d => d.text), ['NIS2::Art.21(2)(i)']);
    });

    it('gives way to a framework of the same name that the user declares', async () => {
        const profile = 'framework NIS2 "Our reading of NIS2" {\n    control Art.21(2)(i) "HR, access and assets, as we apply them"\n}\n';
        const workspace = await ModelWorkspace.create({ 'isms.isms': isms('frameworks NIS2'), 'mine.isms': own, 'nis2.isms': profile });
        assert.equal(workspace.hasDocument(NIS2), false);
        assert.deepEqual(workspace.codes().filter(code => code === 'duplicate-id' || code === 'unresolved-reference'), []);
        assert.equal(mapTarget(workspace, 'mine.isms')?.title, 'HR, access and assets, as we apply them');
        await workspace.edit({ 'nis2.isms': null });
        assert.equal(workspace.hasDocument(NIS2), true);
        assert.equal(mapTarget(workspace, 'mine.isms')?.title, 'Human resources security, access control policies and asset management');
    });

    it('parses every shipped catalog without an error', async () => {
        const listed = OPTIONAL_CATALOGS.map(catalog => catalog.framework).join(', ');
        const workspace = await ModelWorkspace.create({ 'isms.isms': isms(`frameworks ${listed}`) });
        for (const catalog of OPTIONAL_CATALOGS) {
            const document = workspace.services.shared.workspace.LangiumDocuments.getDocument(catalog.uri)!;
            assert.ok(document, catalog.framework);
            assert.deepEqual(document.parseResult.lexerErrors, [], catalog.framework);
            assert.deepEqual(document.parseResult.parserErrors, [], catalog.framework);
            assert.deepEqual((await workspace.validateShipped(catalog.uri)).filter(d => d.severity === 1).map(d => d.message), [], catalog.framework);
        }
    });
});
