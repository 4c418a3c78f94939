import type { FileSystemProvider, URI } from 'langium';

/** A model file over the size limit, which was not read. */
export interface OversizedFile {
    readonly size: number;
}

/** A file system that can refuse a model file before reading it whole: the disk (model-file-system.ts). */
export interface ModelFileReader {
    /** The text of the file, or its size when that is over `maxBytes`; throws when it cannot be read. */
    readModelFile(uri: URI, maxBytes: number): string | OversizedFile;
}

/** The same through the editor, from a web worker (remote-file-system.ts): the editor measures first. */
export interface AsyncModelFileReader {
    readModelFile(uri: URI, maxBytes: number): Promise<string | OversizedFile>;
}

export function isModelFileReader(provider: FileSystemProvider): provider is FileSystemProvider & (ModelFileReader | AsyncModelFileReader) {
    return typeof (provider as Partial<ModelFileReader>).readModelFile === 'function';
}
