/**
 * Replays the inputs the fuzz suite kept (test/fuzz/regressions/*.fuzz with a .json beside
 * each, see regressions/README.md) through the whole pipeline in process. Each must go through
 * without a finding. Inputs marked `knownDefect` are product defects not fixed yet: they are
 * asserted here all the same, in their own block, so that the fix turns them green.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCase } from './cases.js';
import { REGRESSIONS_DIR } from './fuzz-config.js';
import { formatFindings } from './harness.js';
import { decodeLikeServer } from './mutations.js';

interface RegressionMeta {
    /** What it is about, for the test title. */
    title?: string;
    context?: 'alone' | 'acme';
    origin?: string;
    /** The exact text, when the .fuzz bytes cannot carry it (lone surrogates). */
    text?: string;
    steps?: string[];
    /** Raw numbers for offsetsIn: requests go to the start, the end, two tokens and, exactly, offsets[2] and offsets[3]. */
    offsets?: number[];
    knownDefect?: boolean;
    /** The correct behaviour the test asserts, in words. */
    expected?: string;
    signatures?: string[];
}

interface Regression {
    readonly file: string;
    readonly meta: RegressionMeta;
    readonly text: string;
}

function regressions(): Regression[] {
    if (!fs.existsSync(REGRESSIONS_DIR)) return [];
    return fs.readdirSync(REGRESSIONS_DIR).filter(name => name.endsWith('.fuzz')).sort().map(name => {
        const base = path.join(REGRESSIONS_DIR, name.replace(/\.fuzz$/, ''));
        const meta: RegressionMeta = fs.existsSync(`${base}.json`) ? JSON.parse(fs.readFileSync(`${base}.json`, 'utf-8')) as RegressionMeta : {};
        // Bytes become text as the server reads a file.
        const text = meta.text ?? decodeLikeServer(fs.readFileSync(`${base}.fuzz`));
        return { file: name, meta, text };
    });
}

function title(regression: Regression): string {
    return `${regression.file}${regression.meta.title ? `: ${regression.meta.title}` : ''} (${regression.meta.context ?? 'alone'})`;
}

async function replay(regression: Regression): Promise<void> {
    const findings = await runCase(regression.text, {
        context: regression.meta.context ?? 'alone',
        origin: regression.meta.origin ?? 'fuzz.isms',
        steps: regression.meta.steps,
        offsets: regression.meta.offsets
    });
    assert.equal(findings.length, 0, `${regression.file}${regression.meta.expected ? `\nexpected: ${regression.meta.expected}` : ''}\n${formatFindings(findings)}`);
}

describe('fuzz regressions: kept inputs replayed', function () {
    this.timeout(120_000);
    const all = regressions();

    it('has the regressions folder', () => {
        assert.ok(fs.existsSync(REGRESSIONS_DIR), REGRESSIONS_DIR);
    });

    for (const regression of all.filter(candidate => !candidate.meta.knownDefect)) {
        it(title(regression), () => replay(regression));
    }

    describe('known defects', function () {
        for (const regression of all.filter(candidate => candidate.meta.knownDefect)) {
            it(title(regression), () => replay(regression));
        }
    });
});
