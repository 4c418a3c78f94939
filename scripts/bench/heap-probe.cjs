// Preloaded into the language server by the benchmark (`node -r scripts/bench/heap-probe.cjs
// dist/server.cjs --stdio`) when ISMS_BENCH_HEAP_FILE is set: every 200 ms it appends one line of
// JSON with the time (process.hrtime in microseconds, the clock the benchmark uses too) and
// process.memoryUsage(), so that the benchmark can report the server's peak V8 heap per phase.
// It writes to a file only: stdout is the LSP channel. Without the variable it does nothing.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');

const file = process.env.ISMS_BENCH_HEAP_FILE;
if (file) {
    const now = () => Number(process.hrtime.bigint() / 1000n);
    fs.writeFileSync(file, JSON.stringify({ t: now(), heapSizeLimit: v8.getHeapStatistics().heap_size_limit, execArgv: process.execArgv }) + '\n');
    const sample = () => {
        const m = process.memoryUsage();
        fs.appendFileSync(file, JSON.stringify({ t: now(), heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss, external: m.external }) + '\n');
    };
    setInterval(sample, 200).unref();
    process.on('exit', sample);
}
