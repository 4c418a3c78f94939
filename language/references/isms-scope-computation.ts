import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { AstUtils, Cancellation, DefaultScopeComputation } from 'langium';
import { isLevel, isScaleValue } from '../generated/ast.js';

/**
 * Exports every named element to the global index, nested ones included (controls inside a
 * `framework`, findings inside an `audit`), so that references resolve across files.
 */
export class IsmsScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        return this.collectExportedSymbolsForNode(document.parseResult.value, document, exportedChildren, cancelToken);
    }
}

/** Methodology levels and scale values carry names but are not elements of the model. */
function* exportedChildren(root: AstNode): Iterable<AstNode> {
    const nodes = AstUtils.streamAllContents(root).iterator();
    for (const node of nodes) {
        if (isLevel(node) || isScaleValue(node)) {
            nodes.prune();
        } else {
            yield node;
        }
    }
}
