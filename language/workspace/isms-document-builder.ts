import type { AstNode, AstNodeDescription, BuildOptions, LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { Cancellation, DefaultDocumentBuilder, DocumentState, URI } from 'langium';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import { readsAnyTopic, topicOf } from '../model/document-facts.js';
import type { ModelIndex } from '../model/model-index.js';
import type { OptionalCatalogs } from './optional-catalogs.js';
import { ReferenceRetargeting } from './reference-retargeting.js';

/**
 * Decides which documents an edit touches, in two ways that differ from Langium's default.
 *
 * Links: Langium relinks, re-validates and republishes every document that references a changed
 * one. Here the other documents' references are pointed at the changed document's new syntax
 * tree, and only documents whose references name an added or removed element are relinked
 * (`ReferenceRetargeting`).
 *
 * Rules: rules of this language span files both ways (a second declaration of an id elsewhere,
 * an `exclude` in another file), so after each build this builder compares what the rebuilt
 * documents contribute to the model with what they contributed before, and re-validates
 * exactly the other documents that read a changed topic.
 */
export class IsmsDocumentBuilder extends DefaultDocumentBuilder {

    private readonly modelIndex: () => ModelIndex;
    /** What each document contributed when it was last built. */
    private readonly lastEntries = new Map<string, ReadonlySet<string>>();
    /** Topics changed by deletions, applied with the next build. */
    private readonly pendingTopics = new Set<string>();
    /** The document that carries workspace-level diagnostics such as `isms-missing`. */
    private firstDocumentUri: string | undefined;
    private readonly retargeting = new ReferenceRetargeting();
    /** Documents deleted by the update in progress. */
    private readonly deletedUris = new Set<string>();

    constructor(services: LangiumSharedCoreServices, modelIndex: () => ModelIndex, private readonly catalogs: () => OptionalCatalogs) {
        super(services);
        this.modelIndex = modelIndex;
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        this.deletedUris.clear();
        for (const uri of deleted) {
            const prefix = uri.toString();
            for (const [documentUri, entries] of this.lastEntries) {
                // A deleted folder deletes every document below it.
                if (documentUri === prefix || documentUri.startsWith(prefix.endsWith('/') ? prefix : prefix + '/')) {
                    entries.forEach(entry => this.pendingTopics.add(topicOf(entry)));
                    this.lastEntries.delete(documentUri);
                }
            }
        }
        await super.update(changed, deleted, cancelToken);
        // An edit that names a shipped catalog, or declares or drops a framework of that name,
        // loads or unloads the catalog in the same update: no other build is interrupted for it.
        const step = this.catalogs().step();
        if (step) await this.update(step.load, step.unload, cancelToken);
    }

    /**
     * The shipped catalogs are not validated: their diagnostics are shown nowhere, and a user's
     * duplicate of one of their ids is reported on the user's declaration all the same.
     */
    protected override shouldValidate(document: LangiumDocument): boolean {
        return !isBuiltinUri(document.uri) && super.shouldValidate(document);
    }

    /** A shipped catalog is no file: it is loaded by its URI (`OptionalCatalogs`), from the tool. */
    protected override async findChangedUris(changed: URI): Promise<URI[]> {
        return isBuiltinUri(changed) ? [changed] : super.findChangedUris(changed);
    }

    /** Changed documents are handled after their rebuild (`propagateExportChanges`); deleted ones here. */
    protected override shouldRelink(document: LangiumDocument): boolean {
        return this.deletedUris.size > 0 && this.indexManager.isAffected(document, this.deletedUris);
    }

    protected override cleanUpDeleted<T extends AstNode>(document: LangiumDocument<T>): void {
        const uri = document.uri.toString();
        this.deletedUris.add(uri);
        this.retargeting.forget(uri);
        super.cleanUpDeleted(document);
    }

    override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
        if (state <= DocumentState.Parsed) {
            // Taken before Langium drops the exports from the index.
            const uri = document.uri.toString();
            this.retargeting.remember(uri, this.exportsOf(uri) ?? []);
        }
        super.resetToState(document, state);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        for (const document of documents) {
            // Linking cancelled halfway leaves references resolved against the index of that
            // moment, and Langium's linker skips resolved references: start those documents afresh.
            if (document.state === DocumentState.ComputedScopes && document.references.length > 0) {
                this.resetToState(document, DocumentState.ComputedScopes);
            }
        }
        const linkedHere = new Set(documents.filter(document => document.state < DocumentState.Linked).map(document => document.uri.toString()));
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } catch (error) {
            this.retargeting.linkedBeforeCancellation(documents
                .filter(document => linkedHere.has(document.uri.toString()) && document.state >= DocumentState.Linked)
                .map(document => document.uri.toString()));
            throw error;
        }
        const relinked = await this.propagateExportChanges(linkedHere, options, cancelToken);
        if (!options.validation) {
            return;
        }
        const changedTopics = this.collectChangedTopics(documents);
        const previousFirst = this.firstDocumentUri;
        this.firstDocumentUri = this.modelIndex().userDocumentUris()[0];
        if (changedTopics.size === 0 && previousFirst === this.firstDocumentUri) {
            return;
        }
        const built = new Set([...documents, ...relinked].map(document => document.uri.toString()));
        const dependents = this.langiumDocuments.all
            .filter(document => !built.has(document.uri.toString())
                && document.state === DocumentState.Validated
                && (this.isFirstDocumentChange(document, previousFirst) || readsAnyTopic(this.modelIndex().facts(document).reads, changedTopics)))
            .toArray();
        if (dependents.length > 0) {
            for (const dependent of dependents) {
                this.resetToState(dependent, DocumentState.IndexedReferences);
            }
            await super.buildDocuments(dependents, options, cancelToken);
        }
    }

    /**
     * Points the other documents' references at the rebuilt documents and relinks those whose
     * references name added or removed elements. Snapshots of exports from before a change stay
     * until this runs, so a cancelled build leaves the work to the next one.
     */
    private async propagateExportChanges(linkedHere: ReadonlySet<string>, options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<LangiumDocument[]> {
        if (!this.retargeting.hasPendingChanges) return [];
        const { relink, reindex } = this.retargeting.propagate(this.langiumDocuments.all, uri => this.exportsOf(uri), linkedHere);
        // The pending changes are taken: what they ask for is recorded in the documents' states
        // before anything is awaited, so that a build cancelled from here on leaves it to the next.
        for (const document of relink) {
            this.resetToState(document, DocumentState.ComputedScopes);
        }
        for (const [done, document] of reindex.entries()) {
            try {
                // Retargeted references may name new paths; `IsmsIndexManager` describes them anew when asked.
                await this.indexManager.updateReferences(document, cancelToken);
            } catch (error) {
                // Those not described yet are linked and described again by the next build.
                for (const left of reindex.slice(done)) this.resetToState(left, DocumentState.ComputedScopes);
                throw error;
            }
        }
        if (relink.length > 0) {
            await super.buildDocuments(relink, options, cancelToken);
        }
        return relink;
    }

    /** The exports of a document as indexed, or `undefined` while it is not indexed. */
    private exportsOf(uri: string): readonly AstNodeDescription[] | undefined {
        const document = this.langiumDocuments.getDocument(URI.parse(uri));
        if (!document || document.state < DocumentState.IndexedContent) return undefined;
        return this.indexManager.allElements(undefined, new Set([uri])).toArray();
    }

    /** Workspace-level diagnostics move when another document becomes the first one. */
    private isFirstDocumentChange(document: LangiumDocument, previousFirst: string | undefined): boolean {
        if (previousFirst === this.firstDocumentUri) return false;
        const uri = document.uri.toString();
        return uri === previousFirst || uri === this.firstDocumentUri;
    }

    private collectChangedTopics(documents: LangiumDocument[]): Set<string> {
        const changed = new Set(this.pendingTopics);
        this.pendingTopics.clear();
        const index = this.modelIndex();
        for (const document of documents) {
            const uri = document.uri.toString();
            const previous = this.lastEntries.get(uri) ?? new Set<string>();
            const current = index.facts(document).entries;
            for (const entry of current) {
                if (!previous.has(entry)) changed.add(topicOf(entry));
            }
            for (const entry of previous) {
                if (!current.has(entry)) changed.add(topicOf(entry));
            }
            this.lastEntries.set(uri, current);
        }
        return changed;
    }
}
