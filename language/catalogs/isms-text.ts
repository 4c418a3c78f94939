import { AstUtils, GrammarAST } from 'langium';
import { IsmsGrammar } from '../generated/grammar.js';

/**
 * Writing values of the language from text of another source: strings, control ids, element
 * names and comments, such that what is written parses back to the same value.
 */

/** The terminals of a bare id (language/grammar/terminals.langium). */
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+|\([A-Za-z0-9]+\))+$/;
const ID = /^[_a-zA-Z][\w-]*$/;
/** The word a bare id starts with, which the lexer could take for a keyword. */
const LEADING_WORD = /^[_a-zA-Z][\w-]*/;

let keywords: ReadonlySet<string> | undefined;

/** The keywords of the language, read from its grammar. */
export function languageKeywords(): ReadonlySet<string> {
    keywords ??= new Set(AstUtils.streamAllContents(IsmsGrammar()).filter(GrammarAST.isKeyword).map(keyword => keyword.value));
    return keywords;
}

/** C0 and C1 controls, the line and paragraph separators, and the bidirectional controls. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text as one line: line breaks and tabs become spaces, other control characters (bidi
 * controls among them, which would only reorder the text on screen) are dropped, and runs of
 * white space are one space.
 */
export function oneLine(text: string): string {
    return text.replace(/[\t\n\r\u2028\u2029]/g, ' ').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** A string literal of the language holding `text` on one line. */
export function stringLiteral(text: string): string {
    return `"${oneLine(text).replace(/[\\"]/g, character => `\\${character}`)}"`;
}

/** Whether `name` can be written as an element's name (an ID that is not a keyword). */
export function isElementName(name: string): boolean {
    return ID.test(name) && !languageKeywords().has(name);
}

/** A control id as written in a declaration or after `FRAMEWORK::`: bare where it can be, else quoted. */
export function controlIdText(id: string): string {
    const bare = (CONTROL_ID.test(id) || ID.test(id)) && !languageKeywords().has(LEADING_WORD.exec(id)![0]);
    return bare ? id : stringLiteral(id);
}

/** A reference to a control: `A.5.1`, or `CSF2::PR.AA-01` when the framework is given. */
export function controlRefText(id: string, framework?: string): string {
    return framework ? `${framework}::${controlIdText(id)}` : controlIdText(id);
}

/** Text for a `//` comment: one line. */
export function commentText(text: string): string {
    return oneLine(text);
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'version']);
const MAX_DERIVED_NAME = 48;

/**
 * An element name made from a title: its words (small ones left out) joined by `_`, at most
 * 48 characters; `Imported` when the title has no usable word.
 * "NIST Special Publication 800-53 Revision 5.1.1" → `NIST_Special_Publication_800-53_Revision_5_1_1`.
 */
export function nameFromTitle(title: string): string {
    const words = oneLine(title).split(/[^A-Za-z0-9-]+/)
        .map(word => word.replace(/^-+|-+$/g, ''))
        .filter(word => word !== '' && !SMALL_WORDS.has(word.toLowerCase()));
    let name = '';
    for (const word of words) {
        const next = name === '' ? word : `${name}_${word}`;
        if (next.length > MAX_DERIVED_NAME) break;
        name = next;
    }
    if (name === '') name = words[0]?.slice(0, MAX_DERIVED_NAME) ?? '';
    if (name !== '' && !/^[A-Za-z_]/.test(name)) name = `_${name}`;
    return isElementName(name) ? name : name === '' ? 'Imported' : `${name}_`;
}

/** The first sentence of `text` when the text is longer than `max` characters and has one; else the text. */
export function firstSentence(text: string, max = 200): string {
    const line = oneLine(text);
    if (line.length <= max) return line;
    const end = /^(.+?[.;:])\s/.exec(line);
    return end ? end[1].replace(/[;:]$/, '') : line;
}
