import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IsmsServices } from '../../language/isms-module.js';
import { createIsmsServices } from '../../language/isms-module.js';
import type { IsmsWorkspaceManager } from '../../language/workspace/isms-workspace-manager.js';
import { ModelFileSystemProvider } from '../../language/workspace/model-file-system.js';
import { loadWorkspace } from '../../language/workspace/workspace-loader.js';
import type { WorkspaceProject } from '../../language/workspace/workspace-project.js';
import { projectScope } from '../../language/workspace/workspace-project.js';
import { UsageError } from './cli-error.js';
import { displayPath, findCliProject } from './cli-project.js';

/** Options every command that reads the model takes. */
export interface ModelOptions {
    /** "Today" for date rules, YYYY-MM-DD. */
    date?: string;
    /** `code=level` pairs, each item possibly comma-separated. */
    severity?: string[];
    /** The largest model file read, such as `8MB`. */
    maxFileSize?: string;
}

export interface CliWorkspace {
    readonly services: IsmsServices;
    readonly documents: readonly LangiumDocument[];
    readonly project: WorkspaceProject;
}

/**
 * Resolves the paths the user named (folders are searched for the `.isms` files the project
 * file admits, files are taken as they are), then loads and validates them as one model.
 */
export async function openWorkspace(paths: string[], options: ModelOptions = {}, project?: WorkspaceProject): Promise<CliWorkspace> {
    project ??= await findCliProject(paths);
    const folders: URI[] = [];
    const files: URI[] = [];
    for (const given of paths.length > 0 ? paths : ['.']) {
        const absolute = path.resolve(given);
        let stat: fs.Stats;
        try {
            stat = fs.statSync(absolute);
        } catch {
            throw new UsageError(`${given}: no such file or directory`);
        }
        if (stat.isDirectory()) {
            checkReadable(given, absolute, fs.constants.R_OK | fs.constants.X_OK);
            folders.push(URI.file(absolute));
        } else if (stat.isFile()) {
            if (path.extname(absolute) !== '.isms') {
                throw new UsageError(`${given}: not an .isms file`);
            }
            checkReadable(given, absolute, fs.constants.R_OK);
            files.push(URI.file(absolute));
        } else {
            throw new UsageError(`${given}: not a file or directory`);
        }
    }
    const { shared, Isms } = createIsmsServices({ fileSystemProvider: () => new ModelFileSystemProvider() });
    applyOptions(Isms, options);
    (shared.workspace.WorkspaceManager as IsmsWorkspaceManager).useProject(project, projectScope(project, folders));
    const loaded = await loadWorkspace(shared, { folders, files });
    if (loaded.unreadable.length > 0) {
        const first = loaded.unreadable[0];
        throw new UsageError(`${displayPath(first.uri.fsPath)}: cannot be read (${first.reason})`);
    }
    if (loaded.documents.length === 0) {
        const excluding = project.file && (project.settings.include || project.settings.exclude) ? ` that ${displayPath(project.file.fsPath)} includes` : '';
        throw new UsageError(`no .isms files${excluding} found in ${paths.length > 0 ? paths.join(', ') : 'the current directory'}`);
    }
    return { services: Isms, documents: loaded.documents, project };
}

function checkReadable(given: string, absolute: string, mode: number): void {
    try {
        fs.accessSync(absolute, mode);
    } catch {
        throw new UsageError(`${given}: permission denied`);
    }
}

export function applyOptions(services: IsmsServices, options: ModelOptions): void {
    const severity: Record<string, string> = {};
    for (const item of (options.severity ?? []).flatMap(value => value.split(','))) {
        const match = /^\s*([a-z-]+)\s*=\s*([a-z]+)\s*$/.exec(item);
        if (!match) {
            throw new UsageError(`--severity ${item}: expected CODE=LEVEL, such as review-overdue=error`);
        }
        severity[match[1]] = match[2];
    }
    const problems = services.config.Settings.update({ today: options.date ?? '', diagnostics: { severity }, maxFileSize: options.maxFileSize });
    if (problems.length > 0) {
        const problem = problems[0];
        const flag = problem.setting === 'isms.today' ? `--date ${options.date}`
            : problem.setting === 'isms.maxFileSize' ? `--max-file-size ${options.maxFileSize}`
                : `--severity ${problem.setting.replace('isms.diagnostics.severity.', '')}`;
        throw new UsageError(`${flag}: ${problem.message}`);
    }
}
