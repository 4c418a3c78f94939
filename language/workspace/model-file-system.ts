import type { FileSystemProvider, URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { isReadRefusal, readRegularFile } from '../files/regular-file.js';

/** A model file over the size limit, which was not read. */
export interface OversizedFile {
    readonly size: number;
}

/** A file system that can refuse a model file before reading it whole. */
export interface ModelFileReader {
    /** The text of the file, or its size when that is over `maxBytes`; throws when it cannot be read. */
    readModelFile(uri: URI, maxBytes: number): string | OversizedFile;
}

export function isModelFileReader(provider: FileSystemProvider): provider is FileSystemProvider & ModelFileReader {
    return typeof (provider as Partial<ModelFileReader>).readModelFile === 'function';
}

/**
 * The disk as the server and the CLI read it. Model files are read only when they are regular
 * files: a FIFO or a device named `*.isms` is refused at once instead of blocking the process.
 * Reads are synchronous: a bounded read of one file is quicker than Node's asynchronous one.
 */
export class ModelFileSystemProvider extends NodeFileSystemProvider implements ModelFileReader {

    readModelFile(uri: URI, maxBytes: number): string | OversizedFile {
        const result = readRegularFile(uri.fsPath, { maxBytes });
        if (!isReadRefusal(result)) return result.toString('utf-8');
        if (result.size !== undefined) return { size: result.size };
        throw new Error(result.refused);
    }

    /** Reads that do not go through the document factory get no size limit, only the other checks. */
    override async readFile(uri: URI): Promise<string> {
        return this.readModelFile(uri, Number.MAX_SAFE_INTEGER) as string;
    }
}
