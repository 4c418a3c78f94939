import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { temporaryWorkspace } from '../helpers/project.js';

const MODEL = {
    'isms.json': '{ "exclude": ["drafts/**"] }\n',
    'model/assets.isms': 'role CISO\nasset CustomerDB "Customer database" { owner Drafter }\n',
    'drafts/roles.isms': 'role Drafter "Declared only in a draft"\n'
};

const unresolvedDrafter = (diagnostics: Diagnostic[]) =>
    diagnostics.some(diagnostic => diagnostic.code === 'unresolved-reference' && /Drafter/.test(String(diagnostic.message)));

describe('the server and the project file isms.json', function () {
    this.timeout(120000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;

    before(async () => {
        workspace = temporaryWorkspace(MODEL);
        ({ client } = await LspClient.start(workspace.dir, { isms: { today: '2026-11-23' } }));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    const assets = () => client.fileUri(path.join(workspace.dir, 'model', 'assets.isms'));
    const projectFile = () => client.fileUri(path.join(workspace.dir, 'isms.json'));

    /** Writes isms.json and tells the server, as the editor's file watcher does. */
    const writeProjectFile = async (text: string) => {
        fs.writeFileSync(path.join(workspace.dir, 'isms.json'), text);
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: projectFile(), type: FileChangeType.Changed }] });
    };

    it('leaves out at start-up what the project file excludes', async () => {
        await client.waitForDiagnostics(assets(), unresolvedDrafter);
    });

    it('takes the files in when a change of the project file includes them', async () => {
        await writeProjectFile('{}\n');
        await client.waitForDiagnostics(assets(), diagnostics => !unresolvedDrafter(diagnostics));
    });

    it('shows the problems of a bad project file at their place and in a message', async () => {
        await writeProjectFile('{\n  "exclude": "drafts"\n}\n');
        const problems = await client.waitForDiagnostics(projectFile(), diagnostics => diagnostics.length > 0);
        assert.deepEqual(problems.map(problem => [problem.range.start.line, problem.range.start.character, problem.message]), [[1, 13, 'exclude: expected array']]);
        assert.match(await client.waitForMessage(/isms\.json/), /^ISMS: isms\.json:2:14: exclude: expected array\. The project file is ignored until it is fixed/);
    });

    it('leaves the files out again when the fixed file excludes them, and clears its problems', async () => {
        await writeProjectFile('{ "exclude": ["drafts"] }\n');
        await client.waitForDiagnostics(projectFile(), diagnostics => diagnostics.length === 0);
        await client.waitForDiagnostics(assets(), unresolvedDrafter);
    });
});
