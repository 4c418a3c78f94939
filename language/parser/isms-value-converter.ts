import type { CstNode, GrammarAST, ValueType } from 'langium';
import { DefaultValueConverter } from 'langium';

/**
 * Converts string literals in one piece. Langium's converter appends their characters one by
 * one, which leaves every title and description a chain of hundreds of small string pieces:
 * more memory for as long as the model lives, and each use that copies the text (reports, JSON,
 * hovers) walks the chain again.
 */
export class IsmsValueConverter extends DefaultValueConverter {

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name.toUpperCase() === 'STRING') {
            return convertString(input);
        }
        // A quoted control id ("GV.OC-01") names the same control as the bare one, also after a framework.
        if (rule.name === 'ControlId' && input.startsWith('"')) {
            return convertString(input);
        }
        if (rule.name === 'Theme' && input.startsWith('"')) {
            return convertString(input);
        }
        if (rule.name === 'ControlRef') {
            const separator = input.indexOf('::');
            const id = separator < 0 ? input : input.slice(separator + 2);
            const unquoted = id.startsWith('"') ? convertString(id) : id;
            return separator < 0 ? unquoted : `${input.slice(0, separator)}::${unquoted}`;
        }
        return super.runConverter(rule, input, cstNode);
    }
}

/** The text between the quotes, with each escape sequence replaced by the character it stands for. */
export function convertString(input: string): string {
    const end = input.length - 1;
    let start = 1;
    let result = '';
    for (let escape = input.indexOf('\\', start); escape >= start && escape < end; escape = input.indexOf('\\', start)) {
        result += input.substring(start, escape) + escapedCharacter(input.charAt(escape + 1));
        start = escape + 2;
    }
    return start < end ? result + input.substring(start, end) : result;
}

function escapedCharacter(character: string): string {
    switch (character) {
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        case '0': return '\0';
        default: return character;
    }
}
