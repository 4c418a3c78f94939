#!/usr/bin/env node
// End-to-end tests in a real VS Code workbench: code-server (VS Code 1.103, Node 22 extension host)
// on loopback with this extension under development, driven by Debian's Chromium via playwright-core.
//
//   1. The integration suite (test/integration) runs inside the extension host, once on a copy of
//      examples/acme and once on a copy with seeded mistakes; results come back through files.
//      Then the web suite (test/integration/web.test.ts) runs on both copies with the extension
//      forced into the web worker extension host (WEB_HOST_SETTINGS), as in VS Code for the
//      Web: its language server is a web worker reading through workspace.fs.
//   2. Then the workbench is used as a person would: open a file from the Explorer, see the
//      squiggle and the Problems count, hover a risk, run "ISMS: Generate Statement of
//      Applicability…" from the palette (F1), pick a format, find the file; open the heat map.
//      A screenshot of each step goes into the screenshots folder.
//
// Ends with one line "N passed, N failed"; exit 1 when anything failed.
//
// Usage: node scripts/e2e/run.mjs [--build] [--screenshots DIR] [--readme-image FILE] [--keep] [--host-only | --ui-only | --web-only]
//   --build         run `npm run build` first (without it, dist/ must be built already)
//   --screenshots   where the screenshots go (default test-results/e2e-screenshots)
//   --readme-image  also copy the hover screenshot there (docs/images/vscode-acme.png for the README)
//   --keep          keep the temporary folder (workspaces, code-server log, profiles)
//   --web-only      only the suite in the web worker extension host
// Installs what it needs with scripts/e2e/setup.sh (cached in .e2e/, or ISMS_E2E_CACHE).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareSuite, PROJECT_ROOT, printTest, readResults, WEB_HOST_SETTINGS, WEB_SUITE_INDEX, writeUserSettings } from './suite.mjs';

const ROOT = PROJECT_ROOT;
const CACHE = process.env.ISMS_E2E_CACHE ?? path.join(ROOT, '.e2e');
const CODE_SERVER_ENTRY = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.ISMS_E2E_CHROMIUM ?? '/usr/bin/chromium';
const HOST_SUITE_TIMEOUT = 180_000;

const args = process.argv.slice(2);
const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const SCREENSHOTS = path.resolve(ROOT, option('--screenshots') ?? 'test-results/e2e-screenshots');
const README_IMAGE = option('--readme-image');
const KEEP = args.includes('--keep');
const BUILD = args.includes('--build');
const WEB_ONLY = args.includes('--web-only');
const RUN_HOST = !args.includes('--ui-only') && !WEB_ONLY;
const RUN_WEB = !args.includes('--ui-only');
const RUN_UI = !args.includes('--host-only') && !WEB_ONLY;

const counts = { passed: 0, failed: 0 };
const started = Date.now();
const log = message => console.log(`e2e: ${message}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function finish(code) {
    console.log(`\n${counts.passed} passed, ${counts.failed} failed`);
    process.exit(code ?? (counts.failed > 0 ? 1 : 0));
}

/** An infrastructure failure: counts as one failed test, then ends the run. */
function abort(message) {
    console.error(`e2e: ${message}`);
    counts.failed++;
    throw new Abort(message);
}
class Abort extends Error {}

// ------------------------------------------------------------------------------------ set-up

function setUp() {
    const setup = spawnSync('bash', [path.join(ROOT, 'scripts', 'e2e', 'setup.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) abort('scripts/e2e/setup.sh failed');
    if (BUILD) {
        log('npm run build');
        const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PATH: `${path.dirname(node22())}:${process.env.PATH}` } });
        if (build.status !== 0) abort('npm run build failed');
    }
    for (const bundle of ['extension.cjs', 'server.cjs', 'cli.cjs', 'web/extension.cjs', 'web/server.js']) {
        if (!fs.existsSync(path.join(ROOT, 'dist', bundle))) abort(`dist/${bundle} is missing: run npm run build first`);
    }
}

/** The Node 22 that runs code-server, hence the extension host and the language server. */
function node22() {
    if (process.versions.node.split('.')[0] === '22') return process.execPath;
    return path.join(ROOT, 'node_modules', '.bin', 'node');
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/** Environment that keeps code-server, the extension host and Chromium out of $HOME. */
function isolatedEnv(tmp) {
    const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'xdg/config', XDG_DATA_HOME: 'xdg/data', XDG_CACHE_HOME: 'xdg/cache', XDG_STATE_HOME: 'xdg/state', TMPDIR: 'tmp' };
    const env = { ...process.env, PATH: `${path.dirname(node22())}:${process.env.PATH}` };
    for (const [name, dir] of Object.entries(dirs)) {
        env[name] = path.join(tmp, dir);
        fs.mkdirSync(env[name], { recursive: true });
    }
    delete env.VSCODE_IPC_HOOK_CLI;
    delete env.ELECTRON_RUN_AS_NODE;
    return env;
}

async function startCodeServer(tmp, env) {
    const port = await freePort();
    const config = path.join(tmp, 'code-server.yaml');
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const userData = path.join(tmp, 'user-data');
    writeUserSettings(userData);
    const logFile = path.join(tmp, 'code-server.log');
    const out = fs.openSync(logFile, 'a');
    const child = spawn(node22(), [CODE_SERVER_ENTRY,
        '--config', config,
        '--user-data-dir', userData,
        '--extensions-dir', path.join(tmp, 'extensions'),
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--disable-getting-started-override', '--ignore-last-opened'
    ], { env, stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    let exited = false;
    child.on('exit', () => { exited = true; });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
        if (exited) abort(`code-server exited at start; its log: ${logFile}\n${tail(logFile)}`);
        try {
            const response = await fetch(`${base}/healthz`);
            if (response.ok) break;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) abort(`code-server did not answer on ${base} within 60 s; its log: ${logFile}`);
        await sleep(200);
    }
    return {
        port, base, logFile, userData,
        stop: async () => {
            if (exited) return;
            try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
            for (let i = 0; i < 50 && !exited; i++) await sleep(100);
            if (!exited) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
        }
    };
}

function tail(file, lines = 30) {
    try {
        return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
        return '';
    }
}

function workbenchUrl(server, folder, testsPath, kind) {
    const remote = file => `vscode-remote://127.0.0.1:${server.port}${file}`;
    const payload = [['extensionDevelopmentPath', remote(ROOT)]];
    if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
    // `web`: the browser's web worker extension host (WEB_HOST_SETTINGS does it in VS Code 1.103).
    if (kind) payload.push(['extensionDevelopmentKind', kind]);
    return `${server.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// ------------------------------------------------------------- the suite in the extension host

/** `host`: where the suite runs, the Node extension host (the default) or the web worker one. */
async function runHostSuite(context, server, folder, indexCjs, host = { kind: undefined, results: '.results.json', label: 'the extension host' }) {
    const name = path.basename(folder);
    log(`integration suite in ${host.label}, workspace ${name} (${elapsed()})`);
    const page = await context.newPage();
    const browserLog = [];
    page.on('console', message => { if (message.type() === 'error') browserLog.push(message.text()); });
    await page.goto(workbenchUrl(server, folder, indexCjs, host.kind));
    const deadline = Date.now() + HOST_SUITE_TIMEOUT;
    let shown = 0;
    let results;
    for (;;) {
        results = readResults(folder, host.results);
        for (const test of results?.tests.slice(shown) ?? []) {
            printTest(test);
            shown++;
        }
        if (results?.finished) break;
        if (Date.now() > deadline) {
            await page.screenshot({ path: path.join(SCREENSHOTS, `host-${host.kind ?? 'node'}-${name}-timeout.png`) }).catch(() => {});
            const where = results ? `it started (VS Code ${results.vscodeVersion}) but did not finish` : 'it never started: the extension host did not load the suite';
            console.log(`    browser errors: ${browserLog.slice(-5).join(' | ') || 'none'}`);
            counts.passed += results?.passed ?? 0;
            counts.failed += (results?.failed ?? 0) + 1;
            log(`the suite on ${name} timed out after ${HOST_SUITE_TIMEOUT / 1000} s: ${where}; code-server log: ${server.logFile}`);
            await page.close();
            return;
        }
        await sleep(250);
    }
    counts.passed += results.passed;
    counts.failed += results.failed;
    log(`${name}: ${results.passed} passed, ${results.failed} failed (VS Code ${results.vscodeVersion}, extension host Node ${results.nodeVersion})`);
    if (results.failed > 0) await page.screenshot({ path: path.join(SCREENSHOTS, `host-${host.kind ?? 'node'}-${name}-failed.png`) }).catch(() => {});
    await page.close();
}

// ------------------------------------------------------------------ the workbench as a person

async function runPersonSteps(context, server, folder, expected) {
    log(`the workbench as a person would use it, workspace ${path.basename(folder)} (${elapsed()})`);
    const page = await context.newPage();
    const shots = [];
    const shot = async name => {
        const file = path.join(SCREENSHOTS, `${name}.png`);
        await page.screenshot({ path: file });
        shots.push(file);
        return file;
    };
    const editor = page.locator('.editor-group-container .monaco-editor').first();
    const explorerRow = label => page.locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/\./g, '\\.')}$`) }) });
    const palette = async title => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(`>${title}`);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ state: 'visible', timeout: 10_000 });
        return row;
    };
    const files = {};

    const steps = [
        ['opens the workbench on the acme model', async () => {
            await page.goto(workbenchUrl(server, folder));
            await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
            await explorerRow('risks').waitFor({ timeout: 60_000 });
            await page.locator('.statusbar-item[id="status.problems"]').waitFor({ timeout: 60_000 });
            await shot('01-workbench');
        }],
        ['opens risks/platform.isms from the Explorer', async () => {
            await explorerRow('risks').click();
            await explorerRow('platform.isms').click();
            await page.locator('.tabs-container .tab', { hasText: 'platform.isms' }).waitFor({ timeout: 20_000 });
            await editor.locator('.view-line', { hasText: 'risk R-001' }).waitFor({ timeout: 20_000 });
            await shot('02-file-open');
        }],
        ['sees the error squiggles and the Problems count of the whole model', async () => {
            await editor.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
            const problems = page.locator('.statusbar-item[id="status.problems"]');
            const counted = async () => {
                const text = `${await problems.getAttribute('aria-label') ?? ''} ${await problems.innerText()}`;
                return text.match(/\d+/g)?.map(Number) ?? [];
            };
            const deadline = Date.now() + 30_000;
            let numbers = await counted();
            while (!(numbers[0] === expected.errors && numbers[1] === expected.warnings) && Date.now() < deadline) {
                await sleep(250);
                numbers = await counted();
            }
            if (!(numbers[0] === expected.errors && numbers[1] === expected.warnings)) {
                throw new Error(`the status bar counts ${numbers.join(', ')}; the CLI counts ${expected.errors} errors, ${expected.warnings} warnings`);
            }
            const squiggles = await editor.locator('.squiggly-error').count();
            if (squiggles < 1) throw new Error('no error squiggle in platform.isms');
            await problems.click();
            await page.locator('.markers-panel .monaco-list-row', { hasText: 'SecurityChampion' }).first().waitFor({ timeout: 20_000 });
            await shot('03-diagnostics');
        }],
        ['hovers a risk and reads its score', async () => {
            const line = editor.locator('.view-line', { hasText: 'risk R-001' }).first();
            const token = line.locator('span > span', { hasText: /^R-001$/ }).first();
            const target = await token.count() > 0 ? token : line;
            const box = await target.boundingBox();
            if (!box) throw new Error('R-001 is not on screen');
            const x = target === token ? box.x + box.width / 2 : box.x + 8 * 7;
            const hover = page.locator('.monaco-hover-content', { hasText: 'Inherent' }).first();
            // The workbench shows a hover only once the mouse rests; on a busy machine a move can
            // pass unnoticed, so the mouse comes again, as a person's would.
            for (let attempt = 1; ; attempt++) {
                await page.mouse.move(x - 20, box.y - 30);
                await page.mouse.move(x, box.y + box.height / 2, { steps: 5 });
                try {
                    await hover.waitFor({ state: 'visible', timeout: 10_000 });
                    break;
                } catch (error) {
                    if (attempt === 3) throw error;
                }
            }
            await sleep(600); // the hover fades in
            const text = await hover.innerText();
            if (!/R-001/.test(text) || !/= 15, high/.test(text) || !/= 4, low/.test(text)) {
                throw new Error(`the hover says: ${text.slice(0, 300)}`);
            }
            files.hover = await shot('04-hover');
        }],
        ['runs "ISMS: Generate Statement of Applicability…" from the command palette (F1)', async () => {
            await page.mouse.move(5, 300);
            const row = await palette('ISMS: Generate Statement of Applicability');
            await shot('05-command-palette');
            await row.click();
        }],
        ['picks Markdown, and generates anyway although the model has errors', async () => {
            const markdown = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Markdown' }).first();
            await markdown.waitFor({ state: 'visible', timeout: 15_000 });
            await shot('06-format-pick');
            await markdown.click();
            const toast = page.locator('.notification-toast', { hasText: `The model has ${expected.errors} error(s)` }).first();
            await toast.waitFor({ state: 'visible', timeout: 30_000 });
            await sleep(600); // the toast slides in
            await shot('07-errors-warning');
            await toast.locator('.monaco-button', { hasText: 'Generate Anyway' }).click();
        }],
        ['finds the generated SoA: in its preview, on disk and in the Explorer', async () => {
            const report = path.join(folder, 'reports', 'statement-of-applicability.md');
            const deadline = Date.now() + 30_000;
            while (!fs.existsSync(report) && Date.now() < deadline) await sleep(200);
            if (!fs.existsSync(report)) throw new Error(`${report} was not written`);
            const content = fs.readFileSync(report, 'utf8');
            if (!/Statement of Applicability/.test(content) || !/A\.8\.13/.test(content)) throw new Error(`the SoA holds: ${content.slice(0, 200)}`);
            await page.locator('.tabs-container .tab', { hasText: 'statement-of-applicability' }).first().waitFor({ timeout: 30_000 });
            await explorerRow('reports').waitFor({ timeout: 20_000 });
            // The Explorer may expand the folder itself to reveal the opened report; a click
            // then would fold it again, so expand it only while it is folded.
            const expandDeadline = Date.now() + 20_000;
            while (!await explorerRow('statement-of-applicability.md').isVisible() && Date.now() < expandDeadline) {
                if (await explorerRow('reports').getAttribute('aria-expanded') === 'false') await explorerRow('reports').click();
                await sleep(500);
            }
            await explorerRow('statement-of-applicability.md').waitFor({ timeout: 5_000 });
            // Let the preview render its table before the picture.
            await page.locator('iframe.webview').last().waitFor({ timeout: 20_000 });
            await sleep(1500);
            files.soa = await shot('08-soa-generated');
        }],
        ['opens the risk heat map from the command palette', async () => {
            const row = await palette('ISMS: Show Risk Heat Map');
            await row.click();
            await page.locator('.tabs-container .tab', { hasText: 'Risk Heat Map' }).waitFor({ timeout: 20_000 });
            const grid = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame').locator('table.grid caption').first();
            await grid.waitFor({ timeout: 30_000 });
            const caption = await grid.innerText();
            if (!/31 risks/.test(caption)) throw new Error(`the heat map's first grid says: ${caption}`);
            await shot('09-heat-map');
        }]
    ];

    for (const [index, [title, step]] of steps.entries()) {
        const begin = Date.now();
        try {
            await step();
            counts.passed++;
            console.log(`    ✓ ${title} (${Date.now() - begin} ms)`);
        } catch (error) {
            counts.failed++;
            console.log(`    ✗ ${title}\n        ${String(error instanceof Error ? error.message : error).split('\n').slice(0, 6).join('\n        ')}`);
            await shot(`failed-${String(index + 1).padStart(2, '0')}`).catch(() => {});
            const skipped = steps.length - index - 1;
            if (skipped > 0) {
                console.log(`    - ${skipped} later step(s) not run: each needs the one before`);
                counts.failed += skipped;
            }
            break;
        }
    }
    await page.close();
    return files;
}

// ---------------------------------------------------------------------------------------- main

async function main() {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const old of fs.readdirSync(SCREENSHOTS)) if (old.endsWith('.png')) fs.rmSync(path.join(SCREENSHOTS, old));
    setUp();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-e2e-'));
    const env = isolatedEnv(tmp);
    const { index: indexCjs, workspaces, today, copyAcme } = await prepareSuite(path.join(tmp, 'host'));
    // The person opens "acme", with the seeded mistakes: something to see in the Problems panel.
    const personFolder = copyAcme(ROOT, path.join(tmp, 'person'), 'acme', true);
    const expected = cliCounts(personFolder, today);

    let server;
    let context;
    try {
        server = await startCodeServer(tmp, env);
        log(`code-server on ${server.base} (${elapsed()})`);
        const { chromium } = await import('playwright-core');
        context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
            executablePath: CHROMIUM,
            env,
            viewport: { width: 1366, height: 960 },
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
        });
        context.setDefaultTimeout(30_000);
        if (RUN_HOST) {
            for (const { folder } of workspaces) await runHostSuite(context, server, folder, indexCjs);
        }
        if (RUN_WEB) {
            // Read by each new workbench page; put back for the steps below, which use the Node host.
            writeUserSettings(server.userData, WEB_HOST_SETTINGS);
            const web = { kind: 'web', results: '.web-results.json', label: 'the web worker extension host' };
            // Fresh copies: the desktop suite edits its workspaces (quick fixes, reports).
            const webFolders = workspaces.map(({ label }) => copyAcme(ROOT, path.join(tmp, 'web'), label, label === workspaces[1].label));
            for (const folder of webFolders) await runHostSuite(context, server, folder, WEB_SUITE_INDEX, web);
            writeUserSettings(server.userData);
        }
        if (RUN_UI) {
            const files = await runPersonSteps(context, server, personFolder, expected);
            log(`screenshots in ${path.relative(ROOT, SCREENSHOTS) || '.'}/`);
            if (README_IMAGE && files.hover) {
                fs.mkdirSync(path.dirname(path.resolve(ROOT, README_IMAGE)), { recursive: true });
                fs.copyFileSync(files.hover, path.resolve(ROOT, README_IMAGE));
                log(`copied ${path.relative(ROOT, files.hover)} to ${README_IMAGE}`);
            }
        }
    } finally {
        await context?.close().catch(() => {});
        await server?.stop();
        if (counts.failed > 0 && server) log(`code-server log: ${KEEP ? server.logFile : `(removed; rerun with --keep to keep ${tmp})`}`);
        if (KEEP) log(`kept ${tmp}`);
        else fs.rmSync(tmp, { recursive: true, force: true });
    }
    log(`done in ${elapsed()}`);
}

/** Errors and warnings the CLI counts for a folder: what the status bar must show. */
function cliCounts(folder, today) {
    const result = spawnSync(node22(), [path.join(ROOT, 'dist', 'cli.cjs'), 'validate', '.', '--format', 'json', '--date', today], { cwd: folder, encoding: 'utf8' });
    const diagnostics = JSON.parse(result.stdout);
    return {
        errors: diagnostics.filter(d => d.severity === 'error').length,
        warnings: diagnostics.filter(d => d.severity === 'warning').length
    };
}

try {
    await main();
} catch (error) {
    if (!(error instanceof Abort)) {
        console.error(error);
        counts.failed++;
    }
}
finish();
