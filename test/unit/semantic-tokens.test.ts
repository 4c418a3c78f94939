import * as assert from 'node:assert/strict';
import type { SemanticTokens } from 'vscode-languageserver';
import { ModelWorkspace } from '../helpers/model-workspace.js';

interface Token {
    line: number;
    character: number;
    text: string;
    type: string;
    modifiers: string[];
}

const MODEL = `methodology Grid {
    levels { low 1..4  high 5..25 accepted-by CISO }
    appetite 4
}
role CISO "Chief Information Security Officer"
asset DB "Customer database" {
    kind data
    owner CISO
}
risk R-1 "Leak of customer data" {
    assets DB
    likelihood 2 impact 3
    owner CISO
    treatment mitigate { controls A.8.13 }
    reviewed 2026-09-01 // last review
}
apply A.8.13 { status implemented because legal "Record keeping" }
`;

/** Decodes LSP's relative encoding (Δline, Δstart, length, type, modifier bits) with the provider's legend. */
function decode(workspace: ModelWorkspace, file: string, tokens: SemanticTokens): Token[] {
    const legend = workspace.services.lsp.SemanticTokenProvider!.semanticTokensOptions.legend;
    const text = workspace.document(file).textDocument;
    const decoded: Token[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
        const [deltaLine, deltaStart, length, type, modifierBits] = tokens.data.slice(i, i + 5);
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        decoded.push({
            line,
            character,
            text: text.getText({ start: { line, character }, end: { line, character: character + length } }),
            type: legend.tokenTypes[type],
            modifiers: legend.tokenModifiers.filter((_, bit) => (modifierBits & (1 << bit)) !== 0)
        });
    }
    return decoded;
}

async function tokensOf(files: Record<string, string>, file: string): Promise<{ workspace: ModelWorkspace, tokens: Token[] }> {
    const workspace = await ModelWorkspace.create(files);
    const document = workspace.document(file);
    const result = await workspace.services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    return { workspace, tokens: decode(workspace, file, result) };
}

/** The token of the `occurrence`-th appearance (0-based) of `text` as a whole word of `source`. */
function tokenAt(tokens: Token[], source: string, text: string, occurrence = 0): Token {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const matches = [...source.matchAll(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g'))];
    assert.ok(matches.length > occurrence, `the model contains ${text} ${occurrence + 1} times`);
    const before = source.slice(0, matches[occurrence].index).split('\n');
    const line = before.length - 1;
    const character = before[line].length;
    const token = tokens.find(candidate => candidate.line === line && candidate.character === character);
    assert.ok(token, `a token at ${text} (${line}:${character})`);
    assert.equal(token.text, text);
    return token;
}

describe('semantic tokens', () => {

    it('colours a declared id as its kind, with the declaration modifier', async () => {
        const { tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        const risk = tokenAt(tokens, MODEL, 'R-1');
        assert.equal(risk.type, 'type');
        assert.deepEqual(risk.modifiers, ['declaration']);
        const asset = tokenAt(tokens, MODEL, 'DB');
        assert.equal(asset.type, 'type');
        assert.deepEqual(asset.modifiers, ['declaration']);
        const role = tokenAt(tokens, MODEL, 'CISO', 1);
        assert.equal(role.type, 'parameter');
        assert.deepEqual(role.modifiers, ['declaration']);
    });

    it('colours references by the kind they name, without the declaration modifier', async () => {
        const { tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        for (const occurrence of [0, 2, 3]) {
            const owner = tokenAt(tokens, MODEL, 'CISO', occurrence);
            assert.equal(owner.type, 'parameter');
            assert.deepEqual(owner.modifiers, []);
        }
        const asset = tokenAt(tokens, MODEL, 'DB', 1);
        assert.equal(asset.type, 'type');
        assert.deepEqual(asset.modifiers, []);
    });

    it('colours a control reference as a macro of the default library', async () => {
        const { tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        for (const occurrence of [0, 1]) {
            const control = tokenAt(tokens, MODEL, 'A.8.13', occurrence);
            assert.equal(control.type, 'macro');
            assert.deepEqual(control.modifiers, ['defaultLibrary']);
        }
    });

    it('colours a control of a catalog of the user without the default library modifier', async () => {
        const catalog = 'framework Mini "Mini" {\n    control M-1 "First" { theme people maps A.8.13 }\n}\napply M-1\n';
        const { tokens } = await tokensOf({ 'catalog.isms': catalog }, 'catalog.isms');
        assert.deepEqual([tokenAt(tokens, catalog, 'Mini').type, tokenAt(tokens, catalog, 'Mini').modifiers], ['namespace', ['declaration']]);
        assert.deepEqual([tokenAt(tokens, catalog, 'M-1').type, tokenAt(tokens, catalog, 'M-1').modifiers], ['macro', ['declaration']]);
        assert.deepEqual([tokenAt(tokens, catalog, 'M-1', 1).type, tokenAt(tokens, catalog, 'M-1', 1).modifiers], ['macro', []]);
        assert.deepEqual(tokenAt(tokens, catalog, 'A.8.13').modifiers, ['defaultLibrary']);
        assert.equal(tokenAt(tokens, catalog, 'people').type, 'enumMember');
    });

    it('colours a reference that may name several kinds by what it resolves to, and decimal numbers', async () => {
        const source = [
            'role CISO',
            'policy InfoSec "Policy"',
            'party Regulator { requirement REQ-1 "GDPR Art. 32" { addressed-by A.5.34, InfoSec, CISO } }',
            'objective O-1 "Uptime" { target >= 99.9 measured 2026-10-01 value 99.95 }'
        ].join('\n') + '\n';
        const { tokens } = await tokensOf({ 'model.isms': source }, 'model.isms');
        const control = tokenAt(tokens, source, 'A.5.34');
        assert.deepEqual([control.type, control.modifiers], ['macro', ['defaultLibrary']]);
        assert.equal(tokenAt(tokens, source, 'InfoSec', 1).type, 'type');
        // A role is not addressable: the unresolved name keeps the colour of an element.
        assert.equal(tokenAt(tokens, source, 'CISO', 1).type, 'type');
        assert.equal(tokenAt(tokens, source, '99.9').type, 'number');
        assert.equal(tokenAt(tokens, source, '99.95').type, 'number');
    });

    it('colours a date as a number with the date modifier', async () => {
        const { tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        const date = tokenAt(tokens, MODEL, '2026-09-01');
        assert.equal(date.type, 'number');
        assert.deepEqual(date.modifiers, ['date']);
        assert.deepEqual(tokenAt(tokens, MODEL, '3').modifiers, [], 'not a date');
    });

    it('colours level names and enumerated words as enum members', async () => {
        const { tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        const low = tokenAt(tokens, MODEL, 'low');
        assert.equal(low.type, 'enumMember');
        assert.deepEqual(low.modifiers, ['declaration']);
        assert.equal(tokenAt(tokens, MODEL, 'high').type, 'enumMember');
        for (const word of ['data', 'implemented', 'legal']) {
            const token = tokenAt(tokens, MODEL, word);
            assert.equal(token.type, 'enumMember', word);
            assert.deepEqual(token.modifiers, [], word);
        }
    });

    it('colours numbers and strings, and leaves keywords and comments to TextMate', async () => {
        const { tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        assert.equal(tokenAt(tokens, MODEL, '25').type, 'number');
        assert.equal(tokenAt(tokens, MODEL, '"Chief Information Security Officer"').type, 'string');
        assert.equal(tokenAt(tokens, MODEL, '"Record keeping"').type, 'string');
        const texts = tokens.map(token => token.text);
        for (const keyword of ['risk', 'owner', 'treatment', 'mitigate', 'controls', 'levels', '{', '..']) {
            assert.ok(!texts.includes(keyword), `${keyword} is left to TextMate`);
        }
        assert.ok(!texts.some(text => text.startsWith('//')), 'comments are left to TextMate');
    });

    it('emits tokens in order, without overlaps, and a legend with the date modifier', async () => {
        const { workspace, tokens } = await tokensOf({ 'model.isms': MODEL }, 'model.isms');
        for (let i = 1; i < tokens.length; i++) {
            const [previous, current] = [tokens[i - 1], tokens[i]];
            assert.ok(current.line > previous.line || current.character >= previous.character + previous.text.length, `${previous.text} then ${current.text}`);
        }
        const legend = workspace.services.lsp.SemanticTokenProvider!.semanticTokensOptions.legend;
        assert.ok(legend.tokenModifiers.includes('date'));
        for (const type of ['type', 'parameter', 'macro', 'namespace', 'enumMember', 'number', 'string']) {
            assert.ok(legend.tokenTypes.includes(type), type);
        }
    });

    it('highlights a range only', async () => {
        const workspace = await ModelWorkspace.create({ 'model.isms': MODEL });
        const document = workspace.document('model.isms');
        const range = { start: { line: 13, character: 0 }, end: { line: 14, character: 100 } };
        const result = await workspace.services.lsp.SemanticTokenProvider!.semanticHighlightRange(document, { textDocument: { uri: document.uri.toString() }, range });
        const tokens = decode(workspace, 'model.isms', result);
        assert.deepEqual(tokens.map(token => token.text), ['A.8.13', '2026-09-01']);
    });

    it('does not throw on a broken document', async () => {
        const broken = 'risk R-1 "Unfinished {\n    likelihood\n    treatment mitigate { controls A.8.\n asset { owner\n';
        const { tokens } = await tokensOf({ 'broken.isms': broken }, 'broken.isms');
        assert.ok(Array.isArray(tokens));
        assert.ok(tokens.every(token => token.type !== undefined));
    });
});
