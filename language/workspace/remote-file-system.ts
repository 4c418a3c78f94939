import type { FileSystemNode, FileSystemProvider } from 'langium';
import type { URI } from 'langium';
import { UriUtils } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { AsyncModelFileReader, OversizedFile } from './model-file-reader.js';
import type { ReadResult, RemoteEntryKind, StatResult } from './workspace-files-protocol.js';
import { fromBase64, WorkspaceFilesRequest } from './workspace-files-protocol.js';

/**
 * The workspace as the language server in a web worker reads it: every call is a request to the
 * editor (workspace-files-protocol.ts). Model files get the disk's guards: the editor measures
 * a file before reading it, so a file over `isms.maxFileSize` is refused unread and reported as
 * `file-too-large`; a folder or a special file is refused with the words the disk uses. There is
 * no synchronous access in a worker: the `…Sync` calls say so.
 */
export class RemoteFileSystemProvider implements FileSystemProvider, AsyncModelFileReader {

    constructor(private readonly connection: () => Connection) { }

    async readModelFile(uri: URI, maxBytes: number): Promise<string | OversizedFile> {
        const result = await this.read(uri, maxBytes);
        if ('base64' in result) return new TextDecoder().decode(fromBase64(result.base64));
        if (result.size !== undefined) return { size: result.size };
        throw new Error(result.refused);
    }

    /** Reads that do not go through the document factory get no size limit, only the other checks. */
    async readFile(uri: URI): Promise<string> {
        return await this.readModelFile(uri, Number.MAX_SAFE_INTEGER) as string;
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        const result = await this.read(uri, Number.MAX_SAFE_INTEGER);
        if ('base64' in result) return fromBase64(result.base64);
        throw new Error(result.refused);
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        const stat = await this.request<StatResult | null>(WorkspaceFilesRequest.stat, { uri: uri.toString() });
        if (!stat) throw Object.assign(new Error(`${uri.toString()}: no such file`), { code: 'ENOENT' });
        return node(uri, stat.kind);
    }

    async exists(uri: URI): Promise<boolean> {
        return (await this.request<StatResult | null>(WorkspaceFilesRequest.stat, { uri: uri.toString() })) !== null;
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const entries = await this.request<Array<[string, RemoteEntryKind]>>(WorkspaceFilesRequest.readDirectory, { uri: uri.toString() });
        return entries.map(([name, kind]) => node(UriUtils.joinPath(uri, name), kind));
    }

    statSync(): FileSystemNode {
        throw noSyncAccess();
    }

    existsSync(): boolean {
        throw noSyncAccess();
    }

    readBinarySync(): Uint8Array {
        throw noSyncAccess();
    }

    readFileSync(): string {
        throw noSyncAccess();
    }

    readDirectorySync(): FileSystemNode[] {
        throw noSyncAccess();
    }

    private read(uri: URI, maxBytes: number): Promise<ReadResult> {
        return this.request<ReadResult>(WorkspaceFilesRequest.read, { uri: uri.toString(), maxBytes });
    }

    private request<T>(method: string, params: object): Promise<T> {
        return this.connection().sendRequest(method, params) as Promise<T>;
    }
}

function node(uri: URI, kind: RemoteEntryKind): FileSystemNode {
    return { uri, isFile: kind === 'file', isDirectory: kind === 'folder' };
}

function noSyncAccess(): Error {
    return new Error('The language server in a web worker reads files through the editor only, never synchronously.');
}
