/**
 * A multimap whose values belong to documents and are kept in document order: by document URI,
 * then in the order each document contributed them. Replacing one document's contribution
 * touches only the keys that document used, so keeping a workspace-wide index current costs
 * per edit what the edited document holds, not what the workspace holds.
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

    /** Drops what `uri` contributed before and adds `entries` (key and value, in document order). */
    replace(uri: string, entries: Iterable<readonly [string, V]>): void {
        const previousKeys = this.keysByDocument.get(uri) ?? [];
        const groups = new Map<string, V[]>();
        for (const [key, value] of entries) {
            let group = groups.get(key);
            if (!group) {
                group = [];
                groups.set(key, group);
            }
            group.push(value);
        }
        for (const key of previousKeys) {
            if (!groups.has(key)) this.update(key, uri, []);
        }
        for (const [key, group] of groups) {
            this.update(key, uri, group);
        }
        if (groups.size > 0) this.keysByDocument.set(uri, [...groups.keys()]);
        else this.keysByDocument.delete(uri);
    }

    private update(key: string, uri: string, group: readonly V[]): void {
        const current = this.values.get(key) ?? [];
        const start = lowerBound(current, uri);
        let end = start;
        while (end < current.length && current[end].uri === uri) end++;
        if (start === end && group.length === 0) return;
        const next = [...current.slice(0, start), ...group, ...current.slice(end)];
        if (next.length > 0) this.values.set(key, next);
        else this.values.delete(key);
    }
}

/** The first position whose URI is not before `uri`, in code-unit order. */
function lowerBound(values: ReadonlyArray<{ readonly uri: string }>, uri: string): number {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (values[middle].uri < uri) low = middle + 1;
        else high = middle;
    }
    return low;
}
