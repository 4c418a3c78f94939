import * as assert from 'node:assert/strict';
import { AstUtils } from 'langium';
import type { Model, Risk } from '../../language/generated/ast.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/** The codes these tests are about; the model fragments here leave other rules unsatisfied. */
const LINKING = ['unresolved-reference', 'duplicate-id', 'isms-missing', 'isms-duplicate', 'scope-missing'];

const roles = 'role CISO "Chief Information Security Officer"\nrole CEO\n';
const assets = 'asset CustomerDB "Customer database" { owner CISO hosted-by AWS }\nsupplier AWS\n';
const risks = 'risk R-001 "Ransomware" {\n    assets CustomerDB\n    owner CISO\n    treatment mitigate { controls A.8.13 }\n}\n';

describe('workspace-wide model', () => {

    it('resolves references across files', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks/r.isms': risks });
        assert.deepEqual(workspace.codesAmong(undefined, LINKING.slice(0, 2)), []);
        const risk = (workspace.document('risks/r.isms').parseResult.value as Model).elements[0] as Risk;
        assert.equal(risk.owner[0]?.ref?.title, 'Chief Information Security Officer');
        assert.equal(risk.assets[0].ref && AstUtils.getDocument(risk.assets[0].ref).uri.path, '/workspace/assets.isms');
    });

    it('resolves nested elements (controls of a framework, findings) from other files', async () => {
        const workspace = await ModelWorkspace.create({
            'controls.isms': 'framework Acme { control AC-7 "Access review" { maps A.5.18 } }\n',
            'risks.isms': 'risk R-1 { treatment mitigate { controls AC-7 } }\n'
        });
        assert.deepEqual(workspace.codesAmong(undefined, LINKING.slice(0, 2)), []);
    });

    it('reports an unresolved name as unresolved-reference on the name, saying what kind was expected', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'risks.isms': 'risk R-1 {\n    owner ITOps\n    treatment mitigate { controls A.9.99 }\n}\n' });
        const diagnostics = workspace.diagnostics('risks.isms').filter(d => d.code === 'unresolved-reference');
        assert.deepEqual(diagnostics.map(d => [d.code, d.line, d.column, d.text]), [
            ['unresolved-reference', 2, 11, 'ITOps'],
            ['unresolved-reference', 3, 35, 'A.9.99']
        ]);
        assert.match(diagnostics[0].message, /Unknown role 'ITOps'/);
        assert.match(diagnostics[1].message, /Unknown control 'A\.9\.99'/);
    });

    it('only resolves a reference to an element of the right kind', async () => {
        const workspace = await ModelWorkspace.create({ 'm.isms': 'asset CISO\nrisk R-1 { owner CISO }\n' });
        assert.deepEqual(workspace.diagnostics().filter(d => LINKING.includes(d.code)).map(d => [d.code, d.text]), [['unresolved-reference', 'CISO']]);
    });

    it('reports duplicates of one kind across files on every declaration, and allows one id in two kinds', async () => {
        const workspace = await ModelWorkspace.create({
            'a.isms': 'risk R-1 "First"\nasset R-1\n',
            'b.isms': '\nrisk R-1 "Second"\n'
        });
        const duplicates = workspace.diagnostics().filter(d => d.code === 'duplicate-id');
        assert.deepEqual(duplicates.map(d => [d.file, d.line, d.text]), [['a.isms', 1, 'R-1'], ['b.isms', 2, 'R-1']]);
        assert.match(duplicates[0].message, /Duplicate risk id 'R-1': also declared in b\.isms:2/);
    });

    it('refreshes diagnostics of files that did not change when another file changes', async () => {
        const workspace = await ModelWorkspace.create({ 'a.isms': 'risk R-1 "First"\n', 'b.isms': 'role CEO\n' });
        assert.deepEqual(workspace.codesAmong('a.isms', ['duplicate-id']), []);
        await workspace.edit({ 'b.isms': 'role CEO\nrisk R-1 "Copy"\n' });
        assert.deepEqual(workspace.codesAmong('a.isms', ['duplicate-id']), ['duplicate-id'], 'a.isms learns of the new duplicate');
        await workspace.edit({ 'b.isms': 'role CEO\n' });
        assert.deepEqual(workspace.codesAmong('a.isms', ['duplicate-id']), [], 'and of its removal');
        await workspace.edit({ 'c.isms': 'risk R-1 "Again"\n' });
        assert.deepEqual(workspace.codesAmong('a.isms', ['duplicate-id']), ['duplicate-id'], 'a new file counts');
        await workspace.edit({ 'c.isms': null });
        assert.deepEqual(workspace.codesAmong('a.isms', ['duplicate-id']), [], 'a deleted file counts');
    });

    it('resolves references again when the missing element is declared in another file', async () => {
        const workspace = await ModelWorkspace.create({ 'r.isms': 'risk R-1 { owner CISO }\n', 'roles.isms': '' });
        assert.deepEqual(workspace.codesAmong('r.isms', ['unresolved-reference']), ['unresolved-reference']);
        await workspace.edit({ 'roles.isms': roles });
        assert.deepEqual(workspace.codesAmong('r.isms', ['unresolved-reference']), []);
    });

    it('requires exactly one isms block, with a scope', async () => {
        const none = await ModelWorkspace.create({ 'b.isms': 'role CEO\n', 'a.isms': 'role CISO\n' });
        assert.deepEqual(none.diagnostics(undefined, true).filter(d => LINKING.includes(d.code)).map(d => [d.file, d.code, d.line]), [['a.isms', 'isms-missing', 1]]);
        const two = await ModelWorkspace.create({ 'a.isms': 'isms "A" { scope { description "x" } }\n', 'b.isms': 'isms "B" { }\n' });
        assert.deepEqual(two.diagnostics(undefined, true).filter(d => LINKING.includes(d.code)).map(d => [d.file, d.code]).sort(), [['a.isms', 'isms-duplicate'], ['b.isms', 'isms-duplicate'], ['b.isms', 'scope-missing']]);
        await two.edit({ 'b.isms': null });
        assert.deepEqual(two.codesAmong(undefined, LINKING), []);
    });
});
