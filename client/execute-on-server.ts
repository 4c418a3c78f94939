import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

/** Runs one of the language server's commands (`ServerCommands`) and gives its result. */
export function executeOnServer<T>(client: LanguageClient, command: string, args: unknown[], cancel?: vscode.CancellationToken): Promise<T> {
    return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, cancel) as Promise<T>;
}
