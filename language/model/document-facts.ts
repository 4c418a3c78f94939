import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { IsmsBlock, Model } from '../generated/ast.js';
import { isIsmsBlock, isLevel, isScaleValue } from '../generated/ast.js';

/** A named element of the model, as the workspace-wide rules see it. */
export interface Declaration {
    readonly type: string;
    readonly name: string;
    readonly node: AstNode & { name: string };
}

/**
 * What one document contributes to the workspace-wide model. Computed once per parse and
 * cached, so that rules spanning files never walk every document's syntax tree again.
 *
 * `entries` name each contribution as `topic` or `topic=value`; when a document changes, the
 * entries that appeared or disappeared tell which topics changed, and so which other
 * documents (those whose `reads` name a changed topic) need their diagnostics refreshed.
 */
export interface DocumentFacts {
    readonly uri: string;
    readonly declarations: readonly Declaration[];
    readonly ismsBlocks: readonly IsmsBlock[];
    readonly entries: ReadonlySet<string>;
    readonly reads: ReadonlySet<string>;
}

export function declarationTopic(type: string, name: string): string {
    return `declaration:${type}:${name}`;
}

export const ISMS_TOPIC = 'isms';

/** The topic of an entry `topic=value`. */
export function topicOf(entry: string): string {
    const separator = entry.indexOf('=');
    return separator < 0 ? entry : entry.slice(0, separator);
}

export function collectDocumentFacts(document: LangiumDocument): DocumentFacts {
    const root = document.parseResult.value as Model;
    const declarations: Declaration[] = [];
    const ismsBlocks: IsmsBlock[] = [];
    const entries = new Set<string>();
    const reads = new Set<string>();

    const nodes = AstUtils.streamAst(root).iterator();
    for (const node of nodes) {
        if (isLevel(node) || isScaleValue(node)) {
            nodes.prune();
            continue;
        }
        if (isIsmsBlock(node)) {
            ismsBlocks.push(node);
        }
        const name = (node as { name?: unknown }).name;
        if (typeof name === 'string' && name.length > 0) {
            declarations.push({ type: node.$type, name, node: node as AstNode & { name: string } });
            const topic = declarationTopic(node.$type, name);
            entries.add(topic);
            reads.add(topic);
        }
    }
    // Whether the workspace has none, one or several isms blocks decides diagnostics in every file.
    if (ismsBlocks.length > 0) {
        entries.add(`${ISMS_TOPIC}=${ismsBlocks.length}`);
    }
    reads.add(ISMS_TOPIC);
    return { uri: document.uri.toString(), declarations, ismsBlocks, entries, reads };
}
