/**
 * A large single-file model: the acme example copied over and over, each copy's ids suffixed
 * so that the model stays valid. Used by the 10 MB fuzz test and by the benchmark
 * (scripts/bench/inprocess.mjs hostile), which measures how long it takes to build.
 */
import { ACME_FILES, KEYWORDS, tokenize } from './mutations.js';

/** Ids that must keep their name in every copy: the built-in framework and the one methodology. */
const SHARED_IDS = new Set(['ISO27001_2022', 'FiveByFive']);

/**
 * The acme model repeated to `bytes`: the isms block and the SoA once (a control is decided
 * once per model), every other file once per copy with its ids suffixed `_<copy>`.
 */
export function largeModel(bytes: number): string {
    const parts: string[] = [];
    let size = 0;
    for (let copy = 0; size < bytes; copy++) {
        for (const file of ACME_FILES) {
            if (copy > 0 && (file.name === 'isms.isms' || file.name === 'soa.isms' || file.name === 'methodology.isms')) continue;
            const text = copy === 0 ? file.text : tokenize(file.text)
                .map(token => /^[A-Za-z_][\w-]*$/.test(token) && !KEYWORDS.includes(token) && !SHARED_IDS.has(token) ? `${token}_${copy}` : token)
                .join('');
            parts.push(text);
            size += text.length;
            if (size >= bytes) break;
        }
    }
    return parts.join('\n');
}

