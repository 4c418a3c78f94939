import { escapeControlCharacters } from '../text/control-characters.js';
import { attention, scoreChange, scoreText, staleChanges, stateDescription, summaryLines } from './diff-document.js';
import type { ModelDiff } from './model-diff-schema.js';

/**
 * The diff for a terminal: the two states, one summary line per area, then one line per change,
 * marked `+` added, `-` removed, `~` changed, `>` renamed, `!` to look at. Model text has its
 * control characters escaped, so that no title can move the cursor or forge a line.
 */
export function renderDiffText(diff: ModelDiff): string {
    const lines: string[] = [`From ${stateDescription(diff.from)}`, `To   ${stateDescription(diff.to)}`, ''];
    const notice = attention(diff);
    if (notice) lines.push(`Attention: ${notice}`, '');
    const summary = summaryLines(diff);
    if (summary.length === 0) lines.push('No changes to risks, decisions, records or diagnostics.');
    for (const [area, text] of summary) lines.push(`${area}: ${text}`);

    const section = (title: string, entries: string[]) => {
        if (entries.length > 0) lines.push('', `${title}:`, ...entries.map(entry => `  ${entry}`));
    };
    section('Risks', [
        ...diff.risks.added.map(r => `+ ${r.id} ${quote(r.title)}: inherent ${scoreText(r.inherent)}, residual ${scoreText(r.residual)}`),
        ...diff.risks.removed.map(r => `- ${r.id} ${quote(r.title)}`),
        ...diff.risks.changed.map(r => `~ ${r.id}${r.renamedFrom ? ` (was ${r.renamedFrom})` : ''} ${quote(r.title)}: ${[
            r.inherent && `inherent ${scoreChange(r.inherent)}`,
            r.residual && `residual ${scoreChange(r.residual)}`,
            r.retitled && `title was ${quote(r.retitled.from)}`,
            r.owner && `owner ${r.owner.from ?? 'none'} → ${r.owner.to ?? 'none'}`,
            r.treatment && `treatment ${r.treatment.from ?? 'none'} → ${r.treatment.to ?? 'none'}`,
            r.controls && `controls ${[...r.controls.added.map(c => `+${c}`), ...r.controls.removed.map(c => `-${c}`)].join(' ')}`
        ].filter(Boolean).join('; ')}`),
        ...diff.risks.renamed.map(r => `> ${r.from} renamed to ${r.to} ${quote(r.title)}`)
    ]);
    section('SoA decisions', diff.controls.decisions.map(c => `~ ${c.id} ${quote(c.title)}: ${c.from ?? 'none'} → ${c.to ?? 'removed'}`));
    section('Control status', diff.controls.status.map(c => `~ ${c.id} ${quote(c.title)}: ${c.from ?? 'none'} → ${c.to ?? 'none'}`));
    section('Acceptances', [
        ...diff.acceptances.stale.map(a => `! ${a.risk} accepted on ${a.on} is stale: ${staleChanges(a)} in ${a.changedIn ? `${a.changedIn.id.slice(0, 12)} (${a.changedIn.date})` : 'the working tree'}`),
        ...diff.acceptances.added.map(a => `+ ${a.risk} accepted${a.by ? ` by ${a.by}` : ''}${a.until ? ` until ${a.until}` : ''}`),
        ...diff.acceptances.renewed.map(a => `~ ${a.risk} accepted again on ${a.on ?? '?'} until ${a.until ?? '?'}`),
        ...diff.acceptances.removed.map(a => `- ${a.risk} no longer accepted`),
        ...diff.acceptances.expiring.map(a => `! ${a.risk} acceptance ${a.days < 0 ? `ended ${-a.days} days ago` : `ends in ${a.days} days`} (${a.until})`)
    ]);
    if (diff.acceptances.staleUnavailable) lines.push('', `Stale acceptances not looked for: ${diff.acceptances.staleUnavailable}.`);
    section('Nonconformities', [
        ...diff.nonconformities.opened.map(nc => `+ ${nc.id} ${quote(nc.title)} opened`),
        ...diff.nonconformities.reopened.map(nc => `! ${nc.id} ${quote(nc.title)} reopened`),
        ...diff.nonconformities.closed.map(nc => `~ ${nc.id} ${quote(nc.title)} closed`),
        ...diff.nonconformities.removed.map(nc => `- ${nc.id} ${quote(nc.title)}`),
        ...diff.nonconformities.renamed.map(nc => `> ${nc.from} renamed to ${nc.to}`)
    ]);
    section('Corrective actions', [
        ...diff.correctiveActions.opened.map(a => `+ ${a.source}: ${quote(a.title)} opened`),
        ...diff.correctiveActions.closed.map(a => `~ ${a.source}: ${quote(a.title)} closed${a.closed ? ` ${a.closed}` : ''}`),
        ...diff.correctiveActions.removed.map(a => `- ${a.source}: ${quote(a.title)}`)
    ]);
    section('Objective measurements', diff.objectives.measurements.map(m =>
        `+ ${m.id} ${m.date}: ${m.value}${m.target ? ` (target ${m.target}${m.met === null ? '' : m.met ? ', met' : ', missed'})` : ''}`));
    section('Diagnostics', [
        ...diff.diagnostics.introduced.map(d => `+ ${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`),
        ...diff.diagnostics.resolved.map(d => `- ${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)
    ]);
    return lines.map(escapeControlCharacters).join('\n') + '\n';
}

function quote(text: string): string {
    return `"${text}"`;
}
