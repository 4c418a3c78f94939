import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { isReadRefusal, readRegularFile } from '../files/regular-file.js';
import type { ModelFileReader, OversizedFile } from './model-file-reader.js';

export type { ModelFileReader, OversizedFile } from './model-file-reader.js';
export { isModelFileReader } from './model-file-reader.js';

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
