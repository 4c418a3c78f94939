// The extension host's entry to the integration suite (VS Code's `extensionTestsPath`): runs the
// tests for the folder VS Code opened with mocha, and writes what happened to a results file
// beside that folder, `<folder>.results.json`, as it goes. The runners read that file: VS Code
// in code-server ends its extension host with exit code 0 even when this function throws.
//
// Bundled by scripts/e2e/bundle-suite.mjs into .e2e/suite/index.cjs (CommonJS, as the extension
// host loads it), next to one bundle per test file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { BROKEN_WORKSPACE, CLEAN_WORKSPACE } from './workspaces.js';

export interface TestResult {
    title: string;
    state: 'passed' | 'failed' | 'pending';
    durationMs: number;
    error?: string;
}

export interface SuiteResults {
    workspace: string;
    testFile: string;
    vscodeVersion: string;
    nodeVersion: string;
    started: string;
    /** Set when mocha has finished; a file without it means the host died mid-way. */
    finished?: string;
    passed: number;
    failed: number;
    tests: TestResult[];
}

/** Which bundled test file runs for which folder. */
const TEST_FILES: Record<string, string> = {
    [CLEAN_WORKSPACE]: 'acme.test.cjs',
    [BROKEN_WORKSPACE]: 'acme-broken.test.cjs'
};

export async function run(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) throw new Error('the integration suite needs VS Code to have a folder open');
    const resultsFile = `${folder}.results.json`;
    const testFile = TEST_FILES[path.basename(folder)];
    const results: SuiteResults = {
        workspace: folder,
        testFile: testFile ?? '',
        vscodeVersion: vscode.version,
        nodeVersion: process.version,
        started: new Date().toISOString(),
        passed: 0,
        failed: 0,
        tests: []
    };
    const save = () => {
        fs.writeFileSync(`${resultsFile}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
        fs.renameSync(`${resultsFile}.tmp`, resultsFile);
    };
    const fail = (title: string, error: unknown) => {
        results.failed++;
        results.tests.push({ title, state: 'failed', durationMs: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    };
    save();

    let failures = 0;
    try {
        if (!testFile) throw new Error(`no integration tests for a folder named ${path.basename(folder)}: expected ${Object.keys(TEST_FILES).join(' or ')}`);
        const mocha = new Mocha({ ui: 'bdd', timeout: 90000, color: false, grep: process.env.ISMS_IT_GREP || undefined });
        mocha.addFile(path.join(__dirname, testFile));
        failures = await new Promise<number>((resolve, reject) => {
            try {
                const runner = mocha.run(count => resolve(count));
                runner.on('pass', test => {
                    results.passed++;
                    results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
                    save();
                });
                runner.on('fail', (test, error) => {
                    fail(test.fullTitle(), error);
                    results.tests[results.tests.length - 1].durationMs = test.duration ?? 0;
                    save();
                });
                runner.on('pending', test => {
                    results.tests.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 });
                    save();
                });
            } catch (error) {
                reject(error);
            }
        });
        if (results.passed + results.failed === 0) fail('the suite', new Error('no test ran'));
    } catch (error) {
        fail('loading the suite', error);
    }
    results.finished = new Date().toISOString();
    save();
    if (failures > 0 || results.failed > 0) {
        throw new Error(`${results.failed} integration test(s) failed; see ${resultsFile}`);
    }
}
