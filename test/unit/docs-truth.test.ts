// The README and the architecture page are kept true by this test: the README names everything
// a user can reach (the extension's commands, settings and walkthrough, the npm scripts, the
// CLI's commands), and docs/architecture.md names only files and folders that exist, and every
// source folder. A failure lists exactly what is missing or does not exist.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandsOf } from '../helpers/cli-help.js';
import { fencedBlocks } from '../helpers/markdown.js';
import { CLI_BUNDLE, PROJECT_ROOT } from '../helpers/project.js';

const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>,
    contributes: {
        commands: Array<{ command: string, title: string }>,
        configuration: { properties: Record<string, unknown> },
        walkthroughs: Array<{ id: string, title: string }>
    }
};

/** npm scripts that other scripts or tools run, not people: the README need not name them. */
const INTERNAL_SCRIPTS: Record<string, string> = {
    'generate': 'run by build',
    'vscode:prepublish': 'run by vsce when packaging',
    'e2e:setup': 'run by test:e2e'
};

/**
 * Paths in docs/architecture.md that commands write and the repository does not hold; the rest
 * of what it names must exist once the project is built.
 */
const WRITTEN_BY_COMMANDS: Record<string, string> = {
    '.e2e/': 'scripts/e2e/setup.sh',
    'bench-results/bench.json': 'the benchmark',
    'demo-output/': 'npm run demo',
    '.isms-reports.json': 'every report command, beside the reports',
    'dist/isms-as-code.vsix': 'npm run package'
};

/** File types a bare name in backticks is a file of the project by: `.isms` names are examples of a user's model. */
const SOURCE_EXTENSIONS = /\.(ts|mjs|cjs|js|json|md|yml|yaml|langium|sh)$/;
/** Folders never searched for a bare file name. */
const NOT_SEARCHED = new Set(['node_modules', '.git', 'out', 'dist', '.e2e', '.vscode-test']);

/** Markdown with its fenced blocks removed, and whitespace and emphasis collapsed, as a reader sees it. */
function readable(markdown: string): string {
    let text = markdown;
    for (const block of fencedBlocks(markdown)) text = text.replace(block.text, ' ');
    return text.replace(/\*\*|__/g, '').replace(/\s+/g, ' ');
}

/** The text of a Markdown file as it is written, fenced blocks included, whitespace collapsed. */
function written(file: string): string {
    return fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8').replace(/\s+/g, ' ');
}

/** Every file and folder under the project root, as relative paths with `/`, folders ending in `/`. */
function projectTree(folder = PROJECT_ROOT, prefix = ''): string[] {
    return fs.readdirSync(folder, { withFileTypes: true }).filter(entry => !NOT_SEARCHED.has(entry.name)).flatMap(entry => entry.isDirectory()
        ? [`${prefix}${entry.name}/`, ...projectTree(path.join(folder, entry.name), `${prefix}${entry.name}/`)]
        : [`${prefix}${entry.name}`]);
}

/** A path that may hold `*` as a pattern over one name. */
function pathPattern(token: string): RegExp {
    return new RegExp(`^${token.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
}

/** A code span is path-like when it has a `/` between names, or is a file name of the project's kinds. */
function isPathLike(token: string): boolean {
    if (!/^\.?[\w*@-][\w.*@-]*(\/[\w.*@-]+)*\/?$/.test(token)) return false;
    return token.includes('/') || SOURCE_EXTENSIONS.test(token);
}

interface PathToken { token: string, line: number, base: string }

/**
 * The path-like code spans of a Markdown page, each with the folder of its table row: a row
 * whose first cell names a folder (`language/builtin/`) may name what is in it (`catalogs/`).
 */
function pathTokens(markdown: string): PathToken[] {
    const tokens: PathToken[] = [];
    markdown.split('\n').forEach((line, index) => {
        const spans = [...line.matchAll(/`([^`\n]+)`/g)].map(match => match[1]);
        const firstCell = line.startsWith('|') ? /^\|\s*`([^`]+\/)`/.exec(line)?.[1] ?? '' : '';
        for (const token of spans.filter(isPathLike)) tokens.push({ token, line: index + 1, base: firstCell });
    });
    return tokens;
}

/** Fails with the list of what is missing, one per line, and nothing else. */
function assertNothingMissing(missing: readonly string[], message: string): void {
    assert.ok(missing.length === 0, message);
}

describe('the README and docs/architecture.md against the project', function () {
    this.timeout(60000);

    describe('README.md', () => {
        const readme = readable(fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8'));
        const readmeWithCode = written('README.md');

        it('names every command of the extension by its title', () => {
            const missing = manifest.contributes.commands.filter(command => !readme.includes(command.title))
                .map(command => `${command.command} "${command.title}"`);
            assertNothingMissing(missing, `commands the README does not name:\n${missing.join('\n')}`);
        });

        it('names every setting of the extension, in backticks', () => {
            const missing = Object.keys(manifest.contributes.configuration.properties).filter(setting => !readme.includes(`\`${setting}\``));
            assertNothingMissing(missing, `settings the README does not name:\n${missing.join('\n')}`);
        });

        it('names the walkthrough by its title, and the heat map', () => {
            const missing = [...manifest.contributes.walkthroughs.map(walkthrough => walkthrough.title), 'heat map']
                .filter(name => !readme.toLowerCase().includes(name.toLowerCase()));
            assertNothingMissing(missing, `not named in the README:\n${missing.join('\n')}`);
        });

        it('shows every npm script a user runs', () => {
            const missing = Object.keys(manifest.scripts).filter(script => !(script in INTERNAL_SCRIPTS))
                .filter(script => !readmeWithCode.includes(`npm run ${script}`) && !(script === 'test' && readmeWithCode.includes('npm test')))
                .map(script => `npm run ${script}`);
            assertNothingMissing(missing, `npm scripts the README does not show:\n${missing.join('\n')}`);
        });

        it('shows every command of isms --help, isms init among them', () => {
            const run = spawnSync(process.execPath, [CLI_BUNDLE, '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60000 });
            assert.equal(run.status, 0, run.stderr);
            const commands = commandsOf(run.stdout);
            assert.ok(commands.includes('init') && commands.includes('validate'), commands.join(', '));
            const missing = commands.filter(command => !new RegExp(`\\bisms(?: -s)?(?: --)? ${command}\\b(?!-)`).test(readmeWithCode))
                .map(command => `isms ${command}`);
            assertNothingMissing(missing, `CLI commands the README does not show (as isms COMMAND or npm run isms -- COMMAND):\n${missing.join('\n')}`);
        });
    });

    describe('docs/architecture.md', () => {
        const architecture = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'architecture.md'), 'utf8');
        const tree = projectTree();
        const tokens = pathTokens(architecture);

        /** The project paths a token names: from the root or from its row's folder; a bare file name anywhere. */
        function resolve({ token, base }: PathToken): string[] {
            if (!token.includes('/')) {
                const name = pathPattern(token);
                return tree.filter(entry => name.test(entry.replace(/\/$/, '').split('/').pop()!));
            }
            const candidates = base && !token.startsWith(base) ? [token, base + token] : [token];
            return candidates.flatMap(candidate => candidate.includes('*')
                ? tree.filter(entry => pathPattern(candidate).test(entry))
                : fs.existsSync(path.join(PROJECT_ROOT, candidate)) ? [candidate] : []);
        }

        it('names only files and folders that exist', () => {
            assert.ok(tokens.length > 50, `only ${tokens.length} paths found`);
            const missing = tokens.filter(token => !(token.token in WRITTEN_BY_COMMANDS) && resolve(token).length === 0)
                .map(token => `line ${token.line}: ${token.token}`);
            assertNothingMissing(missing, `paths in docs/architecture.md that do not exist:\n${missing.join('\n')}`);
        });

        it('names every source folder of language/, server/ and client/', () => {
            const named = new Set(tokens.flatMap(resolve).map(entry => entry.replace(/\/?$/, '/')));
            const folders = tree.filter(entry => /^(language|server|client)\//.test(entry) && entry.endsWith('/'))
                .filter(folder => fs.readdirSync(path.join(PROJECT_ROOT, folder)).some(name => name.endsWith('.ts')));
            assert.ok(folders.includes('language/validation/') && folders.includes('server/cli/'), folders.join(', '));
            const missing = [...new Set(['language/', 'server/', 'client/', ...folders])].filter(folder => !named.has(folder));
            assertNothingMissing(missing, `source folders docs/architecture.md does not name:\n${missing.join('\n')}`);
        });
    });
});
