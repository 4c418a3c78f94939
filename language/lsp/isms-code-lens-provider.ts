import type { AstNode, LangiumDocument, NameProvider, References } from 'langium';
import { Cancellation, GrammarUtils, interruptAndCheck } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Location, Range } from 'vscode-languageserver';
import type { IsmsSettings } from '../config/isms-settings.js';
import type { Apply, Exclude, Risk } from '../generated/ast.js';
import { isApply, isExclude, isRisk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { ModelIndex } from '../model/model-index.js';
import type { RiskScoring, Score } from '../risk/risk-scoring.js';
import type { Baseline } from './audit-baseline.js';
import type { AuditBaselineSource } from '../platform/platform-services.js';
import type { CompareWithRevisionArgs } from './server-commands.js';
import { COMPARE_WITH_REVISION_COMMAND } from './server-commands.js';

/**
 * The editor command a lens runs: show `locations` as references at `position`. VS Code's own
 * command needs its own types, so the extension registers this id and converts the arguments.
 */
export const SHOW_REFERENCES_COMMAND = 'isms.showReferences';

/**
 * Lenses above each risk (inherent → residual, and how its score moved since the last audit)
 * and each SoA decision (the risks it treats).
 */
export class IsmsCodeLensProvider implements CodeLensProvider {

    private readonly modelIndex: ModelIndex;
    private readonly scoring: RiskScoring;
    private readonly references: References;
    private readonly nameProvider: NameProvider;
    private readonly settings: IsmsSettings;
    private readonly auditBaseline: AuditBaselineSource;

    constructor(services: IsmsServices) {
        this.modelIndex = services.model.ModelIndex;
        this.scoring = services.model.RiskScoring;
        this.references = services.references.References;
        this.nameProvider = services.references.NameProvider;
        this.settings = services.config.Settings;
        this.auditBaseline = services.history.AuditBaseline;
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken = Cancellation.CancellationToken.None): Promise<CodeLens[]> {
        if (!this.settings.codeLensEnabled()) return [];
        const facts = this.modelIndex.facts(document);
        const lenses: CodeLens[] = [];
        // Never waits: until the model at the last audit has been read, risks have no lens for it.
        const baseline = this.auditBaseline.current();
        for (const node of [...facts.risks, ...facts.decisions]) {
            await interruptAndCheck(cancelToken);
            const lens = isRisk(node) ? this.riskLens(document, node) : isApply(node) || isExclude(node) ? this.decisionLens(document, node) : undefined;
            if (lens) lenses.push(lens);
            const since = baseline && isRisk(node) ? this.sinceAuditLens(node, baseline) : undefined;
            if (since) lenses.push(since);
        }
        return lenses;
    }

    private riskLens(document: LangiumDocument, risk: Risk): CodeLens | undefined {
        const range = risk.$cstNode?.range;
        if (!range) return undefined;
        const assessment = this.scoring.assess(risk);
        const parts = [assessment.inherent ? `inherent ${describe(assessment.inherent)}` : 'not assessed'];
        if (assessment.residual && assessment.inherent && risk.treatment[0]) {
            parts[0] += ` → residual ${describe(assessment.residual)}`;
        }
        if (!risk.treatment[0]) parts.push('untreated');
        else if (assessment.aboveAppetite) parts.push(assessment.accepted ? 'above appetite, accepted' : 'above appetite');
        const references = this.references.findReferences(risk, { includeDeclaration: false })
            .map(reference => ({ uri: reference.sourceUri.toString(), range: reference.segment.range }))
            .toArray();
        parts.push(references.length === 1 ? '1 reference' : `${references.length} references`);
        return this.lens(document, risk, range, parts.join(' · '), references);
    }

    /** `12 → 16 since IA-2026`, or `new since IA-2026`, once the model at the last audit has been read; runs the comparison with it. */
    private sinceAuditLens(risk: Risk, baseline: Baseline): CodeLens | undefined {
        const range = risk.$cstNode?.range;
        const title = range && this.auditBaseline.sinceAudit(risk, baseline);
        if (!range || !title) return undefined;
        const { audit, commit } = baseline;
        const args: CompareWithRevisionArgs = { revision: commit.id, label: `Last audit ${audit.id} (${audit.date})` };
        return {
            range: { start: range.start, end: range.start },
            command: { title, command: COMPARE_WITH_REVISION_COMMAND, arguments: [args] },
            data: { type: 'SinceAudit' }
        };
    }

    private decisionLens(document: LangiumDocument, decision: Apply | Exclude): CodeLens | undefined {
        const range = decision.$cstNode?.range;
        if (!range) return undefined;
        const risks = this.modelIndex.risksTreatedWith(decision.control.$refText);
        const ids = risks.map(located => located.node.name);
        const title = risks.length === 0 ? 'treats no risk'
            : `treats ${risks.length} risk${risks.length === 1 ? '' : 's'}: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
        const locations = risks.map(located => ({ uri: located.uri, range: this.nameRange(located.node) }));
        return this.lens(document, decision, range, title, locations);
    }

    private lens(document: LangiumDocument, node: AstNode, range: Range, title: string, locations: Location[]): CodeLens {
        const position = range.start;
        return {
            range: { start: position, end: position },
            command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [document.uri.toString(), position, locations] },
            data: { type: node.$type }
        };
    }

    private nameRange(node: AstNode): Range {
        const name = this.nameProvider.getNameNode(node) ?? GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
        return (name ?? node.$cstNode)!.range;
    }
}

function describe(score: Score): string {
    return `${score.score}${score.level ? ` ${score.level.name}` : ''}`;
}
