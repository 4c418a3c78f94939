import { URI } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProjectFileProblem, PROJECT_FILE_NAME } from '../../language/config/project-file.js';
import { ModelFileSystemProvider } from '../../language/workspace/model-file-system.js';
import type { WorkspaceProject } from '../../language/workspace/workspace-project.js';
import { readWorkspaceProject } from '../../language/workspace/workspace-project.js';
import { UsageError } from './cli-error.js';

/**
 * The project the paths given to a command belong to: the nearest `isms.json` in the folder of
 * the first path or above it, looking no higher than the root of its git repository. Without
 * one, the defaults, relative to that folder. A project file with problems stops the command
 * (exit 2) with each problem located.
 */
export async function findCliProject(paths: readonly string[]): Promise<WorkspaceProject> {
    const start = startFolder(paths[0] ?? '.');
    const folder = nearestProjectFolder(start);
    const project = await readWorkspaceProject(new ModelFileSystemProvider(), URI.file(folder ?? start));
    if (project.problems.length > 0) {
        const file = displayPath(path.join(folder ?? start, PROJECT_FILE_NAME));
        const [first, ...further] = project.problems.map(problem => formatProjectFileProblem(file, problem));
        throw new UsageError(first, further);
    }
    return project;
}

/** A path for messages: relative to the current folder when below it. */
export function displayPath(absolute: string): string {
    const relative = path.relative(process.cwd(), absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

function startFolder(given: string): string {
    const absolute = path.resolve(given);
    try {
        return fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    } catch {
        return path.dirname(absolute);
    }
}

function nearestProjectFolder(start: string): string | undefined {
    for (let folder = start; ; folder = path.dirname(folder)) {
        if (fs.existsSync(path.join(folder, PROJECT_FILE_NAME))) return folder;
        // A repository's project file is at its root at the highest: another project's stays out.
        if (fs.existsSync(path.join(folder, '.git')) || path.dirname(folder) === folder) return undefined;
    }
}
