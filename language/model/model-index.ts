import type { LangiumDocument, LangiumDocuments, LangiumSharedCoreServices } from 'langium';
import { DocumentCache, DocumentState, MultiMap, WorkspaceCache } from 'langium';
import type { IsmsBlock } from '../generated/ast.js';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { Declaration, DocumentFacts } from './document-facts.js';
import { collectDocumentFacts } from './document-facts.js';

export interface LocatedDeclaration extends Declaration {
    readonly uri: string;
}

export interface LocatedIsmsBlock {
    readonly uri: string;
    readonly node: IsmsBlock;
}

interface WorkspaceAggregate {
    readonly declarations: MultiMap<string, LocatedDeclaration>;
    readonly ismsBlocks: readonly LocatedIsmsBlock[];
    /** The user's documents in a stable order; the first carries workspace-level diagnostics. */
    readonly userDocumentUris: readonly string[];
}

/**
 * The workspace-wide view of the model: per-document facts, cached until that document
 * changes, merged into one aggregate that is rebuilt at most once per change.
 */
export class ModelIndex {

    private readonly documents: LangiumDocuments;
    private readonly factsCache: DocumentCache<string, DocumentFacts>;
    private readonly aggregateCache: WorkspaceCache<string, WorkspaceAggregate>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        // Evicted when a document is parsed anew, so facts always match the current syntax tree.
        this.factsCache = new DocumentCache(shared, DocumentState.Parsed);
        this.aggregateCache = new WorkspaceCache(shared, DocumentState.Parsed);
    }

    facts(document: LangiumDocument): DocumentFacts {
        return this.factsCache.get(document.uri, 'facts', () => collectDocumentFacts(document));
    }

    /** Every declaration of `type` named `name`, in any document, the built-in ones included. */
    declarationsOf(type: string, name: string): readonly LocatedDeclaration[] {
        return this.aggregate().declarations.get(key(type, name));
    }

    ismsBlocks(): readonly LocatedIsmsBlock[] {
        return this.aggregate().ismsBlocks;
    }

    userDocumentUris(): readonly string[] {
        return this.aggregate().userDocumentUris;
    }

    private aggregate(): WorkspaceAggregate {
        return this.aggregateCache.get('aggregate', () => {
            const declarations = new MultiMap<string, LocatedDeclaration>();
            const ismsBlocks: LocatedIsmsBlock[] = [];
            const userDocumentUris: string[] = [];
            for (const document of this.documents.all) {
                const facts = this.facts(document);
                for (const declaration of facts.declarations) {
                    declarations.add(key(declaration.type, declaration.name), { ...declaration, uri: facts.uri });
                }
                for (const node of facts.ismsBlocks) {
                    ismsBlocks.push({ uri: facts.uri, node });
                }
                if (!isBuiltinUri(document.uri)) {
                    userDocumentUris.push(facts.uri);
                }
            }
            userDocumentUris.sort();
            return { declarations, ismsBlocks, userDocumentUris };
        });
    }
}

function key(type: string, name: string): string {
    return `${type}\u0000${name}`;
}
