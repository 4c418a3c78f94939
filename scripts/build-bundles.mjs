// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, as the
// VS Code extension host loads it). Pass --minify for the packaged extension.
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

await Promise.all([
    esbuild.build({ ...common, entryPoints: { extension: 'client/extension.ts' }, external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: { server: 'server/main.ts', cli: 'server/cli/main.ts' }, banner: { js: `#!/usr/bin/env node\n${requireNode22}` } })
]);
