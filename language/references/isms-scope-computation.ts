import type { AstNode, AstNodeDescription, LangiumDocument } from 'langium';
import { AstUtils, Cancellation, DefaultScopeComputation } from 'langium';
import { isControl, isFramework, isLevel, isScaleValue } from '../generated/ast.js';

/**
 * Exports every named element to the global index, nested ones included (controls inside a
 * `framework`, findings inside an `audit`), so that references resolve across files.
 */
export class IsmsScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const exported = await this.collectExportedSymbolsForNode(document.parseResult.value, document, exportedChildren, cancelToken);
        // A control is also known by its framework's name and its id, `CSF2::PR.AA-01`.
        const qualified = exported.flatMap(description => {
            const control = description.node;
            if (!control || !isControl(control) || !control.name || !isFramework(control.$container) || !control.$container.name) return [];
            return [this.descriptions.createDescription(control, qualifiedControlName(control.$container.name, control.name), document)];
        });
        return qualified.length > 0 ? [...exported, ...qualified] : exported;
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

/** `CSF2::PR.AA-01`: a control id with the framework that declares it. */
export function qualifiedControlName(framework: string, id: string): string {
    return `${framework}::${id}`;
}
