import type { AstNode, AstNodeDescription, CstNode, DefaultReference, LangiumCoreServices, LangiumDocument, LinkingError, Reference, ReferenceInfo } from 'langium';
import { Cancellation, DefaultLinker } from 'langium';
import { isFramework } from '../generated/ast.js';
import type { IsmsIndexManager } from '../workspace/isms-index-manager.js';
import type { ReferenceResolver } from './described-reference.js';
import { DescribedReference } from './described-reference.js';

/** A control id that several frameworks declare, written without its framework. */
export interface AmbiguousControlError extends LinkingError {
    /** The frameworks that declare the id, in the order of the index. */
    readonly frameworks: readonly string[];
}

export function isAmbiguousControlError(error: LinkingError): error is AmbiguousControlError {
    return Array.isArray((error as Partial<AmbiguousControlError>).frameworks);
}

/**
 * Links as Langium does, with three differences: a control id declared in more than one
 * framework, written without `FRAMEWORK::`, links to none of them (which control was meant is
 * not known); references reach their targets through the index descriptions they were linked
 * to (`DescribedReference`); and the index learns which names each document refers to, so that
 * an edit that adds or removes a name relinks exactly the documents that use it.
 */
export class IsmsLinker extends DefaultLinker implements ReferenceResolver {

    private readonly indexManager: () => IsmsIndexManager;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.indexManager = () => services.shared.workspace.IndexManager as IsmsIndexManager;
    }

    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        return new DescribedReference(this, node, property, refNode, refText);
    }

    resolveDescribedReference(reference: DescribedReference, node: AstNode, property: string): AstNode | undefined {
        return this.resolveReference(reference as unknown as DefaultReference, node, property);
    }

    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        try {
            await super.link(document, cancelToken);
        } finally {
            // Also when cancelled halfway: the document is then linked afresh by the next build.
            this.indexManager().recordReferencedNames(document);
        }
    }

    override doLink(refInfo: ReferenceInfo, document: LangiumDocument): void {
        super.doLink(refInfo, document);
        if (refInfo.reference instanceof DescribedReference) refInfo.reference.settle();
    }

    override getCandidate(refInfo: ReferenceInfo): AstNodeDescription | LinkingError {
        const name = refInfo.reference.$refText;
        if (name.includes('::') || !this.reflection.isSubtype('Control', this.reflection.getReferenceType(refInfo))) {
            return super.getCandidate(refInfo);
        }
        const controls = this.scopeProvider.getScope(refInfo).getElements(name).filter(description => description.type === 'Control').toArray();
        const frameworks = [...new Set(controls.map(frameworkOf))];
        if (frameworks.length > 1) {
            const error: AmbiguousControlError = { info: refInfo, message: `ambiguous control id ${name}`, frameworks };
            return error;
        }
        return super.getCandidate(refInfo);
    }
}

/** The framework a control's description belongs to: controls are declared inside one. */
function frameworkOf(description: AstNodeDescription): string {
    const container = description.node?.$container;
    return container && isFramework(container) ? container.name : description.documentUri.toString();
}
