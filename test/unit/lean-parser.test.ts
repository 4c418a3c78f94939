import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import type { AstNode, CstNode, LangiumParser } from 'langium';
import { CstUtils, createLangiumParser, EmptyFileSystem, isLeafCstNode, isReference } from 'langium';
import { createIsmsServices } from '../../language/isms-module.js';
import type { IsmsServices } from '../../language/isms-module.js';

// The language's parser builds lean leaves of the concrete syntax tree and cuts the syntax
// tree's lists to their length (language/parser/isms-parser.ts); both must be invisible: every
// leaf and every node as Langium's own parser makes them, for whole files and broken ones.
describe('the lean syntax trees of the parser', function () {
    this.timeout(120_000);

    const services: IsmsServices = createIsmsServices(EmptyFileSystem).Isms;
    const lean = services.parser.LangiumParser;
    const stock: LangiumParser = createLangiumParser(services);
    // The syntax tree without its links upwards and into the concrete tree; references by their text.
    const json = (node: AstNode) => JSON.stringify(node, (key, value: unknown) =>
        key === '$container' || key === '$cstNode' ? undefined : isReference(value) ? { $refText: value.$refText } : value);

    function leafFacts(root: CstNode): unknown[] {
        return CstUtils.streamCst(root).filter(isLeafCstNode).map(leaf => ({
            offset: leaf.offset, length: leaf.length, end: leaf.end, text: leaf.text, hidden: leaf.hidden,
            range: leaf.range, tokenType: leaf.tokenType.name, grammarSource: leaf.grammarSource, astNode: leaf.astNode.$type
        })).toArray();
    }

    function assertParsedAlike(text: string, label: string): void {
        const ours = lean.parse(text);
        const langiums = stock.parse(text);
        assert.deepEqual(leafFacts(ours.value.$cstNode!), leafFacts(langiums.value.$cstNode!), `${label}: leaves`);
        assert.equal(json(ours.value), json(langiums.value), `${label}: syntax tree`);
        assert.deepEqual(ours.parserErrors.map(error => error.message), langiums.parserErrors.map(error => error.message), `${label}: errors`);
    }

    const exampleDir = join(process.cwd(), 'examples', 'acme');
    const examples = [...readdirSync(exampleDir, { recursive: true, encoding: 'utf8' })]
        .filter(name => name.endsWith('.isms'))
        .map(name => ({ name, text: readFileSync(join(exampleDir, name), 'utf8') }));

    it('parses every file of the example as Langium does', () => {
        assert.ok(examples.length > 15, 'the example has its files');
        for (const { name, text } of examples) assertParsedAlike(text, name);
    });

    it('keeps the ends of tokens that span lines, with every kind of line break', () => {
        const text = '/* a comment\r\n   over\rthree lines */\r\nrole CISO "Chief Information\nSecurity Officer" // trailing\n'
            + 'risk R-1 "Ransomware" {\r\n    owner CISO\r\n    likelihood 4 impact 5\r\n}\r\n';
        assertParsedAlike(text, 'line breaks');
        const leaves = CstUtils.streamCst(lean.parse(text).value.$cstNode!).filter(isLeafCstNode).toArray();
        assert.ok(leaves.some(leaf => leaf.range.end.line > leaf.range.start.line), 'a token spans lines');
    });

    it('parses broken files as Langium does (random cuts and insertions into the example)', () => {
        const texts = examples.map(example => example.text);
        fc.assert(fc.property(
            fc.constantFrom(...texts), fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('', '{', '}', '"', '\n', '\r\n', '\r', 'risk ', ' 7 ', '/*', '/* a\nb */'),
            (text, at, cut, insert) => {
                const start = at % (text.length + 1);
                assertParsedAlike(text.slice(0, start) + insert + text.slice(start + cut), `cut at ${start}`);
            }), { numRuns: 150 });
    });
});
