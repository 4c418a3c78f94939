// The web worker extension host's entry to the integration suite (`extensionTestsPath` with
// `extensionDevelopmentKind` web): no Node here, so mocha is its browser build and the results
// go through `vscode.workspace.fs`, to `<folder>.web-results.json` beside the folder, which the
// runner (scripts/e2e/run.mjs) reads as it reads the desktop suite's.
//
// Bundled by scripts/e2e/suite.mjs into .e2e/suite/web/index.cjs (browser platform, CommonJS).
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import type { SuiteResults } from './index.js';

declare const mocha: BrowserMocha;
interface BrowserMocha {
    setup(options: { ui: string, reporter: new () => object, timeout: number, color: boolean }): void;
    run(done: (failures: number) => void): {
        on(event: 'pass' | 'pending', listener: (test: { fullTitle(): string, duration?: number }) => void): void;
        on(event: 'fail', listener: (test: { fullTitle(): string, duration?: number }, error: Error) => void): void;
    };
}

async function run(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) throw new Error('the integration suite needs VS Code to have a folder open');
    const name = folder.path.split('/').pop() ?? '';
    const resultsFile = vscode.Uri.joinPath(folder, '..', `${name}.web-results.json`);
    const results: SuiteResults = {
        workspace: folder.toString(),
        testFile: 'web.test.ts',
        vscodeVersion: vscode.version,
        nodeVersion: 'none (web worker)',
        started: new Date().toISOString(),
        passed: 0,
        failed: 0,
        tests: []
    };
    // One write at a time, in order: the runner may read the file between two of them.
    let saving = Promise.resolve();
    const save = () => {
        const text = new TextEncoder().encode(`${JSON.stringify(results, null, 2)}\n`);
        saving = saving.then(() => vscode.workspace.fs.writeFile(resultsFile, text)).then(undefined, () => undefined);
        return saving;
    };
    await save();
    // No reporter of mocha's own: the browser build's default writes HTML into a document, which a
    // worker has not; the results file above is the report.
    mocha.setup({ ui: 'bdd', reporter: class NoReporter {}, timeout: 90000, color: false });
    // The tests register themselves with the mocha set up above.
    await import('./web.test.js');
    const failures = await new Promise<number>(resolve => {
        const runner = mocha.run(resolve);
        runner.on('pass', test => {
            results.passed++;
            results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
            void save();
        });
        runner.on('fail', (test, error) => {
            results.failed++;
            results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? error.message });
            void save();
        });
        runner.on('pending', test => {
            results.tests.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 });
            void save();
        });
    });
    if (results.passed + results.failed === 0) {
        results.failed++;
        results.tests.push({ title: 'the suite', state: 'failed', durationMs: 0, error: 'no test ran' });
    }
    results.finished = new Date().toISOString();
    await save();
    if (failures > 0) throw new Error(`${results.failed} integration test(s) failed in the web worker extension host`);
}

// mocha's browser build, bundled in, ends by setting `module.exports` to mocha itself (its UMD
// header sees a CommonJS module); the host must find this module's `run` there instead.
declare const module: { exports: unknown };
module.exports = { run };
