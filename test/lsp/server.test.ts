import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol/node';
import { DefinitionRequest, ReferencesRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { temporaryWorkspace } from '../helpers/project.js';

const files = {
    'roles.isms': 'role CISO "Chief Information Security Officer"\nrole CEO\n',
    'assets.isms': 'asset CustomerDB "Customer database" { owner CISO }\n',
    'risks/ransomware.isms': 'risk R-001 "Ransomware" {\n    assets CustomerDB\n    owner CISO\n    treatment mitigate { controls A.8.13 }\n    likelihood 2 impact 2\n}\n',
    'broken.isms': 'risk R-002 "Broken" {\n    owner Nobody\n}\n'
};

describe('language server over stdio', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;

    before(async () => {
        workspace = temporaryWorkspace(files);
        const started = await LspClient.start(workspace.dir);
        client = started.client;
        const capabilities = started.initialize.capabilities;
        assert.ok(capabilities.definitionProvider, 'definition');
        assert.ok(capabilities.referencesProvider, 'references');
        assert.ok(capabilities.hoverProvider, 'hover');
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('publishes diagnostics for files that were never opened', async () => {
        const uri = client.fileUri(path.join(workspace.dir, 'broken.isms'));
        const diagnostics = await client.waitForDiagnostics(uri, d => d.length > 0);
        const unresolved = diagnostics.filter(d => d.code === 'unresolved-reference');
        assert.equal(unresolved.length, 1);
        assert.deepEqual(unresolved[0].range.start, { line: 1, character: 10 });
        assert.match(String(unresolved[0].message), /Unknown role 'Nobody'/);
        const clean = client.fileUri(path.join(workspace.dir, 'risks/ransomware.isms'));
        assert.deepEqual((await client.waitForDiagnostics(clean, () => true)).filter(d => d.code !== 'isms-missing'), []);
    });

    it('updates diagnostics when an opened document changes', async () => {
        const uri = await client.open(path.join(workspace.dir, 'broken.isms'), 'risk R-002 "Fixed" {\n    owner CEO\n}\n');
        const diagnostics = await client.waitForDiagnostics(uri, d => d.every(x => x.code !== 'unresolved-reference'));
        assert.deepEqual(diagnostics.filter(d => d.code === 'unresolved-reference'), []);
    });

    it('goes to the definition of a role in another file', async () => {
        const uri = client.fileUri(path.join(workspace.dir, 'risks/ransomware.isms'));
        const result = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 2, character: 12 } });
        const locations = toLocations(result);
        assert.equal(locations.length, 1);
        assert.equal(locations[0].uri, client.fileUri(path.join(workspace.dir, 'roles.isms')));
        assert.equal(locations[0].range.start.line, 0);
    });

    it('goes to the definition of a control in the read-only built-in catalog, whose text the server serves', async () => {
        const uri = client.fileUri(path.join(workspace.dir, 'risks/ransomware.isms'));
        const result = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 3, character: 36 } });
        const [location] = toLocations(result);
        assert.ok(location, 'a location');
        assert.match(location.uri, /^isms-builtin:/);
        const content = await client.connection.sendRequest('workspace/textDocumentContent', { uri: location.uri }) as { text: string };
        const line = content.text.split('\n')[location.range.start.line];
        assert.match(line, /control A\.8\.13 "Information backup"/);
    });

    it('finds references to a role across files', async () => {
        const uri = client.fileUri(path.join(workspace.dir, 'roles.isms'));
        const references = await client.connection.sendRequest(ReferencesRequest.type, {
            textDocument: { uri }, position: { line: 0, character: 6 }, context: { includeDeclaration: false }
        });
        const files = (references ?? []).map(r => path.relative(workspace.dir, new URL(r.uri).pathname)).sort();
        assert.deepEqual(files, ['assets.isms', 'risks/ransomware.isms']);
    });
});

function toLocations(result: unknown): Location[] {
    if (!result) return [];
    const items = Array.isArray(result) ? result : [result];
    return items.map(item => 'targetUri' in item ? { uri: item.targetUri, range: item.targetSelectionRange } : item);
}
