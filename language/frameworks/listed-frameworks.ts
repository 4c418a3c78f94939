import type { Framework } from '../generated/ast.js';
import { isFramework } from '../generated/ast.js';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { ModelIndex } from '../model/model-index.js';
import { frameworkInForce } from '../soa/soa-decisions.js';

/**
 * The primary framework: the one the SoA is built against and the one other frameworks are
 * profiled against through their mappings (the isms block's `framework`, else ISO/IEC 27001:2022).
 */
export function primaryFramework(index: ModelIndex): Framework | undefined {
    return frameworkInForce(index);
}

/**
 * The other frameworks the isms block lists with `frameworks`, in the order written, each once;
 * the primary framework and names that are not declared are left out.
 */
export function listedFrameworks(index: ModelIndex): Framework[] {
    const primary = primaryFramework(index);
    const found: Framework[] = [];
    for (const reference of index.ismsBlock()?.frameworks ?? []) {
        const framework = findFramework(index, reference.$refText);
        if (framework && framework.name !== primary?.name && !found.includes(framework)) found.push(framework);
    }
    return found;
}

/** The framework declared under `name`: the user's own before a shipped one of the same name. */
export function findFramework(index: ModelIndex, name: string): Framework | undefined {
    const declarations = index.declarationsOf('Framework', name);
    const node = (declarations.find(declaration => !isBuiltinUri(declaration.uri)) ?? declarations[0])?.node;
    return isFramework(node) ? node : undefined;
}
