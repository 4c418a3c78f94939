import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ReadResult, RemoteEntryKind, StatResult } from '../language/workspace/workspace-files-protocol.js';
import { fromBase64, tooLarge, toBase64, WorkspaceFilesRequest } from '../language/workspace/workspace-files-protocol.js';

/**
 * Answers the web worker server's file requests with `vscode.workspace.fs`, which reaches every
 * workspace the editor opens. Reads are measured first: a file over the limit is not read.
 */
export function answerWorkspaceFiles(client: BaseLanguageClient): void {
    const uri = (value: string) => vscode.Uri.parse(value, true);
    client.onRequest(WorkspaceFilesRequest.stat, async ({ uri: value }: { uri: string }): Promise<StatResult | null> => {
        const stat = await statOf(uri(value));
        return stat ? { kind: kindOf(stat.type), size: stat.size, mtime: stat.mtime } : null;
    });
    client.onRequest(WorkspaceFilesRequest.readDirectory, async ({ uri: value }: { uri: string }): Promise<Array<[string, RemoteEntryKind]>> =>
        (await vscode.workspace.fs.readDirectory(uri(value))).map(([name, type]) => [name, kindOf(type)]));
    client.onRequest(WorkspaceFilesRequest.read, async ({ uri: value, maxBytes }: { uri: string, maxBytes: number }): Promise<ReadResult> => {
        const stat = await statOf(uri(value));
        if (!stat) return { refused: 'no such file' };
        if (stat.type & vscode.FileType.Directory) return { refused: 'a folder, not a file' };
        if (!(stat.type & vscode.FileType.File)) return { refused: 'not a regular file' };
        if (stat.size > maxBytes) return tooLarge(maxBytes, stat.size);
        const bytes = await vscode.workspace.fs.readFile(uri(value));
        // It may have grown since it was measured.
        return bytes.length > maxBytes ? tooLarge(maxBytes, bytes.length) : { base64: toBase64(bytes) };
    });
    client.onRequest(WorkspaceFilesRequest.write, async ({ uri: value, base64 }: { uri: string, base64: string }) => {
        await vscode.workspace.fs.writeFile(uri(value), fromBase64(base64));
        return null;
    });
    client.onRequest(WorkspaceFilesRequest.rename, async ({ from, to, overwrite }: { from: string, to: string, overwrite: boolean }) => {
        try {
            await vscode.workspace.fs.rename(uri(from), uri(to), { overwrite });
            return true;
        } catch (error) {
            if (!overwrite && error instanceof vscode.FileSystemError && error.code === 'FileExists') return false;
            throw error;
        }
    });
    client.onRequest(WorkspaceFilesRequest.delete, async ({ uri: value }: { uri: string }) => {
        await vscode.workspace.fs.delete(uri(value), { useTrash: false }).then(undefined, (error: unknown) => {
            if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
        });
        return null;
    });
    client.onRequest(WorkspaceFilesRequest.createFolder, async ({ uri: value }: { uri: string }) => {
        await vscode.workspace.fs.createDirectory(uri(value));
        return null;
    });
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
    try {
        return await vscode.workspace.fs.stat(uri);
    } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
    }
}

function kindOf(type: vscode.FileType): RemoteEntryKind {
    if (type & vscode.FileType.SymbolicLink) return 'symbolic link';
    return type & vscode.FileType.File ? 'file' : type & vscode.FileType.Directory ? 'folder' : 'other';
}
