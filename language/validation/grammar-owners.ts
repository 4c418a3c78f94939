import type { AstNode, AstReflection, Grammar } from 'langium';
import { AstUtils, GrammarAST, GrammarUtils } from 'langium';

/** An AST type whose nodes own the leaves of a grammar element, and the property they are assigned to. */
export interface Owner {
    readonly type: string;
    /** Undefined when the element is not assigned to a property. */
    readonly property: string | undefined;
}

/**
 * Which AST nodes own the CST leaves that `element` (a keyword or rule call of `grammar`)
 * produces: the node of the parser rule it is written in, whose type is the rule's type or
 * that of an action in the rule. Fragments and data type rules create no node of their own,
 * so their leaves belong to the nodes of the rules that call them.
 */
export function ownersOf(grammar: Grammar, element: AstNode): Owner[] {
    return collectOwners(grammar, element, new Set());
}

function collectOwners(grammar: Grammar, element: AstNode, visited: Set<GrammarAST.ParserRule>): Owner[] {
    const rule = AstUtils.getContainerOfType(element, GrammarAST.isParserRule);
    if (!rule || visited.has(rule)) return [];
    const property = AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature;
    if (rule.fragment || GrammarUtils.isDataTypeRule(rule)) {
        const owners: Owner[] = [];
        visited.add(rule);
        for (const call of AstUtils.streamAllContents(grammar).filter(GrammarAST.isRuleCall)) {
            if (call.rule.ref !== rule) continue;
            for (const owner of collectOwners(grammar, call, visited)) {
                owners.push({ type: owner.type, property: property ?? owner.property });
            }
        }
        visited.delete(rule);
        return owners;
    }
    const types = new Set([GrammarUtils.getTypeName(rule)]);
    for (const action of AstUtils.streamAllContents(rule).filter(GrammarAST.isAction)) {
        const type = GrammarUtils.getActionType(action);
        if (type) types.add(type);
    }
    return [...types].map(type => ({ type, property }));
}

/**
 * The types to register a check on so that it runs exactly once for a node of any of `types`:
 * Langium runs a check registered on a type for its subtypes too.
 */
export function registrationTypes(reflection: AstReflection, types: Iterable<string>): string[] {
    const all = [...new Set(types)];
    return all.filter(type => !all.some(other => other !== type && reflection.isSubtype(type, other))).sort();
}
