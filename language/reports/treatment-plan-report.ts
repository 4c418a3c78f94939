import type { Risk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { ReportContext } from './report-context.js';
import { metaWith, methodologyFact, methodologyReportHeader, modelErrorNotice } from './report-context.js';
import type { ReportDocument } from './report-document.js';
import { column } from './report-document.js';
import type { PlannedAction, ScoreJson, TreatmentPlanJson } from './report-schemas.js';
import { heatMapFigure, scoreJson, sortedRisks, treatmentFacts } from './risk-register-report.js';

/**
 * The risk treatment plan (clause 6.1.3 e): what remains to be done for each risk, in risk id
 * order: controls of its treatment not yet implemented (with their status, owner and due
 * date), a treatment still to decide, a residual above appetite still to treat or accept, an
 * expired acceptance to renew.
 */
export function buildTreatmentPlan(services: IsmsServices, context: ReportContext): ReportDocument {
    const methodology = services.model.RiskScoring.methodology();
    const actions = sortedRisks(services).flatMap(risk => actionsFor(services, risk, context.generatedAt));
    const figure = heatMapFigure(services);
    const json: TreatmentPlanJson = {
        ...methodologyReportHeader(context, methodology),
        actions
    };
    return {
        kind: 'treatment-plan',
        title: 'Risk treatment plan',
        meta: metaWith(context, [['Methodology', methodologyFact(methodology)]]),
        notice: modelErrorNotice(context),
        tables: [{
            title: 'Actions',
            columns: [
                column('risk', 'Risk', 9), column('title', 'Title', 36), column('riskOwner', 'Risk owner', 11), column('treatment', 'Treatment', 11),
                column('transferTo', 'Transfer to', 14), column('reason', 'Reason', 30), column('treatmentDue', 'Treatment due', 13),
                column('current', 'Current', 14), column('residual', 'Residual', 14), column('residualIs', 'Residual is', 11),
                column('action', 'Action', 40), column('control', 'Control', 10),
                column('controlTitle', 'Control title', 36), column('status', 'Status', 12), column('owner', 'Owner', 10), column('due', 'Due', 11)
            ],
            rows: actions.map(action => ({
                risk: action.risk.id, title: action.risk.title, riskOwner: action.riskOwner, treatment: action.treatment,
                transferTo: action.transferTo, reason: action.reason, treatmentDue: action.treatmentDue,
                current: scoreText(action.current), residual: scoreText(action.residual), residualIs: action.residualIs,
                action: action.action, control: action.control?.id ?? null, controlTitle: action.control?.title ?? null,
                status: action.status, owner: action.owner, due: action.due
            }))
        }],
        json,
        get figureSvg() { return figure(); }
    };
}

/** A score as one cell, such as `12 high`. */
function scoreText(score: ScoreJson | null): string | null {
    return score ? `${score.score}${score.level ? ` ${score.level}` : ''}` : null;
}

function actionsFor(services: IsmsServices, risk: Risk, today: string): PlannedAction[] {
    const facts = treatmentFacts(services, risk);
    const { assessment, progress } = facts;
    const treatment = risk.treatment[0];
    const base = {
        risk: { id: risk.name, title: risk.title ?? '' },
        riskOwner: risk.owner[0]?.$refText ?? null,
        treatment: treatment?.kind ?? null,
        inherent: scoreJson(assessment.inherent),
        residual: scoreJson(progress.residual),
        transferTo: facts.transferTo,
        reason: facts.reason,
        treatmentDue: facts.due,
        residualIs: progress.residualIs ?? null,
        current: scoreJson(progress.current)
    };
    const riskAction = (action: string, due: string | null = null): PlannedAction =>
        ({ ...base, action, control: null, status: null, owner: risk.owner[0]?.$refText ?? null, due });
    if (!treatment) {
        return [riskAction('Decide how the risk is treated')];
    }
    const actions: PlannedAction[] = [];
    if (treatment.kind === 'mitigate' || treatment.kind === 'transfer') {
        for (const reference of treatment.controls) {
            const id = reference.$refText;
            if (!progress.pendingControls.includes(id)) continue;
            const apply = services.model.SoaDecisions.applyOf(id);
            actions.push({
                ...base,
                action: apply?.status[0] ? `Complete the control (${apply.status[0]})` : 'Implement the control',
                control: { id, title: reference.ref?.title ?? '' },
                status: apply?.status[0] ?? null,
                owner: apply?.owner[0]?.$refText ?? null,
                due: apply?.due[0] ?? treatment.due[0] ?? null
            });
        }
        if (treatment.kind === 'transfer' && !facts.transferTo) {
            actions.push(riskAction('Name the party the risk is transferred to', facts.due));
        } else if (treatment.kind === 'transfer' && facts.due) {
            actions.push(riskAction(`Complete the transfer to ${facts.transferTo}`, facts.due));
        }
    } else if (treatment.kind === 'avoid' && treatment.due[0]) {
        actions.push(riskAction('Stop the activity that gives rise to the risk', treatment.due[0]));
    }
    if (assessment.aboveAppetite && !assessment.accepted) {
        actions.push(riskAction('Treat further or accept formally: the residual risk is above appetite'));
    }
    const until = assessment.acceptance?.until[0];
    if (until && until < today) {
        actions.push(riskAction(`Renew or withdraw the acceptance that expired on ${until}`));
    }
    return actions;
}
