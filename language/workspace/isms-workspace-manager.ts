import type { FileSystemNode, LangiumDocument, LangiumDocumentFactory, LangiumSharedCoreServices, Stream, WorkspaceFolder } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { Cancellation, DefaultWorkspaceManager, URI } from 'langium';
import type { ProjectScope } from '../config/project-scope.js';
import { BUILTIN_DOCUMENTS } from '../builtin/builtin-documents.js';
import type { UnreadableFile } from './document-reader.js';
import { isUnreadable, readModelDocument } from './document-reader.js';
import { catalogsWantedBy } from './optional-catalogs.js';
import { ProjectFileSync } from './project-file-sync.js';
import type { WorkspaceProject } from './workspace-project.js';
import { relativeToProject } from './workspace-project.js';

/**
 * Loads the built-in catalog next to the user's files and validates the whole workspace at
 * start-up, so that the Problems view is complete for files that were never opened.
 */
export class IsmsWorkspaceManager extends DefaultWorkspaceManager {

    private readonly documentFactory: LangiumDocumentFactory;
    /** Work that must be done before the first build, such as reading the editor's settings. */
    readonly beforeInitialBuild: Array<() => Promise<void>> = [];

    private readonly connection: Connection | undefined;
    /** The project file of the first workspace folder, followed as it changes (language server only). */
    private readonly projectFileSync: ProjectFileSync | undefined;
    /** The project whose include and exclude decide which files a folder search finds. */
    private projectInForce: { readonly project: WorkspaceProject, readonly scope: ProjectScope } | undefined;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        this.connection = (services as Partial<LangiumSharedServices>).lsp?.Connection;
        this.initialBuildOptions = { validation: true };
        const lsp = (services as Partial<LangiumSharedServices>).lsp;
        if (lsp) this.projectFileSync = new ProjectFileSync(services as LangiumSharedServices, this);
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: Cancellation.CancellationToken): Promise<void> {
        for (const step of this.beforeInitialBuild) {
            await step();
        }
        if (folders.length > 0) await this.projectFileSync?.load(URI.parse(folders[0].uri));
        await super.initializeWorkspace(folders, cancelToken);
    }

    /** From now on, folder searches find only the files the project admits. */
    useProject(project: WorkspaceProject, scope: ProjectScope): void {
        this.projectInForce = { project, scope };
    }

    /** The project file in force, such as the reports folder it names; undefined before the workspace is loaded. */
    get project(): WorkspaceProject | undefined {
        return this.projectInForce?.project;
    }

    /** Whether a file or folder is a part of the model the project admits, besides Langium's own rules (no dot files, no node_modules). */
    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (!super.shouldIncludeEntry(entry)) return false;
        if (!this.projectInForce) return true;
        const relative = relativeToProject(this.projectInForce.project, entry.uri);
        if (relative === undefined || relative === '') return true;
        return entry.isDirectory ? this.projectInForce.scope.admitsFolder(relative) : this.projectInForce.scope.admitsFile(relative);
    }

    /** Files that cannot be read are reported once and left out; the rest of the model loads. */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        const unreadable: UnreadableFile[] = [];
        const documents: LangiumDocument[] = [];
        await Promise.all(uris.map(async uri => {
            const result = await readModelDocument(this.langiumDocuments, uri);
            if (isUnreadable(result)) {
                unreadable.push(result);
            } else {
                documents.push(result);
                collector(result);
            }
        }));
        // The shipped catalogs the model names go into the first build with it.
        for (const catalog of catalogsWantedBy(documents)) {
            collector(this.documentFactory.fromString(catalog.text, catalog.uri));
        }
        if (unreadable.length > 0) {
            const list = unreadable.map(file => `${file.uri.fsPath} (${file.reason})`).join(', ');
            console.error(`Files left out of the model: ${list}`);
            // A notification, not a request: nothing waits for the user to close it.
            void this.connection?.sendNotification(ShowMessageNotification.type, {
                type: MessageType.Warning, message: `ISMS: ${unreadable.length} file(s) could not be read and are left out of the model: ${list}`
            });
        }
    }

    protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        for (const builtin of BUILTIN_DOCUMENTS) {
            collector(this.documentFactory.fromString(builtin.text, builtin.uri));
        }
    }
}
