import type { Risk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { RiskAssessment, Score } from '../risk/risk-scoring.js';
import type { TreatmentProgress } from '../risk/treatment-progress.js';
import { treatmentProgress } from '../risk/treatment-progress.js';
import { trimmedText } from '../model/recovered.js';
import { buildHeatMap } from './heat-map.js';
import { renderHeatMapSvg } from './heat-map-svg.js';
import type { ReportContext } from './report-context.js';
import { metaWith, methodologyFact, methodologyReportHeader, modelErrorNotice } from './report-context.js';
import type { ReportDocument } from './report-document.js';
import { column, sortByIds } from './report-document.js';
import type { RegisterRisk, RiskRegisterJson, ScoreJson } from './report-schemas.js';

/**
 * The risk register (clause 6.1.2 e, 8.2): every risk in id order with its assessment,
 * treatment and residual risk. Scores include the methodology's factor.
 */
export function buildRiskRegister(services: IsmsServices, context: ReportContext): ReportDocument {
    const scoring = services.model.RiskScoring;
    const methodology = scoring.methodology();
    const risks = sortedRisks(services).map(risk => registerEntry(services, risk));
    const figure = heatMapFigure(services);
    const json: RiskRegisterJson = {
        ...methodologyReportHeader(context, methodology),
        risks
    };
    return {
        kind: 'risk-register',
        title: 'Risk register',
        meta: metaWith(context, [['Methodology', methodologyFact(methodology)]]),
        notice: modelErrorNotice(context),
        tables: [{
            title: 'Risks',
            columns: [
                column('id', 'Risk', 9), column('title', 'Title', 40), column('assets', 'Assets', 20), column('threat', 'Threat', 16),
                column('vulnerability', 'Vulnerability', 16), column('owner', 'Owner', 10), column('likelihood', 'L', 4), column('impact', 'I', 4),
                column('inherentScore', 'Inherent', 9), column('inherentLevel', 'Inherent level', 14), column('treatment', 'Treatment', 11),
                column('controls', 'Controls', 24), column('transferTo', 'Transfer to', 14), column('reason', 'Reason', 36), column('due', 'Due', 11),
                column('residualLikelihood', 'Residual L', 10), column('residualImpact', 'Residual I', 10),
                column('residualScore', 'Residual', 9), column('residualLevel', 'Residual level', 14), column('residualIs', 'Residual is', 11),
                column('currentScore', 'Current', 9), column('currentLevel', 'Current level', 14), column('acceptance', 'Acceptance', 40),
                column('reviewed', 'Reviewed', 11)
            ],
            rows: risks.map(risk => ({
                id: risk.id, title: risk.title, assets: risk.assets.join(', '), threat: risk.threat, vulnerability: risk.vulnerability,
                owner: risk.owner, likelihood: risk.likelihood, impact: risk.impact,
                inherentScore: risk.inherent?.score ?? null, inherentLevel: risk.inherent?.level ?? null,
                treatment: risk.treatment, controls: risk.controls.join(', '),
                transferTo: risk.transferTo, reason: risk.reason, due: risk.due,
                residualLikelihood: risk.residual?.likelihood ?? null, residualImpact: risk.residual?.impact ?? null,
                residualScore: risk.residual?.score ?? null, residualLevel: risk.residual?.level ?? null, residualIs: risk.residualIs,
                currentScore: risk.current?.score ?? null, currentLevel: risk.current?.level ?? null,
                acceptance: risk.acceptance ? describeAcceptance(risk.acceptance) : null,
                reviewed: risk.reviewed
            }))
        }],
        json,
        get figureSvg() { return figure(); }
    };
}

/**
 * The risk heat map that both risk reports show above their tables, drawn when first asked
 * for: only HTML shows it, and drawing it costs about as much as the rest of the report.
 */
export function heatMapFigure(services: IsmsServices): () => string {
    let svg: string | undefined;
    return () => svg ??= renderHeatMapSvg(buildHeatMap(services), { title: 'Risk heat map' });
}

/** Every risk of the workspace in id order. */
export function sortedRisks(services: IsmsServices): Risk[] {
    // A risk still being typed has no id yet; it joins the reports once it has one.
    return sortByIds(services.model.ModelIndex.risks().map(located => located.node).filter(risk => !!risk.name), risk => risk.name);
}

export function scoreJson(score: Score | undefined): ScoreJson | null {
    return score ? { score: score.score, level: score.level?.name ?? null } : null;
}

/** What the treatment of a risk says and how far it has come, as both risk reports show it. */
export interface TreatmentFacts {
    readonly assessment: RiskAssessment;
    readonly progress: TreatmentProgress;
    /** The party a `transfer` names. */
    readonly transferTo: string | null;
    /** The `because` of a `transfer` or `avoid`. */
    readonly reason: string | null;
    /** The treatment's `due` date. */
    readonly due: string | null;
}

export function treatmentFacts(services: IsmsServices, risk: Risk): TreatmentFacts {
    const assessment = services.model.RiskScoring.assess(risk);
    const soa = services.model.SoaDecisions;
    const treatment = risk.treatment[0];
    const explained = treatment?.kind === 'transfer' || treatment?.kind === 'avoid' ? treatment : undefined;
    const dated = treatment?.kind === 'accept' ? undefined : treatment;
    return {
        assessment,
        progress: treatmentProgress(risk, assessment, control => soa.isImplemented(control)),
        transferTo: treatment?.kind === 'transfer' ? treatment.to[0]?.$refText || null : null,
        reason: trimmedText(explained?.because[0]) || null,
        due: dated?.due[0] ?? null
    };
}

export function registerEntry(services: IsmsServices, risk: Risk): RegisterRisk {
    const facts = treatmentFacts(services, risk);
    const { assessment, progress } = facts;
    const treatment = risk.treatment[0];
    const acceptance = assessment.acceptance;
    return {
        id: risk.name,
        title: risk.title ?? '',
        assets: risk.assets.map(asset => asset.$refText),
        threat: risk.threat[0]?.$refText ?? null,
        vulnerability: risk.vulnerability[0]?.$refText ?? null,
        owner: risk.owner[0]?.$refText ?? null,
        likelihood: risk.likelihood[0] ?? null,
        impact: risk.impact[0] ?? null,
        inherent: scoreJson(assessment.inherent),
        treatment: treatment?.kind ?? null,
        controls: treatment && (treatment.kind === 'mitigate' || treatment.kind === 'transfer') ? treatment.controls.map(c => c.$refText) : [],
        residual: progress.residual ? { likelihood: progress.residual.likelihood, impact: progress.residual.impact, ...scoreJson(progress.residual)! } : null,
        acceptance: assessment.accepted ? {
            by: acceptance?.by[0]?.$refText ?? null, on: acceptance?.on[0] ?? null, until: acceptance?.until[0] ?? null, because: acceptance?.because[0] ?? null
        } : null,
        reviewed: risk.reviewed[0] ?? null,
        transferTo: facts.transferTo,
        reason: facts.reason,
        due: facts.due,
        residualIs: progress.residualIs ?? null,
        current: scoreJson(progress.current)
    };
}

function describeAcceptance(acceptance: NonNullable<RegisterRisk['acceptance']>): string {
    const parts = [
        acceptance.by && `by ${acceptance.by}`, acceptance.on && `on ${acceptance.on}`,
        acceptance.until && `until ${acceptance.until}`, acceptance.because && `because ${acceptance.because}`
    ].filter(Boolean);
    return parts.length > 0 ? `Accepted ${parts.join(' ')}` : 'Accepted (incomplete)';
}
