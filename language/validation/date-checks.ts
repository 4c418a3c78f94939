import type { AstNode, CstNode, Grammar, ValidationAcceptor } from 'langium';
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, isLeafCstNode } from 'langium';
import { isRealDate } from '../config/calendar.js';
import type { Owner } from './grammar-owners.js';
import { ownersOf } from './grammar-owners.js';

const DATE_TERMINAL = 'DATE';

/**
 * The DATE token accepts any YYYY-MM-DD; only dates that exist are dates. The check reads the
 * DATE tokens of a node rather than its property values, because a property given twice (an
 * error of its own) keeps only its last value, and every date written must still be checked.
 * Likewise a block given twice (a second `treatment` or `accept`) leaves the node of the first
 * one out of the AST, where no check visits it: the node it was written in checks its dates.
 * Which nodes can hold either, and in which properties, is read from the grammar, so the check
 * runs only on those nodes and skips them when none of those properties is set.
 */
export class DateChecks {

    /**
     * Per AST type, the properties that hold DATE tokens or single-valued blocks; undefined
     * when the type has such tokens that are assigned to no property, so that only the tokens
     * can tell.
     */
    private readonly watched: ReadonlyMap<string, readonly string[] | undefined>;

    constructor(grammar: Grammar) {
        this.watched = findWatchedProperties(grammar);
    }

    /** The AST types the check concerns: those whose nodes may hold a DATE token or a single-valued block. */
    get types(): Iterable<string> {
        return this.watched.keys();
    }

    checkDatesExist(node: AstNode, accept: ValidationAcceptor): void {
        if (!this.watched.has(node.$type)) return;
        const properties = this.watched.get(node.$type);
        // Tokens are assigned as soon as they are parsed: a property without a value has no token.
        if (properties && properties.every(property => (node as unknown as Record<string, unknown>)[property] === undefined)) return;
        const cst = node.$cstNode;
        if (cst) checkOwnDates(cst, node, accept);
    }
}

/** The DATE tokens of `owner` itself and of the blocks it lost, in text order. */
function checkOwnDates(cst: CstNode, owner: AstNode, accept: ValidationAcceptor): void {
    if (!isCompositeCstNode(cst)) return;
    for (const child of cst.content) {
        if (isLeafCstNode(child)) {
            checkDate(child, owner, accept);
        } else {
            const node = child.astNode;
            if (node === owner) {
                checkOwnDates(child, owner, accept);
            } else if (node.$container === undefined) {
                // Not in the AST: overwritten by a later value of the same property.
                for (const leaf of CstUtils.streamCst(child)) {
                    if (isLeafCstNode(leaf)) checkDate(leaf, leaf.astNode, accept);
                }
            }
        }
    }
}

function checkDate(leaf: CstNode, node: AstNode, accept: ValidationAcceptor): void {
    if (isLeafCstNode(leaf) && leaf.tokenType.name === DATE_TERMINAL && !isRealDate(leaf.text)) {
        accept('error', `${leaf.text} is not a date in the calendar. Write a real date as YYYY-MM-DD.`, {
            node, range: leaf.range, code: 'invalid-date'
        });
    }
}

function findWatchedProperties(grammar: Grammar): Map<string, string[] | undefined> {
    const watched = new Map<string, string[] | undefined>();
    const watch = (owners: Owner[]) => {
        for (const { type, property } of owners) {
            const known = watched.has(type) ? watched.get(type) : [];
            watched.set(type, known && property !== undefined ? [...new Set([...known, property])] : undefined);
        }
    };
    for (const call of AstUtils.streamAllContents(grammar).filter(GrammarAST.isRuleCall)) {
        const rule = call.rule.ref;
        if (GrammarAST.isTerminalRule(rule) && rule.name === DATE_TERMINAL) {
            watch(ownersOf(grammar, call));
        } else if (GrammarAST.isParserRule(rule) && !rule.fragment && !GrammarUtils.isDataTypeRule(rule)
            && AstUtils.getContainerOfType(call, GrammarAST.isAssignment)?.operator === '=') {
            watch(ownersOf(grammar, call));
        }
    }
    return watched;
}
