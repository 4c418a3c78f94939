import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/project.js';

interface MenuEntry { command: string, when?: string }
interface ProblemMatcher { name: string, owner: string, fileLocation: string | string[], pattern: Record<string, string | number> }
const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    publisher: string, name: string, license: string, icon: string, homepage: string,
    repository: { type: string, url: string }, bugs: { url: string },
    categories: string[], keywords: string[], galleryBanner?: { color: string, theme: string },
    capabilities: { untrustedWorkspaces: { supported: boolean | 'limited', description?: string, restrictedConfigurations?: string[] } },
    contributes: { configuration: { properties: Record<string, unknown> }, menus: Record<string, MenuEntry[]>, problemMatchers: ProblemMatcher[] }
};

// Settings that only change how things look, never what the model or a report says. Every
// other setting must be restricted in an untrusted workspace: a cloned repository's workspace
// settings could otherwise silence diagnostics, move "today" or redirect reports.
const PRESENTATION_ONLY = ['isms.trace.server', 'isms.codeLens.enabled', 'isms.inlayHints.enabled'];
/** Commands that write files or read git metadata: neither happens in Restricted Mode. */
const WRITING_COMMANDS = ['isms.createIsms', 'isms.generateSoa', 'isms.generateRiskRegister', 'isms.generateTreatmentPlan', 'isms.generateReviewPack',
    'isms.generateFrameworkProfile', 'isms.generateCoverage', 'isms.compareWithRevision'];

describe('the extension manifest in untrusted workspaces', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;

    it('declares limited support, with a description', () => {
        assert.equal(trust.supported, 'limited');
        assert.match(trust.description ?? '', /Restricted Mode/);
    });

    it('restricts every setting that changes results', () => {
        const restricted = trust.restrictedConfigurations ?? [];
        for (const setting of ['isms.diagnostics.severity', 'isms.today', 'isms.reports.folder', 'isms.maxFileSize']) {
            assert.ok(restricted.includes(setting), `${setting} is restricted`);
        }
        const unclassified = Object.keys(manifest.contributes.configuration.properties)
            .filter(setting => !restricted.includes(setting) && !PRESENTATION_ONLY.includes(setting));
        assert.deepEqual(unclassified, [], 'a new setting is either restricted or presentation only');
    });

    it('offers the commands that write files or read git only in a trusted workspace', () => {
        const entries = Object.values(manifest.contributes.menus).flat().filter(entry => WRITING_COMMANDS.includes(entry.command));
        assert.ok(entries.length >= WRITING_COMMANDS.length);
        for (const entry of entries) assert.match(entry.when ?? '', /\bisWorkspaceTrusted\b/, `${entry.command}: ${entry.when}`);
        for (const command of WRITING_COMMANDS) {
            assert.ok(manifest.contributes.menus.commandPalette.some(entry => entry.command === command), `${command} has a palette entry`);
        }
    });
});

/** The categories the Visual Studio Marketplace accepts for an extension. */
const MARKETPLACE_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
    'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing',
    'Themes', 'Visualization'];

describe('the extension manifest on the marketplace', () => {
    const repository = `https://github.com/${manifest.publisher}/${manifest.name}`;

    it('has a 128×128 PNG icon, made from the SVG beside it', () => {
        assert.equal(manifest.icon, 'images/icon.png');
        const png = fs.readFileSync(path.join(PROJECT_ROOT, manifest.icon));
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
        assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
        assert.match(fs.readFileSync(path.join(PROJECT_ROOT, 'images', 'icon.svg'), 'utf8'), /<svg[^>]*viewBox="0 0 128 128"/);
    });

    it('names the repository of its publisher, where bugs go and where it is documented', () => {
        assert.equal(manifest.repository.type, 'git');
        assert.equal(manifest.repository.url.replace(/\.git$/, ''), repository);
        assert.equal(manifest.bugs.url, `${repository}/issues`);
        assert.equal(manifest.homepage, `${repository}#readme`);
    });

    it('is MIT licensed, with the licence text beside it', () => {
        assert.equal(manifest.license, 'MIT');
        assert.match(fs.readFileSync(path.join(PROJECT_ROOT, 'LICENSE'), 'utf8'), /MIT License/);
    });

    it('is found under marketplace categories and at most 30 keywords that people search for', () => {
        assert.deepEqual(manifest.categories.filter(category => !MARKETPLACE_CATEGORIES.includes(category)), []);
        assert.ok(manifest.categories.includes('Programming Languages') && manifest.categories.includes('Linters'));
        assert.ok(manifest.keywords.length <= 30, `${manifest.keywords.length} keywords`);
        assert.equal(new Set(manifest.keywords).size, manifest.keywords.length, 'no keyword twice');
        for (const keyword of ['iso27001', 'iso 27001', 'isms', 'soa', 'risk register', 'compliance', 'grc', 'audit', 'nist csf', 'nis2', 'soc 2']) {
            assert.ok(manifest.keywords.includes(keyword), `keyword ${keyword}`);
        }
        if (manifest.galleryBanner) {
            assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
            assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
        }
    });

    it('contributes the problem matcher $isms for the text output of isms validate', () => {
        const matcher = manifest.contributes.problemMatchers.find(candidate => candidate.name === 'isms');
        assert.ok(matcher, 'a problem matcher named isms');
        assert.equal(matcher.owner, 'isms');
        // The CLI prints paths relative to the folder it runs in (the workspace folder in a
        // task), and absolute paths for files outside it.
        assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
        const { regexp, ...groups } = matcher.pattern;
        assert.doesNotThrow(() => new RegExp(regexp as string));
        assert.deepEqual(groups, { file: 1, line: 2, column: 3, severity: 4, code: 5, message: 6 });
    });
});
