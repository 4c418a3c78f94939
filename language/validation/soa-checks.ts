import type { ValidationAcceptor } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { ANNEX_A_2022_FRAMEWORK } from '../builtin/annex-a-2022.js';
import type { Apply, Control, Exclude, Framework, IsmsBlock } from '../generated/ast.js';
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

    /**
     * One warning for all undecided controls, on the isms block's framework reference: a fresh
     * model leaves every control undecided, and a line per control would bury everything else.
     * The message counts and names them, the related information points at each in its
     * catalog with the message it would have on its own (the JSON and SARIF outputs give one
     * result per control from it), and `data.controls` lists them for the quick fix that
     * decides them in bulk.
     */
    checkEveryControlDecided(block: IsmsBlock, accept: ValidationAcceptor): void {
        if (this.modelIndex.ismsBlock() !== block) return;
        const framework = frameworkInForce(this.modelIndex);
        if (!framework) return;
        const undecided = framework.controls.filter(control => this.decisions.decisionOf(control.name) === 'undecided');
        if (undecided.length === 0) return;
        const message = undecided.length === 1
            ? undecidedMessage(undecided[0])
            : `${undecided.length} ${controlsOf(framework)} have no SoA decision: ${namedUpTo(undecided.map(control => control.name), MAX_NAMED_CONTROLS)}. `
                + 'Apply each (apply A.x.y { … } or treat a risk with it) or exclude it with a reason.';
        const info = {
            code: 'control-undecided',
            data: { controls: undecided.map(control => control.name) },
            relatedInformation: undecided.map(relatedControl)
        };
        if (block.framework[0]) {
            accept('warning', message, { node: block, property: 'framework', index: 0, ...info });
        } else {
            accept('warning', message, { node: block, keyword: 'isms', ...info });
        }
    }
}

/** How many undecided controls the message names before it only counts the rest. */
const MAX_NAMED_CONTROLS = 10;

/** "Annex A controls" for the built-in catalog, "controls of NAME" for another framework. */
function controlsOf(framework: Framework): string {
    return framework.name === ANNEX_A_2022_FRAMEWORK ? 'Annex A controls' : `controls of ${framework.name}`;
}

/** "A, B, C" or, past `max`, "A, B, … (and 83 more)". */
function namedUpTo(names: readonly string[], max: number): string {
    return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} (and ${names.length - max} more)`;
}

/** Where a control is declared (its catalog, built in or the user's), with its own message. */
function relatedControl(control: Control): DiagnosticRelatedInformation {
    const range = GrammarUtils.findNodeForProperty(control.$cstNode, 'name')?.range ?? control.$cstNode?.range
        ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { location: { uri: AstUtils.getDocument(control).uri.toString(), range }, message: undecidedMessage(control) };
}

function undecidedMessage(control: Control): string {
    return `${control.name} "${control.title ?? ''}" has no SoA decision: apply it (apply ${control.name} { … } or treat a risk with it) or exclude it with a reason.`;
}
