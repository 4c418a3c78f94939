import type { Cancellation } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IsmsServices } from '../isms-module.js';
import type { GitRepository } from './git-repository.js';
import { GitError, repositoryPath } from './git-repository.js';
import type { ModelDiff } from './model-diff-schema.js';
import { compareStates } from './model-diff.js';
import type { ModelState } from './model-state.js';
import type { ModelSource } from './model-timeline.js';
import { ModelTimeline } from './model-timeline.js';
import { findStaleAcceptances } from './stale-acceptances.js';

/** One side of a comparison: a revision of the repository, the working tree, or another folder. */
export type Side =
    | { readonly kind: 'revision', readonly revision: string }
    | { readonly kind: 'working-tree' }
    | { readonly kind: 'folder', readonly folder: string }
    /** The last commit dated on or before the latest audit or management review of the later side. */
    | { readonly kind: 'since', readonly record: 'audit' | 'management-review' };

export interface CompareRequest {
    /** Absolute paths of the model's folders and files in the working tree. */
    readonly modelPaths: readonly string[];
    readonly from: Side;
    readonly to: Side;
    /** Today, YYYY-MM-DD. */
    readonly date: string;
    readonly expiringDays: number;
    /** Applies the settings (today, severities, the file size limit) to each model built. */
    readonly configure: (services: IsmsServices) => void;
    /** Cancels the comparison; a real token also makes its builds yield to other work. */
    readonly cancelToken?: Cancellation.CancellationToken;
}

/** Thrown for a side that names nothing to compare, with a message for the user. */
export class CompareError extends Error { }

/**
 * Compares two states of a model. Sides in one repository share one model that moves from the
 * first to the second (`ModelTimeline`); a folder is read as a model of its own. Stale
 * acceptances are looked for in the history of the later side when it is in a repository.
 */
export async function compareModels(request: CompareRequest, repository: GitRepository | undefined): Promise<ModelDiff> {
    const base = modelBase(request.modelPaths, repository);
    const sides = [request.from, request.to];
    if (sides.some(side => side.kind === 'revision' || side.kind === 'since') && !repository) {
        throw new CompareError('the model is not in a git repository, so it has no revisions to compare; name a folder instead');
    }
    const shared = sides.some(side => side.kind !== 'folder') ? new ModelTimeline(base, request.modelPaths, repository, request.configure, request.cancelToken) : undefined;
    // The later side first: `since` sides are found from its records.
    const toSource = await readSide(request.to, shared, repository, request);
    const fromSource = await readSide(request.from, shared, repository, request, toSource.state);
    const states = [fromSource.state, toSource.state];
    const [fromState, toState] = states;
    if (fromState.files === 0 && toState.files === 0) {
        throw new CompareError(`no .isms files in ${fromState.label} or ${toState.label}`);
    }
    let stale: Awaited<ReturnType<typeof findStaleAcceptances>> = [];
    let staleUnavailable: string | undefined;
    if (!toSource.source || !repository || !shared) {
        staleUnavailable = 'the later side is not in a git repository, so it has no history to look in';
    } else {
        const prefixes = request.modelPaths.map(modelPath => repositoryPath(repository, modelPath) ?? '');
        stale = await findStaleAcceptances(shared, repository, prefixes, toSource.source, toState);
    }
    return compareStates(fromState, toState, { date: request.date, expiringDays: request.expiringDays, stale, staleUnavailable });
}

interface ReadSide {
    readonly state: ModelState;
    /** The state's place in the repository; undefined for a folder of its own. */
    readonly source?: ModelSource;
}

async function readSide(side: Side, shared: ModelTimeline | undefined, repository: GitRepository | undefined,
    request: CompareRequest, later?: ModelState): Promise<ReadSide> {
    if (side.kind === 'folder') {
        const folder = new ModelTimeline(side.folder, [side.folder], undefined, request.configure, request.cancelToken);
        await folder.moveTo({ kind: 'disk', label: side.folder });
        return { state: folder.state() };
    }
    const source = side.kind === 'since' ? await sinceSource(side.record, later!, request.date, repository!) : await sourceOf(side, repository);
    await shared!.moveTo(source);
    return { state: shared!.state(), source };
}

/** A revision's commit, or the working tree. */
export async function sourceOf(side: Extract<Side, { kind: 'revision' | 'working-tree' }>, repository: GitRepository | undefined): Promise<ModelSource> {
    if (side.kind === 'working-tree') return { kind: 'disk', label: 'working tree' };
    try {
        return { kind: 'commit', label: side.revision, commit: await repository!.resolve(side.revision) };
    } catch (error) {
        throw error instanceof GitError ? new CompareError(error.message) : error;
    }
}

/**
 * The last commit of the main line dated on or before the latest audit (or management
 * review) that the later state records on or before today.
 */
export async function sinceSource(record: 'audit' | 'management-review', later: Pick<ModelState, 'audits' | 'reviews'>, today: string,
    repository: GitRepository): Promise<ModelSource> {
    const records = record === 'audit' ? later.audits : later.reviews;
    const latest = records.filter(entry => entry.date <= today).at(-1);
    const what = record === 'audit' ? 'audit' : 'management review';
    if (!latest) throw new CompareError(`the model records no ${what} dated on or before ${today}`);
    const commit = (await repository.mainLine()).findLast(entry => entry.date <= latest.date);
    if (!commit) throw new CompareError(`no commit is dated on or before the ${what} ${latest.id} of ${latest.date}`);
    return { kind: 'commit', label: `${latest.id} (${what} of ${latest.date})`, commit };
}

/**
 * The folder that paths are shown relative to and diagnostics are matched by: the model's
 * folder when it is one folder, else the repository's top level or the current folder.
 */
export function modelBase(modelPaths: readonly string[], repository: GitRepository | undefined): string {
    if (modelPaths.length === 1 && isFolder(modelPaths[0])) return modelPaths[0];
    return repository?.root ?? process.cwd();
}

function isFolder(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return path.extname(file) !== '.isms';
    }
}
