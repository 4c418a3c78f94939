import type { AstNode, LangiumDocument, NameProvider } from 'langium';
import { Cancellation } from 'langium';
import type { DocumentSymbolProvider, LangiumServices } from 'langium/lsp';
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import { isAttribute, isAudit, isCorrectiveAction, isFinding, isFramework, isIsmsBlock, isNonconformity, isParty } from '../generated/ast.js';

/** Outline groups, in the order of the ISMS: context, risk, SoA, governance. */
const GROUPS: ReadonlyArray<{ types: string[], label: string, kind: SymbolKind }> = [
    { types: ['IsmsBlock'], label: 'ISMS', kind: SymbolKind.Package },
    { types: ['ContextIssue', 'Party'], label: 'Issues and interested parties', kind: SymbolKind.Namespace },
    { types: ['Methodology'], label: 'Methodologies', kind: SymbolKind.Module },
    { types: ['Role'], label: 'Roles', kind: SymbolKind.Namespace },
    { types: ['Asset'], label: 'Assets', kind: SymbolKind.Namespace },
    { types: ['Supplier'], label: 'Suppliers', kind: SymbolKind.Namespace },
    { types: ['Threat', 'Vulnerability'], label: 'Threats and vulnerabilities', kind: SymbolKind.Namespace },
    { types: ['Risk', 'Opportunity'], label: 'Risks and opportunities', kind: SymbolKind.Namespace },
    { types: ['Apply', 'Exclude'], label: 'SoA decisions', kind: SymbolKind.Namespace },
    { types: ['Framework', 'Mapping', 'Attribute'], label: 'Frameworks, mappings and attributes', kind: SymbolKind.Namespace },
    { types: ['Policy', 'Objective', 'Change', 'Training'], label: 'Policies, objectives, changes and training', kind: SymbolKind.Namespace },
    { types: ['Audit', 'Incident', 'ManagementReview', 'Nonconformity'], label: 'Audits, incidents, reviews and nonconformities', kind: SymbolKind.Namespace }
];

const KINDS: Record<string, SymbolKind> = {
    IsmsBlock: SymbolKind.Package, Methodology: SymbolKind.Module, Role: SymbolKind.Interface, Asset: SymbolKind.Class,
    Supplier: SymbolKind.Struct, Threat: SymbolKind.Event, Vulnerability: SymbolKind.Event, Risk: SymbolKind.Object,
    Apply: SymbolKind.Boolean, Exclude: SymbolKind.Boolean, Framework: SymbolKind.Module, Control: SymbolKind.EnumMember,
    Policy: SymbolKind.File, Objective: SymbolKind.Number, Audit: SymbolKind.Event, Finding: SymbolKind.Field,
    Incident: SymbolKind.Event, ManagementReview: SymbolKind.Event,
    ContextIssue: SymbolKind.Key, Party: SymbolKind.Struct, Requirement: SymbolKind.Property, Opportunity: SymbolKind.Object,
    Change: SymbolKind.Event, Training: SymbolKind.Event, Nonconformity: SymbolKind.Event, CorrectiveAction: SymbolKind.Method,
    Mapping: SymbolKind.Module, Attribute: SymbolKind.Enum, AttributeValue: SymbolKind.EnumMember
};

/** The outline of a file, grouped by kind of element; controls, findings, requirements and corrective actions nested. */
export class IsmsDocumentSymbolProvider implements DocumentSymbolProvider {

    private readonly nameProvider: NameProvider;

    constructor(services: LangiumServices) {
        this.nameProvider = services.references.NameProvider;
    }

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams, _cancelToken = Cancellation.CancellationToken.None): DocumentSymbol[] {
        const model = document.parseResult.value as Model;
        const symbols = model.elements.map(element => this.symbolOf(element)).filter((s): s is DocumentSymbol & { type: string } => !!s);
        const groups: DocumentSymbol[] = [];
        for (const group of GROUPS) {
            const members = symbols.filter(symbol => group.types.includes(symbol.type));
            if (members.length === 0) continue;
            groups.push({
                name: group.label,
                detail: String(members.length),
                kind: group.kind,
                range: { start: members[0].range.start, end: members[members.length - 1].range.end },
                selectionRange: members[0].selectionRange,
                children: members.map(({ type: _type, ...symbol }) => symbol)
            });
        }
        return groups;
    }

    private symbolOf(node: AstNode): (DocumentSymbol & { type: string }) | undefined {
        const cst = node.$cstNode;
        if (!cst) return undefined;
        const nameNode = this.nameProvider.getNameNode(node);
        const record = node as unknown as { title?: string, control?: { $refText: string } };
        const name = this.nameProvider.getName(node)
            ?? (isIsmsBlock(node) || isCorrectiveAction(node) ? node.title : undefined)
            ?? (record.control ? `${node.$type === 'Apply' ? 'apply' : 'exclude'} ${record.control.$refText}` : undefined);
        if (!name) return undefined;
        const children = this.childrenOf(node).map(child => this.symbolOf(child));
        return {
            type: node.$type,
            name,
            detail: isIsmsBlock(node) ? undefined : isCorrectiveAction(node) ? node.status[0] : record.title,
            kind: KINDS[node.$type] ?? SymbolKind.Object,
            range: cst.range,
            selectionRange: (nameNode ?? cst).range,
            children: children.filter((c): c is DocumentSymbol & { type: string } => !!c).map(({ type: _type, ...symbol }) => symbol)
        };
    }

    /** The elements nested in the outline: controls, findings, requirements, corrective actions. */
    private childrenOf(node: AstNode): AstNode[] {
        if (isFramework(node)) return node.controls;
        if (isAttribute(node)) return node.values;
        if (isAudit(node)) return node.findings;
        if (isParty(node)) return node.requirements;
        if (isNonconformity(node) || isFinding(node)) return node.actions;
        return [];
    }

}
