// The documentation is tested like code: every `isms` example in docs/ and the README must
// parse (no syntax error, no property given twice), and every relative link must lead to a file
// of the project. The examples are fragments of a model, so other diagnostics (unresolved
// names, undecided controls, …) are expected and not checked here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/project.js';
import { fencedBlocks, linkTargets } from '../helpers/markdown.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/** A target with a scheme (`https:`, `mailto:`, `command:`), protocol-relative or only an anchor. */
function isExternalOrAnchor(target: string): boolean {
    return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#') || target === '';
}

/** The file a relative link leads to: the anchor and query dropped, `/…` from the project root. */
function resolveLink(markdownFile: string, target: string): string {
    const pathPart = decodeURI(target.replace(/[#?].*$/, ''));
    return pathPart.startsWith('/')
        ? path.join(PROJECT_ROOT, pathPart)
        : path.resolve(path.dirname(markdownFile), pathPart);
}

function markdownFilesUnder(folder: string): string[] {
    if (!fs.existsSync(folder)) return [];
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return markdownFilesUnder(full);
        return entry.isFile() && entry.name.endsWith('.md') ? [full] : [];
    }).sort();
}

/** Every Markdown file of the documentation: docs/ (recursively), the README and the changelog. */
const DOCUMENTS = [
    ...markdownFilesUnder(path.join(PROJECT_ROOT, 'docs')),
    path.join(PROJECT_ROOT, 'README.md'),
    path.join(PROJECT_ROOT, 'CHANGELOG.md')
].filter(file => fs.existsSync(file));

const relative = (file: string) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

/** The diagnostic codes that mean an example is not valid text of the language. */
const PARSE_CODES = ['syntax-error', 'duplicate-property'];

describe('documentation', function () {
    this.timeout(120000);

    describe('the Markdown reader of this test', () => {

        it('finds fenced blocks with their info string and line, longer and tilde fences included', () => {
            const markdown = [
                'text',                  // 1
                '```isms',               // 2
                'role CISO',             // 3
                '```',                   // 4
                '````md',                // 5
                '```isms',               // 6
                'not a block of its own',
                '```',
                '````',                  // 9
                '~~~ isms ',             // 10
                'role CEO',
                '~~~',
                '```isms title',         // 13
                'x',
                '```'
            ].join('\n');
            assert.deepEqual(fencedBlocks(markdown).map(block => [block.info, block.line]),
                [['isms', 2], ['md', 5], ['isms', 10], ['isms title', 13]]);
            assert.equal(fencedBlocks(markdown)[0].text, 'role CISO');
            assert.equal(fencedBlocks(markdown)[1].text, '```isms\nnot a block of its own\n```');
        });

        it('finds inline links, images, reference definitions and HTML links, but none in code', () => {
            const markdown = [
                'See [the reference](language.md#2-elements) and ![a picture](images/x.png "Title").',
                '[label]: <other file.md>',
                '<a href="cli.md">CLI</a> `[not](a-link.md)`',
                '```md',
                '[not](a-link-either.md)',
                '```',
                '[web](https://example.com) [here](#anchor)'
            ].join('\n');
            assert.deepEqual(linkTargets(markdown).map(link => [link.target, link.line]), [
                ['language.md#2-elements', 1], ['images/x.png', 1], ['other file.md', 2], ['cli.md', 3],
                ['https://example.com', 7], ['#anchor', 7]
            ]);
        });
    });

    it('covers the docs folder and the README', () => {
        const names = DOCUMENTS.map(relative);
        for (const name of ['README.md', 'docs/README.md', 'docs/language.md', 'docs/cli.md']) {
            assert.ok(names.includes(name), `${name} is among ${names.join(', ')}`);
        }
    });

    describe('every isms example parses', () => {
        const examples = DOCUMENTS.flatMap(file => fencedBlocks(fs.readFileSync(file, 'utf8'))
            .filter(block => block.info === 'isms')
            .map(block => ({ file, ...block })));

        it('finds the examples', () => {
            assert.ok(examples.length >= 20, `only ${examples.length} isms blocks found`);
            assert.ok(examples.some(example => relative(example.file) === 'README.md'), 'the README has an isms example');
        });

        for (const file of DOCUMENTS) {
            const ofFile = examples.filter(example => example.file === file);
            if (ofFile.length === 0) continue;
            it(`${relative(file)}: ${ofFile.length} example(s) without ${PARSE_CODES.join(' or ')}`, async () => {
                const failures: string[] = [];
                for (const example of ofFile) {
                    const workspace = await ModelWorkspace.create({ 'block.isms': example.text });
                    if (!workspace.codes(undefined, true).some(code => PARSE_CODES.includes(code))) continue;
                    for (const problem of workspace.diagnostics(undefined, true).filter(d => PARSE_CODES.includes(d.code))) {
                        // The block's first line of content is the line after the opening fence.
                        failures.push(`${relative(file)}:${example.line + problem.line} (block at line ${example.line}) ${problem.code}: ${problem.message}`);
                    }
                }
                assert.deepEqual(failures, [], failures.join('\n'));
            });
        }
    });

    describe('every relative link leads to a file', () => {
        for (const file of DOCUMENTS) {
            it(relative(file), () => {
                const broken = linkTargets(fs.readFileSync(file, 'utf8'))
                    .filter(link => !isExternalOrAnchor(link.target))
                    .filter(link => !fs.existsSync(resolveLink(file, link.target)))
                    .map(link => `${relative(file)}:${link.line} ${link.target}`);
                assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
            });
        }
    });
});
