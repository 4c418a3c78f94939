import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Side } from '../../language/history/compare-models.js';
import { compareModels, CompareError } from '../../language/history/compare-models.js';
import { diffDocument } from '../../language/history/diff-document.js';
import { GitError, GitRepository } from '../../language/history/git-repository.js';
import type { FailOnCondition } from '../../language/history/model-diff.js';
import { FAIL_ON_CONDITIONS, failingConditions } from '../../language/history/model-diff.js';
import { renderDiffText } from '../../language/history/render-diff-text.js';
import { renderHtml } from '../../language/reports/render-html.js';
import { renderMarkdown } from '../../language/reports/render-markdown.js';
import { localToday } from '../../language/config/calendar.js';
import { escapeControlCharacters, escapeJsonControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './cli-error.js';
import { emitOutput, outputFormat } from './cli-output.js';
import type { ModelOptions } from './cli-workspace.js';
import { applyOptions } from './cli-workspace.js';

export const DIFF_FORMATS = ['text', 'md', 'html', 'json'] as const;
type DiffFormat = typeof DIFF_FORMATS[number];
const DIFF_EXTENSIONS: Record<DiffFormat, string> = { text: 'txt', md: 'md', html: 'html', json: 'json' };

/** A pull-request comment or job summary: under the page's own title, and not a file to protect. */
const DIFF_MARKDOWN = { headingLevel: 2, comment: false } as const;

export interface DiffOptions extends ModelOptions {
    from?: string;
    to?: string;
    sinceAudit?: boolean;
    sinceReview?: boolean;
    expiring: number;
    format?: DiffFormat;
    out?: string;
    failOn: string[];
}

/**
 * `isms diff`: what changed in the model between two revisions, a revision and the working
 * tree, or two folders. Exits 1 when a `--fail-on` condition holds.
 */
export async function runDiff(paths: string[], options: DiffOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const failOn = parseFailOn(options.failOn);
    const starts = [options.from !== undefined, options.sinceAudit, options.sinceReview].filter(Boolean).length;
    if (starts > 1) throw new UsageError('give only one of --from, --since-audit and --since-review');
    const format = outputFormat(options.format, options.out, DIFF_EXTENSIONS, 'text');
    const modelPaths = (paths.length > 0 ? paths : ['.']).map(modelPath);
    const { repository, problem } = await openRepository(modelPaths[0]);
    const from: Side = options.sinceAudit ? { kind: 'since', record: 'audit' }
        : options.sinceReview ? { kind: 'since', record: 'management-review' }
            : sideOf(options.from ?? 'HEAD', '--from');
    const to: Side = options.to === undefined ? { kind: 'working-tree' } : sideOf(options.to, '--to');
    if (problem && [from, to].some(side => side.kind === 'revision' || side.kind === 'since')) throw new UsageError(problem);
    let diff;
    try {
        diff = await compareModels({
            modelPaths, from, to, expiringDays: options.expiring,
            date: options.date ?? localToday(),
            configure: services => applyOptions(services, options)
        }, repository);
    } catch (error) {
        if (error instanceof CompareError || error instanceof GitError) throw new UsageError(error.message);
        throw error;
    }
    const content = format === 'json' ? escapeJsonControlCharacters(JSON.stringify(diff, null, 2)) + '\n'
        : format === 'md' ? renderMarkdown(diffDocument(diff), DIFF_MARKDOWN)
            : format === 'html' ? renderHtml(diffDocument(diff))
                : renderDiffText(diff);
    await emitOutput(content, options.out, `isms-diff.${format === 'text' ? 'txt' : format}`, out, err);
    for (const side of [diff.from, diff.to]) {
        for (const file of side.leftOut) err.write(`isms: note: ${escapeControlCharacters(file.file)} in ${escapeControlCharacters(side.label)} left out: ${escapeControlCharacters(file.reason)}\n`);
    }
    const failing = failingConditions(diff, failOn);
    if (failing.length > 0) {
        err.write(`isms: --fail-on ${failing.join(', ')}: ${failing.map(describeFailure).join('; ')}\n`);
        return EXIT_FINDINGS;
    }
    return EXIT_OK;
}

function parseFailOn(values: string[]): FailOnCondition[] {
    const conditions = values.flatMap(value => value.split(',')).map(value => value.trim()).filter(value => value.length > 0);
    for (const condition of conditions) {
        if (!(FAIL_ON_CONDITIONS as readonly string[]).includes(condition)) {
            throw new UsageError(`--fail-on ${condition}: expected ${FAIL_ON_CONDITIONS.join(', ')}`);
        }
    }
    return conditions as FailOnCondition[];
}

function describeFailure(condition: FailOnCondition): string {
    return condition === 'new-errors' ? 'the later state has errors the earlier one had not'
        : condition === 'level-increase' ? 'a risk is at a higher level than before'
            : 'an acceptance is stale';
}

/** A folder that exists is compared as a folder; anything else is a revision. */
function sideOf(value: string, flag: string): Side {
    if (value.trim().length === 0) throw new UsageError(`${flag}: expected a revision or a folder`);
    try {
        if (fs.statSync(value).isDirectory()) return { kind: 'folder', folder: fs.realpathSync(value) };
    } catch {
        // Not a path: a revision.
    }
    return { kind: 'revision', revision: value };
}

/** A model path of the working tree; it may have been deleted since the revision compared. */
function modelPath(given: string): string {
    const absolute = path.resolve(given);
    try {
        return fs.realpathSync(absolute);
    } catch {
        const parent = path.dirname(absolute);
        if (!fs.existsSync(parent)) throw new UsageError(`${given}: no such file or directory`);
        return path.join(fs.realpathSync(parent), path.basename(absolute));
    }
}

async function openRepository(start: string): Promise<{ repository?: GitRepository, problem?: string }> {
    try {
        return { repository: await GitRepository.containing(start) };
    } catch (error) {
        // Without git, folders can still be compared.
        if (error instanceof GitError) return { problem: error.message };
        throw error;
    }
}
