import type { Apply, Framework } from '../generated/ast.js';
import { isFramework } from '../generated/ast.js';
import { ANNEX_A_2022_FRAMEWORK } from '../builtin/annex-a-2022.js';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { ModelIndex } from '../model/model-index.js';

export type Decision = 'applicable' | 'excluded' | 'undecided';

/**
 * The framework the SoA is built against: the one the isms block names, else the built-in
 * ISO/IEC 27001:2022 Annex A catalog.
 */
export function frameworkInForce(index: ModelIndex): Framework | undefined {
    const name = index.ismsBlock()?.framework[0]?.$refText ?? ANNEX_A_2022_FRAMEWORK;
    // Redeclaring the built-in catalog is an error of its own; the catalog stays in force.
    const declarations = index.declarationsOf('Framework', name);
    const node = (declarations.find(declaration => isBuiltinUri(declaration.uri)) ?? declarations[0])?.node;
    return isFramework(node) ? node : undefined;
}

/**
 * How the SoA decides each control: applicable when a risk treats with it or an `apply` names
 * it, excluded when an `exclude` names it (the first decision wins when they conflict, which
 * is an error of its own), undecided otherwise.
 */
export class SoaDecisions {

    constructor(private readonly modelIndex: ModelIndex) { }

    decisionOf(control: string): Decision {
        const first = this.modelIndex.decisionsFor(control)[0];
        if (first) {
            return first.node.$type === 'Exclude' ? 'excluded' : 'applicable';
        }
        return this.modelIndex.risksTreatedWith(control).length > 0 ? 'applicable' : 'undecided';
    }

    /** The first `apply` of the control: where its status, owner and evidence are written. */
    applyOf(control: string): Apply | undefined {
        return this.modelIndex.decisionsFor(control).map(located => located.node).find((node): node is Apply => node.$type === 'Apply');
    }

    /** Whether the control's `apply` says it is implemented. */
    isImplemented(control: string): boolean {
        return this.applyOf(control)?.status[0] === 'implemented';
    }
}
