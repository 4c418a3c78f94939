import type { AstNode } from 'langium';
import { GrammarUtils } from 'langium';
import type { InlayHintAcceptor } from 'langium/lsp';
import { AbstractInlayHintProvider } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import type { IsmsSettings } from '../config/isms-settings.js';
import { isResidual, isRisk } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { RiskScoring } from '../risk/risk-scoring.js';

/** `= 20 critical` after each likelihood/impact pair, the risk's and its residual's. */
export class IsmsInlayHintProvider extends AbstractInlayHintProvider {

    private readonly scoring: RiskScoring;
    private readonly settings: IsmsSettings;

    constructor(services: IsmsServices) {
        super();
        this.scoring = services.model.RiskScoring;
        this.settings = services.config.Settings;
    }

    computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
        if (!this.settings.inlayHintsEnabled() || !(isRisk(node) || isResidual(node))) return;
        const [likelihood, impact] = isRisk(node) ? [node.likelihood[0], node.impact[0]] : [node.likelihood, node.impact];
        if (likelihood === undefined || impact === undefined) return;
        // After whichever of the two comes last in the text.
        const ends = (['likelihood', 'impact'] as const)
            .map(property => GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range.end)
            .filter(end => end !== undefined)
            .sort((a, b) => a.line - b.line || a.character - b.character);
        const position = ends[ends.length - 1];
        if (!position) return;
        const score = this.scoring.score(likelihood, impact);
        accept({
            position,
            label: `= ${score.score}${score.level ? ` ${score.level.name}` : ''}`,
            kind: InlayHintKind.Type,
            paddingLeft: true,
            tooltip: `${isResidual(node) ? 'Residual' : 'Inherent'} score: likelihood ${likelihood} × impact ${impact}`
                + `${this.scoring.methodology().factor !== 1 ? ` × factor ${this.scoring.methodology().factor}` : ''}`
        });
    }
}
