import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider, AllSemanticTokenModifiers, AllSemanticTokenTypes } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { IsmsServices } from '../isms-module.js';
import type { ModelIndex } from '../model/model-index.js';

/**
 * The custom modifier of dates. Themes that do not know it colour dates as plain numbers;
 * a theme or `editor.semanticTokenColorCustomizations` can style `number.date`.
 */
export const DATE_MODIFIER = 'date';

const TOKEN_MODIFIERS: Record<string, number> = {
    ...AllSemanticTokenModifiers,
    // The legend lists modifiers by bit index: the next free bit after Langium's ten.
    [DATE_MODIFIER]: 1 << Object.keys(AllSemanticTokenModifiers).length
};

/** How a value assigned to a property is coloured. */
interface TokenSpec {
    readonly type: string;
    readonly modifiers: readonly string[];
    /** For ids (declared or referenced): the kind of element named, to spot built-in ones. */
    readonly element?: string;
    /** A reference that may name elements of several kinds (`addressed-by`): coloured by what it resolves to. */
    readonly union?: boolean;
    /** An enumerated word that may also be written as a string (`theme people`, `theme "Access Control"`). */
    readonly orString?: boolean;
}

/**
 * The token type of an id, by the kind of element it names; the same for a declaration (with
 * the `declaration` modifier) and for every reference to it.
 */
function elementTokenType(type: string | undefined): string {
    switch (type) {
        case 'Role': return SemanticTokenTypes.parameter;
        case 'Control': return SemanticTokenTypes.macro;
        case 'Framework':
        case 'Mapping': return SemanticTokenTypes.namespace;
        case 'Attribute': return SemanticTokenTypes.enum;
        case 'AttributeValue': return SemanticTokenTypes.enumMember;
        case 'Level': return SemanticTokenTypes.enumMember;
        default: return SemanticTokenTypes.type;
    }
}

/**
 * Semantic tokens of `.isms` files. Keywords, comments and punctuation are left to the TextMate
 * grammar; this provider colours what the grammar alone cannot tell apart.
 *
 * Legend: Langium's standard token types and modifiers, plus the custom modifier `date`.
 *
 * - `type`: ids of assets, suppliers, threats, vulnerabilities, risks, policies, objectives,
 *   audits, findings, incidents, management reviews and methodologies;
 * - `parameter`: role ids (`owner`, `accepted-by`, `by`, `attendees`, `top-management`…);
 * - `macro`: control ids (catalog, `controls`, `apply`, `exclude`, `maps`);
 * - `namespace`: framework and mapping ids;
 * - `enum`: attribute ids; `enumMember` also their values (`Preventive`);
 * - `enumMember`: level names of a methodology (`low 1..4`) and enumerated words (asset kind,
 *   classification, ratings, criticality, threat category and source, finding severity,
 *   statuses, reason kinds, control themes, interval units);
 * - `number`: numbers (likelihood, impact, scale values, level bounds, appetite, factor,
 *   interval count) and, with the modifier `date`, dates (`2026-09-01`);
 * - `string`: strings (titles, descriptions, reasons, evidence…).
 *
 * Modifiers: `declaration` where an id (or a level name) is declared, not where it is referred
 * to; `defaultLibrary` on controls and frameworks of the built-in Annex A catalog; `date` on dates.
 *
 * A reference is coloured by the kind it expects, resolved or not. The table of properties is
 * derived once from the grammar, and each AST node's own CST is walked once: linear in the
 * size of the document. A node that cannot be highlighted is skipped; the provider never throws
 * (except to honour a cancelled request).
 */
export class IsmsSemanticTokenProvider extends AbstractSemanticTokenProvider {

    private readonly modelIndex: ModelIndex;
    /** Per grammar element of a CST node: the assignment it belongs to, or null. */
    private readonly assignments = new Map<GrammarAST.AbstractElement, GrammarAST.Assignment | null>();
    private readonly specs = new Map<GrammarAST.Assignment, TokenSpec | null>();
    private readonly keywordRules = new Map<GrammarAST.AbstractRule, boolean>();

    constructor(services: IsmsServices) {
        super(services);
        this.modelIndex = services.model.ModelIndex;
    }

    override get tokenTypes(): Record<string, number> {
        return AllSemanticTokenTypes;
    }

    override get tokenModifiers(): Record<string, number> {
        return TOKEN_MODIFIERS;
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | undefined | 'prune' {
        const cst = node.$cstNode;
        if (!cst) return;
        try {
            const builtin = this.currentDocument !== undefined && isBuiltinUri(this.currentDocument.uri);
            this.visit(cst, node, true, builtin, acceptor);
        } catch (error) {
            // A broken node (error recovery) loses its colours, not the whole document's.
            console.error('ISMS semantic tokens failed for a node:', error);
        }
    }

    /** The node's own CST: stops at child AST nodes, which get their own call. */
    private visit(cst: CstNode, node: AstNode, first: boolean, builtinDocument: boolean, acceptor: SemanticTokenAcceptor): void {
        if (!first && !cst.hidden) {
            const assignment = this.assignmentOf(cst.grammarSource);
            if (assignment) {
                const spec = this.specOf(assignment);
                if (spec && cst.length > 0) {
                    const resolved = spec.union ? this.resolvedSpec(node, assignment.feature, cst)
                        : spec.orString && cst.text.startsWith('"') ? { type: SemanticTokenTypes.string, modifiers: [] } : spec;
                    acceptor({ cst, type: resolved.type, modifier: this.modifiersOf(resolved, cst, builtinDocument) });
                }
                return;
            }
        }
        if (isCompositeCstNode(cst) && cst.astNode === node) {
            for (const child of cst.content) {
                this.visit(child, node, false, builtinDocument, acceptor);
            }
        }
    }

    /** The colour of a reference to one of several kinds: that of the element it resolves to. */
    private resolvedSpec(node: AstNode, property: string, cst: CstNode): TokenSpec {
        const value = (node as unknown as Record<string, unknown>)[property];
        const references = (Array.isArray(value) ? value : [value]) as Array<{ $refNode?: CstNode, ref?: AstNode } | undefined>;
        const element = references.find(reference => reference?.$refNode?.offset === cst.offset)?.ref?.$type;
        return { type: elementTokenType(element), modifiers: [], element };
    }

    private modifiersOf(spec: TokenSpec, cst: CstNode, builtinDocument: boolean): string[] {
        const modifiers = [...spec.modifiers];
        if (spec.element === 'Control' || spec.element === 'Framework') {
            const declared = spec.modifiers.includes(SemanticTokenModifiers.declaration);
            if (declared ? builtinDocument : this.isBuiltin(spec.element, cst.text)) {
                modifiers.push(SemanticTokenModifiers.defaultLibrary);
            }
        }
        return modifiers;
    }

    /** Whether the name refers to an element of the built-in catalog only. */
    private isBuiltin(type: string, name: string): boolean {
        const declarations = this.modelIndex.declarationsOf(type, name);
        return declarations.length > 0 && declarations.every(declaration => isBuiltinUri(declaration.uri));
    }

    private assignmentOf(element: GrammarAST.AbstractElement | undefined): GrammarAST.Assignment | undefined {
        if (!element) return undefined;
        let assignment = this.assignments.get(element);
        if (assignment === undefined) {
            assignment = AstUtils.getContainerOfType(element, GrammarAST.isAssignment) ?? null;
            this.assignments.set(element, assignment);
        }
        return assignment ?? undefined;
    }

    private specOf(assignment: GrammarAST.Assignment): TokenSpec | undefined {
        let spec = this.specs.get(assignment);
        if (spec === undefined) {
            spec = this.computeSpec(assignment) ?? null;
            this.specs.set(assignment, spec);
        }
        return spec ?? undefined;
    }

    private computeSpec(assignment: GrammarAST.Assignment): TokenSpec | undefined {
        const terminal = assignment.terminal;
        if (GrammarAST.isCrossReference(terminal)) {
            const target = terminal.type.ref;
            const element = target?.name;
            return { type: elementTokenType(element), modifiers: [], element, union: GrammarAST.isType(target) };
        }
        if (!GrammarAST.isRuleCall(terminal)) {
            // Keywords assigned as values (`kind='mitigate'`) stay keywords.
            return undefined;
        }
        const rule = terminal.rule.ref;
        if (assignment.feature === 'name') {
            const owner = AstUtils.getContainerOfType(assignment, GrammarAST.isParserRule);
            const element = owner ? owner.returnType?.ref?.name ?? owner.name : undefined;
            return { type: elementTokenType(element), modifiers: [SemanticTokenModifiers.declaration], element };
        }
        if (GrammarAST.isTerminalRule(rule)) {
            switch (rule.name) {
                case 'DATE': return { type: SemanticTokenTypes.number, modifiers: [DATE_MODIFIER] };
                case 'INT':
                case 'DECIMAL': return { type: SemanticTokenTypes.number, modifiers: [] };
                case 'STRING': return { type: SemanticTokenTypes.string, modifiers: [] };
                default: return undefined;
            }
        }
        if (GrammarAST.isParserRule(rule) && rule.dataType === 'number') {
            return { type: SemanticTokenTypes.number, modifiers: [] };
        }
        if (GrammarAST.isParserRule(rule) && GrammarUtils.isDataTypeRule(rule) && this.isKeywordRule(rule)) {
            return { type: SemanticTokenTypes.enumMember, modifiers: [] };
        }
        if (GrammarAST.isParserRule(rule) && GrammarUtils.isDataTypeRule(rule) && GrammarAST.isAlternatives(rule.definition)
            && rule.definition.elements.every(child => this.isKeywordElement(child) || isStringCall(child))) {
            return { type: SemanticTokenTypes.enumMember, modifiers: [], orString: true };
        }
        return undefined;
    }

    /** A datatype rule made of keywords only: an enumeration. */
    private isKeywordRule(rule: GrammarAST.AbstractRule): boolean {
        let result = this.keywordRules.get(rule);
        if (result === undefined) {
            this.keywordRules.set(rule, false); // guards against recursive rules
            result = GrammarAST.isParserRule(rule) && this.isKeywordElement(rule.definition);
            this.keywordRules.set(rule, result);
        }
        return result;
    }

    private isKeywordElement(element: GrammarAST.AbstractElement): boolean {
        if (GrammarAST.isKeyword(element)) return true;
        if (GrammarAST.isAlternatives(element)) return element.elements.every(child => this.isKeywordElement(child));
        if (GrammarAST.isRuleCall(element)) return element.rule.ref !== undefined && this.isKeywordRule(element.rule.ref);
        return false;
    }
}

function isStringCall(element: GrammarAST.AbstractElement): boolean {
    return GrammarAST.isRuleCall(element) && element.rule.ref?.name === 'STRING';
}
