import type { AstNode, LangiumDocument, LangiumDocuments, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { Apply, Exclude, IsmsBlock, Methodology, Risk } from '../generated/ast.js';
import type { Declaration, DocumentFacts } from './document-facts.js';
import { collectDocumentFacts, controlKey } from './document-facts.js';
import { compareStrings, DocumentOrderedIndex } from './document-ordered-index.js';

/** A node together with the URI of its document. */
export interface Located<T> {
    readonly uri: string;
    readonly node: T;
}

export interface LocatedDeclaration extends Declaration {
    readonly uri: string;
}

/**
 * The workspace-wide view of the model: what each document contributes (its facts, computed
 * once per parse), merged into indexes in document order. After an edit only the contributions
 * of the documents that were parsed anew are replaced.
 */
export class ModelIndex {

    private readonly documents: LangiumDocuments;
    /** Keyed by the parse result, so facts can never outlive the syntax tree they describe. */
    private readonly factsByRoot = new WeakMap<AstNode, DocumentFacts>();
    /** The syntax tree each document's contribution was taken from. */
    private readonly indexedRoots = new Map<string, AstNode>();
    /** Documents changed or deleted since their contribution was taken. */
    private readonly outdated = new Set<string>();

    private readonly declarations = new DocumentOrderedIndex<LocatedDeclaration>();
    private readonly userDeclarationsByType = new DocumentOrderedIndex<LocatedDeclaration>();
    private readonly ismsBlockIndex = new DocumentOrderedIndex<Located<IsmsBlock>>();
    private readonly methodologyIndex = new DocumentOrderedIndex<Located<Methodology>>();
    private readonly riskIndex = new DocumentOrderedIndex<Located<Risk>>();
    /** SoA decisions per control id. */
    private readonly decisions = new DocumentOrderedIndex<Located<Apply | Exclude>>();
    /** Risks whose mitigation or transfer names the control. */
    private readonly treatments = new DocumentOrderedIndex<Located<Risk>>();
    /** Risks that list the asset. */
    private readonly coverage = new DocumentOrderedIndex<Located<Risk>>();
    /** The user's documents in a stable order; the first carries workspace-level diagnostics. */
    private readonly userUris = new Set<string>();
    private sortedUserUris: readonly string[] | undefined = [];
    private scopeExclusions: { readonly from: readonly unknown[], readonly assets: ReadonlySet<string> } = { from: [], assets: new Set() };

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate((changed, deleted) => {
            changed.forEach(uri => this.outdated.add(uri.toString()));
            deleted.forEach(uri => this.outdated.add(uri.toString()));
        });
        // Not every document is announced: the workspace loads its files before the first build,
        // and when an editor opens a file at once, that build is cancelled and the update that
        // follows announces only the opened file while it builds them all. Every parse of a
        // document passes through indexing, so a document is taken in when it is indexed.
        builder.onDocumentPhase(DocumentState.IndexedContent, document => {
            this.outdated.add(document.uri.toString());
        });
    }

    facts(document: LangiumDocument): DocumentFacts {
        const root = document.parseResult.value;
        let facts = this.factsByRoot.get(root);
        if (!facts) {
            facts = collectDocumentFacts(document);
            this.factsByRoot.set(root, facts);
        }
        return facts;
    }

    /** Every declaration of `type` named `name`, in any document, the built-in ones included. */
    declarationsOf(type: string, name: string): readonly LocatedDeclaration[] {
        return this.current().declarations.get(declarationKey(type, name));
    }

    /** Declarations of `type` in the user's documents, in document order. */
    userDeclarations(type: string): readonly LocatedDeclaration[] {
        return this.current().userDeclarationsByType.get(type);
    }

    ismsBlocks(): ReadonlyArray<Located<IsmsBlock>> {
        return this.current().ismsBlockIndex.get(ALL);
    }

    /** The isms block in force: the first one in document order. */
    ismsBlock(): IsmsBlock | undefined {
        return this.ismsBlocks()[0]?.node;
    }

    methodologies(): ReadonlyArray<Located<Methodology>> {
        return this.current().methodologyIndex.get(ALL);
    }

    risks(): ReadonlyArray<Located<Risk>> {
        return this.current().riskIndex.get(ALL);
    }

    decisionsFor(control: string): ReadonlyArray<Located<Apply | Exclude>> {
        return this.current().decisions.get(control);
    }

    risksTreatedWith(control: string): ReadonlyArray<Located<Risk>> {
        return this.current().treatments.get(control);
    }

    risksCovering(asset: string): ReadonlyArray<Located<Risk>> {
        return this.current().coverage.get(asset);
    }

    isExcludedFromScope(asset: string): boolean {
        const blocks = this.ismsBlocks();
        if (this.scopeExclusions.from !== blocks) {
            const assets = new Set<string>();
            blocks.forEach(({ node }) => node.scope[0]?.excludes.forEach(excluded => excluded.asset && assets.add(excluded.asset.$refText)));
            this.scopeExclusions = { from: blocks, assets };
        }
        return this.scopeExclusions.assets.has(asset);
    }

    userDocumentUris(): readonly string[] {
        this.current();
        return this.sortedUserUris ??= [...this.userUris].sort(compareStrings);
    }

    /** Brings the indexes up to date with the documents parsed since they were last read. */
    private current(): this {
        if (this.outdated.size === 0) return this;
        const changes = new Map<string, DocumentFacts | undefined>();
        for (const uri of this.outdated) {
            const document = this.documents.getDocument(URI.parse(uri));
            if (!document) {
                changes.set(uri, undefined);
                this.indexedRoots.delete(uri);
            } else if (document.state >= DocumentState.Parsed) {
                const root = document.parseResult.value;
                if (this.indexedRoots.get(uri) !== root) {
                    changes.set(uri, this.facts(document));
                    this.indexedRoots.set(uri, root);
                }
            } else {
                // Not parsed yet: its previous contribution stands until it is.
                continue;
            }
            this.outdated.delete(uri);
        }
        if (changes.size > 0) this.apply(changes);
        return this;
    }

    /** Replaces the contributions of changed documents; `undefined` facts: a deleted document. */
    private apply(changes: ReadonlyMap<string, DocumentFacts | undefined>): void {
        const perDocument = <V>(values: (uri: string, facts: DocumentFacts) => V[]) =>
            new Map([...changes].map(([uri, facts]) => [uri, facts ? values(uri, facts) : []]));
        const declarations = perDocument((uri, facts) => facts.declarations.map(declaration => ({ ...declaration, uri })));
        const risks = perDocument((uri, facts) => facts.risks.map(node => ({ uri, node })));
        this.declarations.replace(declarations, declaration => declarationKey(declaration.type, declaration.name));
        this.userDeclarationsByType.replace(declarations, declaration => isBuiltinUri(declaration.uri) ? [] : declaration.type);
        this.ismsBlockIndex.replace(perDocument((uri, facts) => facts.ismsBlocks.map(node => ({ uri, node }))), () => ALL);
        this.methodologyIndex.replace(perDocument((uri, facts) => facts.methodologies.map(node => ({ uri, node }))), () => ALL);
        this.decisions.replace(perDocument((uri, facts) => facts.decisions.map(node => ({ uri, node }))), decision => controlKey(decision.node.control.$refText));
        this.riskIndex.replace(risks, () => ALL);
        this.treatments.replace(risks, risk => controlsTreatedBy(risk.node));
        this.coverage.replace(risks, risk => risk.node.assets.map(asset => asset.$refText));
        for (const [uri, facts] of changes) {
            if (isBuiltinUri(uri) || this.userUris.has(uri) === (facts !== undefined)) continue;
            if (facts) this.userUris.add(uri);
            else this.userUris.delete(uri);
            this.sortedUserUris = undefined;
        }
    }
}

/** The key of the indexes that are plain lists. */
const ALL = '';

/** The controls a risk's mitigation or transfer names, each once. */
function controlsTreatedBy(risk: Risk): Iterable<string> {
    const treatment = risk.treatment[0];
    if (!treatment || (treatment.kind !== 'mitigate' && treatment.kind !== 'transfer')) return [];
    return new Set(treatment.controls.map(control => controlKey(control.$refText)));
}

function declarationKey(type: string, name: string): string {
    return `${type}\u0000${name}`;
}
