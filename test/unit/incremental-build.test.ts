import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { AstNode, LangiumDocument, Reference } from 'langium';
import { AstUtils, Cancellation, DocumentState, isOperationCancelled, setInterruptionPeriod } from 'langium';
import type { Model, Risk } from '../../language/generated/ast.js';
import type { SimpleDiagnostic } from '../helpers/model-workspace.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

// After an edit, the builder points other documents' references at the new syntax tree instead
// of relinking them, and relinks only documents whose references name added or removed
// elements. These tests hold it to the result of building the same files from scratch.

const roles = 'role CISO "Chief Information Security Officer"\nrole CEO "Chief Executive"\n';
const assets = 'asset CustomerDB "Customer database" { owner CISO }\nasset Laptops { owner CEO }\n';
const risks = (owner: string) => `risk R-1 "Ransomware" {\n    assets CustomerDB\n    owner ${owner}\n    treatment mitigate { controls A.8.13 }\n}\n`;

const lines = (...text: string[]) => text.join('\n') + '\n';

function firstRisk(workspace: ModelWorkspace, name: string): Risk {
    return (workspace.document(name).parseResult.value as Model).elements[0] as Risk;
}

/** The documents validated by each build phase, in order. */
function recordValidated(workspace: ModelWorkspace): string[] {
    const validated: string[] = [];
    workspace.services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
        documents.forEach(document => validated.push(document.uri.path.replace('/workspace/', '')));
    });
    return validated;
}

/** Where find-references looks: the reference index, for the element declared at `name:line`. */
function referencesTo(workspace: ModelWorkspace, file: string, line: number): string[] {
    const document = workspace.document(file);
    const target = AstUtils.streamAst(document.parseResult.value)
        .find(node => node.$cstNode?.range.start.line === line - 1 && 'name' in node);
    assert.ok(target, `no element at ${file}:${line}`);
    const path = workspace.services.workspace.AstNodeLocator.getAstNodePath(target);
    return workspace.services.shared.workspace.IndexManager.findAllReferences(target, path)
        .map(reference => `${reference.sourceUri.path.replace('/workspace/', '')}:${reference.segment.range.start.line + 1}`)
        .toArray().sort();
}

describe('incremental build: references into an edited file', () => {

    it('follow a changed title without relinking or re-validating the files that reference it', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('CISO') });
        const validated = recordValidated(workspace);
        const diagnosticsBefore = workspace.document('risks.isms').diagnostics;
        await workspace.edit({ 'roles.isms': roles.replace('Chief Information Security Officer', 'Head of Security') });
        assert.deepEqual(validated, ['roles.isms']);
        assert.equal(workspace.document('risks.isms').diagnostics, diagnosticsBefore);
        const owner = firstRisk(workspace, 'risks.isms').owner[0]?.ref;
        assert.equal(owner?.title, 'Head of Security');
        assert.equal(AstUtils.findRootNode(owner!), workspace.document('roles.isms').parseResult.value);
    });

    it('follow an element that moved, and find-references still finds them', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('CEO') });
        const validated = recordValidated(workspace);
        await workspace.edit({ 'roles.isms': 'role DPO "Data Protection Officer"\n\n' + roles });
        assert.deepEqual(validated, ['roles.isms']);
        const owner = firstRisk(workspace, 'risks.isms').owner[0]?.ref;
        assert.equal(owner?.$cstNode?.range.start.line, 3);
        assert.deepEqual(referencesTo(workspace, 'roles.isms', 4), ['assets.isms:2', 'risks.isms:3']);
        assert.deepEqual(referencesTo(workspace, 'roles.isms', 3), ['assets.isms:1']);
    });

    it('break when the element they name is renamed away, and resolve again when it comes back', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('CISO') });
        const validated = recordValidated(workspace);
        await workspace.edit({ 'roles.isms': roles.replace('role CISO', 'role CSO') });
        assert.deepEqual(validated.sort(), ['assets.isms', 'risks.isms', 'roles.isms']);
        assert.deepEqual(workspace.diagnostics().filter(d => d.code === 'unresolved-reference').map(d => `${d.file}:${d.line} ${d.text}`),
            ['assets.isms:1 CISO', 'risks.isms:3 CISO']);
        await workspace.edit({ 'roles.isms': roles });
        assert.deepEqual(workspace.codesAmong(undefined, ['unresolved-reference']), []);
        assert.equal(firstRisk(workspace, 'risks.isms').owner[0]?.ref?.title, 'Chief Information Security Officer');
    });

    it('resolve when the edit adds the element they name, and only their file is relinked', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('DPO') });
        assert.deepEqual(workspace.codesAmong('risks.isms', ['unresolved-reference']), ['unresolved-reference']);
        const validated = recordValidated(workspace);
        await workspace.edit({ 'roles.isms': roles + 'role DPO\n' });
        assert.deepEqual(validated.sort(), ['risks.isms', 'roles.isms']);
        assert.deepEqual(workspace.codesAmong(undefined, ['unresolved-reference']), []);
    });

    /** Builds `changes` and cancels the build once `name` is validated, before the build can propagate what changed. */
    async function editCancelledAfter(workspace: ModelWorkspace, name: string, changes: Record<string, string>): Promise<void> {
        const builder = workspace.services.shared.workspace.DocumentBuilder;
        const source = new Cancellation.CancellationTokenSource();
        const listener = builder.onDocumentPhase(DocumentState.Validated, document => {
            if (document.uri.path.endsWith(`/${name}`)) source.cancel();
        });
        try {
            await assert.rejects(workspace.editWith(changes, source.token), (error: unknown) => isOperationCancelled(error));
        } finally {
            listener.dispose();
        }
    }

    it('resolve when the element comes back after a cancelled build linked them while it was gone', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('CEO') });
        await workspace.edit({ 'roles.isms': roles.replace('role CISO', 'role CSO') });
        // The build of the next edit links assets.isms, still without CISO, and is cancelled.
        await editCancelledAfter(workspace, 'assets.isms', { 'assets.isms': assets.replace('Laptops', 'Notebooks'), 'risks.isms': risks('CTO') });
        await workspace.edit({ 'roles.isms': roles });
        assert.deepEqual(workspace.diagnostics().filter(d => d.code === 'unresolved-reference').map(d => `${d.file}:${d.line} ${d.text}`), ['risks.isms:3 CTO']);
    });

    it('resolve when the element comes back after a cancelled build removed it and linked them', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('CEO') });
        await editCancelledAfter(workspace, 'assets.isms', {
            'roles.isms': roles.replace('role CISO', 'role CSO'), 'assets.isms': assets.replace('Laptops', 'Notebooks'), 'risks.isms': risks('CTO')
        });
        await workspace.edit({ 'roles.isms': roles });
        assert.deepEqual(workspace.diagnostics().filter(d => d.code === 'unresolved-reference').map(d => `${d.file}:${d.line} ${d.text}`), ['risks.isms:3 CTO']);
    });

    it('break when the file is deleted', async () => {
        const workspace = await ModelWorkspace.create({ 'roles.isms': roles, 'assets.isms': assets, 'risks.isms': risks('CISO') });
        await workspace.edit({ 'roles.isms': null });
        assert.deepEqual(workspace.diagnostics().filter(d => d.code === 'unresolved-reference').map(d => `${d.file}:${d.line} ${d.text}`),
            ['assets.isms:1 CISO', 'assets.isms:2 CEO', 'risks.isms:3 CISO']);
    });
});

// ---- rules across files: an edit refreshes the diagnostics of the files that read what it changed

describe('incremental build: rules that read other files', () => {

    /** A workspace with "today" pinned, validated again under it. */
    async function pinned(files: Record<string, string>): Promise<ModelWorkspace> {
        const workspace = await ModelWorkspace.create(files);
        assert.deepEqual(workspace.services.config.Settings.update({ today: '2026-11-23' }), []);
        const { DocumentBuilder, LangiumDocuments } = workspace.services.shared.workspace;
        await DocumentBuilder.build(LangiumDocuments.all.toArray(), { validation: true });
        return workspace;
    }

    const overdueRisk = 'risk R-1 "Ransomware" {\n    likelihood 2 impact 2 owner CISO\n    treatment mitigate { controls A.8.13 due 2026-11-01 }\n}\n';

    it('treatment-overdue: recording the control as implemented in soa.isms clears it in risks.isms, and the risk file is only re-validated', async () => {
        const workspace = await pinned({ 'roles.isms': roles, 'risks.isms': overdueRisk, 'soa.isms': 'apply A.8.13 { status partial }\n' });
        assert.deepEqual(workspace.codesAmong('risks.isms', ['treatment-overdue']), ['treatment-overdue']);
        const riskDocument = workspace.document('risks.isms');
        const validated = recordValidated(workspace);

        await workspace.edit({ 'soa.isms': 'apply A.8.13 { status implemented }\n' });
        assert.deepEqual(validated.sort(), ['risks.isms', 'soa.isms']);
        assert.equal(workspace.document('risks.isms'), riskDocument, 'risks.isms was not parsed again');
        assert.deepEqual(workspace.codesAmong('risks.isms', ['treatment-overdue']), []);

        await workspace.edit({ 'soa.isms': 'apply A.8.13 { status planned }\n' });
        assert.match(workspace.diagnostics('risks.isms').find(d => d.code === 'treatment-overdue')?.message ?? '', /A\.8\.13 \(planned\) is not implemented/);
    });

    it('finding-without-action: a corrective action added to the nonconformity in nc.isms clears it on the finding in audits.isms', async () => {
        const audit = 'audit IA-1 "Audit" {\n    finding F-1 "Gap" { severity major nonconformity NC-1 }\n}\n';
        const nonconformity = (actions: string) => `nonconformity NC-1 "Gap" { source IA-1 root-cause "No owner" ${actions}}\n`;
        const workspace = await pinned({ 'roles.isms': roles, 'audits.isms': audit, 'nc.isms': nonconformity('') });
        assert.deepEqual(workspace.codesAmong('audits.isms', ['finding-without-action']), ['finding-without-action']);
        const validated = recordValidated(workspace);

        await workspace.edit({ 'nc.isms': nonconformity('corrective-action "Name an owner" { owner CISO due 2027-01-31 status open } ') });
        assert.deepEqual(validated.sort(), ['audits.isms', 'nc.isms']);
        assert.deepEqual(workspace.codesAmong('audits.isms', ['finding-without-action']), []);

        await workspace.edit({ 'nc.isms': nonconformity('') });
        assert.deepEqual(workspace.codesAmong('audits.isms', ['finding-without-action']), ['finding-without-action']);
    });

    const isms = lines(
        'isms "Test ISMS" {',
        '    scope { description "Everything" }',
        '    audits every 12 months',
        '    management-reviews every 12 months',
        '}');

    /** The codes on isms.isms, with today pinned. */
    async function validated(files: Record<string, string>): Promise<ModelWorkspace> {
        const workspace = await ModelWorkspace.create({ 'isms.isms': isms, ...files });
        assert.deepEqual(workspace.services.config.Settings.update({ today: '2026-11-23' }), []);
        await workspace.services.shared.workspace.DocumentBuilder.build(workspace.services.shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
        return workspace;
    }

    for (const [code, file, element] of [['audit-overdue', 'audits.isms', 'audit IA'], ['management-review-overdue', 'reviews.isms', 'management-review MR']] as const) {
        it(`${code} on the isms block follows the dates in ${file}, which isms.isms does not reference`, async () => {
            const workspace = await validated({ [file]: lines(`${element}-1 { date 2025-11-01 }`) });
            assert.deepEqual(workspace.codesAmong('isms.isms', [code]), [code]);
            const ismsDocument = workspace.document('isms.isms');

            await workspace.edit({ [file]: lines(`${element}-1 { date 2025-11-01 }`, `${element}-2 { date 2026-10-01 }`) });
            assert.equal(workspace.document('isms.isms'), ismsDocument, 'isms.isms was not changed');
            assert.deepEqual(workspace.codesAmong('isms.isms', [code]), [], 'a recent one was added');

            await workspace.edit({ [file]: lines(`${element}-1 { date 2025-11-01 }`, `${element}-2 { date 2025-10-01 }`) });
            assert.deepEqual(workspace.codesAmong('isms.isms', [code]), [code], 'its date was changed');

            await workspace.edit({ [file]: lines(`${element}-2 { date 2026-10-01 }`) });
            assert.deepEqual(workspace.codesAmong('isms.isms', [code]), []);
            await workspace.edit({ [file]: null });
            assert.deepEqual(workspace.codesAmong('isms.isms', [code]), [code], 'the file was deleted');
        });
    }
});

// ---- property: any sequence of edits, some cancelling each other, ends where a fresh build does

const ROLE_NAMES = ['CISO', 'CEO', 'DPO', 'CTO'];
const ASSET_NAMES = ['CustomerDB', 'Laptops', 'Backups'];

interface ModelState {
    roles: Array<{ name: string, title: string }>;
    assets: Array<{ name: string, owner: string }>;
    riskOwners: [string, string];
    garbage: number | undefined;
    rolesDeleted: boolean;
}

function filesOf(state: ModelState): Record<string, string | null> {
    const roleText = state.roles.map(role => `role ${role.name} "${role.title}"\n`).join('');
    return {
        'roles.isms': state.rolesDeleted ? null
            : state.garbage === undefined ? roleText : roleText.slice(0, state.garbage) + ' } risk { ' + roleText.slice(state.garbage),
        'assets.isms': state.assets.map(asset => `asset ${asset.name} { owner ${asset.owner} }\n`).join(''),
        'risks/a.isms': risks(state.riskOwners[0]).replace('CustomerDB', state.assets[0]?.name ?? 'CustomerDB'),
        'risks/b.isms': `\n${risks(state.riskOwners[1]).replace('R-1', 'R-2').replace('CustomerDB', 'Laptops')}`
    };
}

type Step = (state: ModelState) => void;

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
    fc.tuple(fc.nat(), fc.string({ maxLength: 6 }).map(text => text.replace(/["\\\n\r]/g, ''))).map(([i, title]) => (state: ModelState) => {
        if (state.roles.length > 0) state.roles[i % state.roles.length].title = title;
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...ROLE_NAMES)).map(([i, name]) => (state: ModelState) => {
        state.roles.splice(i % (state.roles.length + 1), 0, { name, title: 'New' });
    }),
    fc.nat().map(i => (state: ModelState) => {
        if (state.roles.length > 0) state.roles.splice(i % state.roles.length, 1);
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...ROLE_NAMES)).map(([i, name]) => (state: ModelState) => {
        if (state.roles.length > 0) state.roles[i % state.roles.length].name = name;
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...ASSET_NAMES), fc.constantFrom(...ROLE_NAMES)).map(([i, name, owner]) => (state: ModelState) => {
        state.assets.splice(i % (state.assets.length + 1), 0, { name, owner });
    }),
    fc.tuple(fc.nat(1), fc.constantFrom(...ROLE_NAMES)).map(([i, owner]) => (state: ModelState) => {
        state.riskOwners[i] = owner;
    }),
    fc.option(fc.nat(80)).map(garbage => (state: ModelState) => {
        state.garbage = garbage ?? undefined;
    }),
    fc.boolean().map(deleted => (state: ModelState) => {
        state.rolesDeleted = deleted;
    })
);

/** A burst is a few steps sent while the previous ones are still building. */
const burstArbitrary = fc.array(fc.tuple(stepArbitrary, fc.nat(6)), { minLength: 1, maxLength: 4 });

function initialState(): ModelState {
    return {
        roles: [{ name: 'CISO', title: 'Security' }, { name: 'CEO', title: 'Executive' }],
        assets: [{ name: 'CustomerDB', owner: 'CISO' }, { name: 'Laptops', owner: 'CEO' }],
        riskOwners: ['CISO', 'CEO'],
        garbage: undefined,
        rolesDeleted: false
    };
}

function sortedDiagnostics(diagnostics: SimpleDiagnostic[]): string[] {
    return diagnostics.map(d => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).sort();
}

function userDocuments(workspace: ModelWorkspace): LangiumDocument[] {
    return workspace.services.shared.workspace.LangiumDocuments.all.filter(document => document.uri.scheme === 'file').toArray();
}

/** Each reference as `file refText → kind name`, and fails if one points into a replaced tree. */
function resolvedReferences(workspace: ModelWorkspace): string[] {
    const documents = workspace.services.shared.workspace.LangiumDocuments;
    const result: string[] = [];
    for (const document of userDocuments(workspace)) {
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const { reference } of AstUtils.streamReferences(node)) {
                const target = (reference as Reference).ref as (AstNode & { name?: string }) | undefined;
                if (target) {
                    const targetDocument = AstUtils.getDocument(target);
                    assert.equal(AstUtils.findRootNode(target), documents.getDocument(targetDocument.uri)?.parseResult.value,
                        `${document.uri.path}: '${reference.$refText}' points into a replaced syntax tree`);
                }
                result.push(`${document.uri.path} ${reference.$refText} → ${target ? `${target.$type} ${target.name}` : 'unresolved'}`);
            }
        }
    }
    return result.sort();
}

/** Find-references for every element declared once in the user's files. */
function referenceIndex(workspace: ModelWorkspace): string[] {
    const services = workspace.services;
    const declarations = services.shared.workspace.IndexManager.allElements().filter(description => description.documentUri.scheme === 'file').toArray();
    const counts = new Map<string, number>();
    declarations.forEach(description => counts.set(description.name, (counts.get(description.name) ?? 0) + 1));
    const result: string[] = [];
    for (const description of declarations) {
        if (counts.get(description.name) !== 1 || !description.node) continue;
        for (const reference of services.shared.workspace.IndexManager.findAllReferences(description.node, description.path)) {
            result.push(`${description.type} ${description.name} ← ${reference.sourceUri.path}:${reference.segment.range.start.line + 1}:${reference.segment.range.start.character + 1}`);
        }
    }
    return result.sort();
}

function withoutDeleted(files: Record<string, string | null>): Record<string, string> {
    return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== null));
}

describe('incremental build: property', function () {
    this.timeout(120_000);
    // Builds of these small models finish within Langium's 10 ms between yields; yielding at
    // every check lets the next edit cancel a build at any of its steps.
    before(() => setInterruptionPeriod(0));
    after(() => setInterruptionPeriod(10));

    it('any sequence of edits, some cancelling the build of the one before, ends where a fresh build of the same files does', async () => {
        await fc.assert(fc.asyncProperty(fc.array(burstArbitrary, { minLength: 1, maxLength: 6 }), async bursts => {
            const state = initialState();
            let files = filesOf(state);
            const workspace = await ModelWorkspace.create(withoutDeleted(files));
            for (const burst of bursts) {
                const edits = burst.map(([step]) => {
                    step(state);
                    const next = filesOf(state);
                    const changes = Object.fromEntries(Object.entries(next).filter(([name, text]) => text !== files[name]));
                    files = next;
                    return changes;
                });
                await workspace.editInBursts(edits, burst.map(([, ticks]) => ticks));
                const fresh = await ModelWorkspace.create(withoutDeleted(filesOf(state)));
                assert.deepEqual(sortedDiagnostics(workspace.diagnostics(undefined, true)), sortedDiagnostics(fresh.diagnostics(undefined, true)));
                assert.deepEqual(resolvedReferences(workspace), resolvedReferences(fresh));
                assert.deepEqual(referenceIndex(workspace), referenceIndex(fresh));
            }
        }), { seed: 20261123, numRuns: 120 });
    });
});
