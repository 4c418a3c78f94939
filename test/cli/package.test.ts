import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/project.js';

const VSCE = path.join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

describe('the VS Code extension package', function () {
    this.timeout(120000);

    it('contains only the bundles and the files the manifest names', () => {
        const run = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        const files = run.stdout.trim().split('\n').sort();
        const required = ['LICENSE', 'README.md', 'dist/extension.cjs', 'dist/server.cjs', 'language-configuration.json',
            'package.json', 'snippets/isms.code-snippets', 'syntaxes/isms.tmLanguage.json'];
        for (const file of required) assert.ok(files.includes(file), `${file} is packaged`);
        const allowed = (file: string) => required.includes(file) || file === 'CHANGELOG.md'
            || /^docs\/(images\/[\w-]+\.png|walkthrough\/[\w-]+\.md|schemas\/isms-project\.schema\.json)$/.test(file);
        assert.deepEqual(files.filter(file => !allowed(file)), [], 'nothing else: no sources, maps or node_modules');
        const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
        const referenced = [manifest.main, ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
            ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
            ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
            ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url),
            ...manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown?: string } }> }) => w.steps.map(step => step.media.markdown ?? ''))];
        for (const file of referenced) {
            assert.ok(files.includes(path.posix.normalize(file)), `${file} is packaged`);
        }
    });

    it('builds offline into a .vsix under 5 MB', () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'isms-vsix-')), 'isms.vsix');
        try {
            const run = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
                { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` } });
            assert.equal(run.status, 0, run.stdout + run.stderr);
            const size = fs.statSync(out).size;
            assert.ok(size > 100_000 && size < 5 * 1024 * 1024, `${size} bytes`);
        } finally {
            fs.rmSync(path.dirname(out), { recursive: true, force: true });
        }
    });
});
