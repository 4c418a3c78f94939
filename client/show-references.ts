import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { Location, Position } from 'vscode-languageserver-protocol';
import { SHOW_REFERENCES_COMMAND } from '../language/lsp/isms-code-lens-provider.js';

/** Code lenses of the server show references through VS Code's own peek view. */
export function registerShowReferences(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri: string, position: Position, locations: Location[]) => {
        const converter = client.protocol2CodeConverter;
        await vscode.commands.executeCommand('editor.action.showReferences',
            vscode.Uri.parse(uri), converter.asPosition(position), locations.map(location => converter.asLocation(location)));
    }));
}
