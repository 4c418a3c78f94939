import type { LangiumDocument, URI } from 'langium';
import { Cancellation, DefaultLangiumDocumentFactory } from 'langium';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinDocument } from '../builtin/builtin-documents.js';
import { DEFAULT_MAX_FILE_SIZE } from '../config/byte-size.js';
import type { IsmsServices } from '../isms-module.js';
import type { OversizedFile } from './model-file-reader.js';
import { isModelFileReader } from './model-file-reader.js';

/** A model file left out of the model for its size, and the limit in force when it was read. */
export interface FileOverLimit {
    readonly size: number;
    readonly limit: number;
}

/**
 * Keeps model files over `isms.maxFileSize` out of the parser, whether they come from disk or
 * from the editor: Langium needs 100–150 MB of heap per MB of source, so one huge file would
 * take the whole process down. Such a file becomes an empty document; the validator reports
 * it with `file-too-large`.
 */
export class IsmsDocumentFactory extends DefaultLangiumDocumentFactory {

    /** By URI: the files whose text, when last read, was over the limit. */
    private readonly overLimit = new Map<string, FileOverLimit>();

    fileOverLimit(uri: URI): FileOverLimit | undefined {
        return this.overLimit.get(uri.toString());
    }

    protected override async getInitialText(uri: URI, cancellationToken: Cancellation.CancellationToken): Promise<string> {
        // A shipped catalog loaded on demand comes from the tool, not from the file system.
        const shipped = builtinDocument(uri);
        if (shipped) return shipped.text;
        const limit = this.limit(uri);
        if (isModelFileReader(this.fileSystemProvider)) {
            return this.admit(uri, await this.fileSystemProvider.readModelFile(uri, limit), limit);
        }
        return this.admit(uri, await super.getInitialText(uri, cancellationToken), limit);
    }

    protected override async getUpdatedText(document: LangiumDocument, textDocument: TextDocument | undefined, cancellationToken: Cancellation.CancellationToken): Promise<string> {
        return textDocument
            ? this.admit(document.uri, textDocument.getText(), this.limit(document.uri))
            : this.getInitialText(document.uri, cancellationToken);
    }

    /** The text to parse: the file's own, or nothing when it is over the limit. */
    private admit(uri: URI, text: string | OversizedFile, limit: number): string {
        const size = typeof text === 'string' ? utf8SizeOver(text, limit) : text.size;
        if (size === undefined) {
            this.overLimit.delete(uri.toString());
            return text as string;
        }
        this.overLimit.set(uri.toString(), { size, limit });
        return '';
    }

    private limit(uri: URI): number {
        return (this.serviceRegistry.getServices(uri) as Partial<IsmsServices>).config?.Settings.maxFileSize() ?? DEFAULT_MAX_FILE_SIZE;
    }
}

/** The UTF-8 size of `text` when it is over `limit`; counted only when the length leaves a doubt. */
function utf8SizeOver(text: string, limit: number): number | undefined {
    // A UTF-16 code unit takes one to three bytes in UTF-8.
    if (text.length * 3 <= limit) return undefined;
    const size = new TextEncoder().encode(text).length;
    return size > limit ? size : undefined;
}
