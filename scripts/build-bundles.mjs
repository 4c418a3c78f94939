// Bundles the extension client, the language server and the CLI into dist/, and the web entry and
// its web-worker server into dist/web/. Pass --minify for the packaged extension, which ships no
// source maps (.vscodeignore).
//
// The server and the CLI start in a fraction of a second only if Node reads and compiles no more
// than their first request needs. So each is an ES module split at its dynamic imports
// (dist/server/, dist/cli/): Excel, Word, spreadsheet import and each CLI command are chunks
// loaded on first use. dist/server.cjs and dist/cli.cjs, the names the editor, package.json
// "bin" and the README use, are small CommonJS launchers that check the Node version and import
// the entry module.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const minify = process.argv.includes('--minify');

// zod bundles the messages of every language it knows (a third of its size), which the server,
// the CLI and the web worker would read and compile at every start; they use only English.
const englishOnlyZod = {
    name: 'english-only-zod',
    setup(build) {
        build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: `export { default as en } from './en.js';`, loader: 'js' }));
    }
};

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
    plugins: [englishOnlyZod],
    define: { ISMS_VERSION: JSON.stringify(version) }
};

// The bundled CommonJS packages (vscode-languageserver, exceljs…) call require() and read
// __filename (vscode-languageserver), which an ES module does not have: each output file gets its own.
const commonJsInModule = [
    `import { createRequire as __createRequire } from 'node:module';`,
    `const require = __createRequire(import.meta.url);`,
    `const __filename = import.meta.filename;`
].join('\n');

/** An entry of the Node side as an ES module in dist/<name>/, split into chunks at its dynamic imports. */
function splitModule(name, entry) {
    rmSync(`dist/${name}`, { recursive: true, force: true });
    return esbuild.build({
        ...common,
        entryPoints: { [name]: entry },
        format: 'esm',
        splitting: true,
        outdir: `dist/${name}`,
        outExtension: { '.js': '.mjs' },
        chunkNames: '[name]-[hash]',
        banner: { js: commonJsInModule }
    });
}

// Langium's parser needs Node 22 (Object.groupBy); say so plainly instead of crashing.
const requireNode22 = `if (Number(process.versions.node.split('.')[0]) < 22) { process.stderr.write('isms: Node.js 22 or later is required (found ' + process.version + ')\\n'); process.exit(2); }`;

// Node keeps the compiled code of the modules in its compile cache (in the system's temporary
// folder, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): later starts skip
// compiling them, some 30 ms.
const useCompileCache = `require('node:module').enableCompileCache?.();`;

/** dist/<name>.cjs: checks the Node version, then imports the entry module. */
function writeLauncher(name) {
    writeFileSync(`dist/${name}.cjs`, `#!/usr/bin/env node\n'use strict';\n${requireNode22}\n${useCompileCache}\nimport('./${name}/${name}.mjs');\n`);
}

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
    splitModule('server', 'server/main.ts'),
    splitModule('cli', 'server/cli/main.ts')
]);
rmSync('dist/server.cjs.map', { force: true });
rmSync('dist/cli.cjs.map', { force: true });
writeLauncher('server');
writeLauncher('cli');
