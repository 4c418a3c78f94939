import type { FileSystemNode, FileSystemProvider } from 'langium';
import { URI } from 'langium';
import * as path from 'node:path';
import type { ModelFileReader, OversizedFile } from '../workspace/model-file-system.js';
import type { TreeEntry } from './git-repository.js';

/**
 * A commit's tree as a read-only file system, at the paths the files have in the working tree:
 * the workspace loader, the document factory and the evidence checks read a commit exactly as
 * they read the disk. Model files are read from git beforehand (`contents`); other files are
 * only known to exist.
 */
export class CommitFileSystem implements FileSystemProvider, ModelFileReader {

    private readonly files = new Map<string, TreeEntry>();
    /** Folder path to the names of its entries, `/`-terminated for folders. */
    private readonly folders = new Map<string, Set<string>>();

    constructor(
        private readonly root: string,
        entries: readonly TreeEntry[],
        /** By blob id: the model files' contents. */
        private readonly contents: ReadonlyMap<string, Buffer>,
        /** Named in messages, such as `HEAD~1`. */
        private readonly revision: string
    ) {
        for (const entry of entries) {
            this.files.set(entry.path, entry);
            let child = entry.path;
            for (let parent = parentOf(child); ; parent = parentOf(parent)) {
                const names = this.folders.get(parent) ?? new Set<string>();
                const isNew = names.size === 0;
                names.add(child === entry.path ? basename(child) : basename(child) + '/');
                this.folders.set(parent, names);
                if (parent === '' || !isNew) break;
                child = parent;
            }
        }
    }

    /** The tree entry at a path of the working tree, if the commit has a file there. */
    entry(uri: URI): TreeEntry | undefined {
        const relative = this.relative(uri);
        return relative === undefined ? undefined : this.files.get(relative);
    }

    readModelFile(uri: URI, maxBytes: number): string | OversizedFile {
        const entry = this.entry(uri);
        if (!entry) throw new Error(`not in ${this.revision}`);
        if (entry.symlink) throw new Error(`a symbolic link in ${this.revision}, not followed`);
        if (entry.size > maxBytes) return { size: entry.size };
        const content = this.contents.get(entry.id);
        if (!content) throw new Error(`not read from ${this.revision}`);
        return content.toString('utf8');
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readFileSync(uri: URI): string {
        return this.readModelFile(uri, Number.MAX_SAFE_INTEGER) as string;
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        return Buffer.from(this.readFileSync(uri), 'utf8');
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    existsSync(uri: URI): boolean {
        const relative = this.relative(uri);
        return relative !== undefined && (this.files.has(relative) || this.folders.has(relative));
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    statSync(uri: URI): FileSystemNode {
        const relative = this.relative(uri);
        const isFile = relative !== undefined && this.files.has(relative);
        const isDirectory = relative !== undefined && this.folders.has(relative);
        if (!isFile && !isDirectory) throw new Error(`${uri.fsPath}: not in ${this.revision}`);
        return { uri, isFile, isDirectory };
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }

    /** A folder the commit does not have reads as empty: the model simply has no files there yet. */
    readDirectorySync(uri: URI): FileSystemNode[] {
        const relative = this.relative(uri);
        const names = relative === undefined ? undefined : this.folders.get(relative);
        return [...names ?? []].sort().map(name => {
            const isDirectory = name.endsWith('/');
            return { uri: URI.file(path.join(uri.fsPath, isDirectory ? name.slice(0, -1) : name)), isFile: !isDirectory, isDirectory };
        });
    }

    private relative(uri: URI): string | undefined {
        const relative = path.relative(this.root, uri.fsPath);
        if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
        return relative.split(path.sep).join('/');
    }
}

function parentOf(relative: string): string {
    const slash = relative.lastIndexOf('/');
    return slash < 0 ? '' : relative.slice(0, slash);
}

function basename(relative: string): string {
    return relative.slice(relative.lastIndexOf('/') + 1);
}
