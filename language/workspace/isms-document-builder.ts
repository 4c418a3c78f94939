import type { BuildOptions, LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { Cancellation, DefaultDocumentBuilder, DocumentState } from 'langium';
import { readsAnyTopic, topicOf } from '../model/document-facts.js';
import type { ModelIndex } from '../model/model-index.js';

/**
 * Langium re-validates a document only when it references a changed one. Rules of this
 * language span files the other way round too (a second declaration of an id elsewhere, an
 * `exclude` in another file), so after each build this builder compares what the rebuilt
 * documents contribute to the model with what they contributed before, and re-validates
 * exactly the other documents that read a changed topic. Nothing is re-scanned otherwise.
 */
export class IsmsDocumentBuilder extends DefaultDocumentBuilder {

    private readonly modelIndex: () => ModelIndex;
    /** What each document contributed when it was last built. */
    private readonly lastEntries = new Map<string, ReadonlySet<string>>();
    /** Topics changed by deletions, applied with the next build. */
    private readonly pendingTopics = new Set<string>();
    /** The document that carries workspace-level diagnostics such as `isms-missing`. */
    private firstDocumentUri: string | undefined;

    constructor(services: LangiumSharedCoreServices, modelIndex: () => ModelIndex) {
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
        await super.update(changed, deleted, cancelToken);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        await super.buildDocuments(documents, options, cancelToken);
        if (!options.validation) {
            return;
        }
        const changedTopics = this.collectChangedTopics(documents);
        const previousFirst = this.firstDocumentUri;
        this.firstDocumentUri = this.modelIndex().userDocumentUris()[0];
        if (changedTopics.size === 0 && previousFirst === this.firstDocumentUri) {
            return;
        }
        const built = new Set(documents.map(document => document.uri.toString()));
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
