#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. `bench.mjs --cpu-prof DIR`): the
// functions with the most self time and the most total (inclusive) time, optionally only for
// samples inside a time window, so that the edits of a benchmark run can be told apart from
// the initial build.
//
//   node scripts/bench/cpuprofile-summary.mjs FILE.cpuprofile [--from US --to US] [--top 25]
//        [--bench bench.json --size M --phase hub|asset|risk|init]
//
// --from/--to are process.hrtime microseconds (the clock of V8's profiler on Linux);
// --bench reads them from a bench.json written with --cpu-prof. Names come from the bundle; a
// source map next to each module (dist/server/*.mjs.map) maps them back to the source files.
import { existsSync, readFileSync } from 'node:fs';

function parseArgs(argv) {
    const args = { top: 25 };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--from') args.from = Number(argv[++i]);
        else if (arg === '--to') args.to = Number(argv[++i]);
        else if (arg === '--top') args.top = Number(argv[++i]);
        else if (arg === '--bench') args.bench = argv[++i];
        else if (arg === '--size') args.size = argv[++i];
        else if (arg === '--phase') args.phase = argv[++i];
        else if (!args.file) args.file = arg;
        else throw new Error(`unknown argument ${arg}`);
    }
    return args;
}

// ---- a small source-map reader (VLQ mappings), enough to name the source file and line
function decodeMappings(map) {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const values = new Map([...chars].map((c, i) => [c, i]));
    const lines = [];
    let source = 0, line = 0, column = 0;
    for (const lineText of map.mappings.split(';')) {
        const segments = [];
        let generated = 0;
        for (const segment of lineText.split(',')) {
            if (!segment) continue;
            const fields = [];
            let value = 0, shift = 0;
            for (const c of segment) {
                const digit = values.get(c);
                value += (digit & 31) << shift;
                if (digit & 32) { shift += 5; } else {
                    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
                    value = 0; shift = 0;
                }
            }
            generated += fields[0];
            if (fields.length >= 4) {
                source += fields[1]; line += fields[2]; column += fields[3];
                segments.push([generated, source, line]);
            }
        }
        lines.push(segments);
    }
    return (genLine, genColumn) => {
        const segments = lines[genLine];
        if (!segments || segments.length === 0) return undefined;
        let found = segments[0];
        for (const segment of segments) {
            if (segment[0] <= genColumn) found = segment; else break;
        }
        return { source: map.sources[found[1]], line: found[2] + 1 };
    };
}

const sourceMaps = new Map();
function originalPosition(url, line, column) {
    if (!url.startsWith('file://')) return undefined;
    const path = decodeURIComponent(new URL(url).pathname);
    if (!sourceMaps.has(path)) {
        const mapPath = `${path}.map`;
        let lookup;
        if (existsSync(mapPath) && existsSync(path)) {
            const map = JSON.parse(readFileSync(mapPath, 'utf8'));
            // A map left over from another build (say, next to a minified bundle built without
            // one) would name the wrong files: use it only when it covers the bundle's lines.
            const bundleLines = readFileSync(path, 'utf8').split('\n').length;
            const mapLines = map.mappings.split(';').length;
            if (Math.abs(bundleLines - mapLines) <= 2) lookup = decodeMappings(map);
        }
        sourceMaps.set(path, lookup);
    }
    const lookup = sourceMaps.get(path);
    return lookup?.(line, column);
}

function label(node) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (!url) return name;
    const original = originalPosition(url, lineNumber, columnNumber);
    if (original) {
        const source = original.source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '');
        return `${name}  ${source}:${original.line}`;
    }
    return `${name}  ${url.replace(/^file:\/\//, '').split('/').slice(-2).join('/')}:${lineNumber + 1}`;
}

export function summarise(profile, { from = -Infinity, to = Infinity, top = 25 } = {}) {
    const nodes = new Map(profile.nodes.map(node => [node.id, node]));
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const self = new Map();
    let t = profile.startTime;
    let total = 0;
    let idle = 0;
    for (let i = 0; i < profile.samples.length; i++) {
        t += profile.timeDeltas[i];
        if (t < from || t > to) continue;
        const delta = profile.timeDeltas[i + 1] ?? 0;
        const id = profile.samples[i];
        const node = nodes.get(id);
        if (node.callFrame.functionName === '(idle)') { idle += delta; continue; }
        total += delta;
        self.set(id, (self.get(id) ?? 0) + delta);
    }
    const selfByLabel = new Map();
    const totalByLabel = new Map();
    for (const [id, time] of self) {
        const name = label(nodes.get(id));
        selfByLabel.set(name, (selfByLabel.get(name) ?? 0) + time);
        // Inclusive: each distinct function on the stack once.
        const seen = new Set();
        for (let current = id; current !== undefined; current = parent.get(current)) {
            const ancestor = label(nodes.get(current));
            if (seen.has(ancestor)) continue;
            seen.add(ancestor);
            totalByLabel.set(ancestor, (totalByLabel.get(ancestor) ?? 0) + time);
        }
    }
    const sorted = map => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
    return { busyMs: total / 1000, idleMs: idle / 1000, self: sorted(selfByLabel), total: sorted(totalByLabel) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
    const args = parseArgs(process.argv.slice(2));
    if (!args.file) {
        console.error('usage: node scripts/bench/cpuprofile-summary.mjs FILE.cpuprofile [--from US --to US] [--bench bench.json --size M --phase hub] [--top N]');
        process.exit(2);
    }
    if (args.bench) {
        const bench = JSON.parse(readFileSync(args.bench, 'utf8'));
        const result = bench.results.find(r => r.size === args.size) ?? bench.results[0];
        const window = args.phase === 'init' ? { fromUs: result.server.initWindow.from * 1000, toUs: result.server.initWindow.to * 1000 } : result.server.edits[args.phase ?? 'hub'].window;
        args.from = window.fromUs;
        args.to = window.toUs;
    }
    const profile = JSON.parse(readFileSync(args.file, 'utf8'));
    const summary = summarise(profile, args);
    const pct = time => `${(time / 1000).toFixed(0).padStart(7)} ms ${(100 * time / 1000 / summary.busyMs).toFixed(1).padStart(5)}%`;
    console.log(`busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms`);
    console.log('\nself time:');
    for (const [name, time] of summary.self) console.log(`${pct(time)}  ${name}`);
    console.log('\ntotal (inclusive) time:');
    for (const [name, time] of summary.total) console.log(`${pct(time)}  ${name}`);
}
