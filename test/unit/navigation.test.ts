import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeLens, DocumentSymbol, InlayHint } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { selectionRanges } from '../../language/lsp/selection-ranges.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const SAMPLE_PART2 = new URL('../../../test/fixtures/language-sample-part2.isms', import.meta.url);

const files = {
    'methodology.isms': 'methodology M {\n    likelihood 1 "Rare" 2 "Unlikely" 3 "Possible" 4 "Likely" 5 "Almost certain"\n    impact 1 "Negligible" 2 "Minor" 3 "Moderate" 4 "Major" 5 "Severe"\n    levels { low 1..4 medium 5..9 high 10..16 critical 17..25 }\n    appetite 9\n}\n',
    'roles.isms': 'role CISO "Chief Information Security Officer"\n',
    'assets.isms': 'asset DB "Database" { owner CISO }\n',
    'risks.isms': 'risk R-001 "Ransomware" {\n    assets DB\n    likelihood 4 impact 5\n    owner CISO\n    treatment mitigate {\n        controls A.8.13, A.8.7\n        residual likelihood 2 impact 4\n    }\n}\n\nrisk R-002 "Theft" {\n    likelihood 3 impact 4\n    treatment mitigate { controls A.8.13 }\n}\n',
    'soa.isms': 'apply A.8.13 { status implemented }\nexclude A.7.4 because "Remote"\n',
    'incidents.isms': 'incident INC-1 "Encrypted share" { risks R-001 }\n',
    'policies.isms': 'policy P "Policy" { document "policies/p.md" }\napply A.5.1 { evidence "Wiki" at "https://wiki.example/isms" }\n',
    'outside.isms': 'policy P2 "Up" { document "../../etc/passwd" }\npolicy P4 "Down and up" { document "policies/../../secret.md" }\n'
};

function positionOf(workspace: ModelWorkspace, file: string, marker: string, delta = 0) {
    const document = workspace.document(file);
    const offset = document.textDocument.getText().indexOf(marker);
    assert.ok(offset >= 0, `${marker} in ${file}`);
    return document.textDocument.positionAt(offset + delta);
}

describe('editing features through the language services', () => {

    let workspace: ModelWorkspace;
    before(async () => { workspace = await ModelWorkspace.create(files); });

    it('shows inherent → residual lenses above risks and the risks treated above decisions', async () => {
        const lsp = workspace.services.lsp;
        const risks = await lsp.CodeLensProvider!.provideCodeLens(workspace.document('risks.isms'), { textDocument: { uri: workspace.uri('risks.isms').toString() } }) as CodeLens[];
        assert.deepEqual(risks.map(lens => lens.command?.title), [
            'inherent 20 critical → residual 8 medium · 1 reference',
            'inherent 12 high → residual 12 high · above appetite · 0 references'
        ]);
        const [uri, position, locations] = risks[0].command!.arguments!;
        assert.equal(uri, workspace.uri('risks.isms').toString());
        assert.deepEqual(position, { line: 0, character: 0 });
        assert.equal(locations[0].uri, workspace.uri('incidents.isms').toString());
        const soa = await lsp.CodeLensProvider!.provideCodeLens(workspace.document('soa.isms'), { textDocument: { uri: workspace.uri('soa.isms').toString() } }) as CodeLens[];
        assert.deepEqual(soa.map(lens => lens.command?.title), ['treats 2 risks: R-001, R-002', 'treats no risk']);
        assert.equal(soa[0].command!.arguments![2].length, 2);
    });

    it('shows score and level after each likelihood/impact pair', async () => {
        const hints = await workspace.services.lsp.InlayHintProvider!.getInlayHints(workspace.document('risks.isms'), {
            textDocument: { uri: workspace.uri('risks.isms').toString() }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }
        }) as InlayHint[];
        assert.deepEqual(hints.map(hint => [hint.label, hint.position.line, hint.position.character]), [
            ['= 20 critical', 2, 25], ['= 8 medium', 6, 38], ['= 12 high', 11, 25]
        ]);
    });

    it('switches lenses and hints off by setting', async () => {
        const other = await ModelWorkspace.create(files);
        other.services.config.Settings.update({ codeLens: { enabled: false }, inlayHints: { enabled: false } });
        const params = { textDocument: { uri: other.uri('risks.isms').toString() } };
        assert.deepEqual(await other.services.lsp.CodeLensProvider!.provideCodeLens(other.document('risks.isms'), params), []);
        assert.deepEqual(await other.services.lsp.InlayHintProvider!.getInlayHints(other.document('risks.isms'),
            { ...params, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } }), []);
    });

    it('renames a risk id in every file, and refuses catalog ids and invalid names', async () => {
        const rename = workspace.services.lsp.RenameProvider!;
        const document = workspace.document('risks.isms');
        const at = positionOf(workspace, 'risks.isms', 'R-001', 2);
        const edit = await rename.rename(document, { textDocument: { uri: document.uri.toString() }, position: at, newName: 'R-100' });
        const changed = Object.keys(edit?.changes ?? {}).map(uri => uri.replace(/.*\/workspace\//, '')).sort();
        assert.deepEqual(changed, ['incidents.isms', 'risks.isms']);
        const control = positionOf(workspace, 'risks.isms', 'A.8.13', 3);
        await assert.rejects(async () => { await rename.prepareRename(document, { textDocument: { uri: document.uri.toString() }, position: control }); }, /cannot be renamed/);
        await assert.rejects(async () => rename.rename(document, { textDocument: { uri: document.uri.toString() }, position: at, newName: 'not valid' }), /not a valid id/);
        assert.ok(await rename.prepareRename(document, { textDocument: { uri: document.uri.toString() }, position: at }));
    });

    it('outlines a file grouped by kind', async () => {
        const symbols = await workspace.services.lsp.DocumentSymbolProvider!.getSymbols(workspace.document('policies.isms'), { textDocument: { uri: '' } }) as DocumentSymbol[];
        assert.deepEqual(symbols.map(group => [group.name, group.children?.map(child => child.name)]), [
            ['SoA decisions', ['apply A.5.1']],
            ['Policies, objectives, changes and training', ['P']]
        ]);
        const risks = await workspace.services.lsp.DocumentSymbolProvider!.getSymbols(workspace.document('risks.isms'), { textDocument: { uri: '' } }) as DocumentSymbol[];
        assert.deepEqual(risks[0].children?.map(child => [child.name, child.detail]), [['R-001', 'Ransomware'], ['R-002', 'Theft']]);
    });

    it('links evidence addresses and policy documents', async () => {
        const links = await workspace.services.lsp.DocumentLinkProvider!.getDocumentLinks(workspace.document('policies.isms'), { textDocument: { uri: '' } });
        assert.deepEqual(links.map(link => link.target), ['file:///workspace/policies/p.md', 'https://wiki.example/isms']);
        assert.equal(workspace.document('policies.isms').textDocument.getText(links[1].range), 'https://wiki.example/isms');
    });

    it('links no path that leads out of the workspace', async () => {
        const links = await workspace.services.lsp.DocumentLinkProvider!.getDocumentLinks(workspace.document('outside.isms'), { textDocument: { uri: '' } });
        assert.deepEqual(links, []);
    });

    it('expands the selection from a word to its element', () => {
        const document = workspace.document('risks.isms');
        const [selection] = selectionRanges(document, [positionOf(workspace, 'risks.isms', 'A.8.7', 2)]);
        const texts: string[] = [];
        for (let range: typeof selection | undefined = selection; range; range = range.parent) {
            texts.push(document.textDocument.getText(range.range));
        }
        assert.equal(texts[0], 'A.8.7');
        assert.ok(texts.some(text => text.startsWith('mitigate {')), texts.join('\n---\n'));
        assert.ok(texts.some(text => text.startsWith('risk R-001') && text.endsWith('}')));
    });

    it('finds workspace symbols by id', async () => {
        const symbols = await workspace.services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'R-00' });
        assert.deepEqual(symbols.map(symbol => symbol.name).sort(), ['R-001', 'R-002']);
    });

    it('outlines the Part 2 elements, with requirements and corrective actions nested', async () => {
        const sample = await ModelWorkspace.create({ 'sample.isms': readFileSync(SAMPLE_PART2, 'utf8') });
        const symbols = await sample.services.lsp.DocumentSymbolProvider!.getSymbols(sample.document('sample.isms'), { textDocument: { uri: '' } }) as DocumentSymbol[];
        const outline = (list: DocumentSymbol[] | undefined): unknown[] => (list ?? []).map(symbol =>
            symbol.children && symbol.children.length > 0 ? [symbol.name, outline(symbol.children)] : symbol.name);
        assert.deepEqual(outline(symbols), [
            ['ISMS', ['Acme Cloud ISMS']],
            ['Issues and interested parties', ['ISS-1', ['Regulator', ['REQ-1']]]],
            ['Methodologies', ['FiveByFive']],
            ['Roles', ['CISO']],
            ['Suppliers', ['AWS']],
            ['Risks and opportunities', ['OP-1', 'R-014']],
            ['SoA decisions', ['apply A.8.13']],
            ['Frameworks, mappings and attributes', [['CSF2', ['PR.AA-01', 'GV.OC-01']]]],
            ['Policies, objectives, changes and training', ['O-1', 'CH-7', 'AW-2026']],
            ['Audits, incidents, reviews and nonconformities', [['IA-2026', ['F-1', 'F-2']], ['NC-3', ['Quarterly access reviews with a named owner']], 'MR-2026']]
        ]);
        const nonconformity = symbols[9].children![1];
        assert.deepEqual([nonconformity.kind, nonconformity.children![0].kind, nonconformity.children![0].detail], [SymbolKind.Event, SymbolKind.Method, 'closed']);
        assert.equal(symbols[1].children![1].children![0].kind, SymbolKind.Property);
    });

    it('renames a requirement and a nonconformity, and finds references through union types', async () => {
        const sample = await ModelWorkspace.create({ 'sample.isms': readFileSync(SAMPLE_PART2, 'utf8') });
        const lsp = sample.services.lsp;
        const uri = sample.uri('sample.isms').toString();
        const text = sample.document('sample.isms').textDocument.getText();
        const at = (marker: string) => positionOf(sample, 'sample.isms', marker);
        const rename = await lsp.RenameProvider!.rename(sample.document('sample.isms'), { textDocument: { uri }, position: at('NC-3 "'), newName: 'NC-30' });
        const renamed = TextDocument.applyEdits(TextDocument.create(uri, 'isms', 0, text), rename!.changes![uri]);
        assert.equal(renamed.match(/NC-30\b/g)?.length, 2, 'the finding\'s reference and the declaration');
        assert.ok(!/NC-3\b/.test(renamed));
        const requirement = await lsp.RenameProvider!.rename(sample.document('sample.isms'), { textDocument: { uri }, position: at('REQ-1'), newName: 'REQ-GDPR' });
        assert.equal(requirement!.changes![uri].length, 1);
        // R-014 is named by a risk's declaration, an issue's `addressed-by` and a change's `affects`.
        const references = await lsp.ReferencesProvider!.findReferences(sample.document('sample.isms'),
            { textDocument: { uri }, position: at('R-014 "'), context: { includeDeclaration: false } });
        const lines = references.map(location => text.split('\n')[location.range.start.line].trim().split(' ')[0]);
        assert.deepEqual(lines.sort(), ['date', 'origin']);
        const opportunity = await lsp.ReferencesProvider!.findReferences(sample.document('sample.isms'),
            { textDocument: { uri }, position: at('OP-1 "'), context: { includeDeclaration: true } });
        assert.equal(opportunity.length, 2);
    });
});
