/**
 * A multimap whose values belong to documents and are kept in document order: by document URI,
 * then in the order each document contributed them. Replacing documents' contributions touches
 * only the keys those documents used, each once, so keeping a workspace-wide index current costs
 * per edit about what the edited documents hold, not what the workspace holds.
 *
 * Arrays handed out are never changed afterwards (a change builds new ones), so callers may
 * keep them while the index moves on.
 */
export class DocumentOrderedIndex<V extends { readonly uri: string }> {

    private readonly values = new Map<string, readonly V[]>();
    private readonly keysByDocument = new Map<string, readonly string[]>();

    get(key: string): readonly V[] {
        return this.values.get(key) ?? [];
    }

    /**
     * Replaces what each document of `contributions` contributed before with its new values, in
     * document order, each filed under the keys `keysOf` gives it; a document without values
     * drops out.
     */
    replace(contributions: ReadonlyMap<string, readonly V[]>, keysOf: (value: V) => string | Iterable<string>): void {
        // Visiting documents in URI order leaves each key's new values in document order.
        const uris = [...contributions.keys()].sort(compareStrings);
        const added = new Map<string, V[]>();
        const touched = new Set<string>();
        const add = (key: string, value: V, keys: Set<string>) => {
            const values = added.get(key);
            if (values) values.push(value);
            else added.set(key, [value]);
            keys.add(key);
            touched.add(key);
        };
        for (const uri of uris) {
            this.keysByDocument.get(uri)?.forEach(key => touched.add(key));
            const keys = new Set<string>();
            for (const value of contributions.get(uri)!) {
                const valueKeys = keysOf(value);
                if (typeof valueKeys === 'string') add(valueKeys, value, keys);
                else for (const key of valueKeys) add(key, value, keys);
            }
            if (keys.size > 0) this.keysByDocument.set(uri, [...keys]);
            else this.keysByDocument.delete(uri);
        }
        for (const key of touched) {
            const current = this.values.get(key);
            const kept = current ? current.filter(value => !contributions.has(value.uri)) : [];
            const merged = mergeByUri(kept, added.get(key) ?? []);
            if (merged.length > 0) this.values.set(key, merged);
            else this.values.delete(key);
        }
    }
}

/** Merges two lists sorted by URI that share no URI into one sorted by URI. */
function mergeByUri<V extends { readonly uri: string }>(left: readonly V[], right: readonly V[]): readonly V[] {
    if (left.length === 0) return right;
    if (right.length === 0) return left;
    const merged: V[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
        merged.push(left[i].uri < right[j].uri ? left[i++] : right[j++]);
    }
    while (i < left.length) merged.push(left[i++]);
    while (j < right.length) merged.push(right[j++]);
    return merged;
}

/** Code-unit order, the order of document URIs in these indexes. */
export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
