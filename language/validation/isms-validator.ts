import type { ValidationChecks } from 'langium';
import type { IsmsAstType } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import { IdentityChecks } from './identity-checks.js';
import { IsmsBlockChecks } from './isms-block-checks.js';
import { PropertyChecks } from './property-checks.js';

/** Registers every validation rule of the language; the rules live in files named for them. */
export function registerValidationChecks(services: IsmsServices): void {
    const registry = services.validation.ValidationRegistry;
    const properties = new PropertyChecks(services.Grammar);
    const identity = new IdentityChecks(services.model.ModelIndex);
    const ismsBlock = new IsmsBlockChecks(services.model.ModelIndex);

    const checks: ValidationChecks<IsmsAstType> = {
        AstNode: (node, accept) => properties.checkPropertiesAtMostOnce(node, accept),
        Model: [
            (model, accept) => identity.checkUniqueIds(model, accept),
            (model, accept) => ismsBlock.checkWorkspaceHasIsms(model, accept)
        ],
        IsmsBlock: [
            (block, accept) => ismsBlock.checkSingleIsms(block, accept),
            (block, accept) => ismsBlock.checkScopeDeclared(block, accept)
        ]
    };
    registry.register(checks);
}
