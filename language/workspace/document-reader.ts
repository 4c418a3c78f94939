import type { LangiumDocument, LangiumDocuments, URI } from 'langium';
import { describeFileError } from '../files/file-errors.js';

export interface UnreadableFile {
    readonly uri: URI;
    readonly reason: string;
}

/**
 * Opens the document at `uri`, or says why it cannot be a model file: it could not be read
 * (permissions, a dangling link, a FIFO or a device) or it is binary. Such files are reported
 * and left out; they never stop the rest of the workspace from loading. A file over the size
 * limit is not one of them: it is opened empty and reported as `file-too-large`.
 */
export async function readModelDocument(documents: LangiumDocuments, uri: URI): Promise<LangiumDocument | UnreadableFile> {
    let document: LangiumDocument;
    try {
        document = await documents.getOrCreateDocument(uri);
    } catch (error) {
        return { uri, reason: describeFileError(error) };
    }
    if (document.textDocument.getText().includes('\u0000')) {
        documents.deleteDocument(uri);
        return { uri, reason: 'binary content, not a text file' };
    }
    return document;
}

export function isUnreadable(result: LangiumDocument | UnreadableFile): result is UnreadableFile {
    return 'reason' in result;
}
