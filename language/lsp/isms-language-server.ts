import { eagerLoad } from 'langium';
import { DefaultLanguageServer } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';

/**
 * Langium's language server, announcing the selection ranges this language adds, and answering
 * `initialize` without building the parsers.
 */
export class IsmsLanguageServer extends DefaultLanguageServer {

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        result.capabilities.selectionRangeProvider = true;
        return result;
    }

    /**
     * Every service is made before `initialize` is announced, so that each can listen to it; but
     * no parser listens, and building them (Chevrotain's analysis of the grammar) would delay the
     * answer by a hundred milliseconds or more: the first document parsed builds them instead.
     */
    protected override eagerLoadServices(): void {
        eagerLoad(this.services);
        for (const language of this.services.ServiceRegistry.all) {
            for (const group of Reflect.ownKeys(language)) {
                if (group !== 'parser') eagerLoad((language as unknown as Record<string | symbol, unknown>)[group]);
            }
        }
    }
}
