/**
 * The static editor assets the extension ships next to the language server: the TextMate
 * grammar (first paint before the server answers), the language configuration (brackets,
 * comments, word pattern, indentation) and the snippets.
 *
 * The grammar is checked with a small TextMate tokenizer (match, begin/end, captures,
 * includes) that runs its regexes as JavaScript ones; the grammar keeps to the part of
 * Oniguruma that JavaScript shares, which the first test enforces. Its scopes are compared
 * with what the real Langium lexer makes of the same text.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import type { Model } from '../../language/generated/ast.js';
import { createIsmsServices } from '../../language/isms-module.js';

/** The project root; this file runs compiled from out/test/unit/. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const read = (relative: string): string => readFileSync(path.join(ROOT, relative), 'utf8');

// ------------------------------------------------------------------------------------------------
// The Langium grammar's keywords

/** Every keyword of the grammar: the quoted words that start with a letter. */
function grammarKeywords(): string[] {
    const source = read('language/grammar/isms.langium')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
    const words = [...source.matchAll(/'([A-Za-z][^']*)'/g)].map(m => m[1]);
    return [...new Set(words)].sort();
}

/** Keywords that open an element wherever they stand. */
const DECLARATIONS = ['isms', 'role', 'asset', 'supplier', 'risk', 'apply', 'exclude', 'objective', 'audit',
    'finding', 'corrective-action', 'incident', 'management-review', 'control',
    'issue', 'party', 'requirement', 'opportunity', 'change', 'training', 'nonconformity', 'mapping', 'attribute'];
/** Keywords that open an element at the top level but are properties inside a block (`isms`, `risk`). */
const TOP_LEVEL_DECLARATIONS = ['methodology', 'threat', 'vulnerability', 'policy', 'framework'];
const TREATMENTS = ['mitigate', 'transfer', 'avoid', 'accept'];
const ENUMERATED = ['data', 'software', 'hardware', 'service', 'process', 'people', 'site',
    'public', 'internal', 'confidential', 'restricted', 'low', 'medium', 'high', 'critical',
    'malicious', 'accidental', 'environmental', 'external', 'major', 'minor', 'observation',
    'open', 'in-progress', 'closed', 'not-started', 'planned', 'partial', 'implemented',
    'legal', 'contractual', 'business', 'best-practice', 'days', 'weeks', 'months', 'years',
    'organizational', 'physical', 'technological', 'relevant', 'not-relevant', 'yes', 'no',
    'equal', 'subset', 'superset', 'intersect', 'actions-status', 'context-changes', 'interested-parties',
    'nonconformities', 'monitoring', 'audit-results', 'objectives', 'feedback', 'risk-assessment', 'improvement'];

// ------------------------------------------------------------------------------------------------
// A small TextMate tokenizer

interface Capture { name?: string }
interface Rule {
    name?: string;
    contentName?: string;
    comment?: string;
    match?: string;
    begin?: string;
    end?: string;
    while?: string;
    captures?: Record<string, Capture>;
    beginCaptures?: Record<string, Capture>;
    endCaptures?: Record<string, Capture>;
    patterns?: Rule[];
    include?: string;
}
interface TmGrammar {
    name?: string;
    scopeName: string;
    patterns: Rule[];
    repository?: Record<string, Rule>;
}

/**
 * An Oniguruma regex as a JavaScript one. Only what differs is mapped (`\h`, `\A`, `\z`);
 * what JavaScript cannot express (`\G`, atomic groups, possessive quantifiers, inline
 * options) is refused, so the grammar has to stay within the common subset.
 */
function onigurumaToJs(source: string): string {
    let out = '';
    let inClass = false;
    let afterQuantifier = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            const n = source[i + 1];
            if (n === undefined) throw new Error('dangling backslash');
            if (n === 'G') throw new Error('\\G has no JavaScript equivalent');
            if (n === 'h') out += inClass ? '0-9A-Fa-f' : '[0-9A-Fa-f]';
            else if (n === 'A' && !inClass) out += '^';
            else if ((n === 'z' || n === 'Z') && !inClass) out += '$';
            else out += c + n;
            i++;
            afterQuantifier = false;
            continue;
        }
        if (inClass) {
            if (c === '[') throw new Error('nested character classes are Oniguruma-only');
            if (c === ']') inClass = false;
            out += c;
            continue;
        }
        if (c === '[') {
            inClass = true;
            out += c;
            afterQuantifier = false;
            continue;
        }
        if (c === '(' && source[i + 1] === '?') {
            const n = source[i + 2];
            if (n === '>') throw new Error('atomic groups are Oniguruma-only');
            if (n !== undefined && /[imx-]/.test(n)) throw new Error('inline options are Oniguruma-only');
        }
        if (afterQuantifier && c === '+') throw new Error('possessive quantifiers are Oniguruma-only');
        afterQuantifier = (c === '*' || c === '+' || c === '}' || c === '?') && !out.endsWith('(');
        out += c;
    }
    return out;
}

function compile(source: string, flags = ''): RegExp {
    return new RegExp(onigurumaToJs(source), flags);
}

/** Every regex of a grammar, with where it sits. */
function grammarRegexes(node: unknown, where = '$'): Array<{ where: string, source: string }> {
    const found: Array<{ where: string, source: string }> = [];
    if (Array.isArray(node)) {
        node.forEach((child, i) => found.push(...grammarRegexes(child, `${where}[${i}]`)));
    } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') {
                found.push({ where: `${where}.${key}`, source: value });
            } else {
                found.push(...grammarRegexes(value, `${where}.${key}`));
            }
        }
    }
    return found;
}

interface Frame {
    rule?: Rule;
    /** Scopes of the begin and end matches. */
    outer: string[];
    /** Scopes of the text between them. */
    scopes: string[];
    patterns: Rule[];
}

interface Tokenized {
    lines: string[];
    /** The scopes of every character, line by line. */
    scopes: string[][][];
    /** How many begin/end rules are still open at the end of the text. */
    openRules: string[];
}

interface Token { text: string, scopes: string[] }

class TextMateTokenizer {

    private readonly regexes = new Map<string, RegExp>();
    private readonly self: Rule;

    constructor(private readonly grammar: TmGrammar) {
        this.self = { patterns: grammar.patterns };
    }

    tokenize(text: string): Tokenized {
        const lines = text.split(/\r?\n/);
        const stack: Frame[] = [{ outer: [this.grammar.scopeName], scopes: [this.grammar.scopeName], patterns: this.flatten(this.grammar.patterns) }];
        const scopes = lines.map(line => this.tokenizeLine(line, stack));
        return { lines, scopes, openRules: stack.slice(1).map(frame => frame.rule?.name ?? frame.rule?.begin ?? '?') };
    }

    /** The tokens of every line: runs of characters with the same scopes. */
    tokens(text: string): Token[][] {
        const { lines, scopes } = this.tokenize(text);
        return lines.map((line, l) => {
            const runs: Token[] = [];
            for (let i = 0; i < line.length; i++) {
                const last = runs[runs.length - 1];
                if (last && sameScopes(last.scopes, scopes[l][i])) last.text += line[i];
                else runs.push({ text: line[i], scopes: scopes[l][i] });
            }
            return runs;
        });
    }

    private regex(source: string): RegExp {
        let regex = this.regexes.get(source);
        if (!regex) {
            regex = compile(source, 'dg');
            this.regexes.set(source, regex);
        }
        return regex;
    }

    private exec(source: string, line: string, from: number): RegExpExecArray | null {
        const regex = this.regex(source);
        regex.lastIndex = from;
        return regex.exec(line);
    }

    private lookup(include: string): Rule {
        if (include === '$self' || include === '$base') return this.self;
        const rule = include.startsWith('#') ? this.grammar.repository?.[include.slice(1)] : undefined;
        if (!rule) throw new Error(`unresolved include ${include}`);
        return rule;
    }

    /** The match and begin rules a pattern list offers, includes and containers resolved. */
    private flatten(patterns: Rule[] | undefined, seen: ReadonlySet<Rule> = new Set()): Rule[] {
        const out: Rule[] = [];
        for (const pattern of patterns ?? []) {
            const rule = pattern.include !== undefined ? this.lookup(pattern.include) : pattern;
            if (rule.match !== undefined || rule.begin !== undefined) out.push(rule);
            else if (!seen.has(rule)) out.push(...this.flatten(rule.patterns, new Set([...seen, rule])));
        }
        return out;
    }

    private tokenizeLine(line: string, stack: Frame[]): string[][] {
        const chars: string[][] = Array.from({ length: line.length }, () => []);
        const paint = (from: number, to: number, scopes: readonly string[]) => {
            for (let i = from; i < to; i++) chars[i] = [...scopes];
        };
        const paintCaptures = (m: RegExpExecArray, captures: Record<string, Capture> | undefined) => {
            const indices = m.indices ?? [];
            for (let group = 0; group < indices.length; group++) {
                const name = captures?.[String(group)]?.name;
                const span = indices[group];
                if (name && span) for (let i = span[0]; i < span[1]; i++) chars[i].push(name);
            }
        };
        let position = 0;
        for (let step = 0; ; step++) {
            if (step > 10_000) throw new Error(`the grammar loops on: ${line}`);
            const frame = stack[stack.length - 1];
            // The end of the open rule wins over a pattern matching at the same place.
            let best: { m: RegExpExecArray, rule?: Rule } | undefined;
            if (frame.rule?.end !== undefined) {
                const m = this.exec(frame.rule.end, line, position);
                if (m) best = { m };
            }
            for (const rule of frame.patterns) {
                const m = this.exec((rule.match ?? rule.begin)!, line, position);
                if (m && (!best || m.index < best.m.index)) best = { m, rule };
            }
            if (!best) {
                paint(position, line.length, frame.scopes);
                break;
            }
            const { m, rule } = best;
            const start = m.index;
            const end = start + m[0].length;
            paint(position, start, frame.scopes);
            if (!rule) {
                paint(start, end, frame.outer);
                paintCaptures(m, frame.rule!.endCaptures ?? frame.rule!.captures);
                stack.pop();
            } else if (rule.begin !== undefined) {
                const outer = rule.name ? [...frame.scopes, rule.name] : frame.scopes;
                paint(start, end, outer);
                paintCaptures(m, rule.beginCaptures ?? rule.captures);
                const scopes = rule.contentName ? [...outer, rule.contentName] : outer;
                stack.push({ rule, outer, scopes, patterns: this.flatten(rule.patterns) });
            } else {
                paint(start, end, rule.name ? [...frame.scopes, rule.name] : frame.scopes);
                paintCaptures(m, rule.captures);
                if (end === start) {
                    // An empty match changes nothing: step over one character.
                    if (end >= line.length) break;
                    paint(end, end + 1, frame.scopes);
                    position = end + 1;
                    continue;
                }
            }
            position = end;
        }
        return chars;
    }
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((scope, i) => scope === b[i]);
}

/** Whether one of the scopes is `prefix` or starts with `prefix.`. */
function hasScope(scopes: readonly string[], prefix: string): boolean {
    return scopes.some(scope => scope === prefix || scope.startsWith(prefix + '.'));
}

function describeTokens(tokens: Token[]): string {
    return tokens.map(t => `${JSON.stringify(t.text)}<${t.scopes.slice(1).join(' ')}>`).join(' ');
}

// ------------------------------------------------------------------------------------------------
// Snippets

interface Snippet {
    prefix: string | string[];
    body: string | string[];
    description?: string;
    scope?: string;
}

const CHOICE = /\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g;

function bodyOf(snippet: Snippet): string {
    return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/** The choice placeholders of a body: tab stop and options. */
function choicesOf(body: string): Array<{ tabstop: number, options: string[] }> {
    return [...body.matchAll(CHOICE)].map(m => ({ tabstop: Number(m[1]), options: m[2].split(',') }));
}

/** The date variables VS Code resolves in snippets, for the given day. */
function dateVariables(day: Date): Record<string, string> {
    const two = (n: number) => String(n).padStart(2, '0');
    return { CURRENT_YEAR: String(day.getFullYear()), CURRENT_MONTH: two(day.getMonth() + 1), CURRENT_DATE: two(day.getDate()) };
}

/**
 * The text a snippet inserts when every placeholder keeps its default: `${n:default}` becomes
 * the default, `${n|a,b|}` its first choice (or the one `choose` picks), `$n` and `${n}` go,
 * and the date variables resolve for `day`.
 */
function expandSnippet(body: string, choose: (tabstop: number, options: string[]) => string = (_tabstop, options) => options[0],
    day = new Date()): string {
    const variables = dateVariables(day);
    let text = body.replace(CHOICE, (_m, tabstop: string, options: string) => choose(Number(tabstop), options.split(',')));
    text = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced?: string, bare?: string) => {
        const value = variables[(braced ?? bare)!];
        if (value === undefined) throw new Error(`the snippet uses the variable ${m}, which this test does not know`);
        return value;
    });
    for (let previous = ''; previous !== text;) {
        previous = text;
        text = text.replace(/\$\{\d+:([^{}$]*)\}/g, '$1');
    }
    text = text.replace(/\$\{\d+\}|\$\d+/g, '');
    assert.ok(!text.includes('$'), `placeholders left after expansion:\n${text}`);
    return text;
}

// ------------------------------------------------------------------------------------------------

const grammarText = read('syntaxes/isms.tmLanguage.json');
const grammar = JSON.parse(grammarText) as TmGrammar;
const tokenizer = new TextMateTokenizer(grammar);
const snippets = JSON.parse(read('snippets/isms.code-snippets')) as Record<string, Snippet>;
const KEYWORDS = grammarKeywords();

/** The scopes of the `occurrence`-th token that is exactly `needle`; fails when it is split or merged. */
function token(text: string, needle: string, occurrence = 0): string[] {
    const lines = tokenizer.tokens(text);
    let seen = 0;
    for (const line of lines) {
        for (const t of line) {
            if (t.text === needle && seen++ === occurrence) return t.scopes;
        }
    }
    assert.fail(`no token ${JSON.stringify(needle)} (#${occurrence}) in:\n${lines.map(describeTokens).join('\n')}`);
}

function assertScope(text: string, needle: string, prefix: string, occurrence = 0): void {
    const scopes = token(text, needle, occurrence);
    assert.ok(hasScope(scopes, prefix), `${JSON.stringify(needle)} in ${JSON.stringify(text)} has scopes ${scopes.join(' ')}, expected ${prefix}`);
}

function assertNotScope(text: string, needle: string, prefix: string, occurrence = 0): void {
    const scopes = token(text, needle, occurrence);
    assert.ok(!hasScope(scopes, prefix), `${JSON.stringify(needle)} in ${JSON.stringify(text)} has scopes ${scopes.join(' ')}, did not expect ${prefix}`);
}

/** The `.isms` files of a folder, recursively. */
function ismsFiles(folder: string): string[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder).flatMap(name => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? ismsFiles(file) : name.endsWith('.isms') ? [file] : [];
    });
}

describe('editor assets', () => {

    describe('TextMate grammar', () => {

        it('is JSON for source.isms with a top-level pattern list', () => {
            assert.equal(grammar.scopeName, 'source.isms');
            assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
            assert.ok(grammar.repository && Object.keys(grammar.repository).length > 0);
        });

        it('has only regexes that compile (Oniguruma features JavaScript lacks are not used)', () => {
            const regexes = grammarRegexes(grammar);
            assert.ok(regexes.length > 10, `only ${regexes.length} regexes`);
            for (const { where, source } of regexes) {
                assert.doesNotThrow(() => compile(source, 'dg'), `${where}: ${source}`);
            }
        });

        it('resolves every include', () => {
            const includes = JSON.stringify(grammar).match(/"include":"[^"]*"/g) ?? [];
            for (const include of includes) {
                const target = JSON.parse(`{${include}}`).include as string;
                if (target === '$self' || target === '$base') continue;
                assert.ok(target.startsWith('#') && grammar.repository?.[target.slice(1)], `unresolved include ${target}`);
            }
        });

        it('gives every keyword of the Langium grammar a keyword scope, as one token', () => {
            assert.ok(KEYWORDS.length > 100, `only ${KEYWORDS.length} keywords found in isms.langium`);
            const keywordLike = (scopes: string[]) => ['storage.type', 'keyword', 'constant.language'].some(p => hasScope(scopes, p));
            for (const keyword of KEYWORDS) {
                for (const text of [keyword, `X {\n    ${keyword}\n}`, `X { ${keyword}, ${keyword} }`]) {
                    const scopes = token(text, keyword);
                    assert.ok(keywordLike(scopes), `${keyword} in ${JSON.stringify(text)}: ${scopes.join(' ')}`);
                }
            }
        });

        it('scopes each kind of keyword as intended', () => {
            const inBlock = (word: string) => `X {\n    ${word}\n}`;
            for (const keyword of [...DECLARATIONS, ...TOP_LEVEL_DECLARATIONS]) {
                assert.ok(KEYWORDS.includes(keyword), `${keyword} is no keyword of the grammar`);
                assertScope(keyword, keyword, 'storage.type');
            }
            for (const keyword of DECLARATIONS) assertScope(inBlock(keyword), keyword, 'storage.type');
            for (const keyword of TOP_LEVEL_DECLARATIONS) assertScope(inBlock(keyword), keyword, 'keyword.other.property');
            for (const keyword of TREATMENTS) {
                assert.ok(KEYWORDS.includes(keyword), `${keyword} is no keyword of the grammar`);
                assertScope(inBlock(keyword), keyword, 'keyword.control.treatment');
            }
            for (const keyword of ENUMERATED) {
                assert.ok(KEYWORDS.includes(keyword), `${keyword} is no keyword of the grammar`);
                assertScope(inBlock(keyword), keyword, 'constant.language');
            }
            const special = new Set([...DECLARATIONS, ...TOP_LEVEL_DECLARATIONS, ...TREATMENTS, ...ENUMERATED]);
            for (const keyword of KEYWORDS.filter(k => !special.has(k))) {
                assertScope(inBlock(keyword), keyword, 'keyword.other.property');
            }
        });

        it('captures the declared id after a declaration keyword', () => {
            for (const keyword of DECLARATIONS.concat(TOP_LEVEL_DECLARATIONS)) {
                if (['isms', 'corrective-action', 'apply', 'exclude'].includes(keyword)) continue;
                const text = `${keyword} My-Id_2 "Title" {\n}`;
                assertScope(text, keyword, 'storage.type');
                assertScope(text, 'My-Id_2', 'entity.name.type');
            }
            assertScope('risk R-001 "Ransomware" {', 'R-001', 'entity.name.type');
            assertScope('incident INC-12 "Phishing" {', 'INC-12', 'entity.name.type');
            assertScope('risk low-risk "x"', 'low-risk', 'entity.name.type');
            assertScope('management-review MR-2026 "x" {', 'management-review', 'storage.type');
            assertScope('framework ISO27001_2022 "Annex A" {\n    control A.5.1 "Policies" { theme organizational }\n}', 'A.5.1', 'entity.name.type');
            assertScope('framework Acme "x" {\n    control AC-7 "Access review" { maps A.5.18, A.8.2 }\n}', 'AC-7', 'entity.name.type');
            assertScope('audit IA-1 "x" {\n    finding F-1 "No reviews" {\n    }\n}', 'F-1', 'entity.name.type');
            assertScope('apply A.8.13 {\n    status implemented\n}', 'A.8.13', 'entity.name.tag.control-id');
            assertScope('exclude A.7.4 because "Fully remote"', 'A.7.4', 'entity.name.tag.control-id');
            assertScope('exclude A.7.4 because "Fully remote"', 'because', 'keyword.other.property');
            assertScope('isms "Acme" {\n}', 'isms', 'storage.type');
        });

        it('tells a declaration from a reference of the same keyword', () => {
            const isms = 'isms "Acme" {\n    framework ISO27001_2022\n    methodology FiveByFive\n    policy InfoSecPolicy\n}';
            for (const [keyword, name] of [['framework', 'ISO27001_2022'], ['methodology', 'FiveByFive'], ['policy', 'InfoSecPolicy']]) {
                assertScope(isms, keyword, 'keyword.other.property');
                assertScope(isms, name, 'variable.other');
                assertNotScope(isms, name, 'entity.name');
            }
            const risk = 'risk R-1 "x" {\n    threat Ransomware  vulnerability Unpatched\n}\nthreat Ransomware "Ransomware"';
            assertScope(risk, 'threat', 'keyword.other.property', 0);
            assertScope(risk, 'Ransomware', 'variable.other', 0);
            assertScope(risk, 'vulnerability', 'keyword.other.property');
            assertScope(risk, 'threat', 'storage.type', 1);
            assertScope(risk, 'Ransomware', 'entity.name.type', 1);
        });

        it('keeps hyphenated keywords, ids and control ids whole', () => {
            const asset = 'asset DB "x" {\n    depends-on AppServers, owner-x\n    hosted-by AWS  owner CISO\n}';
            assertScope(asset, 'depends-on', 'keyword.other.property');
            assertScope(asset, 'hosted-by', 'keyword.other.property');
            assertScope(asset, 'owner-x', 'variable.other');
            assertScope(asset, 'owner', 'keyword.other.property');
            const action = 'X {\n    status in-progress\n    status not-started\n    because best-practice "x"\n}';
            assertScope(action, 'in-progress', 'constant.language');
            assertScope(action, 'not-started', 'constant.language');
            assertScope(action, 'best-practice', 'constant.language');
            const references = 'X {\n    risks R-007, INC-12, data_lake, review2, low-1\n}';
            for (const id of ['R-007', 'INC-12', 'data_lake', 'review2', 'low-1']) {
                assertScope(references, id, 'variable.other');
                assertNotScope(references, id, 'constant');
                assertNotScope(references, id, 'keyword');
            }
            const controls = 'X {\n    controls A.8.7, A.8.13, A.5.1\n}';
            for (const id of ['A.8.7', 'A.8.13', 'A.5.1']) assertScope(controls, id, 'entity.name.tag.control-id');
            assertScope(controls, ',', 'punctuation.separator.comma');
        });

        it('scopes dates, numbers and ranges', () => {
            const text = 'X {\n    reviewed 2026-09-01  likelihood 4  impact 15\n    levels { low 1..4 medium 5..9 }\n}';
            assertScope(text, '2026-09-01', 'constant.numeric.date');
            assertScope(text, '4', 'constant.numeric', 0);
            assertScope(text, '15', 'constant.numeric');
            assertScope(text, '1', 'constant.numeric');
            assertScope(text, '..', 'keyword.operator.range', 0);
            assertScope(text, '4', 'constant.numeric', 1);
            assertScope(text, '9', 'constant.numeric');
            assertScope(text, 'low', 'constant.language');
        });

        it('scopes strings with escapes, ending at the closing quote or the end of the line', () => {
            const text = 'X {\n    description "Say \\"no\\" // { not a comment"  owner CISO\n    metric "unterminated\n    target "x"\n}';
            assertScope(text, 'Say ', 'string.quoted.double');
            assertScope(text, '\\"', 'constant.character.escape', 0);
            assertScope(text, '\\"', 'string.quoted.double', 1);
            assertScope(text, ' // { not a comment', 'string.quoted.double');
            assertScope(text, 'owner', 'keyword.other.property');
            assertScope(text, 'target', 'keyword.other.property');
            assert.deepEqual(tokenizer.tokenize(text).openRules, []);
        });

        it('scopes line and block comments, braces inside them not opening blocks', () => {
            const text = '// risk R-9 "x" {\nrisk R-1 /* a { b\n still } comment */ "Title" {  // #region\n    owner CISO\n}';
            assertScope(text, '//', 'comment.line.double-slash', 0);
            assertScope(text, '//', 'punctuation.definition.comment', 0);
            assertScope(text, ' risk R-9 "x" {', 'comment.line.double-slash');
            assertScope(text, ' a { b', 'comment.block');
            assertScope(text, ' still } comment ', 'comment.block');
            assertScope(text, 'Title', 'string.quoted.double');
            assertScope(text, 'owner', 'keyword.other.property');
            assertScope(text, ' #region', 'comment.line.double-slash');
            assert.deepEqual(tokenizer.tokenize(text).openRules, []);
        });

        it('agrees with the Langium lexer on the sample, the examples and the snippets', () => {
            const services = createIsmsServices(EmptyFileSystem).Isms;
            const texts: Array<{ name: string, text: string }> = [
                ...[path.join(ROOT, 'test', 'fixtures'), path.join(ROOT, 'examples')].flatMap(ismsFiles)
                    .map(file => ({ name: path.relative(ROOT, file), text: readFileSync(file, 'utf8') })),
                ...Object.entries(snippets).map(([name, snippet]) => ({ name: `snippet ${name}`, text: expandSnippet(bodyOf(snippet)) }))
            ];
            const expected: Record<string, string[]> = {
                ID: ['variable.other', 'entity.name.type', 'entity.name.tag.control-id'],
                CONTROL_ID: ['entity.name.tag.control-id', 'entity.name.type'],
                DATE: ['constant.numeric.date'],
                INT: ['constant.numeric'],
                DECIMAL: ['constant.numeric'],
                '..': ['keyword.operator.range'],
                ...Object.fromEntries(['<', '<=', '>', '>=', '='].map(operator => [operator, ['keyword.operator.comparison']])),
                ',': ['punctuation.separator.comma'],
                '{': ['punctuation.definition.block.begin'],
                '}': ['punctuation.definition.block.end']
            };
            let checked = 0;
            for (const { name, text: raw } of texts) {
                const text = raw.replace(/\r\n/g, '\n');
                const lexed = services.parser.Lexer.tokenize(text);
                if (lexed.errors.length > 0) continue;   // a file being written; the parser tests report it
                const { lines, scopes, openRules } = tokenizer.tokenize(text);
                assert.deepEqual(openRules, [], `${name}: rules left open at the end`);
                const lineStarts = [0];
                for (const line of lines.slice(0, -1)) lineStarts.push(lineStarts[lineStarts.length - 1] + line.length + 1);
                const at = (offset: number): { line: number, column: number } => {
                    let line = lineStarts.length - 1;
                    while (lineStarts[line] > offset) line--;
                    return { line, column: offset - lineStarts[line] };
                };
                const scopesAt = (offset: number): string[] | undefined => {
                    const { line, column } = at(offset);
                    return scopes[line]?.[column];
                };
                for (const t of [...lexed.tokens, ...lexed.hidden]) {
                    const type = t.tokenType.name;
                    const start = t.startOffset;
                    const end = t.endOffset ?? start + t.image.length - 1;
                    const where = `${name}:${at(start).line + 1}:${at(start).column + 1} ${type} ${JSON.stringify(t.image)}`;
                    if (type === 'STRING' || type === 'ML_COMMENT' || type === 'SL_COMMENT') {
                        const scope = type === 'STRING' ? 'string.quoted.double' : type === 'ML_COMMENT' ? 'comment.block' : 'comment.line.double-slash';
                        for (let offset = start; offset <= end; offset++) {
                            if (text[offset] === '\n') continue;
                            assert.ok(hasScope(scopesAt(offset) ?? [], scope), `${where}: ${scopesAt(offset)?.join(' ')}`);
                        }
                        checked++;
                        continue;
                    }
                    const first = scopesAt(start) ?? [];
                    for (let offset = start + 1; offset <= end; offset++) {
                        assert.ok(sameScopes(first, scopesAt(offset) ?? []), `${where} is split: ${first.join(' ')} / ${scopesAt(offset)?.join(' ')}`);
                    }
                    const before = at(start).column > 0 ? scopesAt(start - 1) : undefined;
                    const after = text[end + 1] !== undefined && text[end + 1] !== '\n' ? scopesAt(end + 1) : undefined;
                    const innermost = first[first.length - 1] ?? '';
                    assert.ok(!before || !sameScopes(before, first) || /^[{},]$/.test(t.image), `${where} runs into the text before it`);
                    assert.ok(!after || !sameScopes(after, first) || /^[{},]$/.test(t.image), `${where} runs into the text after it`);
                    const wanted = expected[type] ?? (/^[A-Za-z]/.test(type) ? ['storage.type', 'keyword', 'constant.language'] : []);
                    assert.ok(wanted.length > 0, `${where}: no expectation for this token type`);
                    assert.ok(wanted.some(prefix => hasScope([innermost], prefix)), `${where}: ${first.join(' ')}, expected one of ${wanted.join(', ')}`);
                    checked++;
                }
            }
            assert.ok(checked > 100, `only ${checked} tokens compared`);
        });
    });

    describe('language configuration', () => {

        interface OnEnterRule { beforeText: string, afterText?: string, previousLineText?: string, action: { indent: string, appendText?: string, removeText?: number } }
        interface LanguageConfiguration {
            comments: { lineComment: string, blockComment: [string, string] };
            brackets: Array<[string, string]>;
            autoClosingPairs: Array<{ open: string, close: string, notIn?: string[] }>;
            surroundingPairs: Array<[string, string]>;
            folding: { markers: { start: string, end: string } };
            wordPattern: string;
            indentationRules: { increaseIndentPattern: string, decreaseIndentPattern: string };
            onEnterRules: OnEnterRule[];
        }
        const configuration = JSON.parse(read('language-configuration.json')) as LanguageConfiguration;

        it('declares comments, brackets, auto-closing and surrounding pairs', () => {
            assert.deepEqual(configuration.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
            assert.deepEqual(configuration.brackets, [['{', '}']]);
            for (const open of ['{', '"']) {
                const pair = configuration.autoClosingPairs.find(p => p.open === open);
                assert.ok(pair, `no auto-closing pair for ${open}`);
                assert.deepEqual([...(pair.notIn ?? [])].sort(), ['comment', 'string']);
            }
            assert.ok(configuration.surroundingPairs.some(([open, close]) => open === '{' && close === '}'));
            assert.ok(configuration.surroundingPairs.some(([open, close]) => open === '"' && close === '"'));
        });

        it('has only regexes that compile', () => {
            const regexes = [configuration.wordPattern, configuration.folding.markers.start, configuration.folding.markers.end,
                configuration.indentationRules.increaseIndentPattern, configuration.indentationRules.decreaseIndentPattern,
                ...configuration.onEnterRules.flatMap(rule => [rule.beforeText, rule.afterText, rule.previousLineText])]
                .filter((source): source is string => source !== undefined);
            for (const source of regexes) assert.doesNotThrow(() => new RegExp(source), source);
        });

        it('selects whole ids, control ids, dates, hyphenated keywords and numbers as words', () => {
            const wordAt = (line: string, offset: number): string | undefined => {
                const pattern = new RegExp(configuration.wordPattern, 'g');
                for (const m of line.matchAll(pattern)) {
                    if (m.index <= offset && offset < m.index + m[0].length) return m[0];
                }
                return undefined;
            };
            const line = 'risks R-001, INC-12  controls A.8.13  reviewed 2026-01-15  depends-on ISO27001_2022  status in-progress  low 17..25 "x"';
            for (const word of ['R-001', 'INC-12', 'A.8.13', '2026-01-15', 'depends-on', 'ISO27001_2022', 'in-progress', '17', '25']) {
                const start = line.indexOf(word);
                for (const offset of [start, start + Math.floor(word.length / 2), start + word.length - 1]) {
                    assert.equal(wordAt(line, offset), word, `double-click at ${offset} in ${word}`);
                }
            }
            assert.equal(wordAt(line, line.indexOf(',')), undefined);
        });

        it('folds on region markers', () => {
            const { start, end } = configuration.folding.markers;
            for (const text of ['// #region Risks', '    //#region', '// region']) assert.match(text, new RegExp(start));
            for (const text of ['// #endregion', '    // #endregion Risks']) assert.match(text, new RegExp(end));
            assert.doesNotMatch('// #endregion', new RegExp(start));
            assert.doesNotMatch('risk R-1 "region"', new RegExp(start));
        });

        it('indents inside braces and outdents at the closing one', () => {
            const { increaseIndentPattern, decreaseIndentPattern } = configuration.indentationRules;
            const increase = new RegExp(increaseIndentPattern);
            const decrease = new RegExp(decreaseIndentPattern);
            for (const text of ['risk R-001 "Ransomware" {', '    treatment mitigate {   // then accept', 'levels {']) assert.match(text, increase);
            for (const text of ['levels { low 1..4 }', '// a comment {', 'owner CISO']) assert.doesNotMatch(text, increase);
            for (const text of ['}', '    }', '\t} // end']) assert.match(text, decrease);
            assert.doesNotMatch('owner CISO }', decrease);

            const between = configuration.onEnterRules.find(rule => rule.afterText !== undefined && new RegExp(rule.afterText).test('}')
                && new RegExp(rule.beforeText).test('risk R-1 "x" {'));
            assert.equal(between?.action.indent, 'indentOutdent', 'Enter between { and } puts the cursor on an indented line');
            const afterBrace = configuration.onEnterRules.find(rule => rule.afterText === undefined && new RegExp(rule.beforeText).test('asset DB {'));
            assert.equal(afterBrace?.action.indent, 'indent');
            assert.ok(!configuration.onEnterRules.some(rule => rule.action.indent !== 'none' && new RegExp(rule.beforeText).test('// note {')),
                'a brace in a comment does not indent');
        });
    });

    describe('snippets', () => {

        const services = createIsmsServices(EmptyFileSystem).Isms;
        const parse = parseHelper<Model>(services);

        async function assertParses(name: string, text: string, types?: string[]): Promise<void> {
            const document = await parse(text);
            const { lexerErrors, parserErrors } = document.parseResult;
            assert.deepEqual(lexerErrors.map(e => e.message), [], `${name}: lexer errors in\n${text}`);
            assert.deepEqual(parserErrors.map(e => e.message), [], `${name}: parser errors in\n${text}`);
            if (types) assert.deepEqual(document.parseResult.value.elements.map(e => e.$type), types, `${name}: elements`);
        }

        const typeOf: Record<string, string> = {
            isms: 'IsmsBlock', methodology: 'Methodology', role: 'Role', asset: 'Asset', supplier: 'Supplier', threat: 'Threat',
            vulnerability: 'Vulnerability', risk: 'Risk', apply: 'Apply', exclude: 'Exclude', policy: 'Policy', objective: 'Objective',
            audit: 'Audit', incident: 'Incident', 'management-review': 'ManagementReview', framework: 'Framework'
        };
        const firstWord = (snippet: Snippet) => /^[\w-]+/.exec(bodyOf(snippet))?.[0] ?? '';

        it('has one snippet per element kind, each with a prefix, a description and a body', () => {
            const prefixes = new Set<string>();
            for (const [name, snippet] of Object.entries(snippets)) {
                for (const prefix of [snippet.prefix].flat()) {
                    assert.ok(prefix.length > 0, `${name}: empty prefix`);
                    assert.ok(!prefixes.has(prefix), `${name}: prefix ${prefix} used twice`);
                    prefixes.add(prefix);
                }
                assert.ok(snippet.description && snippet.description.length > 10, `${name}: no description`);
                assert.ok(bodyOf(snippet).trim().length > 0, `${name}: empty body`);
                assert.ok(/\$\{?1\b/.test(bodyOf(snippet)), `${name}: no tab stop`);
            }
            const kinds = new Set(Object.values(snippets).map(firstWord));
            assert.deepEqual([...kinds].sort(), Object.keys(typeOf).sort());
            const riskBodies = Object.values(snippets).filter(s => firstWord(s) === 'risk').map(bodyOf);
            assert.ok(riskBodies.some(body => /treatment mitigate \{[\s\S]*controls[\s\S]*residual/.test(body)), 'a risk treated by mitigation with residual');
            assert.ok(riskBodies.some(body => /treatment accept \{[\s\S]*by[\s\S]*on[\s\S]*until[\s\S]*because/.test(body)), 'a risk accepted');
            const audit = Object.values(snippets).find(s => firstWord(s) === 'audit');
            assert.match(audit ? bodyOf(audit) : '', /finding[\s\S]*corrective-action/);
            const framework = Object.values(snippets).find(s => firstWord(s) === 'framework');
            assert.match(framework ? bodyOf(framework) : '', /control /);
        });

        it('offers only words of the grammar in its choices', () => {
            for (const [name, snippet] of Object.entries(snippets)) {
                for (const { tabstop, options } of choicesOf(bodyOf(snippet))) {
                    assert.ok(options.length > 1, `${name}: choice ${tabstop} has one option`);
                    for (const option of options) assert.ok(KEYWORDS.includes(option), `${name}: choice ${tabstop} offers ${option}`);
                }
            }
        });

        for (const [name, snippet] of Object.entries(snippets)) {
            it(`${name}: parses with its defaults`, async () => {
                const type = typeOf[firstWord(snippet)];
                await assertParses(name, expandSnippet(bodyOf(snippet)), [type]);
                // Early in a month and a year too: the date variables are zero-padded.
                await assertParses(name, expandSnippet(bodyOf(snippet), undefined, new Date(2027, 0, 5)), [type]);
            });

            it(`${name}: parses with every option of its choices`, async () => {
                for (const { tabstop, options } of choicesOf(bodyOf(snippet))) {
                    for (const option of options) {
                        const text = expandSnippet(bodyOf(snippet), (n, choices) => n === tabstop ? option : choices[0]);
                        await assertParses(`${name} (${option})`, text, [typeOf[firstWord(snippet)]]);
                    }
                }
            });
        }
    });
});
