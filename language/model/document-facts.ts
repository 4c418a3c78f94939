import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, isLeafCstNode } from 'langium';
import type { Apply, Exclude, IsmsBlock, Methodology, Model, Risk } from '../generated/ast.js';
import { isApply, isAudit, isExclude, isFinding, isIsmsBlock, isLevel, isManagementReview, isMethodology, isNonconformity, isRisk, isScaleValue } from '../generated/ast.js';

/** A named element of the model, as the workspace-wide rules see it. */
export interface Declaration {
    readonly type: string;
    readonly name: string;
    readonly node: AstNode & { name: string };
}

/**
 * What one document contributes to the workspace-wide model. Computed once per parse and
 * cached, so that rules spanning files never walk every document's syntax tree again.
 * References are taken by name (`$refText`): ids are unique per kind, and names are known
 * before linking.
 *
 * `entries` name each contribution as `topic` or `topic=value`; when a document changes, the
 * entries that appeared or disappeared tell which topics changed, and so which other
 * documents (those whose `reads` name a changed topic, or a prefix of it ending in `*`)
 * need their diagnostics refreshed.
 */
export interface DocumentFacts {
    readonly uri: string;
    readonly declarations: readonly Declaration[];
    readonly ismsBlocks: readonly IsmsBlock[];
    readonly methodologies: readonly Methodology[];
    readonly risks: readonly Risk[];
    /** `apply` and `exclude`: the SoA decisions. */
    readonly decisions: ReadonlyArray<Apply | Exclude>;
    readonly entries: ReadonlySet<string>;
    readonly reads: ReadonlySet<string>;
}

export const Topics = {
    isms: 'isms',
    /** Everything that decides the methodology in force and its content. */
    methodology: 'methodology',
    declaration: (type: string, name: string) => `declaration:${type}:${name}`,
    decision: (control: string) => `decision:${control}`,
    treatment: (control: string) => `treats:${control}`,
    coverage: (asset: string) => `covers:${asset}`,
    scopeExclusion: (asset: string) => `scope-excludes:${asset}`,
    /** The implementation status an `apply` records for a control. */
    implementation: (control: string) => `implements:${control}`,
    /** How many corrective actions a nonconformity records. */
    nonconformityActions: (nonconformity: string) => `nonconformity-actions:${nonconformity}`,
    /** The dates of the audits or management reviews, which the isms block's intervals are held to. */
    dated: (type: 'Audit' | 'ManagementReview') => `dated:${type}`
} as const;

/** The topic of an entry `topic=value`. */
export function topicOf(entry: string): string {
    const separator = entry.indexOf('=');
    return separator < 0 ? entry : entry.slice(0, separator);
}

/** Whether a document that reads `reads` must be refreshed after `changed` topics changed. */
export function readsAnyTopic(reads: ReadonlySet<string>, changed: ReadonlySet<string>): boolean {
    for (const read of reads) {
        if (read.endsWith('*')) {
            const prefix = read.slice(0, -1);
            for (const topic of changed) {
                if (topic.startsWith(prefix)) return true;
            }
        } else if (changed.has(read)) {
            return true;
        }
    }
    return false;
}

export function collectDocumentFacts(document: LangiumDocument): DocumentFacts {
    const root = document.parseResult.value as Model;
    const declarations: Declaration[] = [];
    const ismsBlocks: IsmsBlock[] = [];
    const methodologies: Methodology[] = [];
    const risks: Risk[] = [];
    const decisions: Array<Apply | Exclude> = [];
    const entries = new Set<string>();
    const reads = new Set<string>([Topics.isms]);
    const decisionCounts = new Map<string, number>();

    const nodes = AstUtils.streamAst(root).iterator();
    for (const node of nodes) {
        if (isLevel(node) || isScaleValue(node)) {
            nodes.prune();
            continue;
        }
        const name = (node as { name?: unknown }).name;
        if (typeof name === 'string' && name.length > 0) {
            declarations.push({ type: node.$type, name, node: node as AstNode & { name: string } });
            const topic = Topics.declaration(node.$type, name);
            entries.add(topic);
            reads.add(topic);
            if (node.$type === 'Asset') {
                reads.add(Topics.coverage(name));
                reads.add(Topics.scopeExclusion(name));
            }
        }
        if (isIsmsBlock(node)) {
            ismsBlocks.push(node);
            entries.add(`${Topics.methodology}=isms:${node.methodology[0]?.$refText ?? ''}`);
            for (const excluded of node.scope[0]?.excludes ?? []) {
                if (excluded.asset) entries.add(Topics.scopeExclusion(excluded.asset.$refText));
            }
            // control-undecided on this block depends on every decision and treatment.
            reads.add(`${Topics.decision('')}*`);
            reads.add(`${Topics.treatment('')}*`);
            reads.add(`${Topics.declaration('Control', '')}*`);
            // audit-overdue and management-review-overdue on this block depend on their dates.
            reads.add(Topics.dated('Audit'));
            reads.add(Topics.dated('ManagementReview'));
        } else if (isMethodology(node)) {
            methodologies.push(node);
            entries.add(`${Topics.methodology}=${node.name}:${methodologyDigest(node)}`);
            nodes.prune();
        } else if (isRisk(node)) {
            risks.push(node);
            reads.add(Topics.methodology);
            for (const asset of node.assets) {
                entries.add(Topics.coverage(asset.$refText));
            }
            const treatment = node.treatment[0];
            if (treatment && (treatment.kind === 'mitigate' || treatment.kind === 'transfer')) {
                for (const control of treatment.controls.map(reference => controlKey(reference.$refText))) {
                    entries.add(Topics.treatment(control));
                    reads.add(Topics.decision(control));
                    // treatment-overdue names the controls not yet implemented.
                    reads.add(Topics.implementation(control));
                }
            }
        } else if (isApply(node) || isExclude(node)) {
            nodes.prune();
            // While the user is still typing `apply ` there is no control yet.
            if (!node.control) continue;
            decisions.push(node);
            const control = controlKey(node.control.$refText);
            const key = `${control}=${node.$type}`;
            decisionCounts.set(key, (decisionCounts.get(key) ?? 0) + 1);
            reads.add(Topics.decision(control));
            reads.add(Topics.treatment(control));
            if (isApply(node)) entries.add(`${Topics.implementation(control)}=${node.status[0] ?? ''}`);
        } else if (isNonconformity(node) && node.name) {
            entries.add(`${Topics.nonconformityActions(node.name)}=${node.actions.length}`);
        } else if (isFinding(node) && node.nonconformity[0]) {
            // finding-without-action accepts the corrective actions of the nonconformity it names.
            reads.add(Topics.nonconformityActions(node.nonconformity[0].$refText));
        } else if (isAudit(node) || isManagementReview(node)) {
            if (node.date[0]) entries.add(`${Topics.dated(node.$type)}=${node.date[0]}`);
        } else if (node.$type === 'Policy') {
            reads.add(Topics.methodology);
        }
    }
    for (const [key, count] of decisionCounts) {
        entries.add(`${Topics.decision('')}${key}*${count}`);
    }
    // Whether the workspace has none, one or several isms blocks decides diagnostics in every file.
    if (ismsBlocks.length > 0) {
        entries.add(`${Topics.isms}=${ismsBlocks.length}`);
    }
    return { uri: document.uri.toString(), declarations, ismsBlocks, methodologies, risks, decisions, entries, reads };
}

/** The tokens of a methodology without comments and layout: equal digests mean equal meaning. */
function methodologyDigest(methodology: Methodology): string {
    const cst = methodology.$cstNode;
    if (!cst) return '';
    return CstUtils.streamCst(cst)
        .filter(node => isLeafCstNode(node) && !node.hidden)
        .map(node => node.text)
        .join(' ');
}

/**
 * What decisions and treatments are indexed by: the control's id, without the framework a
 * reference may qualify it with (`ISO27001_2022::A.5.1` and `A.5.1` are one control).
 */
export function controlKey(refText: string): string {
    const separator = refText.lastIndexOf('::');
    return separator < 0 ? refText : refText.slice(separator + 2);
}
