import type { AstNode, CstNodeBuilder, LangiumCoreServices, ParseResult, ParserOptions } from 'langium';
import { createParser, isAstNode, LangiumParser } from 'langium';
import { LeanCstNodeBuilder } from './lean-cst-nodes.js';

/**
 * Langium's parser, building lean leaves of the concrete syntax tree (`lean-cst-nodes.ts`) and
 * with every list of the syntax tree cut to its length once a file is parsed.
 *
 * Block properties are collected into lists (see `single-valued-properties.ts`), so a risk has a
 * dozen lists of one item. The parser fills them with `push`, and V8 gives an array its first
 * 16 slots on the first push: 184 bytes for one item instead of 56. The lists outlive the parse,
 * so the slack was about a fifth of the workspace's heap, and copying it out of the young
 * generation a good part of the build's garbage collection. A copy made right after the file's
 * parse has exactly its length; the oversized arrays die young. Langium does the same for the
 * children of its syntax-tree nodes (`CstNodeBuilder.construct`).
 */
export class IsmsParser extends LangiumParser {

    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium's parser makes its builder itself and keeps it private.
        (this as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new LeanCstNodeBuilder();
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const result = super.parse<T>(input, options);
        fitListsToLength(result.value);
        return result;
    }
}

/** Langium's `createLangiumParser`, with `IsmsParser`. */
export function createIsmsParser(services: LangiumCoreServices): IsmsParser {
    const parser = createParser(services.Grammar, new IsmsParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

function fitListsToLength(node: AstNode): void {
    const properties = node as unknown as Record<string, unknown>;
    for (const key in properties) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = properties[key];
        if (Array.isArray(value)) {
            if (value.length === 0) continue;
            properties[key] = value.slice();
            for (const item of value) {
                if (isAstNode(item)) fitListsToLength(item);
            }
        } else if (isAstNode(value)) {
            fitListsToLength(value);
        }
    }
}
