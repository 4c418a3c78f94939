import { URI } from 'langium';
import { ANNEX_A_2022_SOURCE } from './annex-a-2022.js';

/** Scheme of documents that ship with the tool; editors show them read-only. */
export const BUILTIN_SCHEME = 'isms-builtin';

export interface BuiltinDocument {
    uri: URI;
    text: string;
}

export const BUILTIN_DOCUMENTS: readonly BuiltinDocument[] = [
    { uri: URI.parse(`${BUILTIN_SCHEME}:///iso27001-2022-annex-a.isms`), text: ANNEX_A_2022_SOURCE }
];

export function isBuiltinUri(uri: URI | string): boolean {
    return (typeof uri === 'string' ? URI.parse(uri) : uri).scheme === BUILTIN_SCHEME;
}
