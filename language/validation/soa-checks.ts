import type { ValidationAcceptor } from 'langium';
import type { Apply, Exclude, IsmsBlock } from '../generated/ast.js';
import { describeLocation } from '../model/locations.js';
import { trimmedText } from '../model/recovered.js';
import type { ModelIndex } from '../model/model-index.js';
import { frameworkInForce, type SoaDecisions } from '../soa/soa-decisions.js';

/** Clause 6.1.3 d: every control of the framework decided once, each decision justified. */
export class SoaChecks {

    constructor(private readonly modelIndex: ModelIndex, private readonly decisions: SoaDecisions) { }

    checkExclusionJustified(exclude: Exclude, accept: ValidationAcceptor): void {
        if (exclude.control && !trimmedText(exclude.reason)) {
            accept('error', `The exclusion of ${exclude.control.$refText} gives no reason. The SoA must justify every exclusion: exclude ${exclude.control.$refText} because "…".`, {
                node: exclude, code: 'exclusion-unjustified'
            });
        }
    }

    checkApplicabilityJustified(apply: Apply, accept: ValidationAcceptor): void {
        if (!apply.control) return;
        const control = apply.control.$refText;
        const hasReason = apply.reasons.some(reason => trimmedText(reason.text).length > 0);
        if (!hasReason && this.modelIndex.risksTreatedWith(control).length === 0) {
            accept('warning', `${control} is applied, but no risk is treated with it and no reason is given. Treat a risk with it, or add a reason: because legal|contractual|business|best-practice "…".`, {
                node: apply, keyword: 'apply', code: 'applicability-unjustified'
            });
        }
    }

    checkSingleDecision(decision: Apply | Exclude, accept: ValidationAcceptor): void {
        if (!decision.control) return;
        const all = this.modelIndex.decisionsFor(decision.control.$refText);
        const position = all.findIndex(other => other.node === decision);
        if (position <= 0) return;
        const first = all[0];
        const kind = (node: Apply | Exclude) => node.$type === 'Apply' ? 'applied' : 'excluded';
        const message = first.node.$type === decision.$type
            ? `${decision.control.$refText} is ${kind(decision)} twice; it is already ${kind(first.node)} in ${describeLocation(first.uri, first.node)}. Keep one decision.`
            : `${decision.control.$refText} is ${kind(decision)} here but ${kind(first.node)} in ${describeLocation(first.uri, first.node)}. A control is either applicable or excluded.`;
        accept('error', message, { node: decision, keyword: decision.$type === 'Apply' ? 'apply' : 'exclude', code: 'decision-conflict' });
    }

    /** One warning per undecided control, on the isms block's framework reference. */
    checkEveryControlDecided(block: IsmsBlock, accept: ValidationAcceptor): void {
        if (this.modelIndex.ismsBlock() !== block) return;
        const framework = frameworkInForce(this.modelIndex);
        if (!framework) return;
        for (const control of framework.controls) {
            if (this.decisions.decisionOf(control.name) !== 'undecided') continue;
            const message = `${control.name} "${control.title ?? ''}" has no SoA decision: apply it (apply ${control.name} { … } or treat a risk with it) or exclude it with a reason.`;
            const data = { control: control.name };
            if (block.framework[0]) {
                accept('warning', message, { node: block, property: 'framework', code: 'control-undecided', data });
            } else {
                accept('warning', message, { node: block, keyword: 'isms', code: 'control-undecided', data });
            }
        }
    }
}
