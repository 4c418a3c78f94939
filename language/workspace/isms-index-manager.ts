import type { AstNode, AstNodeDescription, LangiumDocument, ReferenceDescription, Stream, URI } from 'langium';
import { AstUtils, Cancellation, DefaultIndexManager, DefaultReferenceDescriptionProvider, DocumentState } from 'langium';
import type { ExportChange } from './kept-descriptions.js';
import { keepDescriptions } from './kept-descriptions.js';

/**
 * The index of exported elements and references, shaped so that an edit costs what it changes:
 *
 * - A rebuilt document keeps the description objects of the elements it still exports
 *   (`keepDescriptions`): references into it, which reach their targets through them, stay valid.
 *   The names it adds or drops are collected until the document builder takes them.
 * - Which documents refer to which names is kept as they are linked, so the documents a changed
 *   name concerns are looked up, not searched for.
 * - References are described (for find-references and rename) when those first ask, not in
 *   every build: the initial build and each edit skip a walk of every syntax tree they link.
 */
export class IsmsIndexManager extends DefaultIndexManager {

    /** Exports of documents being rebuilt, until their new exports are indexed. */
    private readonly retired = new Map<string, AstNodeDescription[]>();
    private pending: ExportChange = emptyChange();
    private readonly documentsByName = new Map<string, Set<string>>();
    private readonly namesByDocument = new Map<string, readonly string[]>();
    private exportsGeneration = 0;
    /** Linked documents whose references are not described yet. */
    private readonly undescribed = new Map<string, LangiumDocument>();

    override async updateContent(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        await super.updateContent(document, cancelToken);
        const uri = document.uri.toString();
        const before = this.retired.get(uri) ?? [];
        this.retired.delete(uri);
        const { exports, changed } = keepDescriptions(before, this.symbolIndex.get(uri) ?? [], this.pending);
        this.symbolIndex.set(uri, exports);
        if (changed) this.exportsGeneration++;
    }

    override removeContent(uri: URI): void {
        const key = uri.toString();
        const exports = this.symbolIndex.get(key);
        if (exports && !this.retired.has(key)) this.retired.set(key, exports);
        super.removeContent(uri);
    }

    override remove(uri: URI): void {
        super.remove(uri);
        const key = uri.toString();
        const exports = this.retired.get(key) ?? [];
        exports.forEach(description => this.pending.changedNames.add(description.name));
        if (exports.length > 0) this.exportsGeneration++;
        this.retired.delete(key);
        this.forgetNames(key);
    }

    /**
     * Grows when an element joins or leaves the exports of the workspace. While it holds, the
     * exports are the same description objects, and what is built from them stays valid.
     */
    get exportsVersion(): number {
        return this.exportsGeneration;
    }

    /** What the document exports, as indexed. */
    exportsOf(uri: string): readonly AstNodeDescription[] {
        return this.symbolIndex.get(uri) ?? [];
    }

    /** The names added, dropped or moved since the last call, or `undefined` for none. */
    takeExportChange(): ExportChange | undefined {
        const change = this.pending;
        if (change.changedNames.size === 0 && change.movedNames.size === 0) return undefined;
        this.pending = emptyChange();
        return change;
    }

    recordReferencedNames(document: LangiumDocument): void {
        const uri = document.uri.toString();
        this.forgetNames(uri);
        const names = [...new Set(document.references.map(reference => reference.$refText))];
        this.namesByDocument.set(uri, names);
        for (const name of names) {
            let documents = this.documentsByName.get(name);
            if (!documents) this.documentsByName.set(name, documents = new Set());
            documents.add(uri);
        }
    }

    /** The documents with a reference written as one of `names` when they were last linked. */
    documentsReferencing(names: Iterable<string>): Set<string> {
        const uris = new Set<string>();
        for (const name of names) {
            this.documentsByName.get(name)?.forEach(uri => uris.add(uri));
        }
        return uris;
    }

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.undescribed.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.undescribed.delete(uri.toString());
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        for (const document of this.undescribed.values()) {
            this.describe(document);
        }
        return super.findAllReferences(targetNode, astNodePath);
    }

    private forgetNames(uri: string): void {
        for (const name of this.namesByDocument.get(uri) ?? []) {
            const documents = this.documentsByName.get(name);
            documents?.delete(uri);
            if (documents?.size === 0) this.documentsByName.delete(name);
        }
        this.namesByDocument.delete(uri);
    }

    private describe(document: LangiumDocument): void {
        const uri = document.uri.toString();
        this.undescribed.delete(uri);
        // A document unlinked since it was queued is described again after its next linking.
        if (document.state < DocumentState.Linked) return;
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider as IsmsReferenceDescriptionProvider;
        this.referenceIndex.set(uri, provider.describe(document));
    }
}

function emptyChange(): ExportChange {
    return { changedNames: new Set(), movedNames: new Set() };
}

/** Langium's reference descriptions, computed synchronously for `IsmsIndexManager`. */
export class IsmsReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {

    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const info of AstUtils.streamReferences(node)) {
                descriptions.push(...this.createInfoDescriptions(info));
            }
        }
        return descriptions;
    }
}
