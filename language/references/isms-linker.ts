import type { AstNodeDescription, LinkingError, ReferenceInfo } from 'langium';
import { DefaultLinker } from 'langium';
import { isFramework } from '../generated/ast.js';

/** A control id that several frameworks declare, written without its framework. */
export interface AmbiguousControlError extends LinkingError {
    /** The frameworks that declare the id, in the order of the index. */
    readonly frameworks: readonly string[];
}

export function isAmbiguousControlError(error: LinkingError): error is AmbiguousControlError {
    return Array.isArray((error as Partial<AmbiguousControlError>).frameworks);
}

/**
 * Links as Langium does, except that a control id declared in more than one framework, written
 * without `FRAMEWORK::`, links to none of them: which control was meant is not known.
 */
export class IsmsLinker extends DefaultLinker {

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
