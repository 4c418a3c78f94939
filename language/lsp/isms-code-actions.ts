import type { AstNode, AstReflection, CstNode, LangiumDocument, LangiumDocuments } from 'langium';
import { AstUtils, CstUtils, GrammarUtils, isLeafCstNode, URI } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Diagnostic, Position, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { Exclude, Finding, ManagementReview, Mitigate } from '../generated/ast.js';
import { isAsset, isAudit, isExclude, isFinding, isIsmsBlock, isManagementReview, isMitigate, isRisk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import { kindLabel } from '../model/element-kinds.js';
import type { ModelIndex } from '../model/model-index.js';
import type { SoaDecisions } from '../soa/soa-decisions.js';
import { frameworkInForce } from '../soa/soa-decisions.js';
import { reviewInputsOf } from './review-inputs.js';

/** Kinds a quick fix may declare for an unresolved name; controls come from catalogs instead. */
const CREATABLE: Record<string, (name: string) => string> = {
    Role: name => `role ${name} ""`,
    Asset: name => `asset ${name} "" {\n    kind data\n}`,
    Threat: name => `threat ${name} "" {\n    category malicious\n    source external\n}`,
    Vulnerability: name => `vulnerability ${name} ""`,
    Supplier: name => `supplier ${name} ""`,
    Risk: name => `risk ${name} ""`,
    Policy: name => `policy ${name} ""`,
    Methodology: name => `methodology ${name}`,
    Opportunity: name => `opportunity ${name} ""`,
    Objective: name => `objective ${name} ""`,
    Audit: name => `audit ${name} ""`,
    Incident: name => `incident ${name} ""`,
    ManagementReview: name => `management-review ${name} ""`,
    Nonconformity: name => `nonconformity ${name} ""`
};

/** How many declared roles (or nonconformities) a fix offers one action each for. */
const MAX_OWNER_CHOICES = 5;

/** Quick fixes for the language's diagnostics; each carries the diagnostic it fixes. */
export class IsmsCodeActionProvider implements CodeActionProvider {

    private readonly documents: LangiumDocuments;
    private readonly modelIndex: ModelIndex;
    private readonly decisions: SoaDecisions;
    private readonly reflection: AstReflection;
    private readonly reviewInputs: readonly string[];

    constructor(services: IsmsServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.modelIndex = services.model.ModelIndex;
        this.decisions = services.model.SoaDecisions;
        this.reflection = services.shared.AstReflection;
        this.reviewInputs = reviewInputsOf(services.Grammar);
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                actions.push(...this.fixesFor(document, diagnostic));
            } catch (error) {
                // A fix that cannot be computed is left out; the others still reach the user.
                console.error(`Quick fix for ${String(diagnostic.code)} failed:`, error);
            }
        }
        return actions;
    }

    private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const node = this.nodeAt(document, diagnostic.range.start);
        switch (diagnostic.code) {
            case 'untreated-risk': {
                const risk = node && AstUtils.getContainerOfType(node, isRisk);
                return risk ? [this.fix('Add a mitigation treatment', diagnostic, document, [insertIntoBlock(document, risk, 'treatment mitigate { controls  }')], true)] : [];
            }
            case 'unmitigated-risk': {
                const mitigate = node && AstUtils.getContainerOfType(node, isMitigate);
                return mitigate ? [this.fix('Add controls', diagnostic, document, [addControls(mitigate)], true)] : [];
            }
            case 'exclusion-unjustified': {
                const exclude = node && AstUtils.getContainerOfType(node, isExclude);
                return exclude ? [this.fix('Add a reason', diagnostic, document, [addReason(exclude)], true)] : [];
            }
            case 'asset-without-owner': {
                const asset = node && AstUtils.getContainerOfType(node, isAsset);
                return asset ? this.ownerFixes(document, asset, diagnostic) : [];
            }
            case 'risk-without-owner': {
                const risk = node && AstUtils.getContainerOfType(node, isRisk);
                return risk ? this.ownerFixes(document, risk, diagnostic) : [];
            }
            case 'climate-undetermined': {
                const isms = node && AstUtils.getContainerOfType(node, isIsmsBlock);
                return isms ? [this.fix('Determine climate change as relevant', diagnostic, document, [insertIntoBlock(document, isms, 'climate relevant')], true)] : [];
            }
            case 'review-inputs-missing': {
                const review = node && AstUtils.getContainerOfType(node, isManagementReview);
                return review ? this.reviewInputFixes(document, review, diagnostic) : [];
            }
            case 'finding-without-action': {
                const finding = node && AstUtils.getContainerOfType(node, isFinding);
                return finding ? this.nonconformityFixes(document, finding, diagnostic) : [];
            }
            case 'control-undecided':
                return this.decisionFixes(diagnostic);
            case 'unresolved-reference':
                return this.creationFixes(document, diagnostic);
            default:
                return [];
        }
    }

    /** `owner ROLE` for an asset or a risk, one action per declared role. */
    private ownerFixes(document: LangiumDocument, owned: AstNode, diagnostic: Diagnostic): CodeAction[] {
        const roles = this.modelIndex.userDeclarations('Role').slice(0, MAX_OWNER_CHOICES);
        return roles.map((role, index) => this.fix(`Set owner to ${role.name}`, diagnostic, document,
            [insertIntoBlock(document, owned, `owner ${role.name}`)], index === 0));
    }

    /** The 9.3.2 inputs the review lacks, appended to its `inputs` or given on a new line. */
    private reviewInputFixes(document: LangiumDocument, review: ManagementReview, diagnostic: Diagnostic): CodeAction[] {
        const given = new Set<string>(review.inputs);
        const missing = this.reviewInputs.filter(input => !given.has(input));
        if (missing.length === 0) return [];
        const title = `Add the missing review ${missing.length === 1 ? 'input' : 'inputs'} ${missing.join(', ')}`;
        const last = ownLeaves(review.$cstNode!).filter(leaf => GrammarUtils.findAssignment(leaf)?.feature === 'inputs').pop();
        const edit: TextEdit = last
            ? { range: { start: last.range.end, end: last.range.end }, newText: `, ${missing.join(', ')}` }
            : insertIntoBlock(document, review, `inputs ${missing.join(', ')}`);
        return [this.fix(title, diagnostic, document, [edit], true)];
    }

    /**
     * A major or minor finding without an action: name one of the declared nonconformities, or
     * declare a new one for it, titled like the finding, with the audit as its source.
     */
    private nonconformityFixes(document: LangiumDocument, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
        const declared = this.modelIndex.userDeclarations('Nonconformity');
        const actions = declared.slice(0, MAX_OWNER_CHOICES).map(nonconformity => this.fix(`Refer to nonconformity ${nonconformity.name}`,
            diagnostic, document, [insertIntoBlock(document, finding, `nonconformity ${nonconformity.name}`)], false));
        const name = nextFreeId('NC-', declared.map(nonconformity => nonconformity.name));
        const target = this.documentDeclaring('Nonconformity') ?? document;
        const stub = nonconformityStub(name, finding);
        const changes: Record<string, TextEdit[]> = { [document.uri.toString()]: [insertIntoBlock(document, finding, `nonconformity ${name}`)] };
        changes[target.uri.toString()] = [...(changes[target.uri.toString()] ?? []), appendToDocument(target, stub)];
        actions.unshift({ ...this.fix(`Create nonconformity ${name} for finding ${finding.name}`, diagnostic, document, [], true), edit: { changes } });
        return actions;
    }

    /**
     * One undecided control: apply it or exclude it. Several: one action that adds a decision
     * for each, its reason a FILL IN marker, so that every control left to justify is a
     * `fill-in-marker` warning of its own, on the line to complete.
     */
    private decisionFixes(diagnostic: Diagnostic): CodeAction[] {
        const target = this.soaDocument();
        if (!target || !(diagnostic.data as { controls?: unknown } | undefined)?.controls) return [];
        // The model as it is now, not as it was when the diagnostic was made.
        const undecided = (frameworkInForce(this.modelIndex)?.controls ?? [])
            .map(control => control.name)
            .filter(id => this.decisions.decisionOf(id) === 'undecided');
        if (undecided.length === 1) {
            const [control] = undecided;
            return [
                this.fix(`Apply ${control}`, diagnostic, target, [appendToDocument(target, applyStub(control, ''))], true),
                this.fix(`Exclude ${control}`, diagnostic, target, [appendToDocument(target, `exclude ${control} because ""`)], false)
            ];
        }
        if (undecided.length === 0) return [];
        const decisions = [BULK_DECISIONS_COMMENT, ...undecided.map(control => applyStub(control, FILL_IN_REASON))].join('\n');
        return [this.fix(`Add a decision to fill in for each of the ${undecided.length} undecided controls`, diagnostic, target,
            [appendToDocument(target, decisions)], true)];
    }

    /**
     * `Create KIND NAME` for an unresolved name; a reference that may name several kinds
     * (`addressed-by`, `affects`, `source`) gets one action per kind that can be declared.
     */
    private creationFixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as { referenceType?: string, refText?: string } | undefined;
        const referenceType = data?.referenceType;
        const name = data?.refText;
        if (!referenceType || !name || !/^[_a-zA-Z][\w-]*$/.test(name)) return [];
        const kinds = Object.keys(CREATABLE).filter(kind => this.reflection.isSubtype(kind, referenceType));
        return kinds.map((kind, index) => {
            const target = this.documentDeclaring(kind) ?? document;
            return this.fix(`Create ${kindLabel(kind)} ${name}`, diagnostic, target, [appendToDocument(target, CREATABLE[kind](name))], index === 0);
        });
    }

    /** The user's file holding most SoA decisions, else the one with the isms block. */
    private soaDocument(): LangiumDocument | undefined {
        const ranked = this.modelIndex.userDocumentUris()
            .map(uri => ({ uri, count: this.modelIndex.facts(this.documents.getDocument(uriOf(uri))!).decisions.length }))
            .filter(entry => entry.count > 0)
            .sort((a, b) => b.count - a.count);
        const uri = ranked[0]?.uri ?? this.modelIndex.ismsBlocks()[0]?.uri;
        return uri ? this.documents.getDocument(uriOf(uri)) : undefined;
    }

    /** The user's file declaring most elements of `type`. */
    private documentDeclaring(type: string): LangiumDocument | undefined {
        const counts = new Map<string, number>();
        for (const declaration of this.modelIndex.userDeclarations(type)) {
            counts.set(declaration.uri, (counts.get(declaration.uri) ?? 0) + 1);
        }
        const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
        return best ? this.documents.getDocument(uriOf(best[0])) : undefined;
    }

    private nodeAt(document: LangiumDocument, position: Position): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(position);
        return CstUtils.findLeafNodeAtOffset(root, offset)?.astNode;
    }

    private fix(title: string, diagnostic: Diagnostic, target: LangiumDocument, edits: TextEdit[], isPreferred: boolean): CodeAction {
        return {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred,
            edit: { changes: { [target.uri.toString()]: edits } }
        };
    }
}

/** `NC-4` after `NC-1` and `NC-3`: one more than the highest number with that prefix. */
function nextFreeId(prefix: string, taken: readonly string[]): string {
    const numbers = taken.filter(id => id.startsWith(prefix)).map(id => Number(id.slice(prefix.length))).filter(Number.isInteger);
    return `${prefix}${Math.max(0, ...numbers) + 1}`;
}

function nonconformityStub(name: string, finding: Finding): string {
    const audit = AstUtils.getContainerOfType(finding, isAudit);
    // The title as written, escapes and all.
    const title = GrammarUtils.findNodeForProperty(finding.$cstNode, 'title')?.text ?? '""';
    const lines = [`nonconformity ${name} ${title} {`];
    if (audit?.name) lines.push(`    source ${audit.name}`);
    const controls = finding.controls.map(control => control.$refText).filter(id => id.length > 0);
    if (controls.length > 0) lines.push(`    controls ${controls.join(', ')}`);
    if (finding.severity[0] === 'major' || finding.severity[0] === 'minor') lines.push(`    severity ${finding.severity[0]}`);
    lines.push('    root-cause ""', '}');
    return lines.join('\n');
}

/** The reason of a decision added in bulk: the `fill-in-marker` warning points at each one. */
const FILL_IN_REASON = 'FILL IN';
const BULK_DECISIONS_COMMENT = '// Every control below had no SoA decision. Write why each applies, or change it to  exclude A.x.y because "…"';

function applyStub(control: string, reason: string): string {
    return `apply ${control} {\n    status not-started\n    because "${reason}"\n}`;
}

function uriOf(uri: string): URI {
    return URI.parse(uri);
}

/** Inserts `text` as a new line before the block's closing brace, or opens a block. */
function insertIntoBlock(document: LangiumDocument, node: AstNode, text: string): TextEdit {
    const cst = node.$cstNode!;
    const closing = ownLeaves(cst).filter(leaf => leaf.text === '}').pop();
    const indent = indentationOf(document, cst);
    if (closing) {
        const lineStart = { line: closing.range.start.line, character: 0 };
        const beforeBrace = document.textDocument.getText({ start: lineStart, end: closing.range.start });
        if (beforeBrace.trim() === '') {
            // The brace stands on its own line: the new property goes on a line above it.
            return { range: { start: lineStart, end: lineStart }, newText: `${indent}    ${text}
` };
        }
        return { range: { start: closing.range.start, end: closing.range.start }, newText: ` ${text} ` };
    }
    return { range: { start: cst.range.end, end: cst.range.end }, newText: ` {
${indent}    ${text}
${indent}}` };
}

function addControls(mitigate: Mitigate): TextEdit {
    const opening = ownLeaves(mitigate.$cstNode!).find(leaf => leaf.text === '{');
    if (opening) {
        return { range: { start: opening.range.end, end: opening.range.end }, newText: ' controls ' };
    }
    const end = mitigate.$cstNode!.range.end;
    return { range: { start: end, end }, newText: ' { controls  }' };
}

function addReason(exclude: Exclude): TextEdit {
    const end = exclude.$cstNode!.range.end;
    return { range: { start: end, end }, newText: ' because ""' };
}

/** Appends `text` after the last line of the document, separated by a blank line. */
function appendToDocument(document: LangiumDocument, text: string): TextEdit {
    const content = document.textDocument.getText();
    const end = document.textDocument.positionAt(content.length);
    const separator = content.length === 0 ? '' : content.endsWith('\n\n') ? '' : content.endsWith('\n') ? '\n' : '\n\n';
    return { range: { start: end, end }, newText: `${separator}${text}\n` };
}

/** The leaves that belong to `cst`'s own node, not to nested elements. */
function ownLeaves(cst: CstNode): CstNode[] {
    return CstUtils.streamCst(cst).filter(leaf => isLeafCstNode(leaf) && !leaf.hidden && leaf.astNode === cst.astNode).toArray();
}

function indentationOf(document: LangiumDocument, cst: CstNode): string {
    const line = document.textDocument.getText({ start: { line: cst.range.start.line, character: 0 }, end: cst.range.start });
    return /^\s*/.exec(line)?.[0] ?? '';
}
