import type { AstNode, CstNode, Grammar, ValidationAcceptor } from 'langium';
import { AstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode } from 'langium';
import { isRealDate } from '../config/calendar.js';
import type { Owner } from './grammar-owners.js';
import { ownersOf } from './grammar-owners.js';

const DATE_TERMINAL = 'DATE';

/**
 * The DATE token accepts any YYYY-MM-DD; only dates that exist are dates. The check reads the
 * DATE tokens of a node rather than its property values, so that a date written where recovery
 * assigned nothing is checked too. Which nodes can hold dates, and in which properties, is read
 * from the grammar, so the check runs only on those nodes and skips them when none of those
 * properties is set.
 */
export class DateChecks {

    /**
     * Per AST type, the properties that hold DATE tokens; undefined when the type has such
     * tokens that are assigned to no property, so that only the tokens can tell.
     */
    private readonly watched: ReadonlyMap<string, readonly string[] | undefined>;

    constructor(grammar: Grammar) {
        this.watched = findWatchedProperties(grammar);
    }

    /** The AST types the check concerns: those whose nodes may hold a DATE token. */
    get types(): Iterable<string> {
        return this.watched.keys();
    }

    checkDatesExist(node: AstNode, accept: ValidationAcceptor): void {
        if (!this.watched.has(node.$type)) return;
        const properties = this.watched.get(node.$type);
        // Tokens are assigned as soon as they are parsed: a property without a value has no token.
        if (properties && properties.every(property => isEmpty((node as unknown as Record<string, unknown>)[property]))) return;
        const cst = node.$cstNode;
        if (cst) checkOwnDates(cst, node, accept);
    }
}

/** The DATE tokens of `owner` itself, in text order: not those of the nodes it contains. */
function checkOwnDates(cst: CstNode, owner: AstNode, accept: ValidationAcceptor): void {
    if (!isCompositeCstNode(cst)) return;
    for (const child of cst.content) {
        if (isLeafCstNode(child)) {
            checkDate(child, owner, accept);
        } else if (child.astNode === owner) {
            checkOwnDates(child, owner, accept);
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
        }
    }
    return watched;
}

function isEmpty(value: unknown): boolean {
    return value === undefined || (Array.isArray(value) && value.length === 0);
}
