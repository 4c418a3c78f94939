import { formatBytes } from '../files/file-errors.js';

/**
 * The requests a language server in a web worker sends to the editor to reach the workspace's
 * files: the worker has no file system, the editor has `vscode.workspace.fs`, which reaches any
 * workspace (`file:`, `vscode-remote:`, `vscode-vfs:`). Answered by client/workspace-files.ts.
 * Bytes travel as base64, which every JSON-RPC transport carries.
 */
export const WorkspaceFilesRequest = {
    /** `{ uri }` → `StatResult | null` (null: nothing there). */
    stat: 'isms/workspaceFiles/stat',
    /** `{ uri }` → `[name, kind][]`. */
    readDirectory: 'isms/workspaceFiles/readDirectory',
    /** `{ uri, maxBytes }` → `ReadResult`: the bytes, or why not (over `maxBytes`: its size). */
    read: 'isms/workspaceFiles/read',
    /** `{ uri, base64 }` → null; creates or replaces the file. */
    write: 'isms/workspaceFiles/write',
    /** `{ from, to, overwrite }` → `true`, or `false` when `to` exists and `overwrite` is false. */
    rename: 'isms/workspaceFiles/rename',
    /** `{ uri }` → null; nothing there is no error. */
    delete: 'isms/workspaceFiles/delete',
    /** `{ uri }` → null; with its parents. */
    createFolder: 'isms/workspaceFiles/createFolder'
} as const;

export type RemoteEntryKind = 'file' | 'folder' | 'symbolic link' | 'other';

export interface StatResult {
    readonly kind: RemoteEntryKind;
    readonly size: number;
    readonly mtime: number;
}

export type ReadResult = { readonly base64: string } | { readonly refused: string, readonly size?: number };

/** The refusal of a file over `maxBytes`, in the disk reader's words (regular-file.ts). */
export function tooLarge(maxBytes: number, size: number): ReadResult {
    return { refused: `larger than ${formatBytes(maxBytes)}`, size };
}

export function toBase64(bytes: Uint8Array): string {
    let binary = '';
    // In slices: String.fromCharCode takes its arguments on the stack.
    for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
}

export function fromBase64(base64: string): Uint8Array {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
}
