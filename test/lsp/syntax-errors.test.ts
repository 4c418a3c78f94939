import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LspClient } from '../helpers/lsp-client.js';
import { temporaryWorkspace } from '../helpers/project.js';

const files = {
    'isms.isms': 'isms "Acme" {\n    scope { description "All" }\n}\n',
    'roles.isms': 'role CISO\n',
    // Not scored yet: raises risk-unscored while it parses.
    'risks.isms': 'risk R-1 "Leak" {\n    impact 2  owner CISO\n    treatment avoid { because "Service retired" }\n}\n'
};

describe('syntax errors through the language server', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;

    before(async () => {
        workspace = temporaryWorkspace(files);
        ({ client } = await LspClient.start(workspace.dir, { isms: { today: '2026-06-01' } }));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('a misplaced property while typing: the syntax error names what a risk takes, and the risk raises nothing else until it parses', async () => {
        const risks = await client.open(path.join(workspace.dir, 'risks.isms'), files['risks.isms']);
        const codes = async (accept: (codes: string[]) => boolean) =>
            (await client.waitForDiagnostics(risks, d => accept(d.map(diagnostic => String(diagnostic.code))))).map(diagnostic => String(diagnostic.code));
        assert.deepEqual(await codes(found => found.length > 0), ['risk-unscored']);
        await client.change(risks, files['risks.isms'].replace('owner CISO', 'owner CISO  contract "MSA"'));
        const diagnostics = await client.waitForDiagnostics(risks, d => d.some(diagnostic => diagnostic.code === 'syntax-error'));
        assert.deepEqual(diagnostics.map(d => [d.code, d.range, d.message]), [[
            'syntax-error',
            { start: { line: 1, character: 26 }, end: { line: 1, character: 34 } },
            '`contract` is not a property of a risk; a risk takes assets, threat, vulnerability, likelihood, impact, owner, treatment, reviewed, stated-score, stated-level or description. `contract` belongs to a supplier.'
        ]]);
        await client.change(risks, files['risks.isms']);
        assert.deepEqual(await codes(found => !found.includes('syntax-error')), ['risk-unscored']);
    });
});
