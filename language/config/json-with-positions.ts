/**
 * Strict JSON (RFC 8259) read into a tree that remembers where each value starts, so that a
 * problem found later (by a schema) can be shown at its line and column. `JSON.parse` gives
 * values without places. A key given twice in one object is refused: which one counts would
 * otherwise depend on the reader.
 */

export type JsonNode =
    | { readonly kind: 'object', readonly offset: number, readonly properties: readonly JsonProperty[] }
    | { readonly kind: 'array', readonly offset: number, readonly items: readonly JsonNode[] }
    | { readonly kind: 'value', readonly offset: number, readonly value: string | number | boolean | null };

export interface JsonProperty {
    readonly key: string;
    readonly keyOffset: number;
    readonly value: JsonNode;
}

export class JsonSyntaxError extends Error {
    constructor(readonly offset: number, message: string) {
        super(message);
    }
}

export function parseJsonWithPositions(text: string): JsonNode {
    let position = text.startsWith('\uFEFF') ? 1 : 0;

    const fail = (message: string, at = position): never => {
        throw new JsonSyntaxError(at, message);
    };
    const skipWhitespace = () => {
        while (position < text.length && ' \t\n\r'.includes(text[position])) position++;
        if (text.startsWith('//', position) || text.startsWith('/*', position)) fail('comments are not allowed in JSON');
    };
    const expect = (char: string, what: string) => {
        skipWhitespace();
        if (text[position] !== char) fail(`expected ${what}`);
        position++;
    };
    const readString = (): string => {
        const start = position;
        position++;
        while (position < text.length && text[position] !== '"') {
            position += text[position] === '\\' ? 2 : 1;
        }
        if (position >= text.length) fail('the string is not closed', start);
        position++;
        try {
            return JSON.parse(text.slice(start, position)) as string;
        } catch {
            return fail('the string holds a control character or a bad escape', start);
        }
    };
    const readValue = (): JsonNode => {
        skipWhitespace();
        const offset = position;
        const char = text[position];
        if (char === '{') {
            position++;
            const properties: JsonProperty[] = [];
            skipWhitespace();
            if (text[position] === '}') {
                position++;
                return { kind: 'object', offset, properties };
            }
            for (; ;) {
                skipWhitespace();
                if (text[position] !== '"') fail(properties.length > 0 && text[position] === '}' ? 'a comma before } is not allowed in JSON' : 'expected a key in double quotes');
                const keyOffset = position;
                const key = readString();
                if (properties.some(property => property.key === key)) fail(`"${key}" is given more than once`, keyOffset);
                expect(':', 'a colon after the key');
                properties.push({ key, keyOffset, value: readValue() });
                skipWhitespace();
                if (text[position] === ',') { position++; continue; }
                if (text[position] === '}') { position++; return { kind: 'object', offset, properties }; }
                fail('expected a comma or }');
            }
        }
        if (char === '[') {
            position++;
            const items: JsonNode[] = [];
            skipWhitespace();
            if (text[position] === ']') {
                position++;
                return { kind: 'array', offset, items };
            }
            for (; ;) {
                skipWhitespace();
                if (items.length > 0 && text[position] === ']') fail('a comma before ] is not allowed in JSON');
                items.push(readValue());
                skipWhitespace();
                if (text[position] === ',') { position++; continue; }
                if (text[position] === ']') { position++; return { kind: 'array', offset, items }; }
                fail('expected a comma or ]');
            }
        }
        if (char === '"') return { kind: 'value', offset, value: readString() };
        const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
        if (number && number[0].length > 0) {
            position += number[0].length;
            return { kind: 'value', offset, value: Number(number[0]) };
        }
        for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
            if (text.startsWith(word, position)) {
                position += word.length;
                return { kind: 'value', offset, value };
            }
        }
        return fail(position >= text.length ? 'unexpected end of the file; expected a value' : 'expected a value');
    };

    const root = readValue();
    skipWhitespace();
    if (position < text.length) fail('expected the end of the file after the value');
    return root;
}

/** The plain value of a node, as `JSON.parse` gives it. */
export function jsonValue(node: JsonNode): unknown {
    switch (node.kind) {
        case 'object': return Object.fromEntries(node.properties.map(property => [property.key, jsonValue(property.value)]));
        case 'array': return node.items.map(jsonValue);
        default: return node.value;
    }
}

/** The node at a path of keys and indexes, or the deepest one the path reaches. */
export function deepestNodeAt(root: JsonNode, path: ReadonlyArray<PropertyKey>): JsonNode {
    let node = root;
    for (const step of path) {
        const next = node.kind === 'object' ? node.properties.find(property => property.key === step)?.value
            : node.kind === 'array' && typeof step === 'number' ? node.items[step] : undefined;
        if (!next) break;
        node = next;
    }
    return node;
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number, column: number } {
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
