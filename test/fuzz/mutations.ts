/**
 * The fuzz suite's inputs: the example files (the seed corpus) and mutations of them, as
 * fast-check arbitraries. A mutation is plain data (what to do, where), applied by
 * `applyMutations`, so that a counterexample prints readably and replays exactly.
 *
 * Mutations, as listed in issue #8: deleted, duplicated, swapped, replaced and inserted tokens;
 * truncation; random bytes and invalid UTF-8; a BOM; enormous numbers, strings and ids; deep
 * nesting; CRLF, CR and mixed line ends; odd Unicode (emoji, combining marks, bidi controls,
 * NUL and control characters, lone surrogates); splices of two files; empty and blank files.
 *
 * Bytes become text the way the server and the CLI read files: Langium's
 * NodeFileSystemProvider calls `fs.readFile(path, 'utf-8')`, that is Node's UTF-8 decoder,
 * which replaces each invalid sequence with U+FFFD and keeps a BOM as U+FEFF
 * (`decodeLikeServer`).
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACME_EXAMPLE, PROJECT_ROOT } from '../helpers/project.js';
import { MAX_INPUT_CHARS } from './fuzz-config.js';

// ------------------------------------------------------------------------------------------ corpus

export interface CorpusFile {
    /** Path relative to the acme example (or `fixtures/…` for the language sample). */
    readonly name: string;
    readonly text: string;
}

function filesBelow(dir: string, prefix = ''): CorpusFile[] {
    const files: CorpusFile[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) files.push(...filesBelow(full, `${prefix}${entry.name}/`));
        else if (entry.name.endsWith('.isms')) files.push({ name: `${prefix}${entry.name}`, text: fs.readFileSync(full, 'utf-8') });
    }
    return files;
}

/** The acme example, file by file: one model. */
export const ACME_FILES: readonly CorpusFile[] = filesBelow(ACME_EXAMPLE);

/** The acme example as the `files` of ModelWorkspace.create. */
export function acmeWorkspaceFiles(): Record<string, string> {
    return Object.fromEntries(ACME_FILES.map(file => [file.name, file.text]));
}

/** The seed corpus: the acme files and the language sample of the test fixtures. */
export const CORPUS: readonly CorpusFile[] = [
    ...ACME_FILES,
    { name: 'fixtures/language-sample.isms', text: fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'language-sample.isms'), 'utf-8') }
];

// ------------------------------------------------------------------------------------------ tokens

/**
 * Splits text into tokens the way the language's terminals do (whitespace, comments, strings,
 * dates, numbers, control ids, ids, `..`, punctuation), close enough to mutate at token level.
 * Joining the tokens gives the text back.
 */
const TOKEN = /\s+|\/\*[\s\S]*?\*\/|\/\/[^\n\r]*|"(?:\\.|[^"\\\r\n])*"|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]+|[A-Za-z_][\w-]*(?:\.[A-Za-z0-9_]+)*|\.\.|[\s\S]/gu;

export function tokenize(text: string): string[] {
    return text.match(TOKEN) ?? [];
}

function isSignificant(token: string): boolean {
    return !/^\s+$/.test(token);
}

/** Indexes of the non-whitespace tokens. */
function significant(tokens: string[]): number[] {
    const indexes: number[] = [];
    tokens.forEach((token, index) => { if (isSignificant(token)) indexes.push(index); });
    return indexes;
}

/** The keywords of the grammar, read from its source. */
export const KEYWORDS: readonly string[] = [...new Set(
    [...fs.readFileSync(path.join(PROJECT_ROOT, 'language', 'grammar', 'isms.langium'), 'utf-8').matchAll(/'([^'\s]+)'/g)].map(match => match[1])
)].sort();

/** Every distinct significant token of the corpus: ids, numbers, strings, dates, punctuation. */
const CORPUS_TOKENS: readonly string[] = [...new Set(CORPUS.flatMap(file => tokenize(file.text)).filter(token => isSignificant(token) && token.length < 200))].sort();

/** Tokens that are odd in some way: edge cases of each terminal and of Unicode. */
export const ODD_TOKENS: readonly string[] = [
    '{', '}', ',', '..', '...', '.', '"', '""', '"unterminated', '"\\"', '"\\', '/*', '*/', '//', '/* unterminated',
    '0', '00', '-1', '1e9', '0x1F', '2026-02-30', '2026-13-01', '0000-00-00', '9999-99-99', '2026-02-29', '2024-02-29', '1..', '..5', '5..1',
    'A.', 'A..1', 'A.5.', '.5.1', 'A.5.1.2.3.4', 'ISO27001_2022', '_', '-', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
    'NaN', 'Infinity', 'undefined', 'null', 'true', '\\', '\'', '`', '$', '#', '@', '\t', '\v', '\f', '\0', '\u0001', '\u007f',
    '\u00a0', '\u2028', '\u2029', '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff', '\ufffd', '\ufffe', '\uffff',
    'é', 'e\u0301', 'ﬁ', 'İ', 'ß', '日本語', '😀', '👩‍💻', '🏳️‍🌈', '\ud83d', '\ude00', '\udfff\ud800', 'ℌ', '𝔄', 'А', // Cyrillic A
    '"😀"', '"\\u0000"', '"e\u0301"', '"\ud800"'
];

/** Invalid or edge-case UTF-8 byte sequences. */
export const BYTE_SEQUENCES: readonly (readonly number[])[] = [
    [0xff], [0xfe], [0xc0, 0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xbf, 0xbf],
    [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe0, 0x80, 0xaf],
    [0xef, 0xbb, 0xbf], [0xfe, 0xff], [0xff, 0xfe], [0x00], [0x00, 0x00, 0x00], [0x1b, 0x5b, 0x32, 0x4a], [0x0d], [0x0a, 0x0d]
];

// ------------------------------------------------------------------------------------------ mutations

export type Mutation =
    | { readonly op: 'delete', readonly at: number, readonly count: number }
    | { readonly op: 'duplicate', readonly at: number, readonly count: number, readonly times: number }
    | { readonly op: 'swap', readonly a: number, readonly b: number }
    | { readonly op: 'replace', readonly at: number, readonly token: string }
    | { readonly op: 'insert', readonly at: number, readonly token: string }
    | { readonly op: 'truncate', readonly at: number }
    | { readonly op: 'bytes', readonly at: number, readonly bytes: readonly number[] }
    | { readonly op: 'bom', readonly at: number | 'start' }
    | { readonly op: 'bigNumber', readonly at: number, readonly digits: string }
    | { readonly op: 'bigString', readonly at: number, readonly length: number, readonly unit: string, readonly escapes: boolean }
    | { readonly op: 'bigId', readonly at: number, readonly length: number }
    | { readonly op: 'nest', readonly at: number, readonly depth: number, readonly open: string, readonly close: string, readonly balanced: boolean }
    | { readonly op: 'lineEnds', readonly style: 'crlf' | 'cr' | 'mixed' | 'lf', readonly seed: number }
    | { readonly op: 'splice', readonly other: number, readonly from: number, readonly to: number, readonly at: number }
    | { readonly op: 'empty', readonly text: string };

const encoder = new TextEncoder();

/** Bytes as the server reads them from disk: `fs.readFile(path, 'utf-8')`. */
export function decodeLikeServer(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf-8');
}

/** Text as written to disk (lone surrogates become U+FFFD, as Node writes them). */
export function encodeUtf8(text: string): Uint8Array {
    return Buffer.from(text, 'utf-8');
}

function pick<T>(items: readonly T[], index: number): T {
    return items[Math.abs(index) % items.length];
}

/** A small deterministic generator for the choices a mutation makes inside itself. */
function lcg(seed: number): () => number {
    let state = (seed >>> 0) || 1;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state;
    };
}

function spliceText(text: string, at: number, remove: number, insert: string): string {
    const offset = text.length === 0 ? 0 : Math.abs(at) % (text.length + 1);
    return text.slice(0, offset) + insert + text.slice(offset + remove);
}

/** Applies one mutation to `text`; `corpus` gives the other file of a splice. */
export function applyMutation(text: string, mutation: Mutation, corpus: readonly CorpusFile[] = CORPUS): string {
    const tokens = tokenize(text);
    const sig = significant(tokens);
    const tokenAt = (at: number): number | undefined => sig.length === 0 ? undefined : pick(sig, at);
    switch (mutation.op) {
        case 'delete': {
            const index = tokenAt(mutation.at);
            if (index === undefined) return text;
            const start = sig.indexOf(index);
            for (const i of sig.slice(start, start + mutation.count)) tokens[i] = '';
            return tokens.join('');
        }
        case 'duplicate': {
            const index = tokenAt(mutation.at);
            if (index === undefined) return text;
            const start = sig.indexOf(index);
            const end = sig[Math.min(start + mutation.count, sig.length) - 1];
            const run = tokens.slice(index, end + 1).join('');
            tokens[end] += ` ${run}`.repeat(mutation.times);
            return tokens.join('');
        }
        case 'swap': {
            const a = tokenAt(mutation.a);
            const b = tokenAt(mutation.b);
            if (a === undefined || b === undefined) return text;
            [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
            return tokens.join('');
        }
        case 'replace': {
            const index = tokenAt(mutation.at);
            if (index === undefined) return mutation.token;
            tokens[index] = mutation.token;
            return tokens.join('');
        }
        case 'insert': {
            if (tokens.length === 0) return mutation.token;
            const index = pick(tokens.map((_, i) => i), mutation.at);
            tokens[index] = `${tokens[index]} ${mutation.token} `;
            return tokens.join('');
        }
        case 'truncate':
            return text.slice(0, text.length === 0 ? 0 : Math.abs(mutation.at) % (text.length + 1));
        case 'bytes': {
            const bytes = encodeUtf8(text);
            const offset = bytes.length === 0 ? 0 : Math.abs(mutation.at) % (bytes.length + 1);
            const mutated = new Uint8Array(bytes.length + mutation.bytes.length);
            mutated.set(bytes.subarray(0, offset), 0);
            mutated.set(mutation.bytes, offset);
            mutated.set(bytes.subarray(offset), offset + mutation.bytes.length);
            return decodeLikeServer(mutated);
        }
        case 'bom':
            return mutation.at === 'start' ? `\ufeff${text}` : spliceText(text, mutation.at, 0, '\ufeff');
        case 'bigNumber': {
            const numbers = tokens.map((token, i) => /^[0-9]+$/.test(token) ? i : -1).filter(i => i >= 0);
            if (numbers.length === 0) return spliceText(text, mutation.at, 0, ` ${mutation.digits} `);
            tokens[pick(numbers, mutation.at)] = mutation.digits;
            return tokens.join('');
        }
        case 'bigString': {
            const raw = mutation.unit.repeat(Math.ceil(mutation.length / Math.max(1, mutation.unit.length))).slice(0, mutation.length);
            // A well-formed STRING: no line break, quotes and backslashes escaped; with `escapes`, many escapes.
            const body = raw.replace(/[\r\n]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')
                + (mutation.escapes ? '\\"\\\\\\n'.repeat(Math.floor(mutation.length / 64)) : '');
            const value = `"${body}"`;
            const strings = tokens.map((token, i) => token.startsWith('"') && token.endsWith('"') && token.length > 1 ? i : -1).filter(i => i >= 0);
            if (strings.length === 0) return spliceText(text, mutation.at, 0, ` ${value} `);
            tokens[pick(strings, mutation.at)] = value;
            return tokens.join('');
        }
        case 'bigId': {
            const id = `Z${'a1_-'.repeat(Math.ceil(mutation.length / 4)).slice(0, mutation.length)}`;
            const ids = tokens.map((token, i) => /^[A-Za-z_][\w-]*$/.test(token) && !KEYWORDS.includes(token) ? i : -1).filter(i => i >= 0);
            if (ids.length === 0) return spliceText(text, mutation.at, 0, ` ${id} `);
            // Every occurrence of that id, so that references still resolve to the enormous name.
            const old = tokens[pick(ids, mutation.at)];
            return tokens.map(token => token === old ? id : token).join('');
        }
        case 'nest': {
            const inner = mutation.open.repeat(mutation.depth) + (mutation.balanced ? mutation.close.repeat(mutation.depth) : '');
            return spliceText(text, mutation.at, 0, inner);
        }
        case 'lineEnds': {
            const lines = text.split(/\r\n|\r|\n/);
            if (mutation.style !== 'mixed') {
                return lines.join({ crlf: '\r\n', cr: '\r', lf: '\n' }[mutation.style]);
            }
            const next = lcg(mutation.seed);
            return lines.map((line, i) => i === lines.length - 1 ? line : line + pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n'], next())).join('');
        }
        case 'splice': {
            const other = pick(corpus, mutation.other).text;
            const from = Math.abs(mutation.from) % (other.length + 1);
            const to = Math.min(other.length, from + (Math.abs(mutation.to) % 2000));
            return spliceText(text, mutation.at, 0, other.slice(from, to));
        }
        case 'empty':
            return mutation.text;
    }
}

/** Applies the mutations in order; the result is cut to MAX_INPUT_CHARS. */
export function applyMutations(text: string, mutations: readonly Mutation[], corpus: readonly CorpusFile[] = CORPUS): string {
    let result = text;
    for (const mutation of mutations) result = applyMutation(result, mutation, corpus);
    return result.length > MAX_INPUT_CHARS ? result.slice(0, MAX_INPUT_CHARS) : result;
}

// ------------------------------------------------------------------------------------------ arbitraries

const position = fc.nat({ max: 1_000_000 });

const tokenChoice: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: fc.constantFrom(...KEYWORDS), weight: 4 },
    { arbitrary: fc.constantFrom(...CORPUS_TOKENS), weight: 4 },
    { arbitrary: fc.constantFrom(...ODD_TOKENS), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 }
);

const hugeDigits: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom('2147483647', '2147483648', '4294967296', '9007199254740991', '9007199254740993', '18446744073709551616',
        '1' + '0'.repeat(308), '1' + '0'.repeat(309), '0'.repeat(60) + '7', '99999999', '0'),
    fc.integer({ min: 16, max: 5_000 }).map(length => '9'.repeat(length))
);

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 4 }) }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, count: fc.integer({ min: 1, max: 12 }), times: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('swap' as const), a: position, b: position }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('replace' as const), at: position, token: tokenChoice }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, token: tokenChoice }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }), weight: 3 },
    {
        arbitrary: fc.record({
            op: fc.constant('bytes' as const), at: position,
            bytes: fc.oneof(fc.constantFrom(...BYTE_SEQUENCES).map(sequence => [...sequence]), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 24 }))
        }), weight: 4
    },
    { arbitrary: fc.record({ op: fc.constant('bom' as const), at: fc.oneof(fc.constant('start' as const), position) }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('bigNumber' as const), at: position, digits: hugeDigits }), weight: 3 },
    {
        arbitrary: fc.record({
            op: fc.constant('bigString' as const), at: position, length: fc.integer({ min: 1_000, max: 60_000 }),
            unit: fc.constantFrom('a', 'x y ', '😀', 'e\u0301', '\u202e', '\t', '日本', '\u0000', '<&>\'', '=cmd|', '\\u0000'), escapes: fc.boolean()
        }), weight: 2
    },
    { arbitrary: fc.record({ op: fc.constant('bigId' as const), at: position, length: fc.integer({ min: 100, max: 20_000 }) }), weight: 2 },
    {
        arbitrary: fc.record({
            op: fc.constant('nest' as const), at: position, depth: fc.integer({ min: 10, max: 5_000 }),
            open: fc.constantFrom('{', 'scope {', 'isms "x" {', 'levels {', '{ {', '/*', '"', '(', '['),
            close: fc.constantFrom('}', '*/', ')', ']', '"'),
            balanced: fc.boolean()
        }), weight: 2
    },
    { arbitrary: fc.record({ op: fc.constant('lineEnds' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const, 'lf' as const), seed: fc.nat() }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('splice' as const), other: fc.nat(), from: position, to: position, at: position }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('empty' as const), text: fc.constantFrom('', ' ', '\n', '\r\n', '\ufeff', '\t\t\n\n', '// only a comment', '/*', '"') }), weight: 1 }
);

/** One corpus file with 1–4 mutations. */
export interface MutatedFile {
    /** Index into CORPUS. */
    readonly file: number;
    readonly mutations: readonly Mutation[];
}

export const mutatedFileArbitrary: fc.Arbitrary<MutatedFile> = fc.record({
    file: fc.nat({ max: CORPUS.length - 1 }),
    mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 })
});

/** Only acme files (for mutating one file of the whole acme model). */
export const mutatedAcmeFileArbitrary: fc.Arbitrary<MutatedFile> = fc.record({
    file: fc.nat({ max: ACME_FILES.length - 1 }),
    mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 })
});

export function mutatedText(input: MutatedFile): string {
    return applyMutations(CORPUS[input.file].text, input.mutations);
}

/** A short, printable description of an input for failure messages. */
export function describeInput(input: MutatedFile): string {
    return `${CORPUS[input.file].name} with ${JSON.stringify(input.mutations, (_key, value) =>
        typeof value === 'string' && value.length > 80 ? `${value.slice(0, 40)}…(${value.length} chars)` : value)}`;
}

/** Positions (as offsets) to send requests at: fixed edges, token starts and middles, any offset. */
export const offsetsArbitrary: fc.Arbitrary<readonly number[]> = fc.array(fc.nat({ max: 1_000_000 }), { minLength: 4, maxLength: 4 });

/**
 * Turns the raw numbers of `offsetsArbitrary` into offsets in `text`: the start, the end, two
 * in the middle of significant tokens (where hover, definition and rename do something) and
 * two anywhere.
 */
export function offsetsIn(text: string, raw: readonly number[]): number[] {
    const tokens = tokenize(text);
    const starts: Array<{ start: number, length: number }> = [];
    let offset = 0;
    for (const token of tokens) {
        if (isSignificant(token)) starts.push({ start: offset, length: token.length });
        offset += token.length;
    }
    const inToken = (n: number): number => {
        if (starts.length === 0) return 0;
        const token = pick(starts, n);
        return token.start + Math.min(token.length, 1 + (n % Math.max(1, token.length)));
    };
    const anywhere = (n: number): number => text.length === 0 ? 0 : n % (text.length + 1);
    return [...new Set([0, text.length, inToken(raw[0]), inToken(raw[1]), anywhere(raw[2]), anywhere(raw[3])])];
}

/** A name for a rename: a valid id most of the time, sometimes not. */
export const newNameArbitrary: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z][\w-]{0,20}$/), weight: 4 },
    { arbitrary: fc.stringMatching(/^[A-Z]\.[0-9]{1,2}\.[0-9]{1,3}$/), weight: 1 },
    { arbitrary: fc.constantFrom('', ' ', 'a b', '1abc', 'x"y', 'risk', '__proto__', 'constructor', '😀', 'A'.repeat(5000)), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 }
);

/** A query for workspace symbols. */
export const queryArbitrary: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom('', 'R', 'A.8', 'risk', 'Customer', '*', '.*', '(', '\\', '😀'),
    fc.string({ unit: 'binary', maxLength: 10 })
);

/** Raw bytes of a binary file. */
export const binaryFileArbitrary: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 0, maxLength: 4096 });

/** UTF-8 length in bytes (for size checks). */
export function byteLength(text: string): number {
    return encoder.encode(text).length;
}
