import type { Grammar } from 'langium';
import { AstUtils, GrammarAST, GrammarUtils } from 'langium';
import { kindLabel } from '../model/element-kinds.js';

/** A block of the language as a syntax error names it: what it is called and which properties it takes. */
export interface Block {
    /** "risk", "finding", "`scope` block". */
    readonly label: string;
    /** Its property keywords in grammar order. */
    readonly properties: readonly string[];
}

/** Keywords that are words, not punctuation such as `,` or `{`. */
const WORD = /^[a-z]/;

/**
 * Which property keywords each block takes, read from the grammar: the first keyword of every
 * alternative repeated by a `(…)*` loop of the block's rule (or of the rule such an alternative
 * calls, as `control` in a framework). The entry rule's "properties" are the keywords that
 * start an element.
 */
export class BlockProperties {

    private readonly blocks = new Map<string, Block>();
    private readonly owners = new Map<string, Set<string>>();
    private readonly elementTypes = new Set<string>();
    /** The keywords that start a top-level element. */
    readonly elementKeywords: readonly string[];

    constructor(grammar: Grammar) {
        const entry = grammar.rules.find((rule): rule is GrammarAST.ParserRule => GrammarAST.isParserRule(rule) && rule.entry);
        const elementRules = entry ? calledRules(entry.definition) : new Set<GrammarAST.AbstractRule>();
        for (const rule of grammar.rules) {
            if (!GrammarAST.isParserRule(rule) || rule.fragment || GrammarUtils.isDataTypeRule(rule)) continue;
            const properties = loopKeywords(rule);
            if (properties.length === 0) continue;
            const label = rule === entry ? 'file' : blockLabel(grammar, rule, elementRules.has(rule));
            if (rule !== entry && (elementRules.has(rule) || isNamed(rule))) this.elementTypes.add(GrammarUtils.getTypeName(rule));
            this.blocks.set(rule.name, { label, properties });
            if (rule === entry) continue;
            for (const keyword of properties) {
                const labels = this.owners.get(keyword) ?? new Set<string>();
                labels.add(label);
                this.owners.set(keyword, labels);
            }
        }
        this.elementKeywords = entry ? this.blocks.get(entry.name)?.properties ?? [] : [];
    }

    /** The block parsed by the rule `ruleName`, if that rule has properties. */
    block(ruleName: string): Block | undefined {
        return this.blocks.get(ruleName);
    }

    /** The one block `keyword` is a property of, if exactly one has it. */
    onlyOwner(keyword: string): string | undefined {
        const labels = this.owners.get(keyword);
        return labels?.size === 1 ? [...labels][0] : undefined;
    }

    /**
     * Whether nodes of `type` are elements: top-level ones, or named parts of one with a block
     * of their own (a finding, a requirement, a corrective action, a control).
     */
    isElement(type: string): boolean {
        return this.elementTypes.has(type);
    }

    isProperty(keyword: string): boolean {
        return this.owners.has(keyword);
    }
}

function loopKeywords(rule: GrammarAST.ParserRule): string[] {
    const keywords: string[] = [];
    for (const element of [rule.definition, ...AstUtils.streamAllContents(rule.definition)]) {
        if (!GrammarAST.isAbstractElement(element) || element.cardinality !== '*') continue;
        const alternatives = GrammarAST.isAlternatives(element) ? element.elements : [element];
        for (const alternative of alternatives) {
            keywords.push(...firstKeywords(alternative, new Set()).filter(keyword => WORD.test(keyword)));
        }
    }
    return [...new Set(keywords)];
}

/** The keywords an element can start with, following calls of parser rules (not data type rules). */
function firstKeywords(element: GrammarAST.AbstractElement, visited: Set<GrammarAST.AbstractRule>): string[] {
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(alternative => firstKeywords(alternative, visited));
    if (GrammarAST.isGroup(element)) {
        const first = element.elements.find(part => !GrammarAST.isAction(part));
        return first ? firstKeywords(first, visited) : [];
    }
    if (GrammarAST.isAssignment(element)) return firstKeywords(element.terminal, visited);
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!GrammarAST.isParserRule(rule) || GrammarUtils.isDataTypeRule(rule) || visited.has(rule)) return [];
        visited.add(rule);
        return firstKeywords(rule.definition, visited);
    }
    return [];
}

/**
 * An element or a named part of one is called by its kind ("risk", "finding"); a block that only
 * groups properties by the keyword that opens it ("`scope` block", "`mitigate` block").
 */
function blockLabel(grammar: Grammar, rule: GrammarAST.ParserRule, isElement: boolean): string {
    const type = GrammarUtils.getTypeName(rule);
    if (isElement || isNamed(rule)) return kindLabel(type);
    const opening = ownKeyword(rule) ?? introducingKeyword(grammar, rule);
    return opening ? `\`${opening}\` block` : kindLabel(type);
}

function isNamed(rule: GrammarAST.ParserRule): boolean {
    return AstUtils.streamAllContents(rule).some(element =>
        GrammarAST.isAssignment(element) && (element.feature === 'name' || element.feature === 'title'));
}

/** The rules an element of the entry rule may be: `Element` and the alternatives it calls. */
function calledRules(element: GrammarAST.AbstractElement): Set<GrammarAST.AbstractRule> {
    const rules = new Set<GrammarAST.AbstractRule>();
    for (const call of [element, ...AstUtils.streamAllContents(element)].filter(GrammarAST.isRuleCall)) {
        const rule = call.rule.ref;
        if (!GrammarAST.isParserRule(rule) || rules.has(rule)) continue;
        rules.add(rule);
        if (GrammarAST.isAlternatives(rule.definition)) calledRules(rule.definition).forEach(called => rules.add(called));
    }
    return rules;
}

/** `mitigate` in `kind='mitigate' ('{' … '}')?`. */
function ownKeyword(rule: GrammarAST.ParserRule): string | undefined {
    const first = GrammarAST.isGroup(rule.definition) ? rule.definition.elements[0] : rule.definition;
    const keyword = GrammarAST.isAssignment(first) ? first.terminal : first;
    return GrammarAST.isKeyword(keyword) && WORD.test(keyword.value) ? keyword.value : undefined;
}

/** `scope` in `'scope' scope=Scope`: the keyword written before a call of the rule. */
function introducingKeyword(grammar: Grammar, rule: GrammarAST.ParserRule): string | undefined {
    for (const call of AstUtils.streamAllContents(grammar).filter(GrammarAST.isRuleCall)) {
        if (call.rule.ref !== rule) continue;
        const keyword = keywordBefore(GrammarAST.isAssignment(call.$container) ? call.$container : call);
        if (keyword) return keyword;
    }
    return undefined;
}

/** The word keyword directly before `element` in its group, whether bare or assigned (`kind='accept'`). */
function keywordBefore(element: GrammarAST.AbstractElement): string | undefined {
    const group = element.$container;
    if (!GrammarAST.isGroup(group)) return undefined;
    const previous = group.elements[group.elements.indexOf(element) - 1];
    const keyword = GrammarAST.isAssignment(previous) ? previous.terminal : previous;
    return GrammarAST.isKeyword(keyword) && WORD.test(keyword.value) ? keyword.value : undefined;
}
