import type { LangiumDocument, Stream, URI } from 'langium';
import { DefaultLangiumDocuments, stream } from 'langium';

/**
 * Langium's document store, with the list of all documents kept between changes of the set.
 * Langium walks its URI tree for `all` on every request and twice in every update, a cost that
 * grows with the workspace however small the edit.
 */
export class IsmsLangiumDocuments extends DefaultLangiumDocuments {

    private allDocuments: readonly LangiumDocument[] | undefined;

    override get all(): Stream<LangiumDocument> {
        this.allDocuments ??= super.all.toArray();
        return stream(this.allDocuments);
    }

    override addDocument(document: LangiumDocument): void {
        this.allDocuments = undefined;
        super.addDocument(document);
    }

    override deleteDocument(uri: URI): LangiumDocument | undefined {
        this.allDocuments = undefined;
        return super.deleteDocument(uri);
    }

    override deleteDocuments(folder: URI): LangiumDocument[] {
        this.allDocuments = undefined;
        return super.deleteDocuments(folder);
    }
}
