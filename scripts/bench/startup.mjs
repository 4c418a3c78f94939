#!/usr/bin/env node
// Start-up of the bundled language server and CLI (issue #19), each measured as a fresh process
// would be by an editor or a shell, `--runs` times, reporting the median (p50) and the range:
//   - server: from spawning `node dist/server.cjs --stdio` to the answer to initialize, and to
//     the first publishDiagnostics of every file of the S workspace;
//   - CLI: the wall time of `isms --version`, `isms validate` of S and `isms soa --format json`
//     of the --soa-size workspace (M by default).
// Run `npm run build` first.
//
//   node scripts/bench/startup.mjs [--runs 10] [--soa-size M] [--workdir bench-results/startup]
//        [--server-node-args "--cpu-prof"] [--only server|cli] [--dist DIR]
//
// --dist: the folder of the bundles (default: dist/). Given more than once, the builds are
// measured in turn, run by run, so that the load of a shared machine weighs on each alike.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace, SIZES, writeWorkspace } from './generate-workspace.mjs';
import { listIsmsFiles } from './inprocess.mjs';
import { LspClient, nowMs, sleep } from './lsp-client.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TODAY = '2026-11-23';

function parseArgs(argv) {
    const options = { runs: 10, soaSize: 'M', workdir: join(ROOT, 'bench-results', 'startup'), serverNodeArgs: [], only: undefined, dists: [] };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
            return argv[++i];
        };
        switch (arg) {
            case '--runs': options.runs = Math.max(1, Number(value())); break;
            case '--soa-size': options.soaSize = value().toUpperCase(); break;
            case '--workdir': options.workdir = resolve(value()); break;
            case '--server-node-args': options.serverNodeArgs = value().split(/\s+/).filter(Boolean); break;
            case '--only': options.only = value(); break;
            case '--dist': options.dists.push(resolve(value())); break;
            default: throw new Error(`unknown argument ${arg}`);
        }
    }
    if (!SIZES[options.soaSize]) throw new Error(`unknown size ${options.soaSize}`);
    if (options.dists.length === 0) options.dists.push(join(ROOT, 'dist'));
    return options;
}

function workspace(workdir, size) {
    const dir = join(workdir, size);
    if (!existsSync(join(dir, 'workspace.json'))) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeWorkspace(dir, generateWorkspace({ risks: SIZES[size].risks, seed: 1 }));
    }
    return dir;
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function describe(values) {
    return `p50 ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, n ${values.length})`;
}

/** Spawn → initialize answered, and spawn → every file has had its first diagnostics. */
async function serverRun(serverPath, dir, files, nodeArgs) {
    const started = nowMs();
    const client = new LspClient({ serverPath, nodeArgs, settings: { isms: { today: TODAY } } });
    try {
        await client.initialize(dir);
        const initialized = nowMs() - started;
        const pending = new Set(files);
        let seen = 0;
        while (pending.size > 0) {
            for (; seen < client.events.length; seen++) pending.delete(client.events[seen].path);
            if (pending.size === 0) break;
            if (client.exited) throw new Error(`server exited (code ${client.exitCode}): ${client.stderr.slice(-2000)}`);
            await sleep(2);
        }
        return { initialized, diagnosed: client.events[seen - 1].t - started };
    } finally {
        await client.stop();
    }
}

function wallTime(args) {
    return new Promise((resolvePromise, reject) => {
        const started = nowMs();
        const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('error', reject);
        child.on('exit', code => {
            const ms = nowMs() - started;
            // validate exits 1 on errors; the generated workspaces have none, so any exit but 0 is a failure.
            if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
            else resolvePromise(ms);
        });
    });
}

async function repeat(runs, measure) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await measure());
    return results;
}

const options = parseArgs(process.argv.slice(2));
const builds = options.dists.map(dist => ({ dist, server: join(dist, 'server.cjs'), cli: join(dist, 'cli.cjs') }));

/** Runs `measure(build)` `--runs` times for every build in turn; prints one line per build. */
async function row(label, measure, pick = [[label, value => value]]) {
    const results = builds.map(() => []);
    for (let i = 0; i < options.runs; i++) {
        for (const [index, build] of builds.entries()) results[index].push(await measure(build));
    }
    for (const [name, select] of pick) {
        for (const [index, build] of builds.entries()) {
            const suffix = builds.length > 1 ? `  ${build.dist}` : '';
            console.log(`${name.padEnd(36)} ${describe(results[index].map(select))}${suffix}`);
        }
    }
}

const small = workspace(options.workdir, 'S');
console.log(`load average before: ${loadavg().map(v => v.toFixed(2)).join(' ')}`);
if (options.only !== 'cli') {
    const files = listIsmsFiles(small);
    await row('server', build => serverRun(build.server, small, files, options.serverNodeArgs),
        [['server: initialize answered', r => r.initialized], ['server: first diagnostics of S', r => r.diagnosed]]);
}
if (options.only !== 'server') {
    await row('cli: --version', build => wallTime([build.cli, '--version']));
    await row('cli: validate S', build => wallTime([build.cli, 'validate', small, '--date', TODAY]));
    const soaDir = workspace(options.workdir, options.soaSize);
    const out = join(options.workdir, 'soa.json');
    await row(`cli: soa --format json ${options.soaSize}`, build => wallTime([build.cli, 'soa', soaDir, '--date', TODAY, '--format', 'json', '--out', out]));
    rmSync(out, { force: true });
}
console.log(`load average after: ${loadavg().map(v => v.toFixed(2)).join(' ')}`);
