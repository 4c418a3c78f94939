// What every runner of the integration suite (test/integration) shares: the bundles the
// extension host loads, the workspaces it opens, and the user settings of a quiet test profile.
//
// The bundles are CommonJS, as the extension host loads an `extensionTestsPath`; `vscode` is left
// to the host, mocha is bundled in. They live in .e2e/suite/, inside the project, so that the
// host maps their `require('vscode')` to the extension under development.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const SUITE_DIR = path.join(PROJECT_ROOT, '.e2e', 'suite');

/** User settings for a fresh VS Code profile: no welcome page, tips, AI panels or network chatter. */
export const USER_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'editor.hover.delay': 300,
    'files.autoSave': 'off'
};

/**
 * Builds the bundles: index.cjs (the host's entry, `run()`), one per test file, and an ES module
 * of test/integration/workspaces.ts for the runners. Resolves to the absolute path of index.cjs.
 */
export async function bundleSuite() {
    const common = {
        absWorkingDir: PROJECT_ROOT,
        bundle: true,
        platform: 'node',
        target: 'node20',
        outdir: SUITE_DIR,
        sourcemap: 'inline',
        logLevel: 'warning',
        // Mocha's parallel mode, which the suite does not use, resolves files esbuild cannot see.
        logOverride: { 'require-resolve-not-external': 'silent' }
    };
    await Promise.all([
        esbuild.build({
            ...common,
            format: 'cjs',
            outExtension: { '.js': '.cjs' },
            external: ['vscode'],
            entryPoints: {
                index: 'test/integration/index.ts',
                'acme.test': 'test/integration/acme.test.ts',
                'acme-broken.test': 'test/integration/acme-broken.test.ts'
            }
        }),
        esbuild.build({
            ...common,
            format: 'esm',
            outExtension: { '.js': '.mjs' },
            entryPoints: { workspaces: 'test/integration/workspaces.ts' }
        }),
        // The web worker extension host: no Node, so no Node module may come in (the build fails).
        esbuild.build({
            ...common,
            platform: 'browser',
            target: 'es2022',
            format: 'cjs',
            outExtension: { '.js': '.cjs' },
            outdir: path.join(SUITE_DIR, 'web'),
            external: ['vscode'],
            // web-index.ts sets module.exports on purpose, after mocha's browser build has.
            logOverride: { ...common.logOverride, 'commonjs-variable-in-esm': 'silent' },
            entryPoints: { index: 'test/integration/web-index.ts' }
        })
    ]);
    return path.join(SUITE_DIR, 'index.cjs');
}

/** test/integration/workspaces.ts, as bundled by bundleSuite(). */
export async function workspaceHelpers() {
    return import(pathToFileURL(path.join(SUITE_DIR, 'workspaces.mjs')).href);
}

/**
 * Bundles the suite and makes fresh copies of the workspaces it opens under `parent`:
 * `acme` (clean) and `acme-broken` (seeded mistakes). Each gets its results file beside it.
 */
export async function prepareSuite(parent) {
    const index = await bundleSuite();
    const { copyAcme, CLEAN_WORKSPACE, BROKEN_WORKSPACE, TODAY } = await workspaceHelpers();
    fs.mkdirSync(parent, { recursive: true });
    const workspaces = [
        { label: CLEAN_WORKSPACE, folder: copyAcme(PROJECT_ROOT, parent, CLEAN_WORKSPACE, false), testFile: path.join(SUITE_DIR, 'acme.test.cjs') },
        { label: BROKEN_WORKSPACE, folder: copyAcme(PROJECT_ROOT, parent, BROKEN_WORKSPACE, true), testFile: path.join(SUITE_DIR, 'acme-broken.test.cjs') }
    ];
    for (const workspace of workspaces) {
        fs.rmSync(`${workspace.folder}.results.json`, { force: true });
        fs.rmSync(`${workspace.folder}.web-results.json`, { force: true });
    }
    return { index, workspaces, today: TODAY, copyAcme };
}

/**
 * What puts the extension into the browser's web worker extension host, as in VS Code for the
 * Web. The workbench's extensionDevelopmentKind (payload) is parsed but not acted on in VS Code
 * 1.103; the user's extension kind is: `web` only, so the `browser` entry runs, in a worker.
 */
export const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'isms-as-code.isms-as-code': ['web'] } };

/** Writes USER_SETTINGS, and `extra` settings, into a user data folder. */
export function writeUserSettings(userDataDir, extra = {}) {
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 4)}\n`);
}

/** The web worker extension host's entry to the suite, as bundleSuite() builds it. */
export const WEB_SUITE_INDEX = path.join(SUITE_DIR, 'web', 'index.cjs');

/** The results file the suite's run() wrote beside `folder` (`.web-results.json`: the web host's), or undefined. */
export function readResults(folder, suffix = '.results.json') {
    try {
        return JSON.parse(fs.readFileSync(`${folder}${suffix}`, 'utf8'));
    } catch {
        return undefined;
    }
}

/** Prints one test result the way mocha's spec reporter would. */
export function printTest(test) {
    const mark = test.state === 'passed' ? '✓' : test.state === 'pending' ? '-' : '✗';
    console.log(`    ${mark} ${test.title}${test.durationMs ? ` (${test.durationMs} ms)` : ''}`);
    if (test.error) console.log(test.error.split('\n').slice(0, 12).map(line => `        ${line}`).join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    console.log(await bundleSuite());
}
