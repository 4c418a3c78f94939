import type { AstNode, CstNode, Grammar, ValidationAcceptor } from 'langium';
import { AstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode } from 'langium';

/**
 * Blocks take their properties in any order, each at most once. The grammar can only say
 * "any of these, any number of times", so this check enforces "at most once". Which keywords
 * start a single-valued property is read from the grammar: the first keyword of an
 * alternative inside a `(…)*` loop, unless that alternative only appends one item
 * (`evidence`, `finding`, `interface` … may repeat).
 */
export class PropertyChecks {

    private readonly singleValuedKeywords: ReadonlySet<GrammarAST.Keyword>;

    constructor(grammar: Grammar) {
        this.singleValuedKeywords = findSingleValuedKeywords(grammar);
    }

    checkPropertiesAtMostOnce(node: AstNode, accept: ValidationAcceptor): void {
        const cst = node.$cstNode;
        if (!cst || !isCompositeCstNode(cst)) return;
        const seen = new Set<string>();
        for (const leaf of ownKeywordLeaves(cst, node)) {
            const keyword = leaf.grammarSource as GrammarAST.Keyword;
            if (!this.singleValuedKeywords.has(keyword)) continue;
            if (seen.has(keyword.value)) {
                accept('error', `'${keyword.value}' is given more than once in this block; keep one.`, {
                    node, range: leaf.range, code: 'duplicate-property'
                });
            }
            seen.add(keyword.value);
        }
    }
}

function* ownKeywordLeaves(cst: CstNode, owner: AstNode): Iterable<CstNode> {
    if (!isCompositeCstNode(cst)) return;
    for (const child of cst.content) {
        if (isLeafCstNode(child)) {
            if (GrammarAST.isKeyword(child.grammarSource)) yield child;
        } else if (child.astNode === owner) {
            yield* ownKeywordLeaves(child, owner);
        }
    }
}

function findSingleValuedKeywords(grammar: Grammar): Set<GrammarAST.Keyword> {
    const keywords = new Set<GrammarAST.Keyword>();
    for (const element of AstUtils.streamAllContents(grammar)) {
        if (!GrammarAST.isAlternatives(element) || element.cardinality !== '*') continue;
        for (const alternative of element.elements) {
            if (!GrammarAST.isGroup(alternative)) continue;
            const [first, ...rest] = alternative.elements;
            if (!GrammarAST.isKeyword(first)) continue;
            const appendsOneItem = rest.length === 1 && GrammarAST.isAssignment(rest[0])
                && rest[0].operator === '+=' && rest[0].cardinality === undefined;
            if (!appendsOneItem) keywords.add(first);
        }
    }
    return keywords;
}
