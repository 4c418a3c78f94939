import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { baseFolderOf, resolveBelow } from '../files/model-path.js';
import { isEvidence, isPolicy } from '../generated/ast.js';
import { firstValue } from '../model/recovered.js';

const WEB_LINK = /^https?:\/\/[^\s"]+$/;

/**
 * Links in the model: evidence locations and policy documents. Web addresses open in the
 * browser; paths are taken relative to the workspace root (the folder of the isms repository)
 * and linked only when they stay inside it.
 */
export class IsmsDocumentLinkProvider implements DocumentLinkProvider {

    constructor(private readonly shared: LangiumSharedCoreServices) { }

    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): DocumentLink[] {
        const links: DocumentLink[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            const property = isEvidence(node) ? 'location' : isPolicy(node) ? 'document' : undefined;
            const value = property ? firstValue(node, property) : undefined;
            const cst = property && value ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined;
            if (!cst || typeof value !== 'string' || !value) continue;
            const target = this.resolve(document, value);
            if (!target) continue;
            // Inside the quotes.
            const { start, end } = cst.range;
            links.push({
                range: { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } },
                target,
                tooltip: WEB_LINK.test(value) ? 'Open in the browser' : 'Open the document'
            });
        }
        return links;
    }

    private resolve(document: LangiumDocument, value: string): string | undefined {
        if (WEB_LINK.test(value)) return value;
        const base = baseFolderOf(document, this.shared.workspace.WorkspaceManager.workspaceFolders);
        return resolveBelow(base, value)?.toString();
    }
}
