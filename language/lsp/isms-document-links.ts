import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { AstUtils, GrammarUtils, URI, UriUtils } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { isInsideFolder, isPathWithin } from '../files/regular-file.js';
import { isEvidence, isPolicy } from '../generated/ast.js';

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
            const value = property ? (node as unknown as Record<string, string | undefined>)[property] : undefined;
            const cst = property && value ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined;
            if (!cst || !value) continue;
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
        if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.includes('\0')) return undefined;
        const [file] = value.split('#');
        const root = this.shared.workspace.WorkspaceManager.workspaceFolders?.[0];
        const base = root ? URI.parse(root.uri) : UriUtils.dirname(document.uri);
        // A model may come from anyone: no link to a file outside the workspace, by `..` or by
        // a symbolic link. A leading `/` means the workspace root.
        const target = path.join(base.fsPath, ...file.split('/').filter(part => part.length > 0));
        if (!isPathWithin(base.fsPath, target)) return undefined;
        if (fs.existsSync(base.fsPath) && !isInsideFolder(base.fsPath, target)) return undefined;
        return URI.file(target).toString();
    }
}
