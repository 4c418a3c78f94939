import type { Grammar } from 'langium';
import { GrammarAST, LangiumParserErrorMessageProvider } from 'langium';
import { BlockProperties } from './block-properties.js';
import { article, listOr, ValueDescriptions } from './value-descriptions.js';

type MismatchOptions = Parameters<LangiumParserErrorMessageProvider['buildMismatchTokenMessage']>[0];
type NoViableAltOptions = Parameters<LangiumParserErrorMessageProvider['buildNoViableAltMessage']>[0];
type EarlyExitOptions = Parameters<LangiumParserErrorMessageProvider['buildEarlyExitMessage']>[0];
type Token = MismatchOptions['actual'];

/** Langium marks its parser rule names with this suffix. */
const RULE_SUFFIX = /\u200B$/;
/** A token image longer than this is cut in a message. */
const MAX_IMAGE = 40;
/** Token types of a list item: two in a row are usually a list that lacks a comma. */
const LIST_ITEMS = new Set(['ID', 'CONTROL_ID', 'STRING']);

/**
 * Syntax errors in the words of the language: an unknown or misplaced property names what the
 * block takes ("`contract` is not a property of a risk; a risk takes assets, threat, …"), a
 * missing value says what value is expected, an unclosed block says where `}` is missing. Every
 * word is read from the grammar; a situation this does not recognise keeps Langium's message.
 */
export class IsmsParserErrorMessageProvider extends LangiumParserErrorMessageProvider {

    private readonly blocks: BlockProperties;
    private readonly values: ValueDescriptions;
    private readonly terminals: ReadonlySet<string>;

    constructor(grammar: Grammar) {
        super();
        this.blocks = new BlockProperties(grammar);
        this.values = new ValueDescriptions(grammar);
        this.terminals = new Set(['EOF', ...grammar.rules.filter(GrammarAST.isTerminalRule).map(rule => rule.name)]);
    }

    override buildMismatchTokenMessage(options: MismatchOptions): string {
        const { expected, actual, previous } = options;
        const rule = options.ruleName.replace(RULE_SUFFIX, '');
        if (expected.name === '}') return this.unexpectedInBlock(rule, actual, previous) ?? super.buildMismatchTokenMessage(options);
        if (expected.name === 'EOF') return this.unexpectedBetweenElements(actual);
        return this.missingValue(rule, previous, actual, ValueDescriptions.token(expected.name));
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: Token, ruleName: string }): string {
        return this.unexpectedBetweenElements(options.firstRedundant);
    }

    override buildNoViableAltMessage(options: NoViableAltOptions): string {
        const firstTokens = options.expectedPathsPerAlt.flatMap(alternative => alternative.map(path => path[0]));
        return this.missingValue(options.ruleName.replace(RULE_SUFFIX, ''), options.previous, options.actual[0], this.tokensInWords(firstTokens));
    }

    override buildEarlyExitMessage(options: EarlyExitOptions): string {
        const firstTokens = options.expectedIterationPaths.map(path => path[0]);
        return this.missingValue(options.ruleName.replace(RULE_SUFFIX, ''), options.previous, options.actual[0], this.tokensInWords(firstTokens));
    }

    /** A word inside a block that is none of its properties, or the block left open. */
    private unexpectedInBlock(rule: string, actual: Token, previous: Token | undefined): string | undefined {
        const block = this.blocks.block(rule);
        if (!block) return undefined;
        const { label, properties } = block;
        if (actual.tokenType.name === 'EOF') return `The ${label} is not closed: add \`}\` at its end.`;
        if (this.isKeyword(actual) && this.blocks.elementKeywords.includes(actual.image)) {
            return `The ${label} is not closed: add \`}\` before \`${actual.image}\`.`;
        }
        const takes = `${article(label)} ${label} takes ${listOr(properties)}.`;
        const listHint = previous && previous.tokenType === actual.tokenType && LIST_ITEMS.has(actual.tokenType.name)
            ? ` If ${shown(actual)} continues a list, put a comma before it.` : '';
        if (!this.isWord(actual)) return `Unexpected ${shown(actual)} in the ${label}; ${takes}${listHint}`;
        const owner = this.blocks.onlyOwner(actual.image);
        const belongs = owner && owner !== label ? ` ${shown(actual)} belongs to ${article(owner)} ${owner}.` : '';
        return `${shown(actual)} is not a property of ${article(label)} ${label}; ${takes}${belongs}${listHint}`;
    }

    /** Text between elements that starts none. */
    private unexpectedBetweenElements(actual: Token): string {
        if (actual.image === '{') return 'Unexpected `{`: the element before it takes no block `{ … }` here.';
        if (actual.image === '}') return 'Unexpected `}`: no block is open here.';
        const starts = `an element starts with ${listOr(this.blocks.elementKeywords)}.`;
        if (!this.isWord(actual)) return `Unexpected ${shown(actual)}: ${starts}`;
        const owner = this.blocks.onlyOwner(actual.image);
        const belongs = owner ? ` ${shown(actual)} belongs inside ${article(owner)} ${owner}.` : '';
        return `${shown(actual)} does not start an element; ${starts}${belongs}`;
    }

    /** What the keyword before `actual` needs, in words. */
    private missingValue(rule: string, previous: Token | undefined, actual: Token, expected: string): string {
        const found = actual.tokenType.name === 'EOF' ? 'the end of the file' : shown(actual);
        const keyword = previous && isPositioned(previous) && this.isKeyword(previous) ? previous.image : undefined;
        const description = keyword ? this.values.after(keyword, rule) : undefined;
        if (keyword && description && this.blocks.isProperty(keyword)) {
            return `\`${keyword}\` ${description.choices ? 'takes' : 'needs'} ${description.text}; found ${found}.`;
        }
        const what = description?.text ?? expected;
        return previous && isPositioned(previous) ? `Expected ${what} after ${shown(previous)}; found ${found}.` : `Expected ${what}; found ${found}.`;
    }

    private tokensInWords(tokenTypes: ReadonlyArray<{ name: string }>): string {
        const names = [...new Set(tokenTypes.map(tokenType => tokenType.name))];
        return listOr(names.map(name => this.terminals.has(name) ? ValueDescriptions.token(name) : name));
    }

    private isKeyword(token: Token): boolean {
        return !this.terminals.has(token.tokenType.name);
    }

    /** A name or a keyword word: what a user types as a property. */
    private isWord(token: Token): boolean {
        return token.tokenType.name === 'ID' || (this.isKeyword(token) && /^[a-z]/.test(token.image));
    }
}

/** Recovery inserts tokens of its own, which have no position. */
function isPositioned(token: Token): boolean {
    return Number.isFinite(token.startOffset) && token.startOffset >= 0;
}

function shown(token: Token): string {
    const image = token.image.length > MAX_IMAGE ? `${token.image.slice(0, MAX_IMAGE)}…` : token.image;
    return `\`${image.replace(/`/g, '\'')}\``;
}
