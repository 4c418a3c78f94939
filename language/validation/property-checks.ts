import type { AstNode, CstNode, Grammar, ValidationAcceptor } from 'langium';
import type { GrammarAST } from 'langium';
import { isCompositeCstNode, isLeafCstNode } from 'langium';
import { singleValuedKeywords } from '../parser/single-valued-properties.js';
import { ownersOf } from './grammar-owners.js';

/**
 * Blocks take their properties in any order, each at most once. The grammar can only say
 * "any of these, any number of times", so this check enforces "at most once" for the
 * single-valued properties. It only concerns the AST types whose nodes own such keywords
 * (`blockTypes`); no other node can repeat a property.
 */
export class PropertyChecks {

    private readonly singleValuedKeywords: ReadonlySet<GrammarAST.Keyword>;
    /** The AST types whose nodes may hold single-valued keywords. */
    readonly blockTypes: ReadonlySet<string>;

    constructor(grammar: Grammar) {
        this.singleValuedKeywords = singleValuedKeywords(grammar);
        this.blockTypes = new Set([...this.singleValuedKeywords].flatMap(keyword => ownersOf(grammar, keyword).map(owner => owner.type)));
    }

    checkPropertiesAtMostOnce(node: AstNode, accept: ValidationAcceptor): void {
        const cst = node.$cstNode;
        if (!cst || !isCompositeCstNode(cst)) return;
        this.checkOwnKeywords(cst, node, new Set(), accept);
    }

    /** Visits the keywords of `owner` itself, in text order: not those of the nodes it contains. */
    private checkOwnKeywords(cst: CstNode, owner: AstNode, seen: Set<string>, accept: ValidationAcceptor): void {
        if (!isCompositeCstNode(cst)) return;
        for (const child of cst.content) {
            if (isLeafCstNode(child)) {
                const keyword = child.grammarSource as GrammarAST.Keyword | undefined;
                if (!keyword || !this.singleValuedKeywords.has(keyword)) continue;
                if (seen.has(keyword.value)) {
                    accept('error', `'${keyword.value}' is given more than once in this block; keep one.`, {
                        node: owner, range: child.range, code: 'duplicate-property'
                    });
                }
                seen.add(keyword.value);
            } else if (child.astNode === owner) {
                this.checkOwnKeywords(child, owner, seen, accept);
            }
        }
    }
}
