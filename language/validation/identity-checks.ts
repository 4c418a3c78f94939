import type { AstNode, ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { Model } from '../generated/ast.js';
import { isControl, isFramework } from '../generated/ast.js';
import { kindLabel } from '../model/element-kinds.js';
import { describeLocation } from '../model/locations.js';
import type { LocatedDeclaration, ModelIndex } from '../model/model-index.js';

const MAX_NAMED = 3;

/**
 * `duplicate-id`: ids are unique per kind across the workspace and the built-in catalogs; a
 * control's id only within its framework, as frameworks are free to share ids.
 */
export class IdentityChecks {

    constructor(private readonly modelIndex: ModelIndex) { }

    checkUniqueIds(model: Model, accept: ValidationAcceptor): void {
        if (!model.$document) return;
        for (const declaration of this.modelIndex.facts(model.$document).declarations) {
            const all = this.modelIndex.declarationsOf(declaration.type, declaration.name);
            if (all.length < 2) continue;
            const framework = frameworkOf(declaration.node);
            // Name a few of the others: a thousand copies must not make a thousand-line message each.
            const others = all.filter(other => other.node !== declaration.node && frameworkOf(other.node) === framework);
            if (others.length === 0) continue;
            const shown = others.slice(0, MAX_NAMED);
            const more = others.length > shown.length ? ` and ${others.length - shown.length} more` : '';
            const kind = kindLabel(declaration.type);
            accept('error', `Duplicate ${kind} id '${declaration.name}': also declared ${shown.map(describe).join(', ')}${more}. Ids of one kind must be unique across the workspace.`, {
                node: declaration.node,
                property: 'name',
                code: 'duplicate-id',
                relatedInformation: shown.filter(other => !isBuiltinUri(other.uri)).map(relatedDeclaration)
            });
        }
    }
}

/** The framework a control is declared in; undefined for every other element. */
function frameworkOf(node: AstNode): string | undefined {
    return isControl(node) && isFramework(node.$container) ? node.$container.name : undefined;
}

function describe(declaration: LocatedDeclaration): string {
    return `in ${describeLocation(declaration.uri, declaration.node)}`;
}

function relatedDeclaration(other: LocatedDeclaration): DiagnosticRelatedInformation {
    return {
        location: { uri: other.uri, range: other.node.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        message: `Other declaration of '${other.name}'`
    };
}
