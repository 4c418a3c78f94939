import type { AstNode, Properties, ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { Acceptance, Apply, Avoid, ClimateDetermination, Exclude, ScopeExclusion, Transfer } from '../generated/ast.js';
import { isRisk } from '../generated/ast.js';
import { firstValue } from '../model/recovered.js';

/** Words that stand where a reason should be. Compared trimmed and in lower case. */
const PLACEHOLDERS = new Set(['n/a', 'na', 'n.a.', 'tbd', 'todo', '-', 'none', 'see above']);

/** A reason that is present but says nothing: blank, or only a placeholder word. */
export function isPlaceholder(reason: string): boolean {
    const normalized = reason.trim().replace(/\s+/g, ' ').toLowerCase();
    return normalized.length === 0 || PLACEHOLDERS.has(normalized);
}

/**
 * Clause 6.1.3 d and 4.1: a recorded reason must give one. Where another rule already treats a
 * blank reason as missing (an exclusion, an apply, an acceptance, a transfer), a blank reason is
 * left to that rule and only the placeholder words are reported here, so nothing is said twice.
 */
export class JustificationChecks {

    checkExclusion(exclude: Exclude, accept: ValidationAcceptor): void {
        if (exclude.control) this.checkReason(exclude, 'reason', `the exclusion of ${exclude.control.$refText}`, accept, { blankReportedElsewhere: true });
    }

    checkApplication(apply: Apply, accept: ValidationAcceptor): void {
        if (!apply.control) return;
        apply.reasons.forEach(reason => this.checkReason(reason, 'text', `the application of ${apply.control.$refText}`, accept, { blankReportedElsewhere: true }));
    }

    checkAcceptance(acceptance: Acceptance, accept: ValidationAcceptor): void {
        this.checkReason(acceptance, 'because', `the acceptance of risk '${riskName(acceptance)}'`, accept, { blankReportedElsewhere: true });
    }

    checkTransfer(transfer: Transfer, accept: ValidationAcceptor): void {
        this.checkReason(transfer, 'because', `the transfer of risk '${riskName(transfer)}'`, accept, { blankReportedElsewhere: true });
    }

    checkAvoidance(avoid: Avoid, accept: ValidationAcceptor): void {
        this.checkReason(avoid, 'because', `the avoidance of risk '${riskName(avoid)}'`, accept);
    }

    checkScopeExclusion(excluded: ScopeExclusion, accept: ValidationAcceptor): void {
        if (excluded.asset) this.checkReason(excluded, 'reason', `the exclusion of ${excluded.asset.$refText} from the scope`, accept);
    }

    checkClimate(climate: ClimateDetermination, accept: ValidationAcceptor): void {
        this.checkReason(climate, 'reason', 'the determination that climate change is not relevant', accept);
    }

    private checkReason<N extends AstNode>(node: N, property: Properties<N>, what: string, accept: ValidationAcceptor, options: { blankReportedElsewhere?: boolean } = {}): void {
        const reason = firstValue(node, property);
        // Absent (or still being typed): nothing to judge here.
        if (typeof reason !== 'string' || !isPlaceholder(reason)) return;
        if (options.blankReportedElsewhere && reason.trim().length === 0) return;
        const quoted = reason.trim().length === 0 ? 'is empty' : `is only "${reason.trim()}"`;
        accept('warning', `The reason for ${what} ${quoted}, which says nothing. Write the actual reason.`, {
            node, property, code: 'justification-placeholder'
        });
    }
}

/** The id of the risk a treatment or acceptance belongs to. */
function riskName(node: AstNode): string {
    return AstUtils.getContainerOfType(node, isRisk)?.name ?? '';
}
