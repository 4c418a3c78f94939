import type { AstNode } from 'langium';
import { URI } from 'langium';
import { isBuiltinUri } from '../builtin/builtin-documents.js';

/** `risks.isms:12`, or the built-in catalog: how messages point at another place in the model. */
export function describeLocation(uri: string, node: AstNode): string {
    if (isBuiltinUri(uri)) {
        return 'the built-in ISO/IEC 27001:2022 catalog';
    }
    const line = (node.$cstNode?.range.start.line ?? 0) + 1;
    return `${URI.parse(uri).path.split('/').pop()}:${line}`;
}
