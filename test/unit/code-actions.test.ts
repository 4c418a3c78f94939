import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const base = {
    'isms.isms': 'isms "Acme" {\n    framework Mini\n    scope { description "All" }\n}\n',
    'framework.isms': 'framework Mini "Two controls" {\n    control M-1 "First"\n    control M-2 "Second"\n}\n',
    'roles.isms': 'role CISO "Chief Information Security Officer"\nrole CEO "Chief Executive Officer"\n',
    'assets.isms': 'asset DB "Database" {\n    owner CISO\n}\n',
    'risks.isms': 'risk R-1 "Leak" {\n    assets DB\n    likelihood 2 impact 2\n    owner CISO\n    treatment mitigate { controls M-1 }\n}\n',
    'soa.isms': 'apply M-1 { status implemented }\n'
};

/** The quick fixes offered for the first diagnostic of `code` in `file`. */
async function fixesFor(workspace: ModelWorkspace, file: string, code: string): Promise<{ diagnostic: Diagnostic, actions: CodeAction[] }> {
    const document = workspace.document(file);
    const diagnostic = document.diagnostics?.find(d => d.code === code);
    assert.ok(diagnostic, `${file} has a ${code} diagnostic: ${JSON.stringify(workspace.codes(file))}`);
    const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) as CodeAction[];
    return { diagnostic, actions: actions ?? [] };
}

/** Applies a code action's edits to the in-memory files and lets the workspace rebuild. */
async function apply(workspace: ModelWorkspace, action: CodeAction): Promise<Record<string, string>> {
    const changed: Record<string, string> = {};
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
        const name = new URL(uri).pathname.replace('/workspace/', '');
        const document = workspace.document(name).textDocument;
        changed[name] = TextDocument.applyEdits(TextDocument.create(uri, 'isms', 0, document.getText()), edits);
    }
    await workspace.edit(changed);
    return changed;
}

describe('quick fixes', () => {

    it('the base model is clean but for the undecided control', async () => {
        const workspace = await ModelWorkspace.create(base);
        assert.deepEqual(workspace.codes(undefined, true), ['control-undecided']);
    });

    it('adds a mitigation skeleton to an untreated risk', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'risks.isms': 'risk R-1 "Leak" {\n    assets DB\n    likelihood 2 impact 2\n}\n' });
        const { actions, diagnostic } = await fixesFor(workspace, 'risks.isms', 'untreated-risk');
        assert.equal(actions[0].title, 'Add a mitigation treatment');
        assert.deepEqual(actions[0].diagnostics, [diagnostic]);
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['risks.isms'], 'risk R-1 "Leak" {\n    assets DB\n    likelihood 2 impact 2\n    treatment mitigate { controls  }\n}\n');
        assert.ok(!workspace.codes('risks.isms').includes('untreated-risk'));
    });

    it('adds controls to a mitigation without any', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'risks.isms': 'risk R-1 "Leak" { assets DB likelihood 2 impact 2 treatment mitigate }\n' });
        const { actions } = await fixesFor(workspace, 'risks.isms', 'unmitigated-risk');
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['risks.isms'], 'risk R-1 "Leak" { assets DB likelihood 2 impact 2 treatment mitigate { controls  } }\n');
    });

    it('adds a reason placeholder to an unjustified exclusion', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'soa.isms': 'apply M-1 { status implemented }\nexclude M-2\n' });
        const { actions } = await fixesFor(workspace, 'soa.isms', 'exclusion-unjustified');
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['soa.isms'], 'apply M-1 { status implemented }\nexclude M-2 because ""\n');
        // The empty reason still needs writing; filled in, the model is clean.
        await workspace.edit({ 'soa.isms': changed['soa.isms'].replace('""', '"Not used"') });
        assert.deepEqual(workspace.codes(undefined, true), []);
    });

    it('applies or excludes one undecided control, in the file holding the SoA decisions', async () => {
        const workspace = await ModelWorkspace.create(base);
        const { actions } = await fixesFor(workspace, 'isms.isms', 'control-undecided');
        assert.deepEqual(actions.map(a => a.title), ['Apply M-2', 'Exclude M-2']);
        const changed = await apply(workspace, actions[1]);
        assert.deepEqual(Object.keys(changed), ['soa.isms']);
        assert.equal(changed['soa.isms'], 'apply M-1 { status implemented }\n\nexclude M-2 because ""\n');
        assert.deepEqual(workspace.codes('isms.isms', true), [], 'control-undecided is gone from the isms block');
    });

    it('adds decisions for all undecided controls at once', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'soa.isms': 'exclude M-2 because "Unused"\n',
            'framework.isms': 'framework Mini "Three" {\n    control M-1\n    control M-2\n    control M-3\n    control M-4\n}\n',
            'risks.isms': 'risk R-1 "Leak" { assets DB likelihood 2 impact 2 treatment avoid { because "Stopped" } }\n' });
        assert.equal(workspace.codes('isms.isms').filter(c => c === 'control-undecided').length, 3);
        const { actions } = await fixesFor(workspace, 'isms.isms', 'control-undecided');
        const all = actions.find(a => a.title === 'Add decisions for all 3 undecided controls');
        assert.ok(all, actions.map(a => a.title).join(', '));
        const changed = await apply(workspace, all);
        assert.match(changed['soa.isms'], /apply M-1 \{\n    status not-started\n    because ""\n\}\napply M-3 \{[\s\S]*apply M-4 \{/);
        assert.deepEqual(workspace.codes('isms.isms', true), []);
    });

    it('creates a missing role, asset or threat where that kind is declared', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'risks.isms': 'risk R-1 "Leak" {\n    assets DB, Laptops\n    owner ITOps\n    likelihood 2 impact 2\n    treatment mitigate { controls M-1 }\n}\n' });
        const diagnostics = workspace.document('risks.isms').diagnostics!.filter(d => d.code === 'unresolved-reference');
        assert.equal(diagnostics.length, 2);
        const provider = workspace.services.lsp.CodeActionProvider!;
        const titles: string[] = [];
        for (const diagnostic of diagnostics) {
            const [action] = await provider.getCodeActions(workspace.document('risks.isms'), {
                textDocument: { uri: workspace.uri('risks.isms').toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }) as CodeAction[];
            titles.push(action.title);
            const changed = await apply(workspace, action);
            assert.equal(Object.keys(changed).length, 1);
        }
        assert.deepEqual(titles, ['Create asset Laptops', 'Create role ITOps']);
        assert.match(workspace.document('assets.isms').textDocument.getText(), /\n\nasset Laptops "" \{\n    kind data\n\}\n$/);
        assert.match(workspace.document('roles.isms').textDocument.getText(), /role ITOps ""\n$/);
        assert.deepEqual(workspace.codesAmong(undefined, ['unresolved-reference']), []);
    });

    it('offers an owner per declared role for an asset without one', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'assets.isms': 'asset DB "Database" {\n    kind data\n}\n' });
        const { actions } = await fixesFor(workspace, 'assets.isms', 'asset-without-owner');
        assert.deepEqual(actions.map(a => a.title), ['Set owner to CISO', 'Set owner to CEO']);
        const changed = await apply(workspace, actions[1]);
        assert.equal(changed['assets.isms'], 'asset DB "Database" {\n    kind data\n    owner CEO\n}\n');
        assert.deepEqual(workspace.codes(undefined, true), ['control-undecided']);
    });

    it('opens a block when the asset has none', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'assets.isms': 'asset DB "Database"\n' });
        const { actions } = await fixesFor(workspace, 'assets.isms', 'asset-without-owner');
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['assets.isms'], 'asset DB "Database" {\n    owner CISO\n}\n');
    });
});
