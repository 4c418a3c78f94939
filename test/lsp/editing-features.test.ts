import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol/node';
import {
    CodeLensRequest, CompletionRequest, DocumentFormattingRequest, DocumentSymbolRequest, HoverRequest, InlayHintRequest,
    PrepareRenameRequest, RenameRequest, SemanticTokensRequest, SelectionRangeRequest
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';
import { temporaryWorkspace } from '../helpers/project.js';

const files = {
    'methodology.isms': 'methodology M {\n    likelihood 1 "Rare" 2 "Unlikely" 3 "Possible" 4 "Likely" 5 "Almost certain"\n    impact 1 "Negligible" 2 "Minor" 3 "Moderate" 4 "Major" 5 "Severe"\n    levels { low 1..4 medium 5..9 high 10..16 critical 17..25 }\n    appetite 9\n}\n',
    'roles.isms': 'role CISO "Chief Information Security Officer"\n',
    'risks.isms': 'risk R-001 "Ransomware" {\n    likelihood 4 impact 5\n    owner CISO\n    treatment mitigate {\n        controls A.8.13\n        residual likelihood 2 impact 4\n    }\n}\n',
    'messy.isms': 'role   CEO    "Chief Executive Officer"   {person "Ann"}\n'
};

describe('editing features through the language server', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;
    const uri = (name: string) => client.fileUri(path.join(workspace.dir, name));
    const doc = (name: string) => ({ textDocument: { uri: uri(name) } });

    before(async () => {
        workspace = temporaryWorkspace(files);
        let capabilities;
        ({ client, initialize: { capabilities } } = await LspClient.start(workspace.dir));
        for (const capability of ['hoverProvider', 'completionProvider', 'renameProvider', 'documentSymbolProvider', 'documentFormattingProvider',
            'semanticTokensProvider', 'codeLensProvider', 'inlayHintProvider', 'selectionRangeProvider', 'documentLinkProvider', 'codeActionProvider'] as const) {
            assert.ok(capabilities[capability], capability);
        }
        await client.waitForDiagnostics(uri('risks.isms'), () => true);
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('hovers a risk with its scores', async () => {
        const hover = await client.connection.sendRequest(HoverRequest.type, { ...doc('risks.isms'), position: { line: 0, character: 7 } }) as Hover;
        assert.match((hover.contents as MarkupContent).value, /Likely \(4\) × Severe \(5\) = 20, critical/);
    });

    it('completes control ids with their titles', async () => {
        const result = await client.connection.sendRequest(CompletionRequest.type, { ...doc('risks.isms'), position: { line: 4, character: 24 } }) as CompletionList | CompletionItem[];
        const items = Array.isArray(result) ? result : result.items;
        const backup = items.find(item => item.label === 'A.8.13');
        assert.equal(backup?.detail, 'Information backup');
    });

    it('renames a role across files and refuses to rename a catalog control', async () => {
        const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { ...doc('roles.isms'), position: { line: 0, character: 6 } });
        assert.ok(prepared);
        const edit = await client.connection.sendRequest(RenameRequest.type, { ...doc('roles.isms'), position: { line: 0, character: 6 }, newName: 'SecurityLead' });
        assert.deepEqual(Object.keys(edit?.changes ?? {}).sort(), [uri('risks.isms'), uri('roles.isms')].sort());
        await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { ...doc('risks.isms'), position: { line: 4, character: 19 } }), /cannot be renamed/);
    });

    it('outlines, folds and selects', async () => {
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, doc('risks.isms')) as DocumentSymbol[];
        assert.equal(symbols[0].name, 'Risks and opportunities');
        assert.equal(symbols[0].children?.[0].name, 'R-001');
        const [selection] = await client.connection.sendRequest(SelectionRangeRequest.type, { ...doc('risks.isms'), positions: [{ line: 4, character: 19 }] }) ?? [];
        assert.deepEqual(selection.range, { start: { line: 4, character: 17 }, end: { line: 4, character: 23 } });
        assert.ok(selection.parent);
    });

    it('shows code lenses, inlay hints and semantic tokens', async () => {
        const lenses = await client.connection.sendRequest(CodeLensRequest.type, doc('risks.isms'));
        assert.match(lenses?.[0].command?.title ?? '', /inherent 20 critical → residual 8 medium/);
        const hints = await client.connection.sendRequest(InlayHintRequest.type, { ...doc('risks.isms'), range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } }) as InlayHint[];
        assert.deepEqual(hints.map(hint => hint.label), ['= 20 critical', '= 8 medium']);
        const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, doc('risks.isms'));
        assert.ok(tokens && tokens.data.length > 0 && tokens.data.length % 5 === 0);
    });

    it('formats a document', async () => {
        const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { ...doc('messy.isms'), options: { tabSize: 4, insertSpaces: true } });
        assert.ok(edits && edits.length > 0, 'the messy file gets edits');
    });
});
