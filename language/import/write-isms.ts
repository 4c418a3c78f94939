import { stringLiteral } from '../catalogs/isms-text.js';
import type { ImportedAcceptance, ImportedRisk, PendingDeclaration } from './import-risks.js';
import type { ImportedDecision } from './import-soa.js';

/*
 * `.isms` text for imported elements, in the layout the formatter gives (one property a line,
 * four spaces a block, one blank line between elements), so formatting the files changes nothing.
 */

const INDENT = '    ';

function block(header: string, lines: readonly string[], depth = 0): string[] {
    const pad = INDENT.repeat(depth);
    if (lines.length === 0) return [`${pad}${header}`];
    return [`${pad}${header} {`, ...lines.map(line => `${pad}${INDENT}${line}`), `${pad}}`];
}

export function risksToIsms(risks: readonly ImportedRisk[], source: string): string {
    const header = `// Risks imported from ${source}.\n\n`;
    return header + risks.map(riskText).join('\n\n') + '\n';
}

function riskText(risk: ImportedRisk): string {
    const lines: string[] = [];
    if (risk.assets.length > 0) lines.push(`assets ${risk.assets.join(', ')}`);
    if (risk.threat) lines.push(`threat ${risk.threat}`);
    if (risk.vulnerability) lines.push(`vulnerability ${risk.vulnerability}`);
    if (risk.likelihood !== undefined) lines.push(`likelihood ${risk.likelihood}`);
    if (risk.impact !== undefined) lines.push(`impact ${risk.impact}`);
    if (risk.owner) lines.push(`owner ${risk.owner}`);
    if (risk.statedScore !== undefined) lines.push(`stated-score ${risk.statedScore}`);
    if (risk.statedLevel) lines.push(`stated-level ${risk.statedLevel}`);
    if (risk.treatment) lines.push(...treatmentText(risk));
    if (risk.reviewed) lines.push(`reviewed ${risk.reviewed}`);
    const title = risk.title ? ` ${stringLiteral(risk.title)}` : '';
    return block(`risk ${risk.id}${title}`, lines).join('\n');
}

function treatmentText(risk: ImportedRisk): string[] {
    const kind = risk.treatment!;
    const lines: string[] = [];
    if (kind === 'accept') {
        return risk.acceptance ? acceptanceBlock('treatment accept', risk.acceptance) : ['treatment accept'];
    }
    if (kind === 'transfer' && risk.transferTo) lines.push(`to ${risk.transferTo}`);
    if ((kind === 'transfer' || kind === 'avoid') && risk.reason) lines.push(`because ${stringLiteral(risk.reason)}`);
    if (kind !== 'avoid' && risk.controls.length > 0) lines.push(`controls ${risk.controls.join(', ')}`);
    if (kind !== 'avoid' && risk.residual) lines.push(`residual likelihood ${risk.residual.likelihood} impact ${risk.residual.impact}`);
    if (kind !== 'avoid' && risk.acceptance) lines.push(...acceptanceBlock('accept', risk.acceptance));
    if (risk.due) lines.push(`due ${risk.due}`);
    return block(`treatment ${kind}`, lines);
}

/** `accept { … }`; the braces stay when it is empty, as the grammar wants them. */
function acceptanceBlock(header: string, acceptance: ImportedAcceptance): string[] {
    const lines = acceptanceLines(acceptance);
    return lines.length > 0 ? block(header, lines) : [`${header} {}`];
}

function acceptanceLines(acceptance: ImportedAcceptance): string[] {
    const lines: string[] = [];
    if (acceptance.by) lines.push(`by ${acceptance.by}`);
    if (acceptance.on) lines.push(`on ${acceptance.on}`);
    if (acceptance.until) lines.push(`until ${acceptance.until}`);
    if (acceptance.because) lines.push(`because ${stringLiteral(acceptance.because)}`);
    return lines;
}

/** Declarations for names the model lacks, each marked for the user to complete. */
export function declarationsToIsms(declarations: readonly PendingDeclaration[], source: string): string {
    const header = `// Named in ${source} but not declared in the model: complete or replace each one.\n\n`;
    return header + declarations.map(d => `// FILL IN: the ${d.kind}'s properties, or use the model's own name for "${d.title}"\n${d.kind} ${d.id} ${stringLiteral(d.title)}`).join('\n\n') + '\n';
}

export function soaToIsms(decisions: readonly ImportedDecision[], source: string): string {
    const header = `// Statement of Applicability decisions imported from ${source}.\n\n`;
    return header + decisions.map(decisionText).join('\n\n') + '\n';
}

function decisionText(decision: ImportedDecision): string {
    if (!decision.applicable) {
        const reason = decision.reasons.map(r => r.text).join(' ');
        return `exclude ${decision.control}${reason ? ` because ${stringLiteral(reason)}` : ''}`;
    }
    const lines: string[] = [];
    if (decision.status) lines.push(`status ${decision.status}`);
    if (decision.owner) lines.push(`owner ${decision.owner}`);
    decision.reasons.forEach(reason => lines.push(`because ${reason.kind ? `${reason.kind} ` : ''}${stringLiteral(reason.text)}`));
    return block(`apply ${decision.control}`, lines).join('\n');
}
