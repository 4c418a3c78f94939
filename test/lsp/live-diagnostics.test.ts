import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { temporaryWorkspace } from '../helpers/project.js';

const files = {
    'isms.isms': 'isms "Acme" {\n    framework Mini\n    climate relevant\n    scope { description "All" }\n}\n',
    'framework.isms': 'framework Mini {\n    control M-1 "First"\n    control M-2 "Second"\n}\n',
    'roles.isms': 'role CISO\n',
    'assets.isms': 'asset DB { owner CISO }\n',
    'risks.isms': 'risk R-1 "Leak" {\n    assets DB  likelihood 2 impact 2  owner CISO  reviewed 2026-01-10\n    treatment mitigate { controls M-1, M-2 }\n}\n',
    'soa.isms': 'apply M-1 { status implemented }\n'
};

const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code)).sort();

describe('live diagnostics through the language server', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;
    const uri = (name: string) => client.fileUri(path.join(workspace.dir, name));

    before(async () => {
        workspace = temporaryWorkspace(files);
        // The editor's settings: a fixed "today" and one severity changed.
        ({ client } = await LspClient.start(workspace.dir, { isms: { today: '2026-06-01', diagnostics: { severity: { 'review-overdue': 'error' } } } }));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('starts complete and clean', async () => {
        for (const name of Object.keys(files)) {
            assert.deepEqual(codes(await client.waitForDiagnostics(uri(name), () => true)), [], name);
        }
    });

    it('errors a risk in risks.isms as soon as soa.isms excludes a control it uses, and clears it again', async () => {
        const soa = await client.open(path.join(workspace.dir, 'soa.isms'), files['soa.isms']);
        await client.change(soa, 'apply M-1 { status implemented }\nexclude M-2 because "Not needed"\n');
        const errors = await client.waitForDiagnostics(uri('risks.isms'), d => d.length > 0);
        assert.deepEqual(codes(errors), ['excluded-control-used']);
        assert.deepEqual(errors[0].range, { start: { line: 2, character: 39 }, end: { line: 2, character: 42 } });
        await client.change(soa, files['soa.isms']);
        assert.deepEqual(await client.waitForDiagnostics(uri('risks.isms'), d => d.length === 0), []);
    });

    it('reports undecided controls on the isms block when the last decision goes, and clears them when it comes back', async () => {
        const risks = await client.open(path.join(workspace.dir, 'risks.isms'), files['risks.isms']);
        await client.change(risks, files['risks.isms'].replace('M-1, M-2', 'M-1'));
        const undecided = await client.waitForDiagnostics(uri('isms.isms'), d => d.length > 0);
        assert.deepEqual(codes(undecided), ['control-undecided']);
        assert.match(String(undecided[0].message), /M-2 "Second" has no SoA decision/);
        await client.change(risks, files['risks.isms']);
        assert.deepEqual(await client.waitForDiagnostics(uri('isms.isms'), d => d.length === 0), []);
    });

    it('applies the editor\'s settings, and follows when they change', async () => {
        await client.changeSettings({ isms: { today: '2027-03-01', diagnostics: { severity: { 'review-overdue': 'error' } } } });
        const overdue = await client.waitForDiagnostics(uri('risks.isms'), d => d.length > 0);
        assert.deepEqual(overdue.map(d => [d.code, d.severity]), [['review-overdue', 1]]);
        await client.changeSettings({ isms: { today: '2027-03-01', diagnostics: { severity: { 'review-overdue': 'off' } } } });
        assert.deepEqual(await client.waitForDiagnostics(uri('risks.isms'), d => d.length === 0), []);
    });
});
