import type { Apply, Control, Exclude, Framework, Risk, SoaDocument } from '../generated/ast.js';
import { isAttribute, isFramework } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { Decision } from '../soa/soa-decisions.js';
import { trimmedText } from '../model/recovered.js';
import { frameworkInForce } from '../soa/soa-decisions.js';
import type { ReportContext, SoaView } from './report-context.js';
import { metaWith, methodologyFact, methodologyVersion, modelErrorNotice } from './report-context.js';
import type { ReportDocument, ReportTable } from './report-document.js';
import type { SoaControl, SoaCounts, SoaDocumentControl, SoaJson, SoaOrganizationControl, SoaSummary } from './report-schemas.js';
import { column, sortByIds } from './report-document.js';

const THEMES = ['organizational', 'people', 'physical', 'technological'];

/**
 * The Statement of Applicability (clause 6.1.3 d): every control of the framework in force, in
 * catalog order, with its decision and justification; then the organisation's own controls.
 */
export function buildSoa(services: IsmsServices, context: ReportContext, frameworkName?: string): ReportDocument {
    const index = services.model.ModelIndex;
    const framework = frameworkName ? findFramework(services, frameworkName) : frameworkInForce(index);
    if (!framework) {
        throw new Error(`no framework named '${frameworkName ?? index.ismsBlock()?.framework[0]?.$refText}' is declared; the SoA needs the framework it is built against`);
    }
    const view = context.soaView ?? {};
    const shown = (control: { attributes: readonly string[] }) => (view.attributes ?? []).every(value => control.attributes.includes(value));
    const controls = framework.controls.map(control => soaControl(services, control)).filter(shown);
    const organizationControls = index.userDeclarations('Framework')
        .map(declaration => declaration.node as Framework)
        .filter(other => other !== framework)
        .flatMap(other => other.controls.map(control => organizationControl(services, other, control)))
        .filter(shown);
    const methodology = services.model.RiskScoring.methodology();
    const documentControl = soaDocumentControl(index.ismsBlock()?.soa[0]);
    const json: SoaJson = {
        isms: context.isms,
        organization: context.organization,
        framework: framework.name,
        generatedAt: context.generatedAt,
        commit: context.commit,
        modelErrors: context.modelErrors,
        documentControl,
        methodology: methodology.name,
        methodologyVersion: methodologyVersion(methodology),
        summary: summarize(controls),
        controls,
        organizationControls
    };
    return {
        kind: 'soa',
        title: 'Statement of Applicability',
        meta: metaWith(context, [
            ['Framework', `${framework.title ?? framework.name} (${framework.name})`],
            ...documentControlFacts(documentControl),
            ['Methodology', methodologyFact(methodology)],
            ...viewFacts(view)
        ]),
        notice: modelErrorNotice(context),
        tables: [view.groupBy ? groupedControlTable(controls, view.groupBy, attributeValues(services, view.groupBy)) : controlTable(controls),
            summaryTable(controls, json.summary), ...(organizationControls.length > 0 ? [organizationTable(organizationControls)] : [])],
        json
    };
}

function soaDocumentControl(soa: SoaDocument | undefined): SoaDocumentControl | null {
    if (!soa) return null;
    return {
        version: soa.version[0]?.trim() || null,
        approvedBy: soa.approvedBy[0]?.$refText || null,
        approvedOn: soa.approvedOn[0] ?? null,
        classification: soa.classification[0]?.trim() || null
    };
}

/**
 * The SoA's document control in the header (clause 7.5.2): its version and approval always, so
 * that a missing one shows; the classification when the `soa` block gives one.
 */
function documentControlFacts(control: SoaDocumentControl | null): Array<readonly [string, string]> {
    const approval = [control?.approvedBy && `by ${control.approvedBy}`, control?.approvedOn && `on ${control.approvedOn}`].filter(Boolean);
    return [
        ['Version', control?.version ?? 'not stated'],
        ['Approved', approval.length > 0 ? approval.join(' ') : 'not approved'],
        ...(control?.classification ? [['Classification', control.classification] as const] : [])
    ];
}

function findFramework(services: IsmsServices, name: string): Framework | undefined {
    const node = services.model.ModelIndex.declarationsOf('Framework', name)[0]?.node;
    return isFramework(node) ? node : undefined;
}

function soaControl(services: IsmsServices, control: Control): SoaControl {
    const index = services.model.ModelIndex;
    const decision = services.model.SoaDecisions.decisionOf(control.name);
    const decisions = index.decisionsFor(control.name).map(located => located.node);
    const apply = services.model.SoaDecisions.applyOf(control.name);
    const exclude = decisions.find((node): node is Exclude => node.$type === 'Exclude');
    const risks = uniqueRisks(index.risksTreatedWith(control.name).map(located => located.node));
    return {
        id: control.name,
        title: control.title ?? '',
        theme: control.theme[0] ?? null,
        applicable: decision === 'applicable',
        decision,
        justification: justify(decision, risks, apply, exclude),
        risks: risks.map(risk => ({ id: risk.name, title: risk.title ?? '' })),
        status: decision === 'applicable' ? (apply?.status[0] as SoaControl['status']) ?? null : null,
        owner: apply?.owner[0]?.$refText ?? null,
        evidence: (apply?.evidence ?? []).map(item => ({ description: item.description ?? '', location: item.location ?? null })),
        attributes: [...new Set([...control.attributes, ...apply?.attributes ?? []].map(value => value.$refText))]
    };
}

/**
 * One of the organisation's own controls: decided like a catalog control when a risk, an
 * `apply` or an `exclude` names it, else `declared` (it needs no decision), with its mappings.
 */
function organizationControl(services: IsmsServices, framework: Framework, control: Control): SoaOrganizationControl {
    const base = soaControl(services, control);
    const decision = base.decision === 'undecided' ? 'declared' : base.decision;
    return {
        ...base,
        decision,
        justification: decision === 'declared' ? 'Declared by the organisation; no risk treats with it and no apply or exclude decides it.' : base.justification,
        framework: framework.name,
        maps: control.maps.map(map => map.target.$refText),
        mappings: control.maps.map(map => ({
            id: map.target.$refText,
            title: map.target.ref?.title ?? '',
            relationship: (map.relationship ?? 'intersect') as SoaOrganizationControl['mappings'][number]['relationship']
        }))
    };
}

function uniqueRisks(risks: Risk[]): Risk[] {
    const byId = new Map(risks.map(risk => [risk.name, risk]));
    return sortByIds([...byId.values()], risk => risk.name);
}

/** The justification an auditor reads: why the control is in (risks, reasons) or out (the reason). */
function justify(decision: Decision, risks: Risk[], apply: Apply | undefined, exclude: Exclude | undefined): string {
    if (decision === 'undecided') return 'Undecided: no risk treats with this control and no apply or exclude decides it.';
    if (decision === 'excluded') {
        const reason = trimmedText(exclude?.reason);
        return reason ? `Excluded: ${reason}` : 'Excluded without a reason.';
    }
    const parts: string[] = [];
    if (risks.length > 0) {
        parts.push(`Treats ${risks.map(risk => `${risk.name} (${risk.title ?? ''})`).join(', ')}.`);
    }
    for (const reason of apply?.reasons ?? []) {
        const text = trimmedText(reason.text);
        if (text) parts.push(`${reason.kind ? `${capitalize(reason.kind)}: ` : ''}${text}`);
    }
    return parts.length > 0 ? parts.join(' ') : 'Applied without a risk or a reason.';
}

function summarize(controls: SoaControl[]): SoaSummary {
    const count = (list: SoaControl[]): SoaCounts => ({
        controls: list.length,
        applicable: list.filter(c => c.decision === 'applicable').length,
        excluded: list.filter(c => c.decision === 'excluded').length,
        undecided: list.filter(c => c.decision === 'undecided').length
    });
    const themes: Record<string, SoaCounts> = {};
    for (const theme of [...THEMES, ...new Set(controls.map(c => c.theme ?? 'none'))]) {
        const list = controls.filter(c => (c.theme ?? 'none') === theme);
        if (list.length > 0 && !themes[theme]) themes[theme] = count(list);
    }
    const applicable = controls.filter(c => c.decision === 'applicable');
    const implementation = { 'implemented': 0, 'partial': 0, 'planned': 0, 'not-started': 0, 'unknown': 0 };
    for (const control of applicable) {
        const status = (control.status ?? 'unknown') as keyof typeof implementation;
        implementation[status in implementation ? status : 'unknown']++;
    }
    const implementedPercent = applicable.length > 0 ? Math.round(100 * implementation.implemented / applicable.length) : 0;
    return { ...count(controls), themes, implementation, implementedPercent };
}

function controlTable(controls: SoaControl[]): ReportTable {
    return {
        title: 'Controls',
        columns: [
            column('id', 'Control', 9), column('theme', 'Theme', 15), column('title', 'Title', 45),
            column('decision', 'Decision', 12), column('justification', 'Justification', 70), column('risks', 'Risks', 18),
            column('status', 'Status', 13), column('owner', 'Owner', 12), column('evidence', 'Evidence', 50), column('attributes', 'Attributes', 24)
        ],
        rows: controls.map(controlRow)
    };
}

/** The controls under each value of an attribute, in the vocabulary's order; a control with several values under each. */
function groupedControlTable(controls: SoaControl[], attribute: string, values: readonly string[]): ReportTable {
    const table = controlTable(controls);
    const groups = [...values.map(value => [value, controls.filter(control => control.attributes.includes(value))] as const),
        ['(none)', controls.filter(control => !control.attributes.some(value => values.includes(value)))] as const];
    return {
        title: `Controls by ${attribute}`,
        columns: [column('group', attribute, 16), ...table.columns],
        rows: groups.flatMap(([group, members]) => members.map(control => ({ group, ...controlRow(control) })))
    };
}

/** The values of the attribute named `name`, in declaration order. */
export function attributeValues(services: IsmsServices, name: string): string[] {
    const attribute = services.model.ModelIndex.declarationsOf('Attribute', name)[0]?.node;
    return attribute && isAttribute(attribute) ? attribute.values.map(value => value.name) : [];
}

function viewFacts(view: SoaView): Array<readonly [string, string]> {
    return [
        ...(view.attributes?.length ? [['Filter', `controls with the attributes ${view.attributes.join(', ')}`] as const] : []),
        ...(view.groupBy ? [['Grouped by', view.groupBy] as const] : [])
    ];
}

function organizationTable(controls: SoaOrganizationControl[]): ReportTable {
    return {
        title: 'Organization controls',
        columns: [
            column('id', 'Control', 10), column('framework', 'Framework', 16), column('title', 'Title', 40), column('maps', 'Maps to', 18),
            column('decision', 'Decision', 12), column('justification', 'Justification', 60), column('risks', 'Risks', 18),
            column('status', 'Status', 13), column('owner', 'Owner', 12), column('evidence', 'Evidence', 50), column('attributes', 'Attributes', 24)
        ],
        rows: controls.map(control => ({
            ...controlRow(control),
            framework: control.framework,
            maps: control.mappings.map(mapping => `${mapping.id} (${mapping.relationship})`).join(', ')
        }))
    };
}

function controlRow(control: SoaControl | SoaOrganizationControl): Record<string, string | null> {
    return {
        id: control.id,
        theme: control.theme,
        title: control.title,
        decision: control.decision,
        justification: control.justification,
        risks: control.risks.map(risk => risk.id).join(', '),
        status: control.status,
        owner: control.owner,
        evidence: control.evidence.map(item => item.location ? `${item.description} (${item.location})` : item.description).join('; '),
        attributes: control.attributes.join(', ')
    };
}

/** Decisions and implementation progress per theme, and for all controls. */
function summaryTable(controls: SoaControl[], summary: SoaSummary): ReportTable {
    const statusCount = (list: SoaControl[], status: string) => list.filter(c => c.decision === 'applicable' && c.status === status).length;
    const row = (theme: string, counts: SoaCounts, list: SoaControl[]) => ({
        theme, ...counts,
        implemented: statusCount(list, 'implemented'), partial: statusCount(list, 'partial'),
        planned: statusCount(list, 'planned'), notStarted: statusCount(list, 'not-started'),
        progress: counts.applicable > 0 ? `${Math.round(100 * statusCount(list, 'implemented') / counts.applicable)}%` : '-'
    });
    return {
        title: 'Summary',
        columns: [
            column('theme', 'Theme', 16), column('controls', 'Controls', 10), column('applicable', 'Applicable', 11),
            column('excluded', 'Excluded', 10), column('undecided', 'Undecided', 11), column('implemented', 'Implemented', 12),
            column('partial', 'Partial', 9), column('planned', 'Planned', 9), column('notStarted', 'Not started', 12),
            column('progress', 'Implemented %', 14)
        ],
        rows: [
            ...Object.entries(summary.themes).map(([theme, counts]) => row(theme, counts, controls.filter(c => (c.theme ?? 'none') === theme))),
            row('all', summary, controls)
        ]
    };
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
