import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { Cancellation, DocumentState, URI } from 'langium';
import type { BuiltinDocument } from '../builtin/builtin-documents.js';
import { isBuiltinUri, OPTIONAL_CATALOGS } from '../builtin/builtin-documents.js';
import type { Model } from '../generated/ast.js';
import { isFramework, isIsmsBlock } from '../generated/ast.js';

/**
 * The shipped catalogs that `documents` ask for: an isms block names the framework (`framework`,
 * `frameworks`), and no document declares a framework of that name. Read from the syntax trees
 * alone, so that it can be answered before the first build.
 */
export function catalogsWantedBy(documents: Iterable<LangiumDocument>): BuiltinDocument[] {
    const named = new Set<string>();
    const own = new Set<string>();
    for (const document of documents) {
        if (isBuiltinUri(document.uri)) continue;
        for (const element of (document.parseResult.value as Model).elements ?? []) {
            if (isIsmsBlock(element)) {
                if (element.framework) named.add(element.framework.$refText);
                element.frameworks.forEach(framework => named.add(framework.$refText));
            } else if (isFramework(element) && element.name) {
                own.add(element.name);
            }
        }
    }
    return OPTIONAL_CATALOGS.filter(catalog => catalog.framework !== undefined && named.has(catalog.framework) && !own.has(catalog.framework));
}

/**
 * Keeps the shipped catalogs of other frameworks (NIST CSF 2.0, NIS2, ISO/IEC 27001:2013) in the
 * workspace exactly while the model asks for them. The workspace loaders take them in with the
 * first build (`catalogsWantedBy`); this follows the edits after it.
 */
export class OptionalCatalogs {

    constructor(private readonly shared: LangiumSharedCoreServices) { }

    /** The URIs of the catalogs the model asks for. */
    wanted(): Set<string> {
        return new Set(catalogsWantedBy(this.shared.workspace.LangiumDocuments.all).map(catalog => catalog.uri.toString()));
    }

    /** The URIs of the catalogs in the workspace now. */
    loaded(): Set<string> {
        const documents = this.shared.workspace.LangiumDocuments;
        return new Set(OPTIONAL_CATALOGS.map(catalog => catalog.uri.toString()).filter(uri => documents.hasDocument(URI.parse(uri))));
    }

    /** Whether the catalogs in the workspace differ from those the model asks for. */
    outOfStep(): boolean {
        const wanted = this.wanted();
        const loaded = this.loaded();
        return wanted.size !== loaded.size || [...wanted].some(uri => !loaded.has(uri));
    }

    /**
     * In the language server: after each build, brings the catalogs in step with what the model
     * asks for, as an edit would, under the workspace lock.
     */
    keepInStep(): void {
        this.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            if (!this.outOfStep()) return;
            // After the build that noticed it, not inside it.
            setImmediate(() => void this.shared.workspace.WorkspaceLock.write(async token => { await this.sync(token); }).catch(error => {
                console.error('ISMS: the catalogs the model names could not be loaded:', error);
            }));
        });
    }

    /** Loads and unloads catalogs until they match what the model asks for; whether anything changed. */
    async sync(cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<boolean> {
        const wanted = this.wanted();
        const loaded = this.loaded();
        const load = [...wanted].filter(uri => !loaded.has(uri)).map(uri => URI.parse(uri));
        const unload = [...loaded].filter(uri => !wanted.has(uri)).map(uri => URI.parse(uri));
        if (load.length === 0 && unload.length === 0) return false;
        await this.shared.workspace.DocumentBuilder.update(load, unload, cancelToken);
        return true;
    }
}
