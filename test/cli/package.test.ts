import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { linkTargets } from '../helpers/markdown.js';
import { PROJECT_ROOT } from '../helpers/project.js';

const VSCE = path.join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
/** Where vsce points relative README links and images once `repository` names the GitHub repository. */
const REPOSITORY_FILE = /^https:\/\/github\.com\/isms-as-code\/isms-as-code\/(?:blob|raw)\/HEAD\/([^#?]+)/;

/** The arguments of `npm run package` after `vsce`, with the output moved to `out`. */
function packageArguments(out: string): string[] {
    const words = (manifest.scripts.package as string).split(/\s+/);
    assert.equal(words[0], 'vsce');
    const outAt = words.indexOf('--out');
    assert.ok(outAt > 0, 'npm run package names its output');
    return [...words.slice(1, outAt), '--out', out, ...words.slice(outAt + 2)];
}

describe('the VS Code extension package', function () {
    this.timeout(120000);

    it('contains only the bundles and the files the manifest names', () => {
        const run = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        const files = run.stdout.trim().split('\n').sort();
        const required = ['LICENSE', 'README.md', 'dist/extension.cjs', 'dist/server.cjs', 'dist/server/server.mjs', 'language-configuration.json',
            'package.json', 'snippets/isms.code-snippets', 'syntaxes/isms.tmLanguage.json', 'images/icon.png',
            'dist/web/extension.cjs', 'dist/web/server.js'];
        for (const file of required) assert.ok(files.includes(file), `${file} is packaged`);
        // The server's entry module imports chunks of its own (dist/server/*.mjs) on first use.
        const allowed = (file: string) => required.includes(file) || file === 'CHANGELOG.md' || /^dist\/server\/[\w-]+\.mjs$/.test(file)
            || /^docs\/(images\/[\w-]+\.png|walkthrough\/[\w-]+\.md|schemas\/isms-project\.schema\.json)$/.test(file);
        assert.deepEqual(files.filter(file => !allowed(file)), [], 'nothing else: no sources, maps or node_modules');
        const referenced = [manifest.main, manifest.icon, ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
            ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
            ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
            ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url),
            ...manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown?: string } }> }) => w.steps.map(step => step.media.markdown ?? ''))];
        for (const file of referenced) {
            assert.ok(files.includes(path.posix.normalize(file)), `${file} is packaged`);
        }
    });

    it('is packaged by npm run package without allowances, relative links rewritten to the repository', () => {
        const flags = (manifest.scripts.package as string).split(/\s+/).filter(word => word.startsWith('--'));
        assert.deepEqual(flags.filter(flag => flag.startsWith('--allow-')), [], 'no --allow-… flag hides a missing field');
        // The docs the README links to are not shipped: only a link into the repository works
        // on the marketplace and in the extension's details page.
        assert.ok(!flags.includes('--no-rewrite-relative-links'), 'relative README links are rewritten');
    });

    describe('the .vsix that npm run package builds', () => {
        let dir = '';
        let vsix: JSZip;

        before(async () => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-vsix-'));
            const out = path.join(dir, 'isms.vsix');
            const run = spawnSync(process.execPath, [VSCE, ...packageArguments(out)],
                { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` } });
            assert.equal(run.status, 0, run.stdout + run.stderr);
            vsix = await JSZip.loadAsync(fs.readFileSync(out));
        });

        after(() => {
            if (dir) fs.rmSync(dir, { recursive: true, force: true });
        });

        it('is under 5 MB', () => {
            const size = fs.statSync(path.join(dir, 'isms.vsix')).size;
            assert.ok(size > 100_000 && size < 5 * 1024 * 1024, `${size} bytes`);
        });

        it('has a README whose every link and image resolves: a shipped file or an https URL to a file of the repository', async () => {
            const readme = await vsix.file('extension/readme.md')!.async('string');
            const links = linkTargets(readme);
            assert.ok(links.length >= 5, `only ${links.length} links found`);
            const broken = links.filter(link => !resolves(link.target)).map(link => `line ${link.line}: ${link.target}`);
            assert.deepEqual(broken, [], `links that do not resolve in the packaged README:\n${broken.join('\n')}`);
        });

        it('shows the screenshot of the README from the repository', async () => {
            const readme = await vsix.file('extension/readme.md')!.async('string');
            assert.match(readme, /!\[[^\]]*\]\(https:\/\/github\.com\/isms-as-code\/isms-as-code\/raw\/HEAD\/docs\/images\/vscode-acme\.png\)/);
        });

        /** An anchor, a file in the package, or an https URL; one into the repository must name a file that exists. */
        function resolves(target: string): boolean {
            if (target.startsWith('#') || target.startsWith('mailto:')) return true;
            if (/^https:\/\//.test(target)) {
                const inRepository = REPOSITORY_FILE.exec(target);
                return !inRepository || fs.existsSync(path.join(PROJECT_ROOT, decodeURI(inRepository[1])));
            }
            if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return false;
            return vsix.file(path.posix.join('extension', decodeURI(target.replace(/[#?].*$/, '')))) !== null;
        }
    });
});
