import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { largeRoleDeclarations, temporaryWorkspace } from '../helpers/project.js';

const MODEL = {
    'roles.isms': 'role CISO "Chief Information Security Officer"\n',
    'assets.isms': 'asset CustomerDB "Customer database" { owner CISO }\n'
};

const FIFTY_MB = 50 * 1024 * 1024;

describe('the server with files over the size limit', function () {
    this.timeout(180000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;

    before(async () => {
        workspace = temporaryWorkspace(MODEL);
        fs.writeFileSync(path.join(workspace.dir, 'huge-on-disk.isms'), largeRoleDeclarations(FIFTY_MB));
        ({ client } = await LspClient.start(workspace.dir, { isms: { today: '2026-11-23' } }));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    const hoverOwner = async () => {
        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: client.fileUri(path.join(workspace.dir, 'assets.isms')) }, position: { line: 0, character: MODEL['assets.isms'].indexOf('CISO') + 1 }
        }) as Hover | null;
        return (hover?.contents as MarkupContent | undefined)?.value ?? '';
    };

    it('publishes file-too-large for a 50 MB file on disk and keeps answering', async () => {
        const uri = client.fileUri(path.join(workspace.dir, 'huge-on-disk.isms'));
        const diagnostics = await client.waitForDiagnostics(uri, found => found.length > 0, 120000);
        assert.deepEqual(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character]), [['file-too-large', 0, 0]]);
        assert.match(String(diagnostics[0].message), /^This file is 50(\.\d)? MB, over the 8 MB limit/);
        assert.match(await hoverOwner(), /Chief Information Security Officer/);
    });

    it('publishes file-too-large for a 50 MB text the editor opens, and keeps answering', async () => {
        const uri = await client.open(path.join(workspace.dir, 'huge-unsaved.isms'), largeRoleDeclarations(FIFTY_MB));
        const diagnostics = await client.waitForDiagnostics(uri, found => found.length > 0, 120000);
        assert.deepEqual(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character]), [['file-too-large', 0, 0]]);
        assert.match(await hoverOwner(), /Chief Information Security Officer/);
        const onLargeFile = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 6 } });
        assert.equal(onLargeFile, null);
    });

    it('parses the text again once an edit brings it under the limit', async () => {
        const uri = await client.open(path.join(workspace.dir, 'shrinking.isms'), `role Big "${'x'.repeat(9 * 1024 * 1024)}"\n`);
        await client.waitForDiagnostics(uri, found => found.some(d => d.code === 'file-too-large'), 120000);
        await client.change(uri, 'asset Small "Small" { owner Nobody }\n');
        const diagnostics = await client.waitForDiagnostics(uri, found => !found.some(d => d.code === 'file-too-large'), 60000);
        assert.ok(diagnostics.some(d => d.code === 'unresolved-reference' && String(d.message).includes('Nobody')), JSON.stringify(diagnostics));
    });
});
