/**
 * A multimap whose values belong to documents and are kept in document order: by document URI,
 * then in the order each document contributed them. Replacing documents' contributions records,
 * under each key those documents used, their new values; a key's list is brought up to date when
 * it is next read. So keeping a workspace-wide index current costs per edit about what the edited
 * documents hold, and a key every risk shares (all risks, all declarations of a type) is merged
 * again only when someone asks for it, not after every keystroke.
 *
 * Arrays handed out are never changed afterwards (a change builds new ones), so callers may
 * keep them while the index moves on.
 */
export class DocumentOrderedIndex<V extends { readonly uri: string }> {

    private readonly values = new Map<string, readonly V[]>();
    /** Per key, the documents whose values under it changed since it was last read, with their new values. */
    private readonly pending = new Map<string, Map<string, V[]>>();
    private readonly keysByDocument = new Map<string, readonly string[]>();

    get(key: string): readonly V[] {
        const changes = this.pending.get(key);
        if (changes) {
            this.pending.delete(key);
            this.merge(key, changes);
        }
        return this.values.get(key) ?? [];
    }

    /**
     * Replaces what each document of `contributions` contributed before with its new values, each
     * filed under the keys `keysOf` gives it; a document without values drops out.
     */
    replace(contributions: ReadonlyMap<string, readonly V[]>, keysOf: (value: V) => string | Iterable<string>): void {
        for (const [uri, values] of contributions) {
            // The document's values under its former keys go, unless given again below.
            this.keysByDocument.get(uri)?.forEach(key => this.changesOf(key).set(uri, []));
            const keys = new Set<string>();
            const add = (key: string, value: V) => {
                const changes = this.changesOf(key);
                const list = changes.get(uri);
                if (list) list.push(value);
                else changes.set(uri, [value]);
                keys.add(key);
            };
            for (const value of values) {
                const valueKeys = keysOf(value);
                if (typeof valueKeys === 'string') add(valueKeys, value);
                else for (const key of valueKeys) add(key, value);
            }
            if (keys.size > 0) this.keysByDocument.set(uri, [...keys]);
            else this.keysByDocument.delete(uri);
        }
    }

    private changesOf(key: string): Map<string, V[]> {
        let changes = this.pending.get(key);
        if (!changes) this.pending.set(key, changes = new Map());
        return changes;
    }

    private merge(key: string, changes: ReadonlyMap<string, readonly V[]>): void {
        const current = this.values.get(key) ?? [];
        const kept = current.filter(value => !changes.has(value.uri));
        // Documents in URI order, each one's values in the order it contributed them.
        const added = [...changes.keys()].sort(compareStrings).flatMap(uri => changes.get(uri)!);
        const merged = mergeByUri(kept, added);
        if (merged.length > 0) this.values.set(key, merged);
        else this.values.delete(key);
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
