import type { AstNode, BuildOptions, LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { Cancellation, DefaultDocumentBuilder, DocumentState, interruptAndCheck, URI } from 'langium';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import { readsAnyTopic, topicOf } from '../model/document-facts.js';
import type { ModelIndex } from '../model/model-index.js';
import type { OptionalCatalogs } from './optional-catalogs.js';
import type { IsmsIndexManager } from './isms-index-manager.js';
import type { IsmsLangiumDocuments } from './isms-langium-documents.js';

/**
 * Decides which documents an edit touches, in two ways that differ from Langium's default.
 *
 * Links: Langium relinks, re-validates and republishes every document that references a changed
 * one. Here references reach the changed document's new syntax tree through the index
 * descriptions it keeps, and only documents whose references name an added or removed element
 * are relinked (`IsmsIndexManager`).
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
    /** Documents that may need a build: reset or built since they were last found complete. */
    private readonly mayNeedBuild = new Set<LangiumDocument>();
    /** The document set (its version) and update options `mayNeedBuild` stands for. */
    private trackedFor: { documents: number; options: BuildOptions } | undefined;
    /** `resultsAreIncomplete` by the validations a document had. */
    private readonly completeness = new WeakMap<readonly string[], { options: BuildOptions; incomplete: boolean }>();

    constructor(services: LangiumSharedCoreServices, modelIndex: () => ModelIndex, private readonly catalogs: () => OptionalCatalogs) {
        super(services);
        this.modelIndex = modelIndex;
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = Cancellation.CancellationToken.None): Promise<void> {
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
        await this.updateDocuments(changed, deleted, cancelToken);
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

    /**
     * Langium asks this of every document in every update, comparing category lists afresh; the
     * answer changes only with the validations a document had (a new array each time) and the
     * options asked for.
     */
    protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions): boolean {
        const executed = this.buildState.get(document.uri.toString())?.result?.validationChecks;
        if (!executed) return super.resultsAreIncomplete(document, options);
        const known = this.completeness.get(executed);
        if (known?.options === options) return known.incomplete;
        const incomplete = super.resultsAreIncomplete(document, options);
        this.completeness.set(executed, { options, incomplete });
        return incomplete;
    }

    /**
     * Langium's `update`, less its two passes over every document of the workspace: the documents
     * to relink are found by name after the build (`propagateExportChanges`), and the documents
     * to build are those this builder has seen reset or built since they were last complete
     * (`documentsToBuild`).
     */
    private async updateDocuments(changed: URI[], deleted: URI[], cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.currentState = DocumentState.Changed;
        const deletedUris: URI[] = [];
        for (const folderOrFile of deleted) {
            for (const document of this.langiumDocuments.deleteDocuments(folderOrFile)) {
                deletedUris.push(document.uri);
                this.cleanUpDeleted(document);
            }
        }
        const changedUris = (await Promise.all(changed.map(uri => this.findChangedUris(uri)))).flat();
        for (const uri of changedUris) {
            let document = this.langiumDocuments.getDocument(uri);
            if (!document) {
                // Parsed by the build, where it can be cancelled.
                document = this.langiumDocumentFactory.fromModel({ $type: 'INVALID' }, uri);
                document.state = DocumentState.Changed;
                this.langiumDocuments.addDocument(document);
            }
            this.resetToState(document, DocumentState.Changed);
        }
        await this.emitUpdate(changedUris, deletedUris);
        await interruptAndCheck(cancelToken);
        await this.buildDocuments(this.sortDocuments(this.documentsToBuild()), this.updateBuildOptions, cancelToken);
    }

    override resetToState<T extends AstNode>(document: LangiumDocument<T>, state: DocumentState): void {
        super.resetToState(document, state);
        this.mayNeedBuild.add(document);
    }

    /**
     * What Langium's update builds, found without visiting every document: those not validated,
     * not completely built, or missing validations the update asks for. A document can only be
     * one of these after it was reset or handed to a build, or when documents came or went or the
     * update's options changed; then all are looked at once.
     */
    private documentsToBuild(): LangiumDocument[] {
        const documents = this.langiumDocuments as IsmsLangiumDocuments;
        if (this.trackedFor?.documents !== documents.version || this.trackedFor.options !== this.updateBuildOptions) {
            documents.all.forEach(document => this.mayNeedBuild.add(document));
            this.trackedFor = { documents: documents.version, options: this.updateBuildOptions };
        }
        const toBuild: LangiumDocument[] = [];
        for (const document of this.mayNeedBuild) {
            const current = documents.getDocument(document.uri) === document;
            if (current && (document.state < DocumentState.Validated
                || !this.buildState.get(document.uri.toString())?.completed
                || this.resultsAreIncomplete(document, this.updateBuildOptions))) {
                toBuild.push(document);
            } else {
                this.mayNeedBuild.delete(document);
            }
        }
        return toBuild;
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        documents.forEach(document => this.mayNeedBuild.add(document));
        for (const document of documents) {
            // Linking cancelled halfway leaves references resolved against the index of that
            // moment, and Langium's linker skips resolved references: start those documents afresh.
            if (document.state === DocumentState.ComputedScopes && document.references.length > 0) {
                this.resetToState(document, DocumentState.ComputedScopes);
            }
        }
        const linkedHere = new Set(documents.filter(document => document.state < DocumentState.Linked).map(document => document.uri.toString()));
        await super.buildDocuments(documents, options, cancelToken);
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
     * Relinks the documents that refer to a name the build added or dropped, and has the
     * references of those that refer to a moved element described anew. Documents linked in this
     * build saw every change already. References to elements that kept their names need nothing:
     * they reach the new syntax tree through their kept descriptions (`IsmsIndexManager`).
     */
    private async propagateExportChanges(linkedHere: ReadonlySet<string>, options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<LangiumDocument[]> {
        const change = this.index.takeExportChange();
        if (!change) return [];
        const relinkUris = this.index.documentsReferencing(change.changedNames);
        const relink = this.documentsOf(relinkUris, linkedHere);
        // Recorded in the documents' states before anything is awaited: a build cancelled from here on leaves it to the next.
        for (const document of relink) {
            this.resetToState(document, DocumentState.ComputedScopes);
        }
        for (const document of this.documentsOf(this.index.documentsReferencing(change.movedNames), linkedHere)) {
            if (!relinkUris.has(document.uri.toString())) await this.indexManager.updateReferences(document);
        }
        if (relink.length > 0) {
            await super.buildDocuments(relink, options, cancelToken);
        }
        return relink;
    }

    private documentsOf(uris: Iterable<string>, except: ReadonlySet<string>): LangiumDocument[] {
        const documents: LangiumDocument[] = [];
        for (const uri of uris) {
            const document = except.has(uri) ? undefined : this.langiumDocuments.getDocument(URI.parse(uri));
            if (document) documents.push(document);
        }
        return documents;
    }

    private get index(): IsmsIndexManager {
        return this.indexManager as IsmsIndexManager;
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
