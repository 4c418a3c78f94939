import type { LangiumDocument, MaybePromise } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { DefaultRenameProvider } from 'langium/lsp';
import type { Range, RenameParams, TextDocumentPositionParams, WorkspaceEdit } from 'vscode-languageserver';
import { ResponseError } from 'vscode-languageserver';
import { isBuiltinUri } from '../builtin/builtin-documents.js';

const ID = /^[_a-zA-Z][\w-]*$/;
const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/;

/**
 * Renames an id in every file. Ids of the built-in catalog are the standard's and cannot be
 * renamed; a new name must be a valid id of the same form.
 */
export class IsmsRenameProvider extends DefaultRenameProvider {

    constructor(services: LangiumServices) {
        super(services);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): MaybePromise<Range | undefined> {
        if (this.targetsBuiltin(document, params)) {
            throw new ResponseError(0, 'The ISO/IEC 27001:2022 catalog is built in: its control ids cannot be renamed.');
        }
        return super.prepareRename(document, params);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        if (this.targetsBuiltin(document, params)) {
            throw new ResponseError(0, 'The ISO/IEC 27001:2022 catalog is built in: its control ids cannot be renamed.');
        }
        if (!ID.test(params.newName) && !CONTROL_ID.test(params.newName)) {
            throw new ResponseError(0, `'${params.newName}' is not a valid id: use letters, digits, '_' and '-', starting with a letter.`);
        }
        return super.rename(document, params);
    }

    private targetsBuiltin(document: LangiumDocument, params: TextDocumentPositionParams): boolean {
        const root = document.parseResult.value.$cstNode;
        if (!root) return false;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        if (!leaf) return false;
        const targets = this.references.findDeclarations(leaf);
        const declared = targets.length > 0 ? targets : [leaf.astNode];
        // A node of a syntax tree that an edit has just replaced has no document any more.
        return declared.some(node => {
            const uri = AstUtils.findRootNode(node).$document?.uri;
            return uri !== undefined && isBuiltinUri(uri);
        });
    }
}
