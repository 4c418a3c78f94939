import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { temporaryWorkspace } from '../helpers/project.js';

describe('language server resilience', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;

    before(async () => {
        workspace = temporaryWorkspace({ 'roles.isms': 'role CISO "Chief Information Security Officer"\n', 'risk.isms': 'risk R-1 "Leak" { owner CISO }\n' });
        fs.writeFileSync(path.join(workspace.dir, 'image.isms'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff, 0xfe]));
        ({ client } = await LspClient.start(workspace.dir));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('reports a file it cannot read once, and loads the rest of the model', async () => {
        const message = await client.waitForMessage(/could not be read/);
        assert.match(message, /image\.isms \(binary content, not a text file\)/);
        const diagnostics = await client.waitForDiagnostics(client.fileUri(path.join(workspace.dir, 'risk.isms')), d => d.length > 0);
        assert.ok(diagnostics.every(d => d.code !== 'unresolved-reference'), 'CISO resolves across the readable files');
    });

    it('answers a failing request with an error and keeps answering', async () => {
        await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'isms.server.generateReport', arguments: [{ kind: 'nonsense' }] }));
        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: client.fileUri(path.join(workspace.dir, 'roles.isms')) }, position: { line: 0, character: 6 }
        }) as Hover;
        assert.match((hover.contents as MarkupContent).value, /Chief Information Security Officer/);
    });
});
