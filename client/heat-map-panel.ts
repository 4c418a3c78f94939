import { nonce } from './nonce.js';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import { ServerCommands } from '../language/lsp/server-commands.js';
import { heatMapPage } from './heat-map-view.js';

const VIEW_TYPE = 'isms.heatMap';

/**
 * "ISMS: Show Risk Heat Map": a webview beside the editor that follows the model as it changes
 * and comes back after a reload. Clicking a risk opens it in the editor.
 */
export function registerHeatMap(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    let current: vscode.WebviewPanel | undefined;

    const attach = (panel: vscode.WebviewPanel) => {
        current = panel;
        panel.webview.options = { enableScripts: true, localResourceRoots: [] };
        panel.webview.html = heatMapPage(nonce(), panel.webview.cspSource);
        const post = async () => {
            try {
                await client.start();
                const map = await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.heatMap, arguments: [] });
                await panel.webview.postMessage({ type: 'data', map });
            } catch {
                // The server is restarting; the next change posts the map again.
            }
        };
        let timer: ReturnType<typeof setTimeout> | undefined;
        const subscriptions = [
            panel.webview.onDidReceiveMessage(async (message: { type: string, uri?: string, line?: number }) => {
                if (message.type === 'ready') {
                    await post();
                } else if (message.type === 'open' && typeof message.uri === 'string' && typeof message.line === 'number') {
                    const position = new vscode.Position(message.line, 0);
                    await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
                }
            }),
            vscode.languages.onDidChangeDiagnostics(() => {
                clearTimeout(timer);
                timer = setTimeout(() => void post(), 400);
            })
        ];
        panel.onDidDispose(() => {
            clearTimeout(timer);
            subscriptions.forEach(subscription => subscription.dispose());
            if (current === panel) current = undefined;
        });
    };

    context.subscriptions.push(
        vscode.commands.registerCommand('isms.showHeatMap', () => {
            if (current) {
                current.reveal(vscode.ViewColumn.Beside);
                return;
            }
            attach(vscode.window.createWebviewPanel(VIEW_TYPE, 'Risk Heat Map', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] }));
        }),
        vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
            deserializeWebviewPanel: async panel => attach(panel)
        })
    );
}
