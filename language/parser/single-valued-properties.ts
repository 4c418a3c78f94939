import type { Grammar } from 'langium';
import { AstUtils, GrammarAST } from 'langium';

/**
 * Block properties that may be written more than once, each time adding one item: a scope's
 * `interface`, a party's `requirement`, an `apply`'s `evidence` and `because`, an objective's
 * `measured`, an audit's `finding`, a nonconformity's `corrective-action`.
 */
const REPEATABLE_PROPERTIES: ReadonlySet<string> = new Set(['interfaces', 'requirements', 'evidence', 'reasons', 'measurements', 'findings', 'actions']);

/**
 * The keywords that start a single-valued property: every alternative of a block's `(…)*` loop
 * that starts with a keyword, except the repeatable ones. Properties come in any order, so the
 * grammar collects each into a list (`owner+=…`); a second `owner` is kept rather than
 * overwritten, `duplicate-property` reports it, and the model reads the first.
 */
export function singleValuedKeywords(grammar: Grammar): Set<GrammarAST.Keyword> {
    const keywords = new Set<GrammarAST.Keyword>();
    for (const element of AstUtils.streamAllContents(grammar)) {
        if (!GrammarAST.isAlternatives(element) || element.cardinality !== '*') continue;
        for (const alternative of element.elements) {
            if (!GrammarAST.isGroup(alternative)) continue;
            const [first, assignment] = alternative.elements;
            if (!GrammarAST.isKeyword(first)) continue;
            if (!GrammarAST.isAssignment(assignment) || !REPEATABLE_PROPERTIES.has(assignment.feature)) keywords.add(first);
        }
    }
    return keywords;
}
