/**
 * Reduces a failing whole-model input to one file that still shows the same defect, as small as
 * a bounded number of replays can make it, so that it can be kept as a regression case (one
 * file, alone or in the acme model; see regressions/README.md).
 */
import { runCase } from './cases.js';
import type { RegressionCase } from './property.js';
import { signature } from './property.js';

/** True when `text` in that context still shows one of `signatures`. */
async function reproduces(text: string, context: 'alone' | 'acme', origin: string, signatures: readonly string[]): Promise<boolean> {
    const findings = await runCase(text, { context, origin });
    return findings.some(finding => signatures.includes(signature(finding)));
}

/**
 * Delta debugging over characters: removes ever smaller chunks while the defect stays, for at
 * most `budget` replays.
 */
async function shrink(text: string, stillFails: (candidate: string) => Promise<boolean>, budget: number): Promise<string> {
    let current = text;
    let parts = 2;
    let replays = 0;
    while (replays < budget && current.length > 0) {
        const size = Math.ceil(current.length / parts);
        let removed = false;
        for (let start = 0; start < current.length && replays < budget; start += size) {
            const candidate = current.slice(0, start) + current.slice(start + size);
            replays++;
            if (await stillFails(candidate)) {
                current = candidate;
                parts = Math.max(parts - 1, 2);
                removed = true;
                break;
            }
        }
        if (!removed) {
            if (size <= 1) break;
            parts = Math.min(parts * 2, current.length);
        }
    }
    return current;
}

/**
 * The smallest one-file case found for `signatures`: each damaged file alone, then (for the acme
 * model) in the acme model with only that file damaged; the first that reproduces is shrunk.
 */
export async function minimiseToOneFile(damaged: Record<string, string>, original: Record<string, string>, acme: boolean,
    signatures: readonly string[], note: unknown, budget = 60): Promise<RegressionCase | undefined> {
    const changed = Object.keys(damaged).filter(name => damaged[name] !== original[name]);
    const contexts: Array<'alone' | 'acme'> = acme ? ['alone', 'acme'] : ['alone'];
    for (const context of contexts) {
        for (const origin of changed) {
            const text = damaged[origin];
            if (!await reproduces(text, context, origin, signatures)) continue;
            const smallest = await shrink(text, candidate => reproduces(candidate, context, origin, signatures), budget);
            return { text: smallest, context, origin, note };
        }
    }
    return undefined;
}
