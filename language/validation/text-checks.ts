import type { LeafCstNode, ValidationAcceptor } from 'langium';
import { AstUtils, CstUtils, isLeafCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { Model } from '../generated/ast.js';
import { bidiControlOffsets, codePoint } from '../text/control-characters.js';

const NAMES: Readonly<Record<string, string>> = {
    '\u061C': 'arabic letter mark',
    '\u200E': 'left-to-right mark',
    '\u200F': 'right-to-left mark',
    '\u202A': 'left-to-right embedding',
    '\u202B': 'right-to-left embedding',
    '\u202C': 'pop directional formatting',
    '\u202D': 'left-to-right override',
    '\u202E': 'right-to-left override',
    '\u2066': 'left-to-right isolate',
    '\u2067': 'right-to-left isolate',
    '\u2068': 'first strong isolate',
    '\u2069': 'pop directional isolate'
};

/** What a token is called in the message, by terminal; other tokens cannot hold the character. */
const TOKEN_KINDS: Readonly<Record<string, string>> = { STRING: 'string', SL_COMMENT: 'comment', ML_COMMENT: 'comment' };

/** What `isms init` and `isms import` write where the user has something to complete. */
const FILL_IN = 'FILL IN';

/**
 * Checks on the raw text of a document rather than its syntax tree, so that comments and text
 * the parser could not place are covered too.
 */
export class TextChecks {

    /**
     * A bidirectional control character makes an editor, a diff or a review tool show text in
     * another order than the one the tools read ("Trojan Source", CVE-2021-42574): a reviewer
     * can approve a justification, an owner or a comment that says something else. Reported
     * once per string or comment that holds one, on the whole token; elsewhere on the character.
     */
    checkBidiControls(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model);
        const text = document.textDocument.getText();
        const offsets = bidiControlOffsets(text);
        if (offsets.length === 0) return;
        const root = model.$cstNode;
        let reported: LeafCstNode | undefined;
        for (const offset of offsets) {
            const leaf = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
            const kind = leaf && leaf.offset <= offset && offset < leaf.end ? TOKEN_KINDS[leaf.tokenType.name] : undefined;
            if (leaf && kind) {
                if (leaf === reported) continue;
                reported = leaf;
                accept('warning', message(`This ${kind}`, text.charAt(offset)), { node: model, range: leaf.range, code: 'bidi-control-character' });
            } else {
                const range: Range = { start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(offset + 1) };
                accept('warning', message('This text', text.charAt(offset)), { node: model, range, code: 'bidi-control-character' });
            }
        }
    }

    /**
     * A `FILL IN` marker in a comment or string: the starter and the importer mark what only the
     * user can supply (a declaration's properties, a measurement, a description), and each marker
     * left is something the model still lacks. Reported once per comment or string.
     */
    checkFillInMarkers(model: Model, accept: ValidationAcceptor): void {
        const root = model.$cstNode;
        // The root node's text starts at its first token, after any comment that opens the file.
        if (!root || !AstUtils.getDocument(model).textDocument.getText().includes(FILL_IN)) return;
        for (const leaf of CstUtils.streamCst(root)) {
            if (!isLeafCstNode(leaf)) continue;
            const kind = TOKEN_KINDS[leaf.tokenType.name];
            if (kind && leaf.text.includes(FILL_IN)) {
                accept('warning', `This ${kind} is a FILL IN marker: complete what it asks for, then remove the marker.`, { node: model, range: leaf.range, code: 'fill-in-marker' });
            }
        }
    }
}

function message(subject: string, character: string): string {
    return `${subject} holds the bidirectional control character ${codePoint(character)} (${NAMES[character]}), which can make it display in another order than it is read ("Trojan Source", CVE-2021-42574). Remove it.`;
}
