/**
 * The fuzz suite's budget. In CI (plain `mocha` / `npm test`) every property runs a fixed
 * number of times from a fixed seed, so a run is reproducible and takes well under a minute.
 * `npm run fuzz` runs the same properties longer (FUZZ_RUNS, default 20 times the CI budget)
 * and, unless FUZZ_SEED is given, from a fresh random seed that is printed first, so that
 * every long run explores new inputs and any failure can be replayed.
 *
 *   FUZZ_SEED=1234 FUZZ_RUNS=5000 npm run fuzz
 *   FUZZ_SEED=1234 FUZZ_PATH=17 mocha … -g 'title'   replay run 17 of one property
 *   FUZZ_SAVE=0 …       do not write failing inputs into test/fuzz/regressions/
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/project.js';

/** True when started by `npm run fuzz` rather than by CI's plain mocha run. */
export const LONG_RUN = process.env.npm_lifecycle_event === 'fuzz';

/** The CI seed: fixed, so that CI runs are reproducible. */
export const CI_SEED = 20261123;

export const FUZZ_SEED: number = process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== ''
    ? Number(process.env.FUZZ_SEED)
    : LONG_RUN ? Math.floor(Math.random() * 0x7fffffff) : CI_SEED;

const RUNS_OVERRIDE = process.env.FUZZ_RUNS !== undefined && process.env.FUZZ_RUNS !== '' ? Number(process.env.FUZZ_RUNS) : undefined;

/**
 * The number of runs of a property: `ciRuns` in CI; FUZZ_RUNS × `share` when given (a slow
 * property takes a share of it); else 20 × `ciRuns` in a long run.
 */
export function runs(ciRuns: number, share = 1): number {
    if (RUNS_OVERRIDE !== undefined) return Math.max(1, Math.round(RUNS_OVERRIDE * share));
    return LONG_RUN ? ciRuns * 20 : ciRuns;
}

/** A generous mocha timeout for a property of `numRuns` runs at about `msPerRun` each. */
export function timeoutFor(numRuns: number, msPerRun: number): number {
    return Math.max(120_000, numRuns * msPerRun * 3);
}

/** fast-check's parameters for a property of the suite. */
export function fcParameters(numRuns: number): { seed: number, numRuns: number, endOnFailure: boolean, path?: string } {
    // FUZZ_PATH replays one run of a property (with its FUZZ_SEED; select the property with mocha -g).
    return { seed: FUZZ_SEED, numRuns, endOnFailure: true, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) };
}

/**
 * How long a request to the real server may go unanswered before it counts as a hang. Not a
 * performance bound: no test of the suite asserts on how fast something is (a shared CI machine
 * makes such bounds flaky); the benchmark (`npm run bench`) prints the figures.
 */
export const HANG_GUARD = 60_000;

/** Inputs of the in-process properties are cut to this size. */
export const MAX_INPUT_CHARS = 100_000;

export const REGRESSIONS_DIR = path.join(PROJECT_ROOT, 'test', 'fuzz', 'regressions');

let printed = false;
/** Prints the seed once, so a failing long run can be replayed with FUZZ_SEED. */
export function announceSeed(): void {
    if (printed) return;
    printed = true;
    process.stdout.write(`      fuzz: seed ${FUZZ_SEED}${LONG_RUN ? ' (long run)' : ''}; replay with FUZZ_SEED=${FUZZ_SEED}\n`);
}

/**
 * Keeps a failing input as a regression case: the bytes as `<name>.fuzz` and what is known
 * about it as `<name>.json`, in test/fuzz/regressions/, where regressions.test.ts replays it.
 * Returns the path written, or undefined when saving is switched off.
 */
export function saveRegression(name: string, bytes: Uint8Array, meta: Record<string, unknown> & { signatures?: readonly string[] }): string | undefined {
    if (process.env.FUZZ_SAVE === '0') return undefined;
    try {
        fs.mkdirSync(REGRESSIONS_DIR, { recursive: true });
        const base = path.join(REGRESSIONS_DIR, name);
        const kept = fs.readdirSync(REGRESSIONS_DIR);
        // Already kept, perhaps by another property (names end with the hash of the text), and perhaps annotated since: leave it.
        const hash = name.slice(name.lastIndexOf('-') + 1);
        const same = kept.find(file => file.endsWith(`-${hash}.fuzz`));
        if (same) return path.join(REGRESSIONS_DIR, same);
        // Every defect it shows is already covered by a kept case: nothing new to keep.
        const covered = new Set(kept.filter(file => file.endsWith('.json')).flatMap(file => {
            try {
                return (JSON.parse(fs.readFileSync(path.join(REGRESSIONS_DIR, file), 'utf-8')) as { signatures?: string[] }).signatures ?? [];
            } catch {
                return [];
            }
        }));
        if (meta.signatures && meta.signatures.length > 0 && meta.signatures.every(signature => covered.has(signature))) return undefined;
        fs.writeFileSync(`${base}.fuzz`, bytes);
        fs.writeFileSync(`${base}.json`, JSON.stringify({ ...meta, seed: FUZZ_SEED, found: new Date().toISOString() }, null, 2) + '\n');
        return `${base}.fuzz`;
    } catch {
        return undefined;
    }
}
