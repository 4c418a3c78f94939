// @vscode/test-cli configuration (`npx vscode-test`, and VS Code's Extension Test Runner): the
// integration suite of test/integration, once per workspace it opens. Loading this file bundles
// the suite into .e2e/suite/ and makes fresh copies of the workspaces in .vscode-test/cli/.
// `npm run test:vscode` (scripts/test-vscode.mjs) runs the same suite through @vscode/test-electron.
import { defineConfig } from '@vscode/test-cli';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSuite } from './scripts/e2e/suite.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const { workspaces } = await prepareSuite(path.join(root, '.vscode-test', 'cli', 'workspaces'));

export default defineConfig(workspaces.map(({ label, folder, testFile }) => ({
    label,
    files: testFile,
    workspaceFolder: folder,
    version: process.env.VSCODE_VERSION || 'stable',
    launchArgs: ['--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    mocha: { ui: 'bdd', timeout: 90000 }
})));
