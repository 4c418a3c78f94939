// What the file readers say about a file they did not read; no file system here, so that the
// language server in a web worker shares the wording with the one on Node.

/** Why a file was not read; the caller treats the file as absent and says so once. */
export interface ReadRefusal {
    readonly refused: string;
    /** The file's size in bytes, when it was refused for being larger than `maxBytes`. */
    readonly size?: number;
}

/** A file system error as a few words for a message. */
export function describeFileError(error: unknown): string {
    switch ((error as { code?: string }).code) {
        case 'ENOENT': return 'no such file';
        case 'EACCES':
        case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'a folder, not a file';
        case 'ELOOP': return 'a loop of symbolic links';
        case 'ENAMETOOLONG': return 'a name too long';
        default: return error instanceof Error ? error.message : String(error);
    }
}

/** `5 MB`, `512 KB`, `100 bytes`: a limit as people say it. */
export function formatBytes(bytes: number): string {
    const MB = 1024 * 1024;
    if (bytes >= MB && (bytes * 10) % MB === 0) return `${bytes / MB} MB`;
    if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
    return `${bytes} bytes`;
}

/** `52.1 MB`, `3 KB`: a file's size, rounded up so that a size over a limit never reads as the limit. */
export function formatSize(bytes: number): string {
    const KB = 1024;
    const MB = KB * KB;
    const [unit, name] = bytes >= MB ? [MB, 'MB'] : bytes >= KB ? [KB, 'KB'] : [1, 'bytes'];
    return `${Math.ceil((bytes / unit) * 10) / 10} ${name}`;
}
