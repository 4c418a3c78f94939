import { URI } from 'langium';
import { ANNEX_A_2022_SOURCE } from './annex-a-2022.js';
import { CSF2_FRAMEWORK, CSF2_SOURCE } from './catalogs/csf-2.0.js';
import { ISO27001_2013_FRAMEWORK, ISO27001_2013_SOURCE } from './catalogs/iso27001-2013.js';
import { NIS2_FRAMEWORK, NIS2_SOURCE } from './catalogs/nis2.js';

/** Scheme of documents that ship with the tool; editors show them read-only. */
export const BUILTIN_SCHEME = 'isms-builtin';

export interface BuiltinDocument {
    readonly uri: URI;
    readonly text: string;
    /** For a catalog loaded on demand: the framework it declares. */
    readonly framework?: string;
}

function builtin(file: string, text: string, framework?: string): BuiltinDocument {
    return { uri: URI.parse(`${BUILTIN_SCHEME}:///${file}`), text, framework };
}

/** Always loaded: the catalog the SoA is built against by default. */
export const BUILTIN_DOCUMENTS: readonly BuiltinDocument[] = [
    builtin('iso27001-2022-annex-a.isms', ANNEX_A_2022_SOURCE)
];

/**
 * Catalogs of other frameworks, loaded when an isms block names them (`framework`, `frameworks`)
 * and no file of the user's declares a framework of that name: a model pays for the catalogs it
 * uses, and a framework of the user's own replaces the shipped one.
 */
export const OPTIONAL_CATALOGS: readonly BuiltinDocument[] = [
    builtin('nist-csf-2.0.isms', CSF2_SOURCE, CSF2_FRAMEWORK),
    builtin('nis2-article-21.isms', NIS2_SOURCE, NIS2_FRAMEWORK),
    builtin('iso27001-2013-annex-a.isms', ISO27001_2013_SOURCE, ISO27001_2013_FRAMEWORK)
];

/** The shipped document at `uri`, if any. */
export function builtinDocument(uri: URI | string): BuiltinDocument | undefined {
    const key = uri.toString();
    return [...BUILTIN_DOCUMENTS, ...OPTIONAL_CATALOGS].find(document => document.uri.toString() === key);
}

export function isBuiltinUri(uri: URI | string): boolean {
    return (typeof uri === 'string' ? URI.parse(uri) : uri).scheme === BUILTIN_SCHEME;
}
