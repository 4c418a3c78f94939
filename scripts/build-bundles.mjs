// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, as the
// VS Code extension host loads it), and the web entry and its web-worker server into dist/web/.
// Pass --minify for the packaged extension, which ships no source maps (.vscodeignore).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const minify = process.argv.includes('--minify');

// Langium's parser needs Node 22 (Object.groupBy); say so plainly instead of crashing.
const requireNode22 = `if (Number(process.versions.node.split('.')[0]) < 22) { process.stderr.write('isms: Node.js 22 or later is required (found ' + process.version + ')\\n'); process.exit(2); }`;

const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    outdir: 'dist',
    sourcemap: !minify,
    minify,
    logLevel: 'warning',
    define: { ISMS_VERSION: JSON.stringify(version) }
};

// VS Code for the Web: no Node at all. platform 'browser' with no polyfills, so the build fails
// if any module of the language core imports a Node module (node:fs, node:path…).
const web = {
    ...common,
    platform: 'browser',
    target: 'es2022',
    outExtension: {},
    outdir: 'dist/web'
};

await Promise.all([
    esbuild.build({ ...common, entryPoints: { extension: 'client/extension.ts' }, external: ['vscode'] }),
    // .cjs: the package is "type": "module", and the web worker extension host loads only CommonJS.
    esbuild.build({ ...web, entryPoints: { extension: 'client/browser-extension.ts' }, format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['vscode'] }),
    esbuild.build({ ...web, entryPoints: { server: 'server/browser-main.ts' }, format: 'iife' }),
    esbuild.build({ ...common, entryPoints: { server: 'server/main.ts', cli: 'server/cli/main.ts' }, banner: { js: `#!/usr/bin/env node\n${requireNode22}` } })
]);
