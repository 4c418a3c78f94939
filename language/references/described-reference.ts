import type { AstNode, AstNodeDescription, CstNode, LinkingError, Reference } from 'langium';
import { isAstNode } from 'langium';

/** Stands in `_ref` for a target that is read through the reference's description. */
const THROUGH_DESCRIPTION = Object.freeze({ throughDescription: true });

/** Resolves a reference that is read before it is linked (the linker). */
export interface ReferenceResolver {
    resolveDescribedReference(reference: DescribedReference, node: AstNode, property: string): AstNode | undefined;
}

/**
 * A reference that reaches its target through the index description it was linked to, not
 * through a node of its own. The index keeps a description object for as long as its document
 * exports the same element, and points it at the new syntax tree when the document is rebuilt
 * (`IsmsIndexManager`), so an edit that keeps a file's names leaves every reference into that
 * file valid without visiting it.
 *
 * The fields are those of Langium's own reference implementation, which its linker reads and
 * resets (`_ref`, `_nodeDescription`).
 */
export class DescribedReference implements Reference {

    _ref: AstNode | LinkingError | typeof THROUGH_DESCRIPTION | symbol | undefined = undefined;
    _nodeDescription?: AstNodeDescription;

    // One resolver for all references: a closure each would cost about 100 bytes per reference.
    constructor(private readonly resolver: ReferenceResolver, private readonly node: AstNode, private readonly property: string,
        readonly $refNode: CstNode | undefined, readonly $refText: string) { }

    get ref(): AstNode | undefined {
        if (this._ref === THROUGH_DESCRIPTION) {
            return this._nodeDescription!.node;
        }
        const target = this.resolver.resolveDescribedReference(this, this.node, this.property);
        this.settle();
        return target;
    }

    get $nodeDescription(): AstNodeDescription | undefined {
        return this._nodeDescription;
    }

    get error(): LinkingError | undefined {
        const ref = this._ref as Partial<LinkingError> | undefined;
        return typeof ref === 'object' && typeof ref.info === 'object' && typeof ref.message === 'string' ? ref as LinkingError : undefined;
    }

    /** Once linked to its description's node, keeps no node of its own (it would be an outdated one later). */
    settle(): void {
        if (isAstNode(this._ref) && this._nodeDescription?.node === this._ref) {
            this._ref = THROUGH_DESCRIPTION;
        }
    }
}
