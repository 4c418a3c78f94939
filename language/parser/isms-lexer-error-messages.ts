import { DefaultLexerErrorMessageProvider } from 'langium';

/** Characters the lexer cannot read, named with what to do about them. */
export class IsmsLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {

    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const characters = fullText.substring(startOffset, startOffset + length);
        if (characters.startsWith('"')) {
            return 'This string has no closing `"` on its line: close it, or escape a `"` inside it as `\\"`.';
        }
        const shown = [...characters].length > 10 ? `${[...characters].slice(0, 10).join('')}…` : characters;
        return `Unexpected \`${shown.replace(/`/g, '\'')}\`: outside a string in double quotes it is not part of the language; remove it or quote the text.`;
    }
}
