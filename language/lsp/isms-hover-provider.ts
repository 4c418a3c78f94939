import type { AstNode, LangiumDocument, LangiumDocuments, Reference } from 'langium';
import { CstUtils, GrammarUtils, URI } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { addInterval } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import type {
    Addressable, Apply, Asset, Change, ContextIssue, Control, CorrectiveAction, Level, ManagementReview, Methodology, Nonconformity, Objective,
    Opportunity, Party, Requirement, Risk, Role, ScaleValue, Supplier, Training
} from '../generated/ast.js';
import {
    isApply, isAsset, isChange, isContextIssue, isControl, isExclude, isFramework, isLevel, isManagementReview, isMethodology, isNonconformity,
    isObjective, isOpportunity, isParty, isRequirement, isResidual, isRisk, isRole, isScaleValue, isSupplier, isTraining
} from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import { kindLabel } from '../model/element-kinds.js';
import type { ModelIndex } from '../model/model-index.js';
import { meetsTarget, numericTarget } from '../model/objective-target.js';
import type { MethodologyInForce, ScaleStep } from '../risk/methodology.js';
import { labelOf, methodologyFrom, rolesAllowedToAccept } from '../risk/methodology.js';
import type { RiskAssessment, RiskScoring, Score } from '../risk/risk-scoring.js';
import type { SoaDecisions } from '../soa/soa-decisions.js';
import { frameworkInForce } from '../soa/soa-decisions.js';
import { profileRequirement } from '../frameworks/framework-profile.js';
import { listedFrameworks, primaryFramework } from '../frameworks/listed-frameworks.js';
import type { ControlLink } from '../frameworks/mapping-index.js';
import { MappingIndex, qualifiedId } from '../frameworks/mapping-index.js';
import { relationshipPhrase } from '../frameworks/relationships.js';
import { reviewInputsOf } from './review-inputs.js';

/** How many risks a control's hover lists before "and N more". */
const MAX_CONTROL_RISKS = 10;
/** How many risks an asset's hover lists. */
const MAX_ASSET_RISKS = 5;
/** How many ids a role's hover names per kind of thing it owns. */
const MAX_ROLE_IDS = 5;
/** How many mappings a control's hover lists before "and N more". */
const MAX_CONTROL_MAPPINGS = 20;

/**
 * Hovers: a summary of the element under the cursor (its declaration or any reference to it),
 * computed from the model index and the risk scoring, never by walking the workspace. Numbers
 * of a risk's likelihood and impact show their scale label. A hover that fails shows nothing
 * instead of failing the request.
 */
export class IsmsHoverProvider extends MultilineCommentHoverProvider {

    private readonly documents: LangiumDocuments;
    private readonly modelIndex: ModelIndex;
    private readonly scoring: RiskScoring;
    private readonly soa: SoaDecisions;
    private readonly settings: IsmsSettings;
    private readonly reviewInputs: readonly string[];
    private readonly services: IsmsServices;

    constructor(services: IsmsServices) {
        super(services);
        this.services = services;
        this.reviewInputs = reviewInputsOf(services.Grammar);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.modelIndex = services.model.ModelIndex;
        this.scoring = services.model.RiskScoring;
        this.soa = services.model.SoaDecisions;
        this.settings = services.config.Settings;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        try {
            const scale = this.scaleHover(document, params);
            if (scale) {
                return { contents: { kind: 'markdown', value: scale } };
            }
            return await super.getHoverContent(document, params);
        } catch (error) {
            console.error('Hover failed:', error);
            return undefined;
        }
    }

    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        let documentation: string | undefined;
        try {
            documentation = super.getAstNodeHoverContent(node) as string | undefined;
        } catch {
            documentation = undefined;
        }
        let summary: string | undefined;
        try {
            summary = this.summary(node);
        } catch (error) {
            console.error(`Hover on a ${node.$type} failed:`, error);
        }
        const parts = [summary, documentation].filter((part): part is string => !!part);
        return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
    }

    private summary(node: AstNode): string | undefined {
        if (isRisk(node)) return this.riskHover(node);
        if (isControl(node)) return this.controlHover(node);
        if (isAsset(node)) return this.assetHover(node);
        if (isRole(node)) return this.roleHover(node);
        if (isLevel(node)) return this.levelHover(node);
        if (isMethodology(node)) return this.methodologyHover(node);
        if (isObjective(node)) return this.objectiveHover(node);
        if (isNonconformity(node)) return this.nonconformityHover(node);
        if (isManagementReview(node)) return this.reviewHover(node);
        if (isParty(node)) return this.partyHover(node);
        if (isContextIssue(node) || isRequirement(node)) return this.addressedHover(node);
        if (isOpportunity(node)) return this.opportunityHover(node);
        if (isChange(node)) return this.changeHover(node);
        if (isTraining(node)) return this.trainingHover(node);
        if (isSupplier(node)) return this.supplierHover(node);
        return this.namedHover(node);
    }

    // ------------------------------------------------------------------------------ risks

    private riskHover(risk: Risk): string {
        const methodology = this.scoring.methodology();
        const assessment = this.scoring.assess(risk);
        const treatment = risk.treatment[0];
        const lines = [
            `Inherent: ${assessment.inherent ? formatScore(assessment.inherent, methodology) : 'not scored (likelihood or impact missing)'}`,
            `Residual: ${this.residualText(risk, assessment, methodology)}`
        ];
        if (!treatment) {
            lines.push('Treatment: none');
        } else {
            let text = `Treatment: ${treatment.kind}`;
            if (treatment.kind === 'transfer' && treatment.to[0]) text += ` to ${this.refText(treatment.to[0])}`;
            if (treatment.kind !== 'accept' && treatment.due[0]) text += `, due ${treatment.due[0]}`;
            lines.push(text);
        }
        const blocks = [header(risk.name, risk.title), paragraph(lines)];
        if (treatment && (treatment.kind === 'mitigate' || treatment.kind === 'transfer') && treatment.controls.length > 0) {
            blocks.push(paragraph(['Controls:']), list(treatment.controls.map(control => this.controlRefText(control))));
        }
        const tail: string[] = [];
        if (risk.assets.length > 0) tail.push(`Assets: ${risk.assets.map(asset => asset.$refText).join(', ')}`);
        tail.push(`Owner: ${risk.owner[0] ? this.refText(risk.owner[0]) : 'none'}`);
        tail.push(`Last reviewed: ${risk.reviewed[0] ? risk.reviewed[0] + this.overdueNote(risk.reviewed[0], methodology) : 'never'}`);
        blocks.push(paragraph(tail));
        return blocks.join('\n\n');
    }

    private residualText(risk: Risk, assessment: RiskAssessment, methodology: MethodologyInForce): string {
        if (risk.treatment[0]?.kind === 'avoid') {
            return 'none, the risk is avoided';
        }
        const residual = assessment.residual;
        if (!residual) {
            return 'not scored';
        }
        let text = assessment.residualNode
            ? formatScore(residual, methodology)
            : `not reduced (${residual.score}, ${residual.level?.name ?? 'no level'})`;
        text += assessment.aboveAppetite ? ` — above appetite (${methodology.appetite})` : ` — within appetite (${methodology.appetite})`;
        const acceptance = assessment.acceptance;
        if (acceptance) {
            let accepted = `accepted by ${acceptance.by[0] ? this.refText(acceptance.by[0]) : 'nobody named'}`;
            if (acceptance.on[0]) accepted += ` on ${acceptance.on[0]}`;
            if (acceptance.until[0]) {
                accepted += ` until ${acceptance.until[0]}`;
                if (acceptance.until[0] < this.settings.today()) accepted += ' (expired)';
            }
            text += `, ${accepted}`;
        } else if (assessment.accepted) {
            text += ', accepted (no acceptance record)';
        } else if (assessment.aboveAppetite) {
            text += ', not accepted';
        }
        return text;
    }

    private overdueNote(reviewed: string, methodology: MethodologyInForce): string {
        const review = methodology.review;
        if (!review) return '';
        return addInterval(reviewed, review.count, review.unit) < this.settings.today() ? ' (review overdue)' : '';
    }

    // ------------------------------------------------------------------------------ controls

    private controlHover(control: Control): string {
        const id = control.name;
        const framework = isFramework(control.$container) ? control.$container : undefined;
        const inForce = frameworkInForce(this.modelIndex);
        const lines = [
            `Control${framework ? ` of ${framework.name}` : ''}${control.theme[0] ? `, theme ${control.theme[0]}` : ''}`,
            this.decisionText(id, framework !== undefined && framework === inForce)
        ];
        const decisions = this.modelIndex.decisionsFor(id);
        const reasons = decisions.map(d => d.node).filter(isApply).flatMap(apply => apply.reasons)
            .map(reason => `${reason.kind ? `${reason.kind}: ` : ''}${escape(reason.text)}`);
        if (reasons.length > 0) lines.push(`Because: ${reasons.join('; ')}`);
        const blocks = [header(id, control.title), paragraph(lines)];
        blocks.push(...this.mappingBlocks(control));
        const risks = [...this.modelIndex.risksTreatedWith(id)].map(located => located.node).sort(byName);
        if (risks.length === 0) {
            blocks.push(paragraph(['Treats no risk']));
        } else {
            blocks.push(paragraph([`Treats ${count(risks.length, 'risk')}:`]));
            const items = risks.slice(0, MAX_CONTROL_RISKS).map(risk => riskText(risk));
            if (risks.length > MAX_CONTROL_RISKS) items.push(`and ${risks.length - MAX_CONTROL_RISKS} more`);
            blocks.push(list(items));
        }
        return blocks.join('\n\n');
    }

    /**
     * Every mapping of the control, in every framework and both directions, with its relationship
     * and source; for a requirement of a framework the isms block lists, its profile state first.
     */
    private mappingBlocks(control: Control): string[] {
        const mappings = MappingIndex.of(this.services);
        const blocks: string[] = [];
        const primary = primaryFramework(this.modelIndex);
        const framework = isFramework(control.$container) ? control.$container : undefined;
        if (primary && framework && listedFrameworks(this.modelIndex).includes(framework)) {
            const entry = profileRequirement(this.services, control, primary, mappings);
            blocks.push(paragraph([`Profile against ${primary.name}: **${entry.state}** — ${escape(entry.why)}`]));
        }
        const order = (link: ControlLink) => {
            const other = link.other.$container;
            return { primary: other === primary ? 0 : 1, framework: isFramework(other) ? other.name : '', index: isFramework(other) ? other.controls.indexOf(link.other) : 0 };
        };
        const links = [...mappings.linksOf(control)].map(link => ({ link, key: order(link) }))
            .sort((a, b) => a.key.primary - b.key.primary || a.key.framework.localeCompare(b.key.framework) || a.key.index - b.key.index)
            .map(entry => entry.link);
        if (links.length === 0) return blocks;
        const items = links.slice(0, MAX_CONTROL_MAPPINGS).map(link => {
            const other = `${qualifiedId(link.other)}${link.other.title ? ` ${escape(link.other.title)}` : ''}`;
            return `${relationshipPhrase(link.relationship)} ${other} — ${this.sourceText(link)}`;
        });
        if (links.length > MAX_CONTROL_MAPPINGS) items.push(`and ${links.length - MAX_CONTROL_MAPPINGS} more`);
        blocks.push(paragraph([`${count(links.length, 'mapping')}:`]), list(items));
        return blocks;
    }

    /** `declared with PR.AA-01`, or a mapping's source and name. */
    private sourceText(link: ControlLink): string {
        const source = link.source;
        // Ids and names are shown as written, as in the header; only free text is escaped.
        if (source.mapping === null) return `declared with ${qualifiedId(link.edge.from)}`;
        return source.label === source.mapping ? `mapping ${source.mapping}` : `${escape(source.label)} (mapping ${source.mapping})`;
    }

    private decisionText(id: string, inFrameworkInForce: boolean): string {
        const decision = this.soa.decisionOf(id);
        const nodes = this.modelIndex.decisionsFor(id).map(d => d.node);
        let text = `SoA: **${decision}**`;
        if (decision === 'applicable') {
            const apply = nodes.find(isApply);
            if (apply) {
                const parts = [apply.status[0] ?? 'status not set'];
                if (apply.owner[0]) parts.push(`owner ${this.refText(apply.owner[0])}`);
                if (apply.due[0]) parts.push(`due ${apply.due[0]}`);
                text += ` — ${parts.join(', ')}`;
            } else {
                text += ' through its risks (no `apply`)';
            }
        } else if (decision === 'excluded') {
            const exclude = nodes.find(isExclude);
            text += exclude?.reason ? ` — ${escape(exclude.reason)}` : ' — no reason given';
        } else if (inFrameworkInForce) {
            text += ' — an audit gap';
        }
        if (nodes.length > 1) text += ` (${nodes.length} conflicting decisions)`;
        return text;
    }

    // ------------------------------------------------------------------------------ assets

    private assetHover(asset: Asset): string {
        const lines: string[] = [];
        lines.push(`Asset${asset.kind[0] ? `, ${asset.kind[0]}` : ''}${asset.classification[0] ? `, ${asset.classification[0]}` : ''}`);
        lines.push(`Owner: ${asset.owner[0] ? this.refText(asset.owner[0]) : 'none'}`);
        const rating = (value?: string) => value ?? '–';
        lines.push(`C/I/A: ${rating(asset.confidentiality[0])} / ${rating(asset.integrity[0])} / ${rating(asset.availability[0])}`);
        if (this.modelIndex.isExcludedFromScope(asset.name)) {
            const reason = this.modelIndex.ismsBlocks().flatMap(block => block.node.scope[0]?.excludes ?? [])
                .find(excluded => excluded.asset?.$refText === asset.name)?.reason;
            lines.push(`Out of scope${reason ? ` — ${escape(reason)}` : ''}`);
        } else {
            lines.push('In scope');
        }
        const blocks = [header(asset.name, asset.title), paragraph(lines)];
        const risks = [...this.modelIndex.risksCovering(asset.name)].map(located => located.node)
            .map(risk => ({ risk, residual: this.scoring.assess(risk).residual }))
            .sort((a, b) => (b.residual?.score ?? -1) - (a.residual?.score ?? -1) || byName(a.risk, b.risk));
        if (risks.length === 0) {
            blocks.push(paragraph(['No risk covers it']));
        } else {
            blocks.push(paragraph([`${count(risks.length, 'risk')}, highest residual first:`]));
            const items = risks.slice(0, MAX_ASSET_RISKS).map(({ risk, residual }) =>
                `${riskText(risk)} — residual ${residual ? `${residual.score}, ${residual.level?.name ?? 'no level'}` : 'not scored'}`);
            if (risks.length > MAX_ASSET_RISKS) items.push(`and ${risks.length - MAX_ASSET_RISKS} more`);
            blocks.push(list(items));
        }
        return blocks.join('\n\n');
    }

    // ------------------------------------------------------------------------------ roles

    private roleHover(role: Role): string {
        const name = role.name;
        const lines: string[] = [];
        let first = 'Role';
        if (role.person[0]) first += `: ${escape(role.person[0])}`;
        if (role.email[0]) first += ` (${escape(role.email[0])})`;
        lines.push(first);
        if (this.modelIndex.ismsBlock()?.topManagement.some(member => member.$refText === name)) {
            lines.push('Top management');
        }
        // A role named by a level's `accepted-by` may accept risks of that level and of lower ones.
        const highest = this.scoring.methodology().levels.filter(level => level.acceptedBy === name).sort((a, b) => b.rank - a.rank)[0];
        if (highest) lines.push(`Accepts risks up to level ${highest.name}`);

        const assets = this.modelIndex.userDeclarations('Asset').map(d => d.node as Asset).filter(asset => asset.owner[0]?.$refText === name);
        const risks = this.modelIndex.risks().map(located => located.node);
        const ownedRisks = risks.filter(risk => risk.owner[0]?.$refText === name);
        const acceptances = risks.filter(risk => this.scoring.assess(risk).acceptance?.by[0]?.$refText === name);
        const applied = this.applies().filter(apply => apply.owner[0]?.$refText === name).flatMap(apply => apply.control ? [apply.control.$refText] : []);
        const owned = [
            idsLine('Owns', assets.map(asset => asset.name), 'asset'),
            idsLine('Owns', ownedRisks.map(risk => risk.name), 'risk'),
            idsLine('Owns', [...new Set(applied)], 'applied control'),
            idsLine('Accepted', acceptances.map(risk => risk.name), 'risk')
        ].filter((line): line is string => line !== undefined);
        lines.push(...(owned.length > 0 ? owned : ['Owns nothing']));
        return [header(name, role.title), paragraph(lines)].join('\n\n');
    }

    /** Every `apply` of the user's documents, from the per-document facts the index caches. */
    private applies(): Apply[] {
        const applies: Apply[] = [];
        for (const uri of this.modelIndex.userDocumentUris()) {
            const document = this.documents.getDocument(URI.parse(uri));
            if (document) {
                applies.push(...this.modelIndex.facts(document).decisions.filter(isApply));
            }
        }
        return applies;
    }

    // ------------------------------------------------------------------------------ methodology

    private levelHover(level: Level): string {
        const node = level.$container;
        const methodology = methodologyFrom(node);
        const lines = [`Risk level of methodology ${node.name}: scores ${level.min}..${level.max}`];
        const inForce = methodology.levels.find(other => other.name === level.name && other.min === level.min);
        if (level.acceptedBy) {
            let text = `Accepted by ${this.refText(level.acceptedBy)}`;
            const others = inForce ? [...(rolesAllowedToAccept(methodology, inForce) ?? [])].filter(role => role !== level.acceptedBy!.$refText) : [];
            if (others.length > 0) text += ` or a role named for a higher level (${others.join(', ')})`;
            lines.push(text);
        } else {
            lines.push('No `accepted-by`: any role may accept');
        }
        if (level.max <= methodology.appetite) {
            lines.push(`Within appetite (${methodology.appetite})`);
        } else if (level.min > methodology.appetite) {
            lines.push(`Above appetite (${methodology.appetite})`);
        }
        return [`**${level.name}**`, paragraph(lines)].join('\n\n');
    }

    private methodologyHover(node: Methodology): string {
        const methodology = methodologyFrom(node);
        const inForce = this.scoring.methodology().node === node;
        const lines = [`Methodology${inForce ? ' (in force)' : ''}`];
        lines.push(`Scales: likelihood ${scaleRange(methodology.likelihood)}, impact ${scaleRange(methodology.impact)}${methodology.factor !== 1 ? `, factor ${methodology.factor}` : ''}`);
        lines.push(`Levels: ${methodology.levels.map(level => `${level.name} ${level.min}..${level.max}`).join(', ')}`);
        lines.push(`Appetite: ${methodology.appetite}`);
        if (methodology.review) lines.push(`Review every ${methodology.review.count} ${methodology.review.unit}`);
        return [header(node.name, node.title), paragraph(lines)].join('\n\n');
    }

    /**
     * The hover of a likelihood or impact number, in a risk, its residual or a methodology's
     * scale. Numbers are neither names nor references, so Langium's lookup does not see them.
     */
    private scaleHover(document: LangiumDocument, params: HoverParams): string | undefined {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!leaf || leaf.offset + leaf.length <= offset) return undefined;
        const feature = GrammarUtils.findAssignment(leaf)?.feature;
        const node = leaf.astNode;
        if (isScaleValue(node) && feature === 'value') {
            return this.scaleValueHover(node);
        }
        if (feature !== 'likelihood' && feature !== 'impact') return undefined;
        if (!isRisk(node) && !isResidual(node)) return undefined;
        // The number under the cursor: a risk given its likelihood twice holds both.
        const value = Number(leaf.text);
        if (!Number.isInteger(value)) return undefined;
        const methodology = this.scoring.methodology();
        const text = scaleText(feature, value, methodology.name, feature === 'likelihood' ? methodology.likelihood : methodology.impact);
        const risk = isRisk(node) ? node : node.$container.$container;
        if (!isRisk(risk)) return text;
        const assessment = this.scoring.assess(risk);
        const score = isRisk(node) ? assessment.inherent : assessment.residual;
        const which = isRisk(node) ? 'inherent' : 'residual';
        return score ? `${text}\n\n${risk.name} ${which}: ${formatScore(score, methodology)}` : text;
    }

    private scaleValueHover(step: ScaleValue): string | undefined {
        const node = step.$container;
        const property = step.$containerProperty;
        if (!isMethodology(node) || (property !== 'likelihood' && property !== 'impact')) return undefined;
        return `${capitalize(property)} ${step.value}: **${escape(step.label)}** (methodology ${node.name})`;
    }

    // ------------------------------------------------------------------------------ clauses 4 to 10

    /** Target, unit, the measurements oldest first with their trend, and whether the latest meets the target. */
    private objectiveHover(objective: Objective): string {
        const unit = objective.unit[0] ? ` ${escape(objective.unit[0])}` : '';
        const target = objective.target[0];
        const lines = [`Objective${objective.owner[0] ? `, owner ${this.refText(objective.owner[0])}` : ''}`];
        if (objective.metric[0]) lines.push(`Metric: ${escape(objective.metric[0])}`);
        const numeric = numericTarget(target);
        lines.push(`Target: ${numeric ? `${escape(numeric.comparison)} ${numeric.value}${unit}` : target?.text ? escape(target.text) : 'none'}`);
        if (objective.measureInterval[0]) lines.push(`Measured every ${objective.measureInterval[0].count} ${objective.measureInterval[0].unit}`);
        const measurements = objective.measurements.filter(m => m.date && typeof m.value === 'number').sort((a, b) => a.date.localeCompare(b.date));
        const blocks = [header(objective.name, objective.title), paragraph(lines)];
        if (measurements.length === 0) {
            blocks.push(paragraph(['Never measured']));
            return blocks.join('\n\n');
        }
        blocks.push(list(measurements.map((m, i) => {
            const previous = measurements[i - 1];
            const trend = !previous ? '' : m.value > previous.value ? ' ↑' : m.value < previous.value ? ' ↓' : ' →';
            return `${m.date}: ${m.value}${unit}${trend}`;
        })));
        const latest = measurements[measurements.length - 1];
        const meets = numeric ? meetsTarget(latest.value, numeric) : undefined;
        blocks.push(paragraph([meets === undefined ? 'Latest: not comparable with the target' : `Latest (${latest.date}) ${meets ? 'meets' : 'misses'} the target`]));
        return blocks.join('\n\n');
    }

    private nonconformityHover(nonconformity: Nonconformity): string {
        const lines = [`Nonconformity${nonconformity.severity[0] ? `, ${nonconformity.severity[0]}` : ''}${nonconformity.clause[0] ? `, clause ${escape(nonconformity.clause[0])}` : ''}`];
        const source = nonconformity.source[0];
        lines.push(`Source: ${source ? `${kindLabel(source.ref?.$type ?? 'unresolved')} ${this.refText(source)}` : 'none'}`);
        lines.push(`Root cause: ${nonconformity.rootCause[0] ? escape(nonconformity.rootCause[0]) : 'not given'}`);
        if (nonconformity.correction[0]) lines.push(`Correction: ${escape(nonconformity.correction[0])}`);
        const blocks = [header(nonconformity.name, nonconformity.title), paragraph(lines)];
        if (nonconformity.actions.length === 0) {
            blocks.push(paragraph(['No corrective action']));
        } else {
            blocks.push(paragraph([`${count(nonconformity.actions.length, 'corrective action')}:`]), list(nonconformity.actions.map(action => this.actionText(action))));
        }
        return blocks.join('\n\n');
    }

    private actionText(action: CorrectiveAction): string {
        const parts = [action.status[0] ?? 'status not set'];
        if (action.owner[0]) parts.push(`owner ${action.owner[0].$refText}`);
        if (action.due[0]) parts.push(`due ${action.due[0]}`);
        if (action.closed[0]) parts.push(`closed ${action.closed[0]}`);
        if (action.effective[0]) parts.push(`effective ${action.effective[0]}${action.verifiedBy[0] ? `, verified by ${action.verifiedBy[0].$refText}${action.verifiedOn[0] ? ` on ${action.verifiedOn[0]}` : ''}` : ''}`);
        return `${escape(action.title ?? '')} — ${parts.join(', ')}`;
    }

    /** The inputs given and which of the ten of 9.3.2 are missing. */
    private reviewHover(review: ManagementReview): string {
        const given = new Set<string>(review.inputs);
        const missing = this.reviewInputs.filter(input => !given.has(input));
        const lines = [`Management review${review.date[0] ? ` on ${review.date[0]}` : ''}`];
        if (review.attendees.length > 0) lines.push(`Attendees: ${review.attendees.map(a => a.$refText).join(', ')}`);
        lines.push(`Inputs: ${given.size} of ${this.reviewInputs.length}`);
        lines.push(missing.length === 0 ? 'No 9.3.2 input missing' : `Missing: ${missing.join(', ')}`);
        return [header(review.name, review.title), paragraph(lines)].join('\n\n');
    }

    private partyHover(party: Party): string {
        const blocks = [header(party.name, party.title), paragraph([`Interested party, ${count(party.requirements.length, 'requirement')}`])];
        if (party.requirements.length > 0) {
            blocks.push(list(party.requirements.map(requirement =>
                `${requirement.name}${requirement.title ? ` ${escape(requirement.title)}` : ''} — ${this.addressedText(requirement.addressedBy)}`)));
        }
        return blocks.join('\n\n');
    }

    private addressedHover(node: ContextIssue | Requirement): string {
        const first = isRequirement(node) ? `Requirement of ${node.$container.name}` : `Issue${node.origin[0] ? `, ${node.origin[0]}` : ''}${node.topic[0] ? `, ${node.topic[0]}` : ''}`;
        return [header(node.name, node.title), paragraph([first, `Addressed by: ${this.addressedText(node.addressedBy)}`])].join('\n\n');
    }

    private addressedText(references: ReadonlyArray<Reference<Addressable>>): string {
        if (references.length === 0) return 'nothing';
        return references.map(reference => reference.ref ? `${kindLabel(reference.ref.$type)} ${this.refText(reference)}` : `${reference.$refText} (unresolved)`).join(', ');
    }

    private opportunityHover(opportunity: Opportunity): string {
        const lines = [`Opportunity (6.1.1)${opportunity.status[0] ? `, ${opportunity.status[0]}` : ''}`];
        if (opportunity.owner[0]) lines.push(`Owner: ${this.refText(opportunity.owner[0])}`);
        if (opportunity.due[0]) lines.push(`Due: ${opportunity.due[0]}${opportunity.status[0] !== 'closed' && opportunity.due[0] < this.settings.today() ? ' (past)' : ''}`);
        return [header(opportunity.name, opportunity.title), paragraph(lines)].join('\n\n');
    }

    private changeHover(change: Change): string {
        const lines = [`Planned change (6.3)${change.date[0] ? ` on ${change.date[0]}` : ''}`];
        if (change.owner[0]) lines.push(`Owner: ${this.refText(change.owner[0])}`);
        lines.push(change.approvedBy[0] ? `Approved by ${this.refText(change.approvedBy[0])}${change.approvedOn[0] ? ` on ${change.approvedOn[0]}` : ''}` : 'Not approved');
        if (change.affects.length > 0) {
            lines.push(`Affects: ${change.affects.map(target => target.ref ? `${kindLabel(target.ref.$type)} ${this.refText(target)}` : `${target.$refText} (unresolved)`).join(', ')}`);
        }
        return [header(change.name, change.title), paragraph(lines)].join('\n\n');
    }

    private trainingHover(training: Training): string {
        const lines = [`Training (7.2, 7.3)${training.date[0] ? ` held on ${training.date[0]}` : ''}`];
        if (training.audience[0]) lines.push(`Audience: ${escape(training.audience[0])}`);
        if (training.completion[0] !== undefined) lines.push(`Completion: ${training.completion[0]}%`);
        const every = training.recurrence[0];
        if (every?.count && every.unit) {
            const due = training.date[0] ? addInterval(training.date[0], every.count, every.unit) : undefined;
            lines.push(`Every ${every.count} ${every.unit}${due ? `; next due ${due}${due < this.settings.today() ? ' (overdue)' : ''}` : ''}`);
        }
        return [header(training.name, training.title), paragraph(lines)].join('\n\n');
    }

    private supplierHover(supplier: Supplier): string {
        const lines = [`Supplier${supplier.criticality[0] ? `, criticality ${supplier.criticality[0]}` : ''}`];
        if (supplier.contract[0]) lines.push(`Contract: ${escape(supplier.contract[0])}`);
        if (supplier.certifications.length > 0) lines.push(`Certifications: ${supplier.certifications.map(escape).join(', ')}`);
        const every = supplier.review[0];
        const due = supplier.reviewed[0] && every?.count && every.unit ? addInterval(supplier.reviewed[0], every.count, every.unit) : undefined;
        if (supplier.reviewed[0]) lines.push(`Reviewed ${supplier.reviewed[0]}${due ? `; next review due ${due}${due < this.settings.today() ? ' (overdue)' : ''}` : ''}`);
        else if (every?.count) lines.push(`Reviewed every ${every.count} ${every.unit}; never reviewed`);
        return [header(supplier.name, supplier.title), paragraph(lines)].join('\n\n');
    }

    // ------------------------------------------------------------------------------ the rest

    private namedHover(node: AstNode): string | undefined {
        const named = node as AstNode & { name?: unknown, title?: unknown };
        if (typeof named.name !== 'string') return undefined;
        const lines = [capitalize(kindLabel(node.$type))];
        if (isFramework(node)) {
            const inForce = frameworkInForce(this.modelIndex) === node;
            lines[0] += `: ${count(node.controls.length, 'control')}${inForce ? ', the SoA is built against it' : ''}`;
        }
        return [header(named.name, typeof named.title === 'string' ? named.title : undefined), paragraph(lines)].join('\n\n');
    }

    /** A reference with the title of its target: `CISO (Chief Information Security Officer)`. */
    private refText(reference: Reference<AstNode & { title?: string }>): string {
        const title = reference.ref?.title;
        return title ? `${reference.$refText} (${escape(title)})` : reference.$refText;
    }

    /** A control reference as `A.8.13 Information backup`. */
    private controlRefText(reference: Reference<Control>): string {
        const target = reference.ref;
        if (!target) return `${reference.$refText} (unresolved)`;
        return target.title ? `${reference.$refText} ${escape(target.title)}` : reference.$refText;
    }
}

function header(id: string, title: string | undefined): string {
    return title ? `**${id}** ${escape(title)}` : `**${id}**`;
}

/** Lines of one paragraph, each on its own line (markdown hard breaks). */
function paragraph(lines: readonly string[]): string {
    return lines.join('  \n');
}

function list(items: readonly string[]): string {
    return items.map(item => `- ${item}`).join('\n');
}

function riskText(risk: Risk): string {
    return risk.title ? `${risk.name} ${escape(risk.title)}` : risk.name;
}

function stepText(steps: readonly ScaleStep[], value: number): string {
    const label = labelOf(steps, value);
    return label ? `${escape(label)} (${value})` : `${value} (off the scale)`;
}

/** `Likely (4) × Severe (5) = 20, critical`, with `× factor` when the factor is not 1. */
function formatScore(score: Score, methodology: MethodologyInForce): string {
    const factor = methodology.factor !== 1 ? ` × ${methodology.factor}` : '';
    return `${stepText(methodology.likelihood, score.likelihood)} × ${stepText(methodology.impact, score.impact)}${factor}`
        + ` = ${score.score}, ${score.level?.name ?? 'no level'}`;
}

function scaleText(feature: 'likelihood' | 'impact', value: number, methodology: string, steps: readonly ScaleStep[]): string {
    const label = labelOf(steps, value);
    return label
        ? `${capitalize(feature)} ${value}: **${escape(label)}** (methodology ${methodology})`
        : `${capitalize(feature)} ${value}: not on the scale ${scaleRange(steps)} (methodology ${methodology})`;
}

function scaleRange(steps: readonly ScaleStep[]): string {
    const values = steps.map(step => step.value);
    return values.length > 0 ? `${Math.min(...values)}..${Math.max(...values)}` : 'empty';
}

function idsLine(verb: string, ids: readonly string[], noun: string): string | undefined {
    if (ids.length === 0) return undefined;
    const sorted = [...ids].sort(compareIds);
    const shown = sorted.slice(0, MAX_ROLE_IDS).join(', ');
    return `${verb} ${count(ids.length, noun)}: ${shown}${sorted.length > MAX_ROLE_IDS ? `, … (${sorted.length - MAX_ROLE_IDS} more)` : ''}`;
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function compareIds(a: string, b: string): number {
    return a.localeCompare(b, 'en', { numeric: true });
}

function byName(a: { name: string }, b: { name: string }): number {
    return compareIds(a.name, b.name);
}

/** Free text of the model (titles, reasons) shown as text, not as markdown. */
function escape(text: string): string {
    return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
