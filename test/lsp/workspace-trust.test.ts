import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { GenerateReportResult } from '../../language/lsp/server-commands.js';
import { LspClient } from '../helpers/lsp-client.js';
import { ACME_EXAMPLE, copyOfFolder } from '../helpers/project.js';

// An untrusted workspace (VS Code's Restricted Mode: the extension sends `trusted: false`) is
// checked and navigated as usual, but the server writes no file into it and reads none of its
// git metadata.

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const RISKS = path.join('risks', 'people-and-endpoints.isms');
const LONG_AGO = new Date('2001-01-01T00:00:00Z');

describe('workspace trust (server over stdio)', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof copyOfFolder>;
    let gitFiles: string[];

    /** Whether any git file was read since its access time was set long ago (the file system records reads: see `before`). */
    const gitRead = () => gitFiles.some(file => fs.statSync(file).atimeMs > LONG_AGO.getTime());
    const generate = (client: LspClient) => client.connection.sendRequest(ExecuteCommandRequest.type,
        { command: 'isms.server.generateReport', arguments: [{ kind: 'soa', format: 'md', folder: 'reports' }] }) as Promise<GenerateReportResult>;

    before(function () {
        workspace = copyOfFolder(ACME_EXAMPLE);
        const file = path.join(workspace.dir, RISKS);
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('owner CISO', 'owner Nobody'));
        const git = path.join(workspace.dir, '.git');
        fs.mkdirSync(path.join(git, 'refs', 'heads'), { recursive: true });
        fs.writeFileSync(path.join(git, 'HEAD'), 'ref: refs/heads/main\n');
        fs.writeFileSync(path.join(git, 'refs', 'heads', 'main'), `${COMMIT}\n`);
        gitFiles = [path.join(git, 'HEAD'), path.join(git, 'refs', 'heads', 'main')];
        // An access time older than the modification time is updated by the next read, also
        // under `relatime`; where reads are not recorded (`noatime`), that part cannot be shown.
        for (const gitFile of gitFiles) fs.utimesSync(gitFile, LONG_AGO, new Date());
        fs.readFileSync(gitFiles[0]);
        if (!gitRead()) this.skip();
        for (const gitFile of gitFiles) fs.utimesSync(gitFile, LONG_AGO, new Date());
    });

    after(() => workspace?.dispose());

    it('checks and hovers, but refuses to write a report and reads no git metadata, while untrusted', async () => {
        const { client } = await LspClient.start(workspace.dir, { isms: { today: '2026-11-23' } }, { initializationOptions: { trusted: false } });
        try {
            const uri = client.fileUri(path.join(workspace.dir, RISKS));
            const diagnostics = await client.waitForDiagnostics(uri, found => found.some(d => d.code === 'unresolved-reference'));
            assert.match(String(diagnostics.find(d => d.code === 'unresolved-reference')!.message), /Nobody/);
            const text = fs.readFileSync(path.join(workspace.dir, RISKS), 'utf8');
            const line = text.split('\n').findIndex(l => l.includes('risk R-016'));
            const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 6 } });
            assert.match(JSON.stringify(hover?.contents), /Phishing captures a Google Workspace password/);

            await assert.rejects(generate(client), /not trusted \(Restricted Mode\): ISMS does not write reports/);
            assert.ok(!fs.existsSync(path.join(workspace.dir, 'reports')), 'no reports folder');
            assert.ok(!fs.existsSync(path.join(workspace.dir, '.isms-reports.json')), 'no record of reports');
            assert.ok(!gitRead(), 'the git metadata was not read');
        } finally {
            await client.stop();
        }
    });

    it('writes the report with the commit once trusted (and editors that say nothing are trusted)', async () => {
        const { client } = await LspClient.start(workspace.dir, { isms: { today: '2026-11-23' } });
        try {
            const result = await generate(client);
            assert.match(fs.readFileSync(result.path, 'utf8'), new RegExp(COMMIT));
            assert.ok(gitRead(), 'the same probe sees the commit being read');
        } finally {
            await client.stop();
        }
    });
});
