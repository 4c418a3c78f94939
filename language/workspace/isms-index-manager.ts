import type { AstNode, LangiumDocument, ReferenceDescription, Stream, URI } from 'langium';
import { AstUtils, DefaultIndexManager, DefaultReferenceDescriptionProvider, DocumentState } from 'langium';

/**
 * Describes a document's references on demand. Only find-references, rename and the handling
 * of deleted files read the reference index, so documents are described when one of those
 * first asks, not in every build: the initial build and each edit skip a walk of every syntax
 * tree they link.
 */
export class IsmsIndexManager extends DefaultIndexManager {

    /** Linked documents whose references are not described yet. */
    private readonly undescribed = new Map<string, LangiumDocument>();

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

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const pending = this.undescribed.get(document.uri.toString());
        if (pending) this.describe(pending);
        return super.isAffected(document, changedUris);
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
