import type { Disposable, LangiumDocument } from 'langium';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { DiagnosticSeverity, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { formatProjectFileProblem, PROJECT_FILE_NAME } from '../config/project-file.js';
import type { ProjectScope } from '../config/project-scope.js';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { WorkspaceProject } from './workspace-project.js';
import { projectScope, readWorkspaceProject, relativeToProject } from './workspace-project.js';

/** What the workspace manager offers the project file: searching with the project's scope. */
export interface ProjectAwareWorkspace {
    useProject(project: WorkspaceProject, scope: ProjectScope): void;
    searchFolder(folder: URI): Promise<URI[]>;
}

/**
 * The language server's side of `isms.json`: read at start-up, its problems shown as
 * diagnostics on the file and in a window message (the defaults are used meanwhile), and read
 * again when the editor reports it changed, created or deleted; the files it now admits join
 * the model and those it leaves out are dropped, in one build.
 */
export class ProjectFileSync {

    private project: WorkspaceProject | undefined;
    private subscription: Disposable | undefined;
    private shownProblems = false;

    constructor(private readonly services: LangiumSharedServices, private readonly workspace: ProjectAwareWorkspace) { }

    /** Reads the project file of the workspace folder; called before the first build. */
    async load(folder: URI): Promise<void> {
        // Subscribed here rather than in the constructor: the update handler is built after the workspace manager.
        this.subscription ??= this.services.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => this.onWatchedFilesChange(params));
        this.apply(await readWorkspaceProject(this.services.workspace.FileSystemProvider, folder));
    }

    dispose(): void {
        this.subscription?.dispose();
    }

    private onWatchedFilesChange(params: DidChangeWatchedFilesParams): void {
        const project = this.project;
        if (!project || !params.changes.some(change => relativeToProject(project, URI.parse(change.uri)) === PROJECT_FILE_NAME)) return;
        const { WorkspaceLock, DocumentBuilder, LangiumDocuments } = this.services.workspace;
        void this.services.workspace.WorkspaceManager.ready.then(() => WorkspaceLock.write(async token => {
            this.apply(await readWorkspaceProject(this.services.workspace.FileSystemProvider, project.folder));
            const scope = projectScope(this.project!);
            const loaded = new Set(LangiumDocuments.all.map(document => document.uri.toString()).toArray());
            const added = (await this.workspace.searchFolder(project.folder)).filter(uri => !loaded.has(uri.toString()));
            const dropped = LangiumDocuments.all.filter(document => this.isLeftOut(document, scope)).map(document => document.uri).toArray();
            if (added.length > 0 || dropped.length > 0) await DocumentBuilder.update(added, dropped, token);
        })).catch(error => console.error('Could not apply the changed project file:', error));
    }

    /** A file of the project that the scope no longer admits; files open in the editor stay. */
    private isLeftOut(document: LangiumDocument, scope: ProjectScope): boolean {
        if (isBuiltinUri(document.uri) || this.services.workspace.TextDocuments?.get(document.uri)) return false;
        const relative = relativeToProject(this.project!, document.uri);
        return relative !== undefined && relative !== '' && !scope.admitsFile(relative);
    }

    private apply(project: WorkspaceProject): void {
        this.project = project;
        this.workspace.useProject(project, projectScope(project));
        this.report(project);
    }

    private report(project: WorkspaceProject): void {
        const connection = this.services.lsp.Connection;
        const file = project.file ?? URI.parse(`${project.folder.toString().replace(/\/+$/, '')}/${PROJECT_FILE_NAME}`);
        void connection?.sendDiagnostics({
            uri: file.toString(),
            diagnostics: project.problems.map(problem => ({
                range: { start: { line: problem.line - 1, character: problem.column - 1 }, end: { line: problem.line - 1, character: problem.column - 1 } },
                severity: DiagnosticSeverity.Error, source: 'isms', message: problem.message
            }))
        });
        if (project.problems.length > 0) {
            const first = formatProjectFileProblem(PROJECT_FILE_NAME, project.problems[0]);
            const more = project.problems.length > 1 ? ` (and ${project.problems.length - 1} more)` : '';
            console.error(`Project file ignored: ${project.problems.map(problem => formatProjectFileProblem(file.fsPath, problem)).join('; ')}`);
            void connection?.sendNotification(ShowMessageNotification.type, {
                type: MessageType.Warning, message: `ISMS: ${first}${more}. The project file is ignored until it is fixed; every .isms file in the folder is checked.`
            });
            this.shownProblems = true;
        } else if (this.shownProblems) {
            this.shownProblems = false;
            void connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `ISMS: ${PROJECT_FILE_NAME} is in force again.` });
        }
    }

}
