import type { LangiumDocument, Stream, URI } from 'langium';
import { DefaultLangiumDocuments, stream } from 'langium';

/**
 * Langium's document store, with the list of all documents kept between changes of the set.
 * Langium walks its URI tree for `all` on every request and twice in every update, a cost that
 * grows with the workspace however small the edit. Its `version` tells the document builder
 * when documents came or went without a build (`IsmsDocumentBuilder`).
 */
export class IsmsLangiumDocuments extends DefaultLangiumDocuments {

    private allDocuments: readonly LangiumDocument[] | undefined;
    private changes = 0;

    /** Changes whenever a document is added, removed or invalidated. */
    get version(): number {
        return this.changes;
    }

    override get all(): Stream<LangiumDocument> {
        this.allDocuments ??= super.all.toArray();
        return stream(this.allDocuments);
    }

    override addDocument(document: LangiumDocument): void {
        this.setChanged();
        super.addDocument(document);
    }

    override deleteDocument(uri: URI): LangiumDocument | undefined {
        this.setChanged();
        return super.deleteDocument(uri);
    }

    override deleteDocuments(folder: URI): LangiumDocument[] {
        this.setChanged();
        return super.deleteDocuments(folder);
    }

    override invalidateDocument(uri: URI): LangiumDocument | undefined {
        this.changes++;
        return super.invalidateDocument(uri);
    }

    private setChanged(): void {
        this.allDocuments = undefined;
        this.changes++;
    }
}
