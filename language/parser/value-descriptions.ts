import type { AstNode, Grammar } from 'langium';
import { AstUtils, GrammarAST, GrammarUtils } from 'langium';
import { kindLabel } from '../model/element-kinds.js';

/** What a value looks like, in words; `choices` when it is one of a few keywords. */
export interface ValueDescription {
    readonly text: string;
    readonly choices: boolean;
}

/** Terminals and data type rules whose shape is not a list of keywords, in words. */
const SHAPES: Record<string, string> = {
    STRING: 'a string in double quotes',
    DATE: 'a date as YYYY-MM-DD',
    INT: 'a whole number',
    DECIMAL: 'a number',
    Decimal: 'a number',
    ID: 'a name',
    CONTROL_ID: 'a control id',
    ControlId: 'a control id'
};

/** Likelihood and impact are points of the methodology's scales, wherever they are written. */
const SCALE_FEATURES = new Set(['likelihood', 'impact']);

/**
 * Says in words what the grammar expects after a keyword: the element that follows the keyword
 * in the rule being parsed (`likelihood` in a risk: a number on the scale), or the rule the
 * keyword leads into (`classification`: public, internal, confidential or restricted).
 */
export class ValueDescriptions {

    private readonly keywords: GrammarAST.Keyword[];

    constructor(grammar: Grammar) {
        this.keywords = AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).toArray();
    }

    /** What follows `keyword` while `ruleName` is parsed, if the grammar says. */
    after(keyword: string, ruleName: string): ValueDescription | undefined {
        let leadingInto: GrammarAST.AbstractElement | undefined;
        for (const candidate of this.keywords) {
            if (candidate.value !== keyword) continue;
            const next = nextElement(candidate);
            if (!next) continue;
            if (AstUtils.getContainerOfType(candidate, GrammarAST.isParserRule)?.name === ruleName) return describe(next);
            if (!leadingInto && leadsInto(next, ruleName, new Set())) leadingInto = next;
        }
        return leadingInto ? describe(leadingInto) : undefined;
    }

    /** A token type the parser expected, in words. */
    static token(name: string): string {
        return SHAPES[name] ?? `\`${name}\``;
    }
}

/** The element after a keyword (or after `kind='mitigate'`, the assignment holding it) in its group. */
function nextElement(keyword: GrammarAST.Keyword): GrammarAST.AbstractElement | undefined {
    const element: GrammarAST.AbstractElement = GrammarAST.isAssignment(keyword.$container) ? keyword.$container : keyword;
    const group: AstNode | undefined = element.$container;
    if (!GrammarAST.isGroup(group)) return undefined;
    return group.elements[group.elements.indexOf(element) + 1];
}

function calledRule(element: GrammarAST.AbstractElement): GrammarAST.AbstractRule | undefined {
    const terminal = GrammarAST.isAssignment(element) ? element.terminal : element;
    return GrammarAST.isRuleCall(terminal) ? terminal.rule.ref : undefined;
}

/** Whether parsing `element` starts with the rule `ruleName` (`climate` → ClimateDetermination → ClimateRelevance). */
function leadsInto(element: GrammarAST.AbstractElement, ruleName: string, visited: Set<GrammarAST.AbstractRule>): boolean {
    const rule = calledRule(element);
    if (!rule || visited.has(rule)) return false;
    if (rule.name === ruleName) return true;
    visited.add(rule);
    if (!GrammarAST.isParserRule(rule)) return false;
    const first = GrammarAST.isGroup(rule.definition) ? rule.definition.elements.find(part => !GrammarAST.isAction(part)) : rule.definition;
    return first !== undefined && leadsInto(first, ruleName, visited);
}

function describe(element: GrammarAST.AbstractElement): ValueDescription {
    if (GrammarAST.isAssignment(element)) {
        if (SCALE_FEATURES.has(element.feature) && calledRule(element)?.name === 'INT') {
            return { text: 'a number on the methodology\'s scale', choices: false };
        }
        return describe(element.terminal);
    }
    if (GrammarAST.isKeyword(element)) return { text: element.value, choices: true };
    if (GrammarAST.isCrossReference(element)) {
        const kind = kindLabel(element.type.ref ? GrammarUtils.getTypeName(element.type.ref) : '');
        return { text: `the id of ${article(kind)} ${kind}`, choices: false };
    }
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule) return { text: 'a value', choices: false };
        const shape = SHAPES[rule.name];
        if (shape) return { text: shape, choices: false };
        return GrammarAST.isParserRule(rule) ? describe(rule.definition) : { text: 'a value', choices: false };
    }
    if (GrammarAST.isAlternatives(element)) return describeAlternatives(element.elements);
    if (GrammarAST.isGroup(element)) return describeSequence(element.elements);
    return { text: 'a value', choices: false };
}

/** `public, internal, confidential or restricted`; other shapes joined by "or". */
function describeAlternatives(alternatives: readonly GrammarAST.AbstractElement[]): ValueDescription {
    const choices = alternatives.filter(GrammarAST.isKeyword).map(keyword => keyword.value);
    const others = alternatives.filter(alternative => !GrammarAST.isKeyword(alternative)).map(alternative => describe(alternative));
    const flattened = [...choices, ...others.filter(other => other.choices).map(other => other.text)];
    const parts = [...new Set(others.filter(other => !other.choices).map(other => other.text))];
    if (flattened.length > 0) parts.push(others.some(other => !other.choices) ? `one of ${listOr(flattened)}` : listOr(flattened));
    return { text: listOr(parts), choices: parts.length === 1 && flattened.length > 0 };
}

/** The required parts of a sequence: "`every`, a whole number and one of days, weeks, months or years". */
function describeSequence(elements: readonly GrammarAST.AbstractElement[]): ValueDescription {
    const required = elements.filter(element => !GrammarAST.isAction(element) && (element.cardinality === undefined || element.cardinality === '+'));
    if (required.length > 0 && GrammarAST.isKeyword(required[0]) && required[0].value === '{') {
        return { text: 'a block `{ … }`', choices: false };
    }
    if (required.length === 1) return describe(required[0]);
    const parts = required.map(element => {
        const keyword = GrammarAST.isAssignment(element) ? element.terminal : element;
        if (GrammarAST.isKeyword(keyword)) return `\`${keyword.value}\``;
        const part = describe(element);
        return part.choices ? `one of ${part.text}` : part.text;
    });
    return { text: listAnd(parts), choices: false };
}

export function article(word: string): string {
    return /^[`]?[aeiou]/.test(word) ? 'an' : 'a';
}

export function listOr(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function listAnd(items: readonly string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
