import type { FileSystemProvider } from 'langium';
import type { URI } from 'langium';
import { UriUtils } from 'langium';
import type { ProjectFileProblem, ProjectSettings } from '../config/project-file.js';
import { parseProjectFile, PROJECT_FILE_NAME } from '../config/project-file.js';
import { ProjectScope } from '../config/project-scope.js';

/** The project a folder holds: its project file's settings, or the defaults when it has none or a bad one. */
export interface WorkspaceProject {
    /** The folder the project file's paths are relative to. */
    readonly folder: URI;
    /** The project file, when the folder has one. */
    readonly file?: URI;
    /** The settings in force: the defaults when the file is missing or has problems. */
    readonly settings: ProjectSettings;
    /** What is wrong with the file; empty when it is good or missing. */
    readonly problems: readonly ProjectFileProblem[];
}

/**
 * Reads `isms.json` in `folder` through the file system the language services read models
 * with, so that it comes from wherever the model does. A file that cannot be read or parsed
 * gives its problems and the default settings.
 */
export async function readWorkspaceProject(fileSystem: FileSystemProvider, folder: URI): Promise<WorkspaceProject> {
    const file = UriUtils.joinPath(folder, PROJECT_FILE_NAME);
    if (!await fileSystem.exists(file)) return { folder, settings: {}, problems: [] };
    let text: string;
    try {
        text = await fileSystem.readFile(file);
    } catch (error) {
        return { folder, file, settings: {}, problems: [{ line: 1, column: 1, message: `cannot be read (${error instanceof Error ? error.message : String(error)})` }] };
    }
    const reading = parseProjectFile(text);
    return reading.settings ? { folder, file, settings: reading.settings, problems: [] } : { folder, file, settings: {}, problems: reading.problems };
}

/** Which files of the project join the model; `searchRoots` are the folders searched (default: the project folder). */
export function projectScope(project: WorkspaceProject, searchRoots: readonly URI[] = [project.folder]): ProjectScope {
    return new ProjectScope(project.settings, searchRoots.map(root => relativeToProject(project, root)).filter((root): root is string => root !== undefined));
}

/** The path of `uri` relative to the project folder, with `/`; undefined when it is not below it. */
export function relativeToProject(project: WorkspaceProject, uri: URI): string | undefined {
    if (uri.scheme !== project.folder.scheme || uri.authority !== project.folder.authority) return undefined;
    const base = project.folder.path.replace(/\/+$/, '');
    if (uri.path === base) return '';
    return uri.path.startsWith(base + '/') ? uri.path.slice(base.length + 1) : undefined;
}

/** A URI for a project-relative path, such as the reports folder. */
export function projectPath(project: WorkspaceProject, relativePath: string): URI {
    return relativePath === '' ? project.folder : UriUtils.joinPath(project.folder, ...relativePath.split('/'));
}
