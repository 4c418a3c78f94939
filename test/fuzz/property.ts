/**
 * Runs a fuzz property with the suite's seed and budget. Every run's findings are grouped by
 * signature (kind, step, message, first product stack frame), so that one run of the suite
 * reports every distinct defect it meets rather than only the first one. When there are any,
 * the first input of each signature is kept as a regression case (see
 * fuzz-config.saveRegression) and the property fails, naming the seed and the run (fast-check
 * `path`) to replay each with.
 */
import * as fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { Finding } from './harness.js';
import { formatFindings, Probe } from './harness.js';
import { fcParameters, saveRegression } from './fuzz-config.js';

/** What to keep of a failing input: the text of the file and where it goes. */
export interface RegressionCase {
    /** The file's text as the product saw it. */
    readonly text: string;
    /**
     * `alone`: a workspace of this one file; `acme`: the acme example with `origin` replaced by
     * it (or added, when `origin` is not an acme file).
     */
    readonly context: 'alone' | 'acme';
    /** The corpus file it was made from. */
    readonly origin: string;
    /** Texts the file had before, in order, when the failure needs the sequence of edits. */
    readonly steps?: readonly string[];
    /** Anything else worth knowing (the mutations). */
    readonly note?: unknown;
}

export interface PropertyOptions<T> {
    /** A name for messages and regression files: letters, digits and dashes. */
    readonly name: string;
    readonly numRuns: number;
    readonly describe: (input: T) => string;
    /** What to save as a regression case when `input` fails; no saving when absent. */
    readonly regression?: (input: T) => RegressionCase;
    /**
     * A smaller input showing the same defects (`signatures`), to keep instead of `regression`'s;
     * undefined when none is found.
     */
    readonly minimise?: (input: T, signatures: readonly string[]) => Promise<RegressionCase | undefined>;
    /** Stop at the first failing run instead of collecting every distinct defect of the budget. */
    readonly stopAtFirstFailure?: boolean;
    /** A seed of its own instead of the suite's. */
    readonly seed?: number;
}

class StopAtFirstFailure extends Error { }

/** Where a finding comes from, independent of the input: what makes two findings the same defect. */
export function signature(finding: Finding): string {
    const frame = (finding.stack ?? '').split('\n').find(line => /\/out\/language\//.test(line))?.replace(/^.*\/out\/language\//, '').replace(/:\d+\)?$/, '').replace(/\)$/, '') ?? '';
    // A swallowed exception is the same defect whichever build or edit logged it.
    const step = finding.kind === 'swallowed' ? (finding.step.startsWith('validation of') ? 'validation' : 'build')
        : finding.step.replace(/^(alone|acme): /, '').replace(/@\d+:\d+/, '').replace(/ for [\w-]+@\d+:\d+/, '').replace(/\d+/g, 'N');
    const message = finding.kind === 'invalid-result' ? finding.message.split(/[:,]/)[0]
        : finding.message.split('\n')[0].replace(/'[^']*'|"[^"]*"/g, '…').replace(/\d+/g, 'N').slice(0, 120);
    return `[${finding.kind}] ${step}: ${message}${frame ? ` (${frame})` : ''}`;
}

interface Failure<T> {
    readonly run: number;
    readonly input: T;
    readonly findings: readonly Finding[];
}

/** Runs `check` on `numRuns` generated inputs; throws an error describing every distinct failure. */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, check: (input: T) => Promise<readonly Finding[]>, options: PropertyOptions<T>): Promise<void> {
    const failures = new Map<string, Failure<T>>();
    // Replaying from FUZZ_PATH starts at that run.
    let run = process.env.FUZZ_PATH ? Number(process.env.FUZZ_PATH.split(':')[0]) || 0 : 0;
    const property = fc.asyncProperty(arbitrary, async input => {
        const index = run++;
        const findings = await check(input);
        for (const finding of findings) {
            const key = signature(finding);
            if (!failures.has(key)) failures.set(key, { run: index, input, findings });
        }
        if (findings.length > 0 && options.stopAtFirstFailure) throw new StopAtFirstFailure();
    });
    const start = performance.now();
    const stepsBefore = Probe.steps;
    const result = await fc.check(property, { ...fcParameters(options.numRuns), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    const steps = Probe.steps - stepsBefore;
    process.stdout.write(`      fuzz '${options.name}': ${result.numRuns} runs${steps > 0 ? ` (${steps} steps)` : ''} in ${((performance.now() - start) / 1000).toFixed(1)} s, ${failures.size} distinct defect(s)\n`);
    if (result.failed && !(result.errorInstance instanceof StopAtFirstFailure)) {
        // The check itself threw: a defect of the suite, not of the product.
        throw result.errorInstance instanceof Error ? result.errorInstance : new Error(String(result.errorInstance));
    }
    if (failures.size === 0) return;
    const reports: string[] = [];
    const byRun = new Map<number, { failure: Failure<T>, signatures: string[] }>();
    for (const [key, failure] of failures) {
        const entry = byRun.get(failure.run) ?? { failure, signatures: [] };
        entry.signatures.push(key);
        byRun.set(failure.run, entry);
    }
    for (const { failure, signatures } of byRun.values()) {
        let saved: string | undefined;
        // Minimising replays the input many times: only worth it when the result is kept.
        const minimised = options.minimise && process.env.FUZZ_SAVE !== '0' ? await options.minimise(failure.input, signatures) : undefined;
        const regression = minimised ?? options.regression?.(failure.input);
        if (regression) {
            const hash = createHash('sha256').update(regression.text).update(JSON.stringify(regression.steps ?? [])).digest('hex').slice(0, 10);
            saved = saveRegression(`${options.name}-${hash}`, Buffer.from(regression.text, 'utf-8'), {
                property: options.name,
                context: regression.context,
                origin: regression.origin,
                path: String(failure.run),
                // The exact text when UTF-8 cannot carry it (lone surrogates), and earlier states of the file.
                ...(Buffer.from(regression.text, 'utf-8').toString('utf-8') !== regression.text ? { text: regression.text } : {}),
                ...(regression.steps ? { steps: regression.steps } : {}),
                note: regression.note,
                signatures,
                knownDefect: false
            });
        }
        reports.push(`run ${failure.run} (replay: FUZZ_SEED=${result.seed} FUZZ_PATH=${failure.run} and mocha -g on this test)${saved ? `, kept as ${saved}` : ''}\n`
            + `  input: ${options.describe(failure.input)}\n  defects: ${signatures.join('\n           ')}\n${formatFindings(failure.findings)}`);
    }
    throw new Error(`fuzz property '${options.name}': ${failures.size} distinct defect(s) in ${result.numRuns} runs (seed ${result.seed}).\n`
        + `Kept inputs are replayed by regressions.test.ts: commit them.\n\n${reports.join('\n\n')}`);
}
