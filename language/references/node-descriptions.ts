import type { AstNode, AstNodeDescription, DocumentSegment, LangiumDocument, NameProvider, URI } from 'langium';
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider } from 'langium';

/**
 * The description of a named element, as the index and the scopes hold it. Langium's
 * descriptions compute the element's text range when they are made and keep a closure per
 * description for the range of its name, for every named element of the workspace. This one
 * computes both ranges when first asked (by navigation, symbols or rename, for few elements),
 * and can be pointed at the same element in a new syntax tree (`moveTo`).
 */
export class NodeDescription implements AstNodeDescription {

    private nameRange: DocumentSegment | undefined;
    private selectionRange: DocumentSegment | undefined;

    constructor(
        public node: AstNode,
        readonly name: string,
        readonly type: string,
        readonly documentUri: URI,
        public path: string,
        private readonly nameProvider: NameProvider
    ) { }

    get nameSegment(): DocumentSegment | undefined {
        return this.nameRange ??= CstUtils.toDocumentSegment(this.nameProvider.getNameNode(this.node) ?? this.node.$cstNode);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return this.selectionRange ??= CstUtils.toDocumentSegment(this.node.$cstNode);
    }

    /** The same element, parsed anew: `fresh` describes it in the new syntax tree. */
    moveTo(fresh: AstNodeDescription): void {
        this.node = fresh.node!;
        this.path = fresh.path;
        this.nameRange = undefined;
        this.selectionRange = undefined;
    }
}

export class IsmsAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        name ??= this.nameProvider.getName(node);
        const path = this.astNodeLocator.getAstNodePath(node);
        if (!name) throw new Error(`Node at path ${path} has no name.`);
        return new NodeDescription(node, name, node.$type, (document ?? AstUtils.getDocument(node)).uri, path, this.nameProvider);
    }
}
