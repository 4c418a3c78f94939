import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Model } from '../../language/generated/ast.js';
import { isAudit, isChange, isIsmsBlock, isManagementReview, isRisk } from '../../language/generated/ast.js';
import { starterWorkspace } from '../../language/scaffold/starter-workspace.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const base = {
    'isms.isms': 'isms "Acme" {\n    framework Mini\n    climate relevant\n    scope { description "All" }\n}\n',
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

/**
 * The quick fixes for a diagnostic sent the way a client sends it back: its code and the range
 * the validator reports it on, the text `marker` (its `occurrence`-th match) in `file`.
 */
async function fixesAt(workspace: ModelWorkspace, file: string, code: string, marker: string): Promise<CodeAction[]> {
    const document = workspace.document(file);
    const text = document.textDocument.getText();
    const offset = text.indexOf(marker);
    assert.ok(offset >= 0, `${marker} in ${file}`);
    const range = { start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(offset + marker.length) };
    const diagnostic: Diagnostic = { code, range, message: code, severity: 2, source: 'isms' };
    return await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range, context: { diagnostics: [diagnostic] }
    }) as CodeAction[] ?? [];
}

/** Asserts that the files parse without an error and link without an unresolved name. */
function assertParsesAndLinks(workspace: ModelWorkspace, files: readonly string[]): void {
    for (const file of files) {
        const { lexerErrors, parserErrors } = workspace.document(file).parseResult;
        assert.deepEqual([...lexerErrors, ...parserErrors].map(error => error.message), [], `${file} parses`);
    }
    assert.deepEqual(workspace.codesAmong(undefined, ['unresolved-reference']), []);
}

function elementsOf(workspace: ModelWorkspace, file: string): Model['elements'] {
    return (workspace.document(file).parseResult.value as Model).elements;
}

const management = {
    'isms.isms': 'isms "Acme" {\n    framework Mini\n    scope { description "All" }\n}\n',
    'roles.isms': 'role CISO "Chief Information Security Officer"\nrole CEO "Chief Executive Officer"\n',
    'framework.isms': base['framework.isms'],
    'audits.isms': 'audit IA-1 "Internal audit" {\n    date 2026-06-10\n    finding F-1 "Access \\"reviews\\" missing" { severity major  controls M-1 }\n}\n',
    'reviews.isms': 'management-review MR-1 "Review 2026" {\n    date 2026-11-15\n    inputs monitoring, audit-results\n}\n'
};

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

    it('decides all undecided controls at once, each reason a FILL IN marker', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'soa.isms': 'exclude M-2 because "Unused"\n',
            'framework.isms': 'framework Mini "Three" {\n    control M-1\n    control M-2\n    control M-3\n    control M-4\n}\n',
            'risks.isms': 'risk R-1 "Leak" { assets DB likelihood 2 impact 2 owner CISO treatment avoid { because "Stopped" } }\n' });
        assert.deepEqual(workspace.codes('isms.isms'), ['control-undecided']);
        const { actions } = await fixesFor(workspace, 'isms.isms', 'control-undecided');
        assert.deepEqual(actions.map(a => [a.title, a.isPreferred]), [['Add a decision to fill in for each of the 3 undecided controls', true]]);
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['soa.isms'], 'exclude M-2 because "Unused"\n\n'
            + '// Every control below had no SoA decision. Write why each applies, or change it to  exclude A.x.y because "…"\n'
            + ['M-1', 'M-3', 'M-4'].map(id => `apply ${id} {\n    status not-started\n    because "FILL IN"\n}\n`).join(''));
        assert.deepEqual(workspace.codes(undefined, true), ['fill-in-marker', 'fill-in-marker', 'fill-in-marker'], 'one marker to fill in per decision');
        const markers = workspace.diagnostics('soa.isms').filter(d => d.code === 'fill-in-marker');
        assert.deepEqual(markers.map(d => [d.line, d.text]), [[6, '"FILL IN"'], [10, '"FILL IN"'], [14, '"FILL IN"']]);
    });

    it('turns the one undecided-controls warning of a fresh starter ISMS into a decision per Annex A control', async () => {
        const workspace = await ModelWorkspace.create(starterWorkspace({ organization: 'Acme', scope: 'Everything', methodology: '5x5', today: '2026-11-23' }));
        const markersBefore = workspace.codes(undefined, true).filter(code => code === 'fill-in-marker').length;
        const undecided = workspace.diagnostics(undefined, true).filter(d => d.code === 'control-undecided');
        assert.equal(undecided.length, 1);
        const { actions } = await fixesFor(workspace, undecided[0].file, 'control-undecided');
        assert.deepEqual(actions.map(a => a.title), ['Add a decision to fill in for each of the 93 undecided controls']);
        const changed = await apply(workspace, actions[0]);
        assert.equal(Object.keys(changed).length, 1);
        assert.equal(Object.values(changed)[0].match(/^apply A\.\d+\.\d+ \{$/gm)?.length, 93);
        assert.deepEqual(workspace.codesAmong(undefined, ['control-undecided', 'syntax-error', 'unresolved-reference', 'decision-conflict']), []);
        assert.equal(workspace.codes(undefined, true).filter(code => code === 'fill-in-marker').length, markersBefore + 93);
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

    it('determines climate change as relevant in an isms block that says nothing of it', async () => {
        const workspace = await ModelWorkspace.create(management);
        const actions = await fixesAt(workspace, 'isms.isms', 'climate-undetermined', '"Acme"');
        assert.deepEqual(actions.map(a => a.title), ['Determine climate change as relevant']);
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['isms.isms'], 'isms "Acme" {\n    framework Mini\n    scope { description "All" }\n    climate relevant\n}\n');
        assertParsesAndLinks(workspace, ['isms.isms']);
        assert.equal(elementsOf(workspace, 'isms.isms').find(isIsmsBlock)?.climate[0]?.relevance, 'relevant');
    });

    it('adds the missing 9.3.2 inputs to a management review', async () => {
        const workspace = await ModelWorkspace.create(management);
        const actions = await fixesAt(workspace, 'reviews.isms', 'review-inputs-missing', 'MR-1');
        assert.deepEqual(actions.map(a => a.title), ['Add the missing review inputs actions-status, context-changes, interested-parties, nonconformities, objectives, feedback, risk-assessment, improvement']);
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['reviews.isms'], 'management-review MR-1 "Review 2026" {\n    date 2026-11-15\n    inputs monitoring, audit-results, '
            + 'actions-status, context-changes, interested-parties, nonconformities, objectives, feedback, risk-assessment, improvement\n}\n');
        assertParsesAndLinks(workspace, ['reviews.isms']);
        const review = elementsOf(workspace, 'reviews.isms').find(isManagementReview)!;
        assert.equal(new Set(review.inputs).size, 10);
    });

    it('adds an inputs line with all ten inputs to a management review without one', async () => {
        const workspace = await ModelWorkspace.create({ ...management, 'reviews.isms': 'management-review MR-1 "Review 2026" { date 2026-11-15 }\n' });
        const [action] = await fixesAt(workspace, 'reviews.isms', 'review-inputs-missing', 'MR-1');
        const changed = await apply(workspace, action);
        assert.equal(changed['reviews.isms'], 'management-review MR-1 "Review 2026" { date 2026-11-15  inputs actions-status, context-changes, '
            + 'interested-parties, nonconformities, monitoring, audit-results, objectives, feedback, risk-assessment, improvement }\n');
        assertParsesAndLinks(workspace, ['reviews.isms']);
        assert.equal(elementsOf(workspace, 'reviews.isms').find(isManagementReview)!.inputs.length, 10);
    });

    it('offers an owner per declared role for a risk without one', async () => {
        const workspace = await ModelWorkspace.create({ ...base, 'risks.isms': 'risk R-1 "Leak" {\n    assets DB\n    likelihood 2 impact 2\n    treatment mitigate { controls M-1 }\n}\n' });
        const actions = await fixesAt(workspace, 'risks.isms', 'risk-without-owner', 'R-1');
        assert.deepEqual(actions.map(a => a.title), ['Set owner to CISO', 'Set owner to CEO']);
        assert.deepEqual(actions.map(a => a.isPreferred), [true, false]);
        const changed = await apply(workspace, actions[1]);
        assert.equal(changed['risks.isms'], 'risk R-1 "Leak" {\n    assets DB\n    likelihood 2 impact 2\n    treatment mitigate { controls M-1 }\n    owner CEO\n}\n');
        assertParsesAndLinks(workspace, ['risks.isms']);
        assert.equal(elementsOf(workspace, 'risks.isms').find(isRisk)!.owner[0]?.ref?.name, 'CEO');
    });

    it('creates a nonconformity for a finding without an action, titled like the finding', async () => {
        const workspace = await ModelWorkspace.create(management);
        const actions = await fixesAt(workspace, 'audits.isms', 'finding-without-action', 'F-1');
        assert.deepEqual(actions.map(a => a.title), ['Create nonconformity NC-1 for finding F-1']);
        const changed = await apply(workspace, actions[0]);
        assert.equal(changed['audits.isms'], 'audit IA-1 "Internal audit" {\n    date 2026-06-10\n'
            + '    finding F-1 "Access \\"reviews\\" missing" { severity major  controls M-1  nonconformity NC-1 }\n}\n\n'
            + 'nonconformity NC-1 "Access \\"reviews\\" missing" {\n    source IA-1\n    controls M-1\n    severity major\n    root-cause ""\n}\n');
        assertParsesAndLinks(workspace, ['audits.isms']);
        const finding = elementsOf(workspace, 'audits.isms').find(isAudit)!.findings[0];
        assert.equal(finding.nonconformity[0]?.ref?.title, 'Access "reviews" missing');
        assert.equal(finding.nonconformity[0]?.ref?.source[0]?.ref?.name, 'IA-1');
    });

    it('refers a finding to a declared nonconformity, or creates the next one where nonconformities are declared', async () => {
        const workspace = await ModelWorkspace.create({ ...management,
            'nonconformities.isms': 'nonconformity NC-2 "Old" { severity minor }\nnonconformity NC-7 "Older" { severity minor }\n' });
        const actions = await fixesAt(workspace, 'audits.isms', 'finding-without-action', 'F-1');
        assert.deepEqual(actions.map(a => a.title), ['Create nonconformity NC-8 for finding F-1', 'Refer to nonconformity NC-2', 'Refer to nonconformity NC-7']);
        const created = actions[0].edit!.changes!;
        assert.deepEqual(Object.keys(created).sort(), [workspace.uri('audits.isms').toString(), workspace.uri('nonconformities.isms').toString()]);
        const changed = await apply(workspace, actions[2]);
        assert.match(changed['audits.isms'], /controls M-1 {2}nonconformity NC-7 \}/);
        assertParsesAndLinks(workspace, ['audits.isms']);
        assert.equal(elementsOf(workspace, 'audits.isms').find(isAudit)!.findings[0].nonconformity[0]?.ref?.title, 'Older');
    });

    it('offers one create action per kind a reference of several kinds may name', async () => {
        const workspace = await ModelWorkspace.create({ ...management,
            'changes.isms': 'change CH-1 "New region" { affects R-9 }\nissue ISS-1 "Heat" { addressed-by OP-1 }\nnonconformity NC-1 "Late" { source MR-9 }\n' });
        const provider = workspace.services.lsp.CodeActionProvider!;
        const document = workspace.document('changes.isms');
        const titles: string[][] = [];
        for (const diagnostic of document.diagnostics!.filter(d => d.code === 'unresolved-reference')) {
            const actions = await provider.getCodeActions(document, {
                textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }) as CodeAction[];
            titles.push(actions.map(a => a.title));
        }
        assert.deepEqual(titles, [
            ['Create asset R-9', 'Create risk R-9'],
            ['Create risk OP-1', 'Create policy OP-1', 'Create opportunity OP-1', 'Create objective OP-1'],
            ['Create audit MR-9', 'Create incident MR-9', 'Create management review MR-9']
        ]);
    });

    it('creates the kind chosen for a reference of several kinds, which then resolves', async () => {
        const workspace = await ModelWorkspace.create({ ...management, 'changes.isms': 'change CH-1 "New region" { affects R-9 }\n' });
        const document = workspace.document('changes.isms');
        const diagnostic = document.diagnostics!.find(d => d.code === 'unresolved-reference')!;
        const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as CodeAction[];
        const changed = await apply(workspace, actions.find(a => a.title === 'Create risk R-9')!);
        assert.equal(changed['changes.isms'], 'change CH-1 "New region" { affects R-9 }\n\nrisk R-9 ""\n');
        assertParsesAndLinks(workspace, ['changes.isms']);
        assert.equal(elementsOf(workspace, 'changes.isms').find(isChange)!.affects[0].ref?.$type, 'Risk');
    });
});
