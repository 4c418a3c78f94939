import type { LangiumSharedServices } from 'langium/lsp';
import { URI } from 'langium';
import * as fs from 'node:fs';
import type { IsmsSettings } from '../config/isms-settings.js';
import type { Audit } from '../generated/ast.js';
import { modelBase, sinceSource } from '../history/compare-models.js';
import { GitError, GitRepository, repositoryPath } from '../history/git-repository.js';
import type { DatedRecord } from '../history/model-state.js';
import type { ModelSource } from '../history/model-timeline.js';
import type { IsmsServices } from '../isms-module.js';
import type { ModelIndex } from '../model/model-index.js';
import { DIAGNOSTIC_RULES } from '../validation/diagnostic-codes.js';

/** Why the workspace's history cannot be read, in words for the user. */
export class HistoryUnavailable extends Error { }

/** The workspace's model as git holds it: what the compare commands and the audit lens read. */
export interface WorkspaceHistory {
    readonly repository: GitRepository;
    /** The workspace folders inside the repository, as real paths. */
    readonly modelPaths: readonly string[];
    /** The folder that the paths of a diff are relative to. */
    readonly base: string;
}

/**
 * Opens the git repository that holds the (first) workspace folder. Throws `HistoryUnavailable`
 * when no folder is open, the folder is in no repository, or git is missing. A fresh repository
 * object each time: it caches the main line, which a commit or a branch switch changes.
 */
export async function openWorkspaceHistory(shared: LangiumSharedServices): Promise<WorkspaceHistory> {
    const folders = workspaceFolderPaths(shared);
    if (folders.length === 0) {
        throw new HistoryUnavailable('no workspace folder is open, so there is no history to compare with; open the folder of the ISMS first.');
    }
    let repository: GitRepository | undefined;
    try {
        repository = await GitRepository.containing(folders[0]);
    } catch (error) {
        if (error instanceof GitError) throw new HistoryUnavailable(`${error.message}.`);
        throw error;
    }
    if (!repository) {
        throw new HistoryUnavailable(`the folder ${folders[0]} is not in a git repository, so it has no revisions to compare with.`);
    }
    const inside = repository;
    const modelPaths = folders.filter(folder => repositoryPath(inside, folder) !== undefined);
    return { repository, modelPaths, base: modelBase(modelPaths, repository) };
}

/** The workspace folders on disk, as real paths. */
export function workspaceFolderPaths(shared: LangiumSharedServices): string[] {
    return (shared.workspace.WorkspaceManager.workspaceFolders ?? [])
        .map(folder => URI.parse(folder.uri))
        .filter(uri => uri.scheme === 'file')
        .map(uri => realPath(uri.fsPath));
}

/** The live settings (today, severities, the file size limit), for a model read from git. */
export function liveConfiguration(live: IsmsSettings): (services: IsmsServices) => void {
    const severity: Record<string, string> = {};
    for (const code of DIAGNOSTIC_RULES.keys()) {
        const override = live.severityOverride(code);
        if (override) severity[code] = override;
    }
    const settings = { today: live.today(), maxFileSize: live.maxFileSize(), diagnostics: { severity } };
    return services => services.config.Settings.update(settings);
}

/** The latest audit of the live model dated on or before `today`. */
export function latestAudit(index: ModelIndex, today: string): DatedRecord | undefined {
    const audits = index.userDeclarations('Audit')
        .map(declaration => declaration.node as Audit)
        .filter(audit => audit.name && audit.date[0] && audit.date[0] <= today)
        .map(audit => ({ id: audit.name, date: audit.date[0]! }));
    return audits.sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0).at(-1);
}

/** The commit of the main line the audit looked at: the last one dated on or before it, as `isms diff --since-audit` finds it. */
export function auditSource(audit: DatedRecord, repository: GitRepository): Promise<ModelSource> {
    return sinceSource('audit', { audits: [audit], reviews: [] }, audit.date, repository);
}

function realPath(file: string): string {
    try {
        return fs.realpathSync(file);
    } catch {
        return file;
    }
}
