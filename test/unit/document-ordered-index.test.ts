import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compareStrings, DocumentOrderedIndex } from '../../language/model/document-ordered-index.js';

interface Value {
    readonly uri: string;
    readonly keys: readonly string[];
    readonly label: string;
}

/** What the index must answer: every current value under `key`, by URI, then in contribution order. */
function expected(contributions: ReadonlyMap<string, readonly Value[]>, key: string): string[] {
    return [...contributions.keys()].sort(compareStrings)
        .flatMap(uri => contributions.get(uri)!.filter(value => value.keys.includes(key)))
        .map(value => value.label);
}

const uris = ['file:///b.isms', 'file:///a.isms', 'file:///c/d.isms', 'file:///c.isms'];
const keys = ['ALL', 'R-1', 'R-2', 'A.5.1'];

/** One step: new contributions of some documents (none: the document drops out), then reading some keys. */
const step = fc.record({
    documents: fc.uniqueArray(fc.constantFrom(...uris), { minLength: 1, maxLength: uris.length }),
    valueKeys: fc.array(fc.array(fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 3 }), { maxLength: 4 }), { minLength: uris.length, maxLength: uris.length }),
    reads: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: keys.length })
});

describe('DocumentOrderedIndex', () => {

    it('answers like a fresh merge of the current contributions, whether keys are read after every change or rarely', () => {
        fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), steps => {
            const index = new DocumentOrderedIndex<Value>();
            const current = new Map<string, readonly Value[]>();
            let counter = 0;
            for (const { documents, valueKeys, reads } of steps) {
                const contributions = new Map<string, readonly Value[]>();
                documents.forEach((uri, i) => {
                    const values = valueKeys[i].map(keysOfValue => ({ uri, keys: keysOfValue, label: `${uri}#${counter++}` }));
                    contributions.set(uri, values);
                    if (values.length > 0) current.set(uri, values);
                    else current.delete(uri);
                });
                index.replace(contributions, value => value.keys);
                for (const key of reads) {
                    assert.deepEqual(index.get(key).map(value => value.label), expected(current, key), `after a change, ${key}`);
                }
            }
            for (const key of keys) {
                assert.deepEqual(index.get(key).map(value => value.label), expected(current, key), `at the end, ${key}`);
            }
        }), { numRuns: 300 });
    });

    it('never changes a list it has handed out', () => {
        const index = new DocumentOrderedIndex<Value>();
        index.replace(new Map([['file:///a.isms', [{ uri: 'file:///a.isms', keys: ['ALL'], label: 'first' }]]]), value => value.keys);
        const handedOut = index.get('ALL');
        index.replace(new Map([['file:///a.isms', [{ uri: 'file:///a.isms', keys: ['ALL'], label: 'second' }]]]), value => value.keys);
        assert.deepEqual(index.get('ALL').map(value => value.label), ['second']);
        assert.deepEqual(handedOut.map(value => value.label), ['first']);
    });
});
