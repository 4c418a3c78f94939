import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const ACME = new URL('../../../examples/acme/', import.meta.url);
const SAMPLE = new URL('../../../test/fixtures/language-sample.isms', import.meta.url);
const SAMPLE_PART2 = new URL('../../../test/fixtures/language-sample-part2.isms', import.meta.url);
const SPACES: FormattingOptions = { tabSize: 4, insertSpaces: true };

/** Every `.isms` file of the Acme example, by its path relative to examples/acme/. */
function acmeFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(ACME, { recursive: true, encoding: 'utf8' }).sort()) {
        if (name.endsWith('.isms')) {
            files[name.split('\\').join('/')] = readFileSync(new URL(name, ACME), 'utf8');
        }
    }
    return files;
}

/** Formats one file of the workspace with the language's Formatter service. */
async function format(workspace: ModelWorkspace, name: string, options = SPACES): Promise<{ text: string, edits: TextEdit[] }> {
    const formatter = workspace.services.lsp.Formatter;
    assert.ok(formatter, 'the language registers a Formatter');
    const document = workspace.document(name);
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
    return { text: TextDocument.applyEdits(document.textDocument, edits), edits };
}

/** Formats a text on its own. */
async function formatText(text: string, options = SPACES): Promise<string> {
    const workspace = await ModelWorkspace.create({ 'model.isms': text });
    return (await format(workspace, 'model.isms', options)).text;
}

/** The tokens of a text, comments included, with the whitespace inside them left out. */
function tokens(workspace: ModelWorkspace, text: string): string[] {
    const { tokens: visible, hidden, errors } = workspace.services.parser.Lexer.tokenize(text);
    assert.deepEqual(errors, []);
    return [...visible, ...hidden].sort((a, b) => a.startOffset - b.startOffset).map(token => token.image.replace(/\s+/g, ''));
}

function comments(workspace: ModelWorkspace, text: string): string[] {
    return workspace.services.parser.Lexer.tokenize(text).hidden.map(token => token.image.replace(/\s+/g, ' ').trim());
}

/**
 * Formats every file of a workspace, then formats the results again. Returns the first
 * results; asserts that the second pass changes nothing and that the results still parse.
 */
async function formatTwice(files: Record<string, string>): Promise<{ workspace: ModelWorkspace, formatted: Record<string, string> }> {
    const workspace = await ModelWorkspace.create(files);
    const formatted: Record<string, string> = {};
    for (const name of Object.keys(files)) {
        formatted[name] = (await format(workspace, name)).text;
    }
    await workspace.edit(formatted);
    for (const name of Object.keys(files)) {
        const { parseResult } = workspace.document(name);
        assert.deepEqual([...parseResult.lexerErrors, ...parseResult.parserErrors].map(e => e.message), [], `${name} parses once formatted`);
        const { edits } = await format(workspace, name);
        assert.deepEqual(edits, [], `formatting ${name} a second time changes nothing`);
    }
    return { workspace, formatted };
}

describe('formatting', () => {

    it('lays out a messy document', async () => {
        const messy = [
            '',
            '',
            '// Acme ISMS, messy on purpose',
            'isms "Acme"{organization "Acme Ltd"   framework ISO27001_2022',
            '',
            '      top-management CEO ,CISO',
            '  scope{ description "All"  includes DB,',
            '            Laptops }}',
            'methodology M {',
            '  likelihood 1 "Rare"   2 "Likely"',
            '     3 "Certain"',
            '  impact 1 "Low" 2 "High" 3 "Severe"',
            '  levels { low 1 .. 3  high 4..9 accepted-by CISO }',
            '  appetite 4',
            '}',
            '',
            '',
            '',
            'role CISO "Chief Information Security Officer" { person "Jane Doe" }',
            'role CEO   "Chief Executive Officer" {',
            'person "John Roe"   email "ceo@acme.example" }',
            'asset DB "Database" { owner CISO  confidentiality high  integrity high }',
            'risk R-1 "Leak"{',
            '        assets DB   likelihood 4  impact 5     // inherent 20',
            '   treatment mitigate { controls A.8.24 , A.5.15   residual likelihood 2  impact 4',
            '       accept { by CISO on 2026-01-01 because "Fine" } }',
            '}',
            'apply A.8.24 {}',
            'exclude A.7.4 because "Remote"'
        ].join('\n');
        const expected = [
            '// Acme ISMS, messy on purpose',
            'isms "Acme" {',
            '    organization "Acme Ltd"',
            '    framework ISO27001_2022',
            '',
            '    top-management CEO, CISO',
            '    scope {',
            '        description "All"',
            '        includes DB,',
            '                 Laptops',
            '    }',
            '}',
            '',
            'methodology M {',
            '    likelihood 1 "Rare" 2 "Likely"',
            '               3 "Certain"',
            '    impact 1 "Low" 2 "High" 3 "Severe"',
            '    levels {',
            '        low 1..3',
            '        high 4..9 accepted-by CISO',
            '    }',
            '    appetite 4',
            '}',
            '',
            'role CISO "Chief Information Security Officer" { person "Jane Doe" }',
            'role CEO "Chief Executive Officer" {',
            '    person "John Roe"',
            '    email "ceo@acme.example"',
            '}',
            '',
            'asset DB "Database" {',
            '    owner CISO',
            '    confidentiality high',
            '    integrity high',
            '}',
            '',
            'risk R-1 "Leak" {',
            '    assets DB',
            '    likelihood 4',
            '    impact 5     // inherent 20',
            '    treatment mitigate {',
            '        controls A.8.24, A.5.15',
            '        residual likelihood 2 impact 4',
            '        accept {',
            '            by CISO',
            '            on 2026-01-01',
            '            because "Fine"',
            '        }',
            '    }',
            '}',
            'apply A.8.24 {}',
            'exclude A.7.4 because "Remote"',
            ''
        ].join('\n');
        assert.equal(await formatText(messy), expected);
        assert.equal(await formatText(expected), expected);
    });

    it('keeps comments where they are', async () => {
        const text = [
            '// header comment   ',
            'risk R-1 "x" {   // trailing after brace',
            '// own line, badly indented',
            '        assets DB // after a value',
            '    likelihood 3  // aligned',
            '    impact 2      // comments',
            '                  // continued below',
            '  /* block',
            '     comment */',
            '    owner CISO',
            '}',
            'role CEO /* inline */ "CEO" { person "Jo" // inside',
            '}',
            ''
        ].join('\n');
        const expected = [
            '// header comment',
            'risk R-1 "x" {   // trailing after brace',
            '    // own line, badly indented',
            '    assets DB // after a value',
            '    likelihood 3  // aligned',
            '    impact 2      // comments',
            '                  // continued below',
            '    /* block',
            '       comment */',
            '    owner CISO',
            '}',
            '',
            'role CEO /* inline */ "CEO" {',
            '    person "Jo" // inside',
            '}',
            ''
        ].join('\n');
        assert.equal(await formatText(text), expected);
        assert.equal(await formatText(expected), expected);
    });

    it('writes a qualified control id as one word, and lays out mappings and attributes', async () => {
        const text = [
            'mapping M "Crosswalk" { source "ours"',
            'ISO27001_2022 :: A.5.1 maps Mine  ::  M-1 equal,Mine::M-2 }',
            'attribute Kind { value A "a"  value B }'
        ].join('\n') + '\n';
        assert.equal(await formatText(text), [
            'mapping M "Crosswalk" {',
            '    source "ours"',
            '    ISO27001_2022::A.5.1 maps Mine::M-1 equal, Mine::M-2',
            '}',
            '',
            'attribute Kind {',
            '    value A "a"',
            '    value B',
            '}'
        ].join('\n') + '\n');
    });

    it('keeps the line endings and honours tabs', async () => {
        const text = 'role A "a" {\r\n  person "p"\r\n  email "e" }\r\nrisk R {\r\n  assets X,\r\n         Y\r\n}';
        assert.equal(await formatText(text),
            'role A "a" {\r\n    person "p"\r\n    email "e"\r\n}\r\n\r\nrisk R {\r\n    assets X,\r\n           Y\r\n}\r\n');
        assert.equal(await formatText(text, { tabSize: 4, insertSpaces: false }),
            'role A "a" {\r\n\tperson "p"\r\n\temail "e"\r\n}\r\n\r\nrisk R {\r\n\tassets X,\r\n\t       Y\r\n}\r\n');
    });

    it('leaves a document with syntax errors alone', async () => {
        const workspace = await ModelWorkspace.create({ 'model.isms': 'role A   "a" {  person }\n' });
        assert.deepEqual((await format(workspace, 'model.isms')).edits, []);
    });

    it('is idempotent on every file of the Acme example, changing whitespace only', async () => {
        const files = acmeFiles();
        assert.ok(Object.keys(files).length >= 10, `examples/acme has its files: ${Object.keys(files).join(', ')}`);
        const { workspace, formatted } = await formatTwice(files);
        for (const [name, text] of Object.entries(files)) {
            assert.deepEqual(tokens(workspace, formatted[name]), tokens(workspace, text), `${name}: the same tokens`);
            assert.deepEqual(comments(workspace, formatted[name]), comments(workspace, text), `${name}: the same comments`);
        }
        // The layout the example is written in is the formatter's, apart from what the
        // formatter normalises: one property a line, single spaces.
        assert.equal(formatted['roles.isms'], files['roles.isms']);
        assert.equal(formatted['isms.isms'], files['isms.isms']);
        assert.match(formatted['methodology.isms'], /\n {4}impact 1 "Negligible \(no customer impact\)"\n {11}2 "Minor/);
    });

    it('is idempotent on the LANGUAGE.md sample, changing whitespace only', async () => {
        const text = readFileSync(SAMPLE, 'utf8');
        const { workspace, formatted } = await formatTwice({ 'sample.isms': text });
        const result = formatted['sample.isms'];
        assert.deepEqual(tokens(workspace, result), tokens(workspace, text));
        assert.deepEqual(comments(workspace, result), comments(workspace, text));
        assert.equal(comments(workspace, result).length, 14);
        // Short blocks stay on one line; a comment continued on the next line keeps its column.
        assert.match(result, /\nrole CISO "Chief Information Security Officer" \{ person "Jane Doe" \}\n/);
        assert.match(result, /\n {4}\/\/ factor 20 {8}\/\/ optional: [^\n]*\n {24}\/\/ appetite are on the scaled score\n/);
        assert.match(result, /\n {8}residual likelihood 2 impact 4 {11}\/\/ 8, medium, within appetite\n/);
    });

    it('is idempotent on the LANGUAGE.md Part 2 sample, changing whitespace only', async () => {
        const text = readFileSync(SAMPLE_PART2, 'utf8');
        const { workspace, formatted } = await formatTwice({ 'sample.isms': text });
        const result = formatted['sample.isms'];
        assert.deepEqual(tokens(workspace, result), tokens(workspace, text));
        assert.deepEqual(comments(workspace, result), comments(workspace, text));
        // Every property of the new blocks on its own line; lists stay on their lines.
        assert.match(result, /\n {4}climate relevant {20}\/\/ 4\.1/);
        // A block of several properties is laid out one a line, the `soa` block too.
        assert.match(result, /\n {4}soa \{\n {8}version "4"\n {8}approved-by CISO on 2026-11-01\n {4}\} {4}\/\/ 7\.5/);
        assert.match(result, /\n {4}acceptance at most 12 months {8}\/\/ longest/);
        assert.match(result, /\n {4}target <= 14\n {4}unit "days"\n/);
        assert.match(result, /\n {4}measured 2026-07-01 value 18\n {4}measured 2026-10-01 value 12\n/);
        assert.match(result, /\n {4}requirement REQ-1 "Security of processing \(GDPR Art\. 32\)" \{ addressed-by A\.5\.34, InfoSecPolicy \}\n/);
        assert.match(result, /\n {4}corrective-action "Quarterly access reviews with a named owner" \{\n {8}owner CISO\n {8}due 2026-08-01\n/);
        assert.match(result, /\n {8}effective yes\n {8}verified-by CISO on 2026-10-15\n {4}\}\n/);
        assert.match(result, /\n {4}inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,\n {11}audit-results, objectives,/);
        assert.match(result, /\n {4}certifications "ISO\/IEC 27001", "SOC 2 Type II"\n {4}reviewed 2026-05-01\n {4}review every 12 months\n/);
        assert.match(result, /\{ maps A\.5\.16 intersect, A\.5\.17 intersect \}/);
    });
});
