import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { Cancellation, URI } from 'langium';
import { BUILTIN_DOCUMENTS } from '../builtin/builtin-documents.js';
import type { UnreadableFile } from './document-reader.js';
import { catalogsWantedBy } from './optional-catalogs.js';
import { isUnreadable, readModelDocument } from './document-reader.js';

export interface LoadedWorkspace {
    /** The user's documents, sorted by URI; built and validated. */
    readonly documents: readonly LangiumDocument[];
    readonly unreadable: readonly UnreadableFile[];
}

/**
 * Loads the `.isms` files below `folders` and the given `files` as one model, together with
 * the built-in catalog, and builds them with validation: what the language server does at
 * start-up, for the CLI and the tests. With a real `cancelToken` the build takes turns with
 * other work of the process, as the language server's builds do.
 */
export async function loadWorkspace(shared: LangiumSharedCoreServices, targets: { folders: URI[], files: URI[] },
    cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<LoadedWorkspace> {
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder, WorkspaceManager } = shared.workspace;
    const uris = new Map<string, URI>();
    for (const file of targets.files) {
        uris.set(file.toString(), file);
    }
    for (const folder of targets.folders) {
        for (const uri of await WorkspaceManager.searchFolder(folder)) {
            uris.set(uri.toString(), uri);
        }
    }
    const documents: LangiumDocument[] = [];
    const unreadable: UnreadableFile[] = [];
    for (const uri of [...uris.keys()].sort().map(key => uris.get(key)!)) {
        const result = await readModelDocument(LangiumDocuments, uri);
        if (isUnreadable(result)) {
            unreadable.push(result);
        } else {
            documents.push(result);
        }
    }
    const builtins = [...BUILTIN_DOCUMENTS, ...catalogsWantedBy(documents)]
        .filter(builtin => !LangiumDocuments.hasDocument(builtin.uri))
        .map(builtin => LangiumDocumentFactory.fromString(builtin.text, builtin.uri));
    builtins.forEach(document => LangiumDocuments.addDocument(document));
    await DocumentBuilder.build([...builtins, ...documents], { validation: true }, cancelToken);

    return { documents, unreadable };
}
