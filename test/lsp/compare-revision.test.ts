import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { CodeLensRequest, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { modelDiffSchema } from '../../language/history/model-diff-schema.js';
import type { CompareWithRevisionResult, RevisionChoice } from '../../language/lsp/server-commands.js';
import { LspClient } from '../helpers/lsp-client.js';
import { GitFixture } from '../helpers/git-fixture.js';
import { temporaryWorkspace } from '../helpers/project.js';

// "Compare with Revision…" and the "since the last audit" lenses, on a real git repository:
// the model is written before the audit of 2026-03-10, the audit is recorded after it, and
// then R-1 becomes more likely and R-3 is added.

const TODAY = '2026-11-23';

const MODEL = `isms "History ISMS" { organization "Acme Ltd" scope { description "All" } }
role CISO "Chief Information Security Officer"
asset Laptops "Staff laptops" { owner CISO }
threat Theft "Theft"
`;

const RISKS_AT_AUDIT = `risk R-1 "Laptop stolen" { assets Laptops threat Theft likelihood 3 impact 4 owner CISO }
risk R-2 "Laptop lost" { assets Laptops threat Theft likelihood 2 impact 2 owner CISO }
`;

const RISKS_NOW = `risk R-1 "Laptop stolen" { assets Laptops threat Theft likelihood 4 impact 4 owner CISO }
risk R-2 "Laptop lost" { assets Laptops threat Theft likelihood 2 impact 2 owner CISO }
risk R-3 "Laptop left unlocked" { assets Laptops threat Theft likelihood 1 impact 3 owner CISO }
`;

const RECORDS = `audit IA-2026 "Internal audit 2026" { date 2026-03-10 auditor "Northwind Assurance" }
`;

/** The 0-based line of the risk's declaration. */
function lineOf(text: string, id: string): number {
    return text.split('\n').findIndex(line => line.startsWith(`risk ${id} `));
}

describe('compare with a revision and the "since the last audit" lenses (server over stdio)', function () {
    this.timeout(120000);

    let repository: GitFixture;
    let atAudit: string;
    let recorded: string;
    let latest: string;

    const execute = <T>(client: LspClient, command: string, args: unknown[] = []) =>
        client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

    before(() => {
        repository = new GitFixture().write({ 'model.isms': MODEL, 'risks.isms': RISKS_AT_AUDIT });
        atAudit = repository.commit('The first model', '2026-02-01');
        repository.git('tag', 'baseline-2026');
        recorded = repository.write({ 'records.isms': RECORDS }).commit('Record the internal audit', '2026-03-20');
        latest = repository.write({ 'risks.isms': RISKS_NOW }).commit('R-1 is more likely; R-3', '2026-04-15');
    });

    after(() => repository?.dispose());

    describe('in a trusted workspace', () => {
        let client: LspClient;

        before(async () => {
            ({ client } = await LspClient.start(repository.dir, { isms: { today: TODAY } }));
        });

        after(async () => {
            await client?.stop();
        });

        it('lists the commit of the last audit first, then branches, tags and recent commits', async () => {
            const revisions = await execute<RevisionChoice[]>(client, 'isms.server.revisions');
            assert.deepEqual(revisions[0], {
                kind: 'audit', revision: atAudit, label: 'Last audit IA-2026 (2026-03-10)',
                commit: { id: atAudit, date: '2026-02-01', subject: 'The first model' }
            });
            const rest = revisions.slice(1);
            assert.deepEqual(rest.filter(r => r.kind !== 'commit').map(r => [r.kind, r.revision]).sort(), [['branch', 'main'], ['tag', 'baseline-2026']]);
            assert.equal(rest.find(r => r.revision === 'main')!.commit.id, latest);
            assert.equal(rest.find(r => r.revision === 'baseline-2026')!.commit.id, atAudit);
            const commits = rest.filter(r => r.kind === 'commit');
            assert.deepEqual(commits.map(r => r.revision), [latest, recorded, atAudit], 'newest first');
            assert.deepEqual(commits.map(r => r.label), [latest, recorded, atAudit].map(id => id.slice(0, 12)));
            assert.ok(rest.findIndex(r => r.kind === 'commit') > rest.findLastIndex(r => r.kind !== 'commit'), 'commits after branches and tags');
        });

        it('compares the audit\'s commit with the working tree: the diff, and its page with rows that lead to the risks', async () => {
            const result = await execute<CompareWithRevisionResult>(client, 'isms.server.compareWithRevision', [{ revision: atAudit }]);
            const diff = modelDiffSchema.parse(result.diff);
            assert.equal(diff.from.commit?.id, atAudit);
            assert.equal(diff.to.label, 'working tree');
            assert.equal(diff.date, TODAY);
            assert.deepEqual(diff.risks.changed.map(risk => [risk.id, risk.residual?.from?.score, risk.residual?.to?.score, risk.residual?.direction]),
                [['R-1', 12, 16, 'up']]);
            assert.deepEqual(diff.risks.changed[0].location, { file: 'risks.isms', line: lineOf(RISKS_NOW, 'R-1') + 1 });
            assert.deepEqual(diff.risks.added.map(risk => risk.id), ['R-3']);
            assert.deepEqual(diff.risks.removed, []);
            assert.equal(result.base, pathToFileURL(fs.realpathSync(repository.dir)).toString());

            assert.match(result.html, /^<!DOCTYPE html>/);
            assert.match(result.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
            assert.ok(result.html.includes(`<tr data-file="risks.isms" data-line="${lineOf(RISKS_NOW, 'R-1') + 1}">`), 'the changed risk\'s row');
            assert.ok(result.html.includes(`<tr data-file="risks.isms" data-line="${lineOf(RISKS_NOW, 'R-3') + 1}">`), 'the added risk\'s row');
            assert.match(result.html, /12 high → 16 high/);
        });

        it('takes a typed revision, and says plainly when it names nothing', async () => {
            const result = await execute<CompareWithRevisionResult>(client, 'isms.server.compareWithRevision', [{ revision: 'HEAD~1' }]);
            assert.equal(result.diff.from.commit?.id, recorded);
            assert.deepEqual(result.diff.risks.changed.map(risk => risk.id), ['R-1']);

            const refused = await execute(client, 'isms.server.compareWithRevision', [{ revision: 'no-such-branch' }]).then(() => undefined, (error: Error) => error);
            assert.ok(refused, 'an unknown revision is refused');
            assert.match(refused.message, /^ISMS cannot compare with a revision: no-such-branch: no such revision in /);
            assert.doesNotMatch(refused.message, /\n\s+at /, 'no stack trace');
            await assert.rejects(execute(client, 'isms.server.compareWithRevision', [{}]), /Expected one argument \{ "revision"/);
            await assert.rejects(execute(client, 'isms.server.compareWithRevision', [{ revision: '--output=/tmp/x' }]), /is not a revision/);
        });
    });

    it('shows "12 → 16 since IA-2026" above a risk once the model at the audit has been read, and asks the editor to refresh', async () => {
        const { client: lensClient } = await LspClient.start(repository.dir, { isms: { today: TODAY } }, { codeLensRefresh: true });
        try {
            const file = path.join(repository.dir, 'risks.isms');
            const uri = pathToFileURL(file).toString();
            await lensClient.waitForDiagnostics(uri, () => true);
            const seen = lensClient.codeLensRefreshes;
            // The first request starts reading the audit's commit in the background; it does not wait for it.
            await lensClient.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
            await lensClient.waitForCodeLensRefresh(seen);
            const lenses = await lensClient.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) ?? [];
            const since = lenses.filter(lens => /since IA-2026/.test(lens.command?.title ?? ''));
            assert.deepEqual(since.map(lens => [lens.range.start.line, lens.command!.title]), [
                [lineOf(RISKS_NOW, 'R-1'), '12 → 16 since IA-2026'],
                [lineOf(RISKS_NOW, 'R-3'), 'new since IA-2026']
            ], 'R-2 has not changed and has no such lens');
            assert.equal(since[0].command!.command, 'isms.compareWithRevision');
            assert.deepEqual(since[0].command!.arguments, [{ revision: atAudit, label: 'Last audit IA-2026 (2026-03-10)' }]);
            assert.ok(lenses.some((lens: CodeLens) => /^inherent 16 high/.test(lens.command?.title ?? '')), 'the usual lens is still there');
        } finally {
            await lensClient.stop();
        }
    });

    it('refuses both commands in an untrusted workspace (Restricted Mode)', async () => {
        const { client } = await LspClient.start(repository.dir, { isms: { today: TODAY } }, { initializationOptions: { trusted: false } });
        try {
            for (const [command, args] of [['isms.server.revisions', []], ['isms.server.compareWithRevision', [{ revision: 'HEAD' }]]] as const) {
                await assert.rejects(execute(client, command, [...args]), /not trusted \(Restricted Mode\): ISMS does not read the git history in it/, command);
            }
        } finally {
            await client.stop();
        }
    });

    it('says so when the folder is not in a git repository', async () => {
        const plain = temporaryWorkspace({ 'model.isms': MODEL, 'risks.isms': RISKS_NOW });
        // Also where the temporary folder is itself inside a repository: git looks no further up.
        const saved = process.env.GIT_CEILING_DIRECTORIES;
        process.env.GIT_CEILING_DIRECTORIES = path.dirname(fs.realpathSync(plain.dir));
        let client: LspClient;
        try {
            ({ client } = await LspClient.start(plain.dir, { isms: { today: TODAY } }));
        } finally {
            if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
            else process.env.GIT_CEILING_DIRECTORIES = saved;
        }
        try {
            for (const [command, args] of [['isms.server.revisions', []], ['isms.server.compareWithRevision', [{ revision: 'HEAD' }]]] as const) {
                const error = await execute(client, command, [...args]).then(() => undefined, (e: Error) => e);
                assert.match(error?.message ?? '', /^ISMS cannot compare with a revision: the folder .* is not in a git repository, so it has no revisions to compare with\.$/, command);
            }
        } finally {
            await client.stop();
            plain.dispose();
        }
    });

    it('says so when git is not installed', async () => {
        const saved = process.env.PATH;
        // The server is started by its absolute path and finds no git on an empty PATH.
        process.env.PATH = '';
        let client: LspClient;
        try {
            ({ client } = await LspClient.start(repository.dir, { isms: { today: TODAY } }));
        } finally {
            process.env.PATH = saved;
        }
        try {
            const error = await execute(client, 'isms.server.revisions').then(() => undefined, (e: Error) => e);
            assert.equal(error?.message, 'ISMS cannot compare with a revision: git is not installed (it is needed to read earlier revisions).');
        } finally {
            await client.stop();
        }
    });
});
