import type { ValidationAcceptor } from 'langium';
import type { IsmsBlock, Requirement } from '../generated/ast.js';

/** Clause 4: the context of the organization, its interested parties and the scope. */
export class ContextChecks {

    checkClimateDetermined(block: IsmsBlock, accept: ValidationAcceptor): void {
        if (!block.climate[0]) {
            // While the title is still being typed, the keyword stands for it.
            const where = block.title ? { property: 'title' as const } : { keyword: 'isms' };
            accept('warning', `The isms block "${block.title ?? ''}" does not say whether climate change is a relevant issue (clause 4.1, Amendment 1:2024). Add climate relevant, or climate not-relevant because "…".`, {
                node: block, ...where, code: 'climate-undetermined'
            });
        }
    }

    checkScopeNotEmpty(block: IsmsBlock, accept: ValidationAcceptor): void {
        const scope = block.scope[0];
        if (scope && !scope.description[0]?.trim() && scope.includes.length === 0) {
            accept('error', 'The scope of the isms block has neither a description nor included assets (clause 4.3). Describe it: scope { description "…" includes … }.', {
                node: block, keyword: 'scope', code: 'scope-empty'
            });
        }
    }

    checkRequirementAddressed(requirement: Requirement, accept: ValidationAcceptor): void {
        if (requirement.addressedBy.length === 0) {
            accept('warning', `Requirement '${requirement.name}' of an interested party is addressed by nothing (clause 4.2 c). Name what addresses it: addressed-by a risk, opportunity, control, policy or objective.`, {
                node: requirement, property: 'name', code: 'requirement-unaddressed'
            });
        }
    }
}
