import type { AstNode, AstNodeDescription, LangiumDocument, MaybePromise, ReferenceInfo, Stream } from 'langium';
import { AstUtils, Cancellation, CstUtils, GrammarAST, GrammarUtils, stream } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { CompletionItem, CompletionList, CompletionParams, MarkupContent, Position } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { Control } from '../generated/ast.js';
import { isControl, isControlMapping, isFramework } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import { kindLabel } from '../model/element-kinds.js';
import { firstValue } from '../model/recovered.js';
import type { ModelIndex } from '../model/model-index.js';
import type { ScaleStep } from '../risk/methodology.js';
import type { RiskScoring } from '../risk/risk-scoring.js';
import type { SoaDecisions } from '../soa/soa-decisions.js';
import { frameworkInForce } from '../soa/soa-decisions.js';
import { singleValuedKeywords } from '../parser/single-valued-properties.js';

/** The completion kind of a reference to an element of each kind (the icon editors show). */
const REFERENCE_KINDS: Record<string, CompletionItemKind> = {
    Role: CompletionItemKind.Variable,
    Asset: CompletionItemKind.Class,
    Supplier: CompletionItemKind.Struct,
    Threat: CompletionItemKind.Event,
    Vulnerability: CompletionItemKind.Interface,
    Risk: CompletionItemKind.Field,
    Control: CompletionItemKind.Reference,
    Framework: CompletionItemKind.Module,
    Methodology: CompletionItemKind.Method,
    Policy: CompletionItemKind.File,
    Opportunity: CompletionItemKind.Value,
    Objective: CompletionItemKind.Unit,
    Audit: CompletionItemKind.Event,
    Incident: CompletionItemKind.Event,
    ManagementReview: CompletionItemKind.Event,
    Nonconformity: CompletionItemKind.Event
};

/**
 * The enumerated words of the language (datatype rules made of keywords only), with a short
 * explanation each. A keyword found here is proposed as an enum member, not as a keyword.
 */
const ENUMERATIONS: Record<string, { readonly detail: string, readonly words: Record<string, string> }> = {
    IntervalUnit: {
        detail: 'interval unit',
        words: { days: 'Counted in days.', weeks: 'Counted in weeks.', months: 'Counted in calendar months.', years: 'Counted in years.' }
    },
    AssetKind: {
        detail: 'asset kind',
        words: {
            data: 'Information: databases, files, records, backups.',
            software: 'Applications, systems and tools.',
            hardware: 'Devices: servers, laptops, network equipment, media.',
            service: 'Services used or provided, such as cloud or IT services.',
            process: 'Business processes and activities.',
            people: 'Personnel, their skills and knowledge.',
            site: 'Premises and physical locations.'
        }
    },
    Classification: {
        detail: 'classification (A.5.12)',
        words: {
            public: 'May be disclosed to anyone.',
            internal: 'For staff and partners; disclosure causes limited harm.',
            confidential: 'For those who need to know; disclosure causes serious harm.',
            restricted: 'Highest protection; disclosure causes severe harm.'
        }
    },
    Rating: {
        detail: 'rating',
        words: { low: 'Low.', medium: 'Medium.', high: 'High.', critical: 'Critical.' }
    },
    Criticality: {
        detail: 'supplier criticality',
        words: {
            low: 'Replaceable; a failure has little effect.',
            medium: 'A failure disrupts part of the service.',
            high: 'The service depends on this supplier.'
        }
    },
    ThreatCategory: {
        detail: 'threat category',
        words: {
            malicious: 'Deliberate acts: attacks, theft, fraud, sabotage.',
            accidental: 'Errors and failures without intent.',
            environmental: 'Natural events and failures of the environment: fire, flood, power.'
        }
    },
    ThreatSource: {
        detail: 'threat source',
        words: { external: 'From outside the organization.', internal: 'From inside the organization: staff, contractors, systems.' }
    },
    FindingSeverity: {
        detail: 'finding severity',
        words: {
            major: 'Major nonconformity: a requirement is not fulfilled at all, or a systemic failure.',
            minor: 'Minor nonconformity: an isolated lapse in fulfilling a requirement.',
            observation: 'Not a nonconformity: an opportunity for improvement.'
        }
    },
    ActionStatus: {
        detail: 'action status',
        words: { open: 'Not started yet.', 'in-progress': 'Being worked on.', closed: 'Done and verified.' }
    },
    ImplementationStatus: {
        detail: 'implementation status',
        words: {
            'not-started': 'Applicable, but nothing is in place yet.',
            planned: 'Planned, with resources and a due date.',
            partial: 'Partly in place.',
            implemented: 'In place and operating.'
        }
    },
    ReasonKind: {
        detail: 'reason for inclusion',
        words: {
            legal: 'Required by law or regulation.',
            contractual: 'Required by a contract.',
            business: 'Required by business needs or the risk assessment.',
            'best-practice': 'Adopted as good practice.'
        }
    },
    ControlTheme: {
        detail: 'control theme',
        words: {
            organizational: 'Organizational controls (Annex A clause 5).',
            people: 'People controls (Annex A clause 6).',
            physical: 'Physical controls (Annex A clause 7).',
            technological: 'Technological controls (Annex A clause 8).'
        }
    }
};

/** The four risk treatment options (clause 6.1.3), each with the block it usually needs. */
const TREATMENTS: Record<string, { readonly snippet: string, readonly detail: string, readonly documentation: string }> = {
    mitigate: {
        snippet: 'mitigate { controls $1 }',
        detail: 'treatment: modify the risk with controls',
        documentation: 'Reduce the risk with controls; add `residual likelihood … impact …` for the score after treatment.'
    },
    transfer: {
        snippet: 'transfer { to $1 because "$2" }',
        detail: 'treatment: share the risk with a supplier',
        documentation: 'Share the risk with a supplier or an insurer (`to`), saying why.'
    },
    avoid: {
        snippet: 'avoid { because "$1" }',
        detail: 'treatment: stop the activity',
        documentation: 'Avoid the risk by stopping the activity that causes it, saying why.'
    },
    accept: {
        snippet: 'accept { by $1 on ${2:YYYY-MM-DD} until $3 because "$4" }',
        detail: 'treatment: retain the risk',
        documentation: 'Retain the risk: who accepts it, when, until when, and why.'
    }
};

/** Properties of a risk and of a residual that take a value of the methodology's scales. */
const SCORED_RULES = new Set(['Risk', 'Residual']);

/** Characters of a control id, which the lexer splits while it is being typed (`A.8.`). */
const CONTROL_ID_CHAR = /[\w.-]/;

/** A control id being typed, up to a trailing dot that no terminal accepts yet. */
const PARTIAL_CONTROL_ID = /[A-Za-z][\w-]*(?:\.[\w-]+)*\.$/;

/**
 * Completion for `.isms` files. Langium proposes what the grammar allows at the cursor; on top
 * of that this provider:
 * - leaves out the keyword of a property the block already has (each is allowed once);
 * - proposes enumerated words (kind, classification, ratings, statuses…) as enum members with
 *   a short explanation;
 * - shows each referenced element's title (`CISO` — Chief Information Security Officer);
 * - proposes controls in catalog order, matched by id or by any word of the title, with the
 *   SoA decision in the documentation;
 * - proposes the methodology's scale values after `likelihood` / `impact`;
 * - proposes the four treatments as snippets after `treatment`.
 * Everything comes from the cached model index, never from a walk over the workspace.
 */
const MAX_SYNTAX_ERRORS_FOR_COMPLETION = 100;

export class IsmsCompletionProvider extends DefaultCompletionProvider {

    private readonly modelIndex: ModelIndex;
    private readonly scoring: RiskScoring;
    private readonly decisions: SoaDecisions;
    private readonly singleValued: ReadonlySet<GrammarAST.Keyword>;

    constructor(services: IsmsServices) {
        super(services);
        this.modelIndex = services.model.ModelIndex;
        this.scoring = services.model.RiskScoring;
        this.decisions = services.model.SoaDecisions;
        this.singleValued = singleValuedKeywords(services.Grammar);
    }

    /**
     * Completion re-parses the text before the cursor; on a document the parser cannot follow
     * at all (hundreds of syntax errors, such as thousands of unclosed blocks) that takes
     * seconds and blocks the server, so such a document gets no completion until it is mended.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: Cancellation.CancellationToken): Promise<CompletionList | undefined> {
        const { parserErrors, lexerErrors } = document.parseResult;
        if (parserErrors.length + lexerErrors.length > MAX_SYNTAX_ERRORS_FOR_COMPLETION) {
            return { isIncomplete: true, items: [] };
        }
        return super.getCompletion(document, params, cancelToken);
    }

    /**
     * Before Langium's contexts: when the text before the cursor is a control id cut after a dot
     * (`A.8.`), the lexer has read `A.8` as a complete reference and the dot as an error, so the
     * reference is completed from where the id starts.
     */
    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        const partial = this.partialControlContext(document, position);
        if (partial) yield partial;
        yield* super.buildContexts(document, position);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const feature = next.feature;
        try {
            if (GrammarAST.isKeyword(feature)) {
                if (this.completionForTreatment(context, feature, acceptor) || this.completionForEnumeration(context, feature, acceptor)) {
                    return;
                }
            } else if (GrammarAST.isRuleCall(feature) && feature.rule.ref?.name === 'INT') {
                this.completionForScale(context, feature, acceptor);
                return;
            }
        } catch (error) {
            // Fall back to what Langium proposes rather than failing the request.
            console.error('ISMS completion failed:', error);
        }
        return super.completionFor(context, next, acceptor);
    }

    /** Langium's filter (no punctuation), and no keyword of a single-valued property given already. */
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        return super.filterKeyword(context, keyword) && !this.propertyAlreadyGiven(context, keyword);
    }

    /**
     * No element refers to itself (an asset does not depend on itself, a control does not map to
     * itself), and a list (`controls A.8.13, |`) does not offer what it names already.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = unambiguousControls(super.getReferenceCandidates(refInfo, context));
        const { self, references } = referenceList(refInfo);
        const listed = new Set<string>();
        for (const value of references) {
            const reference = value as { $refText?: unknown, $refNode?: { offset: number, end: number } };
            const node = reference.$refNode;
            // The name being typed is a listed reference too: it stays a candidate.
            const atCursor = node !== undefined && node.offset <= context.offset && context.offset <= node.end;
            if (typeof reference.$refText === 'string' && !atCursor) listed.add(reference.$refText);
        }
        const ownName = typeof self.name === 'string' ? self.name : undefined;
        if (listed.size === 0 && ownName === undefined) {
            return candidates;
        }
        return candidates.filter(candidate => !listed.has(candidate.name) && !(candidate.type === self.$type && candidate.name === ownName));
    }

    protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        try {
            const node = this.nodeOf(nodeDescription);
            if (nodeDescription.type === 'Control') {
                return this.controlItem(nodeDescription, isControl(node) ? node : undefined);
            }
            const title = titleOf(node);
            return {
                nodeDescription,
                kind: REFERENCE_KINDS[nodeDescription.type] ?? CompletionItemKind.Reference,
                detail: title ?? kindLabel(nodeDescription.type),
                labelDetails: title ? { description: title } : undefined,
                documentation: referenceDocumentation(nodeDescription, node, title),
                sortText: '0'
            };
        } catch (error) {
            console.error('ISMS reference completion failed:', error);
            return super.createReferenceCompletionItem(nodeDescription, refInfo, context);
        }
    }

    /**
     * Items with a `filterText` (controls) match the typed text against their label or any word
     * of the filter text, so `backup` finds A.8.13; and they replace the whole control id typed
     * so far, which the lexer may have split (`A.8.`).
     */
    protected override fillCompletionItem(context: CompletionContext, item: CompletionValueItem): CompletionItem | undefined {
        if (item.filterText === undefined || item.textEdit !== undefined) {
            return super.fillCompletionItem(context, item);
        }
        const label = typeof item.label === 'string' ? item.label
            : 'nodeDescription' in item ? item.nodeDescription.name : undefined;
        if (label === undefined) {
            return super.fillCompletionItem(context, item);
        }
        const text = context.textDocument.getText();
        let start = Math.min(context.tokenOffset, context.offset);
        while (start > 0 && CONTROL_ID_CHAR.test(text.charAt(start - 1))) start--;
        const typed = text.substring(start, context.offset);
        const target = [label, ...item.filterText.split(/\s+/)].find(word => word.length > 0 && this.fuzzyMatcher.match(typed, word));
        if (target === undefined) {
            return undefined;
        }
        const wholeToken = { ...context, tokenOffset: start, tokenEndOffset: Math.max(context.tokenEndOffset, start) };
        const textEdit = this.buildCompletionTextEdit(wholeToken, target, typeof item.insertText === 'string' ? item.insertText : label);
        return textEdit ? super.fillCompletionItem(context, { ...item, textEdit }) : undefined;
    }

    private partialControlContext(document: LangiumDocument, position: Position): CompletionContext | undefined {
        try {
            const textDocument = document.textDocument;
            const offset = textDocument.offsetAt(position);
            const lineStart = textDocument.offsetAt({ line: position.line, character: 0 });
            const before = textDocument.getText().substring(lineStart, offset);
            const partial = PARTIAL_CONTROL_ID.exec(before);
            const cst = document.parseResult.value.$cstNode;
            // Not inside a string: an even number of quotes before the id on its line.
            if (!partial || !cst || (before.slice(0, partial.index).match(/"/g) ?? []).length % 2 !== 0) {
                return undefined;
            }
            const start = lineStart + partial.index;
            const features = this.findFeaturesAt(textDocument, start).filter(next => GrammarAST.isCrossReference(next.feature) && next.feature.type.ref?.name === 'Control');
            if (features.length === 0) {
                return undefined;
            }
            const node = CstUtils.findLeafNodeBeforeOffset(cst, start)?.astNode;
            return { document, textDocument, offset, position, node, tokenOffset: start, tokenEndOffset: offset, features };
        } catch (error) {
            console.error('ISMS completion failed:', error);
            return undefined;
        }
    }

    // ------------------------------------------------------------------ keywords

    /** `treatment |`: the four options, each as a snippet with its block. */
    private completionForTreatment(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): boolean {
        // Keyword's declared container type is too narrow: keywords sit in groups and assignments too.
        const assignment: AstNode | undefined = keyword.$container;
        const treatment = TREATMENTS[keyword.value];
        if (!treatment || !GrammarAST.isAssignment(assignment) || assignment.feature !== 'kind') {
            return false;
        }
        const snippets = this.clientCapabilities?.completionItem?.snippetSupport ?? true;
        acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.Snippet,
            detail: treatment.detail,
            documentation: { kind: 'markdown', value: `${treatment.documentation}\n\n\`\`\`isms\ntreatment ${treatment.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '…')}\n\`\`\`` },
            insertText: snippets ? treatment.snippet : keyword.value,
            insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            sortText: `0${Object.keys(TREATMENTS).indexOf(keyword.value)}`
        });
        return true;
    }

    /** Words of an enumeration (`kind |`, `classification |`, `status |`…) as enum members. */
    private completionForEnumeration(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): boolean {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        const enumeration = rule && GrammarUtils.isDataTypeRule(rule) ? ENUMERATIONS[rule.name] : undefined;
        const documentation = enumeration?.words[keyword.value];
        if (!enumeration || documentation === undefined) {
            return false;
        }
        acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.EnumMember,
            detail: enumeration.detail,
            documentation,
            sortText: `0${String(Object.keys(enumeration.words).indexOf(keyword.value)).padStart(2, '0')}`
        });
        return true;
    }

    /**
     * Whether `keyword` introduces a single-valued property (`owner`, `kind`, `treatment`…) of a
     * block that already gives it. The keyword stays when the cursor is on that very property.
     */
    private propertyAlreadyGiven(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const group: AstNode | undefined = keyword.$container;
        const assignment = GrammarAST.isGroup(group) ? group.elements[1] : undefined;
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        if (!this.singleValued.has(keyword) || !GrammarAST.isAssignment(assignment) || !rule) {
            return false;
        }
        const type = rule.returnType?.ref?.name ?? rule.name;
        let node = context.node;
        while (node && node.$type !== type) node = node.$container;
        const values = (node as unknown as Record<string, unknown[] | undefined> | undefined)?.[assignment.feature];
        if (!node || !values?.length) {
            return false;
        }
        const onIt = GrammarUtils.findNodesForKeyword(node.$cstNode, keyword.value)
            .some(cst => cst.offset <= context.tokenOffset && context.tokenOffset <= cst.end);
        return !onIt;
    }

    // ------------------------------------------------------------------ scores

    /** `likelihood |` / `impact |` in a risk or a residual: the methodology's scale. */
    private completionForScale(context: CompletionContext, ruleCall: GrammarAST.RuleCall, acceptor: CompletionAcceptor): void {
        const assignment = AstUtils.getContainerOfType(ruleCall, GrammarAST.isAssignment);
        const rule = AstUtils.getContainerOfType(ruleCall, GrammarAST.isParserRule);
        const axis = assignment?.feature;
        if (!rule || !SCORED_RULES.has(rule.name) || (axis !== 'likelihood' && axis !== 'impact')) {
            return;
        }
        const methodology = this.scoring.methodology();
        const steps: readonly ScaleStep[] = methodology[axis];
        const other = this.otherAxis(context, rule.name, axis);
        const axisName = axis === 'likelihood' ? 'Likelihood' : 'Impact';
        steps.forEach((step, index) => {
            let documentation = `${axisName} **${step.value}** — ${step.label}, on the scale of the methodology ${methodology.node ? `\`${methodology.name}\`` : `in force (${methodology.name})`}.`;
            if (other !== undefined) {
                const score = axis === 'likelihood' ? this.scoring.score(step.value, other) : this.scoring.score(other, step.value);
                documentation += `\n\nWith ${axis === 'likelihood' ? 'impact' : 'likelihood'} ${other}: score ${score.score}${score.level ? `, ${score.level.name}` : ''}${score.score > methodology.appetite ? ' (above the appetite)' : ''}.`;
            }
            acceptor(context, {
                label: `${step.value} — ${step.label}`,
                kind: CompletionItemKind.Value,
                detail: `${axisName}: ${step.label}`,
                documentation: { kind: 'markdown', value: documentation },
                insertText: String(step.value),
                sortText: `0${String(index).padStart(3, '0')}`
            });
        });
    }

    /** The value already given on the other axis of the risk or residual being completed. */
    private otherAxis(context: CompletionContext, type: string, axis: 'likelihood' | 'impact'): number | undefined {
        let node = context.node;
        while (node && node.$type !== type) node = node.$container;
        const value = firstValue(node, axis === 'likelihood' ? 'impact' : 'likelihood');
        return typeof value === 'number' ? value : undefined;
    }

    // ------------------------------------------------------------------ references

    private nodeOf(description: AstNodeDescription): AstNode | undefined {
        return description.node ?? this.modelIndex.declarationsOf(description.type, description.name)[0]?.node;
    }

    /** A control: its title beside the id, catalog order, found by id or title words. */
    private controlItem(nodeDescription: AstNodeDescription, control: Control | undefined): CompletionValueItem {
        const id = nodeDescription.name;
        const title = control?.title;
        const framework = control && isFramework(control.$container) ? control.$container : undefined;
        const inForce = framework !== undefined && framework === frameworkInForce(this.modelIndex);
        const position = control?.$containerIndex;
        const order = position !== undefined ? String(position).padStart(5, '0') : naturalKey(id);
        return {
            nodeDescription,
            label: id,
            kind: REFERENCE_KINDS.Control,
            detail: title ?? 'control',
            labelDetails: title ? { description: title } : undefined,
            filterText: title ? `${id} ${title}` : id,
            documentation: this.controlDocumentation(id, control, framework?.title ?? framework?.name),
            sortText: `0${inForce ? 0 : 1}${framework?.name ?? ''}\u0000${order}`
        };
    }

    private controlDocumentation(id: string, control: Control | undefined, catalog: string | undefined): MarkupContent {
        const lines = [`**${id}**${control?.title ? ` ${control.title}` : ''}`];
        const facts = [catalog, control?.theme[0] && `theme ${control.theme[0]}`].filter(Boolean);
        if (facts.length > 0) lines.push(facts.join(' · '));
        if (control?.description[0]) lines.push(control.description[0]);
        lines.push(`SoA: ${this.decisionText(id)}`);
        return { kind: 'markdown', value: lines.join('\n\n') };
    }

    private decisionText(id: string): string {
        const decision = this.decisions.decisionOf(id);
        if (decision === 'excluded') {
            const exclusion = this.modelIndex.decisionsFor(id).find(located => located.node.$type === 'Exclude')?.node;
            const reason = exclusion && 'reason' in exclusion ? exclusion.reason : undefined;
            return `excluded${reason ? ` — ${reason}` : ''}`;
        }
        if (decision === 'applicable') {
            // A few ids and a count: in a large model one control treats thousands of risks.
            const risks = this.modelIndex.risksTreatedWith(id);
            const shown = risks.slice(0, 5).map(located => located.node.name).join(', ');
            return risks.length === 0 ? 'applicable'
                : `applicable, treats ${shown}${risks.length > 5 ? ` and ${risks.length - 5} more (${risks.length} risks)` : ''}`;
        }
        return 'undecided';
    }
}

function titleOf(node: AstNode | undefined): string | undefined {
    const title = firstValue(node, 'title');
    return typeof title === 'string' && title.length > 0 ? title : undefined;
}

function referenceDocumentation(description: AstNodeDescription, node: AstNode | undefined, title: string | undefined): MarkupContent {
    const lines = [`${kindLabel(description.type)} **${description.name}**${title ? ` — ${title}` : ''}`];
    const contact = [firstValue(node, 'person'), firstValue(node, 'email')].filter((value): value is string => typeof value === 'string');
    if (contact.length > 0) lines.push(contact.join(', '));
    const text = firstValue(node, 'description');
    if (typeof text === 'string') lines.push(text);
    return { kind: 'markdown', value: lines.join('\n\n') };
}

/** `A.5.2` before `A.5.10`: numbers padded, for ids outside any catalog. */
function naturalKey(id: string): string {
    return id.replace(/\d+/g, digits => digits.padStart(5, '0'));
}

/**
 * The element a reference is made from and the references already in its list. A mapping's
 * target is made from the control that `maps`, and its list is that control's mappings.
 */
function referenceList(refInfo: ReferenceInfo): { self: AstNode & { name?: unknown }, references: readonly unknown[] } {
    const container = refInfo.container;
    // While completing, the mapping may be a stand-in whose container is the mapping being typed.
    const control = isControlMapping(container) ? AstUtils.getContainerOfType(container, isControl) : undefined;
    if (control) {
        return { self: control, references: control.maps.map(mapping => mapping.target) };
    }
    const values = (container as unknown as Record<string, unknown>)[refInfo.property];
    return { self: container, references: Array.isArray(values) ? values : [] };
}

/**
 * Each control once: by its id, or, where frameworks share the id, by `FRAMEWORK::ID` only, as
 * the id alone would not link.
 */
function unambiguousControls(candidates: Stream<AstNodeDescription>): Stream<AstNodeDescription> {
    const all = candidates.toArray();
    // A control of the current document comes from its local scope and from the index: once per place.
    const places = new Map<string, Set<string>>();
    for (const candidate of all) {
        if (candidate.type === 'Control' && !candidate.name.includes('::')) {
            places.set(candidate.name, (places.get(candidate.name) ?? new Set()).add(`${candidate.documentUri.toString()}#${candidate.path}`));
        }
    }
    const idCount = new Map([...places].map(([id, found]) => [id, found.size]));
    return stream(all.filter(candidate => {
        if (candidate.type !== 'Control') return true;
        const separator = candidate.name.indexOf('::');
        return separator < 0 ? idCount.get(candidate.name) === 1 : (idCount.get(candidate.name.slice(separator + 2)) ?? 0) > 1;
    }));
}
