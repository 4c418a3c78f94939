import type { ValidationAcceptor } from 'langium';
import type { IsmsBlock, Model } from '../generated/ast.js';
import { describeLocation } from '../model/locations.js';
import type { ModelIndex } from '../model/model-index.js';

/** Clause 4: one `isms` block per workspace, with a scope. */
export class IsmsBlockChecks {

    constructor(private readonly modelIndex: ModelIndex) { }

    checkWorkspaceHasIsms(model: Model, accept: ValidationAcceptor): void {
        const uri = model.$document?.uri.toString();
        if (uri === undefined || uri !== this.modelIndex.userDocumentUris()[0]) return;
        if (this.modelIndex.ismsBlocks().length === 0) {
            accept('error', 'The workspace has no isms block. Declare one: isms "Name" { organization "…" framework ISO27001_2022 scope { … } }.', {
                node: model,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                code: 'isms-missing'
            });
        }
    }

    checkSingleIsms(block: IsmsBlock, accept: ValidationAcceptor): void {
        const others = this.modelIndex.ismsBlocks().filter(other => other.node !== block);
        if (others.length > 0) {
            const where = others.map(other => describeLocation(other.uri, other.node));
            accept('error', `More than one isms block in the workspace (also in ${where.join(', ')}). Keep exactly one.`, {
                node: block, keyword: 'isms', code: 'isms-duplicate'
            });
        }
    }

    checkScopeDeclared(block: IsmsBlock, accept: ValidationAcceptor): void {
        if (!block.scope[0]) {
            accept('error', 'The isms block has no scope (clause 4.3). Add scope { description "…" includes … }.', {
                node: block, keyword: 'isms', code: 'scope-missing'
            });
        }
    }
}
