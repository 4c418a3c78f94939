import type { LangiumDocument, LangiumDocuments, LangiumSharedCoreServices } from 'langium';
import { DocumentCache, DocumentState, MultiMap, WorkspaceCache } from 'langium';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { Apply, Exclude, IsmsBlock, Methodology, Risk } from '../generated/ast.js';
import type { Declaration, DocumentFacts } from './document-facts.js';
import { collectDocumentFacts } from './document-facts.js';

/** A node together with the URI of its document. */
export interface Located<T> {
    readonly uri: string;
    readonly node: T;
}

export interface LocatedDeclaration extends Declaration {
    readonly uri: string;
}

interface WorkspaceAggregate {
    readonly declarations: MultiMap<string, LocatedDeclaration>;
    readonly userDeclarations: MultiMap<string, LocatedDeclaration>;
    readonly ismsBlocks: ReadonlyArray<Located<IsmsBlock>>;
    readonly methodologies: ReadonlyArray<Located<Methodology>>;
    readonly risks: ReadonlyArray<Located<Risk>>;
    /** SoA decisions per control id, in document order (by URI, then position). */
    readonly decisions: MultiMap<string, Located<Apply | Exclude>>;
    /** Risks whose mitigation or transfer names the control. */
    readonly treatments: MultiMap<string, Located<Risk>>;
    /** Risks that list the asset. */
    readonly coverage: MultiMap<string, Located<Risk>>;
    readonly scopeExclusions: ReadonlySet<string>;
    /** The user's documents in a stable order; the first carries workspace-level diagnostics. */
    readonly userDocumentUris: readonly string[];
}

/**
 * The workspace-wide view of the model: per-document facts, cached until that document is
 * parsed anew, merged into one aggregate that is rebuilt at most once per change.
 */
export class ModelIndex {

    private readonly documents: LangiumDocuments;
    private readonly factsCache: DocumentCache<string, DocumentFacts>;
    private readonly aggregateCache: WorkspaceCache<string, WorkspaceAggregate>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.factsCache = new DocumentCache(shared, DocumentState.Parsed);
        this.aggregateCache = new WorkspaceCache(shared, DocumentState.Parsed);
    }

    facts(document: LangiumDocument): DocumentFacts {
        return this.factsCache.get(document.uri, 'facts', () => collectDocumentFacts(document));
    }

    /** Every declaration of `type` named `name`, in any document, the built-in ones included. */
    declarationsOf(type: string, name: string): readonly LocatedDeclaration[] {
        return this.aggregate().declarations.get(declarationKey(type, name));
    }

    /** Declarations of `type` in the user's documents, in document order. */
    userDeclarations(type: string): readonly LocatedDeclaration[] {
        return this.aggregate().userDeclarations.get(type);
    }

    ismsBlocks(): ReadonlyArray<Located<IsmsBlock>> {
        return this.aggregate().ismsBlocks;
    }

    /** The isms block in force: the first one in document order. */
    ismsBlock(): IsmsBlock | undefined {
        return this.aggregate().ismsBlocks[0]?.node;
    }

    methodologies(): ReadonlyArray<Located<Methodology>> {
        return this.aggregate().methodologies;
    }

    risks(): ReadonlyArray<Located<Risk>> {
        return this.aggregate().risks;
    }

    decisionsFor(control: string): ReadonlyArray<Located<Apply | Exclude>> {
        return this.aggregate().decisions.get(control);
    }

    risksTreatedWith(control: string): ReadonlyArray<Located<Risk>> {
        return this.aggregate().treatments.get(control);
    }

    risksCovering(asset: string): ReadonlyArray<Located<Risk>> {
        return this.aggregate().coverage.get(asset);
    }

    isExcludedFromScope(asset: string): boolean {
        return this.aggregate().scopeExclusions.has(asset);
    }

    userDocumentUris(): readonly string[] {
        return this.aggregate().userDocumentUris;
    }

    private aggregate(): WorkspaceAggregate {
        return this.aggregateCache.get('aggregate', () => this.buildAggregate());
    }

    private buildAggregate(): WorkspaceAggregate {
        const declarations = new MultiMap<string, LocatedDeclaration>();
        const userDeclarations = new MultiMap<string, LocatedDeclaration>();
        const ismsBlocks: Array<Located<IsmsBlock>> = [];
        const methodologies: Array<Located<Methodology>> = [];
        const risks: Array<Located<Risk>> = [];
        const decisions = new MultiMap<string, Located<Apply | Exclude>>();
        const treatments = new MultiMap<string, Located<Risk>>();
        const coverage = new MultiMap<string, Located<Risk>>();
        const scopeExclusions = new Set<string>();
        const userDocumentUris: string[] = [];
        // Sorted by URI so that "first" (first isms block, first decision) is the same on every run.
        const documents = this.documents.all.toArray().sort((a, b) => compare(a.uri.toString(), b.uri.toString()));
        for (const document of documents) {
            const facts = this.facts(document);
            const uri = facts.uri;
            const builtin = isBuiltinUri(uri);
            if (!builtin) userDocumentUris.push(uri);
            for (const declaration of facts.declarations) {
                const located = { ...declaration, uri };
                declarations.add(declarationKey(declaration.type, declaration.name), located);
                if (!builtin) userDeclarations.add(declaration.type, located);
            }
            for (const node of facts.ismsBlocks) {
                ismsBlocks.push({ uri, node });
                node.scope?.excludes.forEach(excluded => excluded.asset && scopeExclusions.add(excluded.asset.$refText));
            }
            facts.methodologies.forEach(node => methodologies.push({ uri, node }));
            for (const node of facts.decisions) {
                decisions.add(node.control.$refText, { uri, node });
            }
            for (const risk of facts.risks) {
                const located = { uri, node: risk };
                risks.push(located);
                risk.assets.forEach(asset => coverage.add(asset.$refText, located));
                const treatment = risk.treatment;
                if (treatment && (treatment.kind === 'mitigate' || treatment.kind === 'transfer')) {
                    new Set(treatment.controls.map(control => control.$refText)).forEach(control => treatments.add(control, located));
                }
            }
        }
        return { declarations, userDeclarations, ismsBlocks, methodologies, risks, decisions, treatments, coverage, scopeExclusions, userDocumentUris };
    }
}

function declarationKey(type: string, name: string): string {
    return `${type}\u0000${name}`;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
