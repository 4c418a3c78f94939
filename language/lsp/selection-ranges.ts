import type { CstNode, LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CstUtils, DocumentState, URI } from 'langium';
import type { Position, Range, SelectionRange } from 'vscode-languageserver';

/**
 * Expand selection (LSP `textDocument/selectionRange`): from the word under the cursor to the
 * enclosing property, block and element, following the syntax tree.
 */
export function selectionRanges(document: LangiumDocument, positions: Position[]): SelectionRange[] {
    const root = document.parseResult.value.$cstNode;
    return positions.map(position => {
        const fallback: SelectionRange = { range: { start: position, end: position } };
        if (!root) return fallback;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
        if (!leaf) return fallback;
        const ranges: Range[] = [];
        for (let node: CstNode | undefined = leaf; node; node = node.container) {
            const range = node.range;
            const last = ranges[ranges.length - 1];
            if (!last || !sameRange(last, range)) ranges.push(range);
        }
        let selection: SelectionRange | undefined;
        for (const range of ranges.reverse()) {
            selection = { range, parent: selection };
        }
        return selection ?? fallback;
    });
}

function sameRange(a: Range, b: Range): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function addSelectionRangeHandler(shared: LangiumSharedServices): void {
    shared.lsp.Connection?.onSelectionRanges(async (params, token) => {
        const uri = URI.parse(params.textDocument.uri);
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Parsed, uri, token);
        const document = shared.workspace.LangiumDocuments.getDocument(uri);
        return document ? selectionRanges(document, params.positions) : [];
    });
}
