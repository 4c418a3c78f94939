#!/usr/bin/env node
// The integration suite (test/integration) in desktop VS Code, downloaded by @vscode/test-electron
// into .vscode-test/: for developers' machines and hosted CI. Where VS Code cannot be downloaded
// it says so in one line and exits 1; `npm run test:e2e` runs the same suite in code-server.
//
// VSCODE_VERSION picks the version: `stable` (default), `insiders`, `1.101.0`, or `min` for the
// lowest version engines.vscode allows. On Linux without a display it reruns itself under
// `xvfb-run -a` when that is installed.
//
// Builds the project (npm run build) once VS Code is there, unless given --no-build.
// Ends with one line "N passed, N failed"; exit 1 when anything failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareSuite, PROJECT_ROOT, printTest, readResults, writeUserSettings } from './e2e/suite.mjs';

const ROOT = PROJECT_ROOT;
const CACHE = path.join(ROOT, '.vscode-test');

function requestedVersion() {
    const wanted = process.env.VSCODE_VERSION || 'stable';
    if (wanted !== 'min') return wanted;
    const { engines } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    return engines.vscode.replace(/^[^\d]*/, '');
}

function needsDisplay() {
    return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.ISMS_UNDER_XVFB;
}

async function main() {
    if (needsDisplay() && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
        const again = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ISMS_UNDER_XVFB: '1' } });
        process.exit(again.status ?? 1);
    }
    const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
    const version = requestedVersion();
    let vscodeExecutablePath;
    try {
        const quiet = { report() {}, error() {} };
        vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: CACHE, reporter: quiet, timeout: 20_000 });
    } catch (error) {
        const reason = String(error instanceof Error ? error.message : error).split('\n')[0];
        console.log(`test:vscode: cannot download VS Code ${version} (${reason}); no test ran. Where VS Code cannot be downloaded, run npm run test:e2e (code-server).`);
        process.exit(1);
    }

    if (!process.argv.includes('--no-build')) {
        const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
        if (build.status !== 0) {
            console.log('test:vscode: npm run build failed\n\n0 passed, 1 failed');
            process.exit(1);
        }
    }
    for (const bundle of ['extension.cjs', 'server.cjs', 'cli.cjs']) {
        if (!fs.existsSync(path.join(ROOT, 'dist', bundle))) {
            console.log(`test:vscode: dist/${bundle} is missing; run npm run build first\n\n0 passed, 1 failed`);
            process.exit(1);
        }
    }

    const runDir = path.join(CACHE, 'run');
    fs.rmSync(runDir, { recursive: true, force: true });
    const { index, workspaces } = await prepareSuite(path.join(runDir, 'workspaces'));
    const userData = path.join(runDir, 'user-data');
    writeUserSettings(userData);

    const counts = { passed: 0, failed: 0 };
    for (const { label, folder } of workspaces) {
        console.log(`test:vscode: VS Code ${version}, workspace ${label}`);
        try {
            await runTests({
                vscodeExecutablePath,
                extensionDevelopmentPath: ROOT,
                extensionTestsPath: index,
                launchArgs: [folder, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-telemetry',
                    '--user-data-dir', userData, '--extensions-dir', path.join(runDir, 'extensions')]
            });
        } catch {
            // A failed test ends VS Code with exit code 1; the results file says which.
        }
        const results = readResults(folder);
        for (const test of results?.tests ?? []) printTest(test);
        if (!results?.finished) {
            console.log(`    ✗ the suite did not finish in VS Code (${results ? 'it stopped mid-way' : 'it never started'})`);
            counts.failed++;
        }
        counts.passed += results?.passed ?? 0;
        counts.failed += results?.failed ?? 0;
    }
    console.log(`\n${counts.passed} passed, ${counts.failed} failed`);
    process.exit(counts.failed > 0 ? 1 : 0);
}

await main();
