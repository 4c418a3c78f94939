import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ExecuteCommandRequest } from 'vscode-languageclient';

/** Runs one of the language server's commands (`ServerCommands`) and gives its result. */
export function executeOnServer<T>(client: BaseLanguageClient, command: string, args: unknown[], cancel?: vscode.CancellationToken): Promise<T> {
    return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, cancel) as Promise<T>;
}
