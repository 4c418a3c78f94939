import type { Apply, Risk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { ReportContext } from './report-context.js';
import { contextMeta } from './report-context.js';
import type { ReportDocument } from './report-document.js';
import { column } from './report-document.js';
import type { PlannedAction, TreatmentPlanJson } from './report-schemas.js';
import { heatMapFigure, scoreJson, sortedRisks } from './risk-register-report.js';

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
        isms: context.isms,
        organization: context.organization,
        methodology: methodology.name,
        generatedAt: context.generatedAt,
        commit: context.commit,
        actions
    };
    return {
        kind: 'treatment-plan',
        title: 'Risk treatment plan',
        meta: [...contextMeta(context).slice(0, 2), ['Methodology', `${methodology.name}, appetite ${methodology.appetite}`], ...contextMeta(context).slice(2)],
        tables: [{
            title: 'Actions',
            columns: [
                column('risk', 'Risk', 9), column('title', 'Title', 36), column('riskOwner', 'Risk owner', 11), column('treatment', 'Treatment', 11),
                column('residual', 'Residual', 14), column('action', 'Action', 40), column('control', 'Control', 10),
                column('controlTitle', 'Control title', 36), column('status', 'Status', 12), column('owner', 'Owner', 10), column('due', 'Due', 11)
            ],
            rows: actions.map(action => ({
                risk: action.risk.id, title: action.risk.title, riskOwner: action.riskOwner, treatment: action.treatment,
                residual: action.residual ? `${action.residual.score}${action.residual.level ? ` ${action.residual.level}` : ''}` : null,
                action: action.action, control: action.control?.id ?? null, controlTitle: action.control?.title ?? null,
                status: action.status, owner: action.owner, due: action.due
            }))
        }],
        json,
        get figureSvg() { return figure(); }
    };
}

function actionsFor(services: IsmsServices, risk: Risk, today: string): PlannedAction[] {
    const assessment = services.model.RiskScoring.assess(risk);
    const treatment = risk.treatment;
    const base = {
        risk: { id: risk.name, title: risk.title ?? '' },
        riskOwner: risk.owner?.$refText ?? null,
        treatment: treatment?.kind ?? null,
        inherent: scoreJson(assessment.inherent),
        residual: scoreJson(assessment.residual)
    };
    const riskAction = (action: string, due: string | null = null): PlannedAction =>
        ({ ...base, action, control: null, status: null, owner: risk.owner?.$refText ?? null, due });
    if (!treatment) {
        return [riskAction('Decide how the risk is treated')];
    }
    const actions: PlannedAction[] = [];
    if (treatment.kind === 'mitigate' || treatment.kind === 'transfer') {
        for (const reference of treatment.controls) {
            const id = reference.$refText;
            const apply = services.model.ModelIndex.decisionsFor(id).map(d => d.node).find((node): node is Apply => node.$type === 'Apply');
            if (apply?.status === 'implemented') continue;
            actions.push({
                ...base,
                action: apply?.status ? `Complete the control (${apply.status})` : 'Implement the control',
                control: { id, title: reference.ref?.title ?? '' },
                status: apply?.status ?? null,
                owner: apply?.owner?.$refText ?? null,
                due: apply?.due ?? treatment.due ?? null
            });
        }
        if (treatment.kind === 'transfer' && !treatment.to) {
            actions.push(riskAction('Name the party the risk is transferred to', treatment.due ?? null));
        }
    } else if (treatment.kind === 'avoid' && treatment.due) {
        actions.push(riskAction('Stop the activity that gives rise to the risk', treatment.due));
    }
    if (assessment.aboveAppetite && !assessment.accepted) {
        actions.push(riskAction('Treat further or accept formally: the residual risk is above appetite'));
    }
    const until = assessment.acceptance?.until;
    if (until && until < today) {
        actions.push(riskAction(`Renew or withdraw the acceptance that expired on ${until}`));
    }
    return actions;
}
