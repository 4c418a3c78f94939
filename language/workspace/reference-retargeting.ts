import type { AstNodeDescription, LangiumDocument, Reference } from 'langium';
import { isAstNode } from 'langium';

/**
 * Decides what an edit means for the references of the other documents.
 *
 * Langium relinks, re-validates and republishes every document that references a changed one.
 * Most edits (a title, a score, a comment) leave the changed document's exported names as they
 * were; then the other documents only need their references pointed at the new syntax tree,
 * which costs a lookup per reference into the changed document. A document is relinked only when
 * one of its references names an element that disappeared, or names an element that the edit
 * added (an unresolved reference may now resolve, a duplicate may now compete).
 */
export class ReferenceRetargeting {

    /** The exports of each changed document from before its change, until the change is propagated. */
    private readonly previousExports = new Map<string, readonly AstNodeDescription[]>();

    /**
     * Documents linked by a build that was cancelled before it propagated its changes: they were
     * linked against the exports of that moment, which no remembered snapshot describes.
     */
    private readonly linkedByCancelledBuild = new Set<string>();

    /** Remembers a document's exports before they are dropped; the first snapshot of a change wins. */
    remember(uri: string, exports: readonly AstNodeDescription[]): void {
        if (!this.previousExports.has(uri)) {
            this.previousExports.set(uri, exports);
        }
    }

    forget(uri: string): void {
        this.previousExports.delete(uri);
        this.linkedByCancelledBuild.delete(uri);
    }

    linkedBeforeCancellation(uris: Iterable<string>): void {
        for (const uri of uris) this.linkedByCancelledBuild.add(uri);
    }

    get hasPendingChanges(): boolean {
        return this.previousExports.size > 0;
    }

    /**
     * Retargets the references of `documents` into every remembered document whose new exports
     * are indexed (`exportsOf` answers `undefined` for those still being rebuilt), and returns
     * what is left to do: the documents to relink, and those whose reference index now names
     * outdated paths. Documents in `linkedAgainstCurrent` were linked after every export was
     * indexed and are left alone; a changed document linked by an earlier, cancelled build is
     * not among them, as it may have been linked before another change was indexed.
     */
    propagate(documents: Iterable<LangiumDocument>, exportsOf: (uri: string) => readonly AstNodeDescription[] | undefined, linkedAgainstCurrent: ReadonlySet<string>): RetargetingResult {
        const changes = new Map<string, ExportChange>();
        const addedNames = new Set<string>();
        for (const [uri, before] of this.previousExports) {
            const after = exportsOf(uri);
            if (!after) continue;
            this.previousExports.delete(uri);
            const change = compareExports(before, after);
            change.addedNames.forEach(name => addedNames.add(name));
            changes.set(uri, change);
        }
        const result: RetargetingResult = { relink: [], reindex: [] };
        if (changes.size === 0) {
            return result;
        }
        const linkedEarlier = new Set(this.linkedByCancelledBuild);
        this.linkedByCancelledBuild.clear();
        for (const document of documents) {
            const uri = document.uri.toString();
            if (linkedAgainstCurrent.has(uri)) continue;
            // What did not resolve then may resolve now, whatever the snapshots say was added.
            const outcome = linkedEarlier.has(uri) && document.references.some(reference => reference.error !== undefined)
                ? 'relink'
                : retargetDocument(document, changes, addedNames);
            if (outcome === 'relink') result.relink.push(document);
            else if (outcome === 'reindex') result.reindex.push(document);
        }
        return result;
    }
}

export interface RetargetingResult {
    readonly relink: LangiumDocument[];
    readonly reindex: LangiumDocument[];
}

interface ExportChange {
    /** The first new export per type and name. */
    readonly current: ReadonlyMap<string, AstNodeDescription>;
    readonly addedNames: ReadonlySet<string>;
}

/** Langium's reference implementation keeps its target in these fields; nothing public sets them. */
interface LinkedReference {
    _ref?: unknown;
    _nodeDescription?: AstNodeDescription;
}

function compareExports(before: readonly AstNodeDescription[], after: readonly AstNodeDescription[]): ExportChange {
    const previous = new Set(before.map(description => exportKey(description.type, description.name)));
    const current = new Map<string, AstNodeDescription>();
    const addedNames = new Set<string>();
    for (const description of after) {
        const key = exportKey(description.type, description.name);
        if (!current.has(key)) current.set(key, description);
        if (!previous.has(key)) addedNames.add(description.name);
    }
    return { current, addedNames };
}

function retargetDocument(document: LangiumDocument, changes: ReadonlyMap<string, ExportChange>, addedNames: ReadonlySet<string>): 'relink' | 'reindex' | 'unchanged' {
    let pathMoved = false;
    for (const reference of document.references) {
        if (addedNames.size > 0 && addedNames.has(reference.$refText)) {
            return 'relink';
        }
        const linked = reference as Partial<Reference> & LinkedReference;
        const target = linked._nodeDescription;
        if (!target) {
            if (!('_ref' in linked)) return 'relink';
            continue;
        }
        const change = changes.get(target.documentUri.toString());
        if (!change) continue;
        const replacement = change.current.get(exportKey(target.type, target.name));
        if (!replacement || !isAstNode(replacement.node)) {
            return 'relink';
        }
        if (replacement !== target) {
            linked._nodeDescription = replacement;
            linked._ref = replacement.node;
            pathMoved ||= replacement.path !== target.path;
        }
    }
    return pathMoved ? 'reindex' : 'unchanged';
}

function exportKey(type: string, name: string): string {
    return `${type}\u0000${name}`;
}
