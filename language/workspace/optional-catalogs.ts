import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import type { BuiltinDocument } from '../builtin/builtin-documents.js';
import { isBuiltinUri, OPTIONAL_CATALOGS } from '../builtin/builtin-documents.js';
import type { Model } from '../generated/ast.js';
import type { ModelIndex } from '../model/model-index.js';
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
                if (element.framework[0]) named.add(element.framework[0].$refText);
                element.frameworks.forEach(framework => named.add(framework.$refText));
            } else if (isFramework(element) && element.name) {
                own.add(element.name);
            }
        }
    }
    return OPTIONAL_CATALOGS.filter(catalog => catalog.framework !== undefined && named.has(catalog.framework) && !own.has(catalog.framework));
}

/**
 * Which shipped catalogs of other frameworks (NIST CSF 2.0, NIS2, ISO/IEC 27001:2013) the
 * workspace should hold: exactly those the model asks for. The workspace loaders take them in
 * with the first build (`catalogsWantedBy`); the document builder follows the edits after it.
 */
export class OptionalCatalogs {

    constructor(private readonly shared: LangiumSharedCoreServices, private readonly modelIndex: ModelIndex) { }

    /** The URIs of the catalogs the model asks for, from the model index: what an edit costs does not grow with the workspace. */
    wanted(): Set<string> {
        const named = new Set<string>();
        for (const { node } of this.modelIndex.ismsBlocks()) {
            if (node.framework[0]) named.add(node.framework[0].$refText);
            node.frameworks.forEach(framework => named.add(framework.$refText));
        }
        const own = new Set(this.modelIndex.userDeclarations('Framework').map(declaration => declaration.name));
        return new Set(OPTIONAL_CATALOGS
            .filter(catalog => catalog.framework !== undefined && named.has(catalog.framework) && !own.has(catalog.framework))
            .map(catalog => catalog.uri.toString()));
    }

    /** The URIs of the catalogs in the workspace now. */
    loaded(): Set<string> {
        const documents = this.shared.workspace.LangiumDocuments;
        return new Set(OPTIONAL_CATALOGS.map(catalog => catalog.uri.toString()).filter(uri => documents.hasDocument(URI.parse(uri))));
    }

    /** The catalogs to load and to unload so that the workspace has those the model asks for; none when it has. */
    step(): { load: URI[], unload: URI[] } | undefined {
        const wanted = this.wanted();
        const loaded = this.loaded();
        const load = [...wanted].filter(uri => !loaded.has(uri)).map(uri => URI.parse(uri));
        const unload = [...loaded].filter(uri => !wanted.has(uri)).map(uri => URI.parse(uri));
        return load.length > 0 || unload.length > 0 ? { load, unload } : undefined;
    }
}
