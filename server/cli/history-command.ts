import * as fs from 'node:fs';
import { GitError, GitRepository, repositoryPath } from '../../language/history/git-repository.js';
import { modelBase } from '../../language/history/compare-models.js';
import { ModelTimeline } from '../../language/history/model-timeline.js';
import type { RiskHistory } from '../../language/history/risk-history.js';
import { riskHistory } from '../../language/history/risk-history.js';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_OK, UsageError } from './cli-error.js';
import type { ModelOptions } from './cli-workspace.js';
import { applyOptions } from './cli-workspace.js';

export const HISTORY_FORMATS = ['text', 'json'] as const;

export interface HistoryOptions extends ModelOptions {
    format: typeof HISTORY_FORMATS[number];
}

/** `isms history RISK-ID`: the risk's score, level and treatment at every commit that changed them. */
export async function runHistory(riskId: string, paths: string[], options: HistoryOptions, out: NodeJS.WritableStream): Promise<number> {
    const modelPaths = (paths.length > 0 ? paths : ['.']).map(given => {
        if (!fs.existsSync(given)) throw new UsageError(`${given}: no such file or directory`);
        return fs.realpathSync(given);
    });
    let repository: GitRepository | undefined;
    try {
        repository = await GitRepository.containing(modelPaths[0]);
    } catch (error) {
        throw error instanceof GitError ? new UsageError(error.message) : error;
    }
    if (!repository) throw new UsageError(`${paths[0] ?? '.'}: not in a git repository, so there is no history to show`);
    const timeline = new ModelTimeline(modelBase(modelPaths, repository), modelPaths, repository, services => applyOptions(services, options));
    const prefixes = modelPaths.map(modelPath => repositoryPath(repository, modelPath) ?? '');
    let history: RiskHistory;
    try {
        history = await riskHistory(timeline, repository, prefixes, riskId);
    } catch (error) {
        throw error instanceof GitError ? new UsageError(error.message) : error;
    }
    if (history.entries.length === 0) throw new UsageError(`${riskId}: no risk with this id in the history of the model or in the working tree`);
    out.write(options.format === 'json' ? escapeJsonControlCharacters(JSON.stringify(history, null, 2)) + '\n' : renderHistoryText(history));
    return EXIT_OK;
}

function renderHistoryText(history: RiskHistory): string {
    const score = (value: { score: number, level: string | null } | null) => value ? `${value.score}${value.level ? ` ${value.level}` : ''}` : '-';
    const rows = history.entries.map(entry => [
        entry.commit?.date ?? '', entry.commit ? entry.commit.id.slice(0, 12) : 'working tree', entry.change,
        score(entry.inherent), score(entry.residual), entry.treatment ?? '-', entry.commit?.subject ?? ''
    ]);
    const header = ['date', 'commit', 'change', 'inherent', 'residual', 'treatment', 'subject'];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map(row => row[i].length)));
    const line = (cells: string[]) => cells.map((cell, i) => i === cells.length - 1 ? cell : cell.padEnd(widths[i])).join('  ').trimEnd();
    const title = history.entries.findLast(entry => entry.title)?.title;
    return [`${history.risk}${title ? ` "${title}"` : ''}`, line(header), ...rows.map(line)].map(escapeControlCharacters).join('\n') + '\n';
}
