import type { LangiumCoreServices, LangiumCompletionParser, Lexer, LexerResult, TokenizeOptions } from 'langium';
import { createCompletionParser, DefaultLexer } from 'langium';

/**
 * The lexer, built when it first reads text or is asked for its token types rather than when
 * the services that hold it are made. Building it (its token types and Chevrotain's analysis of
 * them) takes tens of milliseconds, which the language server would otherwise spend before it
 * answers `initialize`.
 */
export class LexerOnFirstUse implements Lexer {

    private lexer: Lexer | undefined;

    constructor(private readonly services: LangiumCoreServices) { }

    get definition(): Lexer['definition'] {
        return this.built().definition;
    }

    tokenize(text: string, options?: TokenizeOptions): LexerResult {
        return this.built().tokenize(text, options);
    }

    private built(): Lexer {
        return this.lexer ??= new DefaultLexer(this.services);
    }
}

/**
 * The parser of completion, built by the first completion request. Building it (Chevrotain's
 * analysis of the whole grammar, again) takes about as long as building the main parser, and
 * nothing before the first completion needs it. The completion provider only calls `parse`.
 */
export function completionParserOnFirstUse(services: LangiumCoreServices): LangiumCompletionParser {
    let parser: LangiumCompletionParser | undefined;
    const onFirstUse: Pick<LangiumCompletionParser, 'parse'> = {
        parse: input => (parser ??= createCompletionParser(services)).parse(input)
    };
    return onFirstUse as LangiumCompletionParser;
}
