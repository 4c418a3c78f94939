import type { LangiumDocument, LangiumDocumentFactory, LangiumSharedCoreServices, WorkspaceFolder } from 'langium';
import { Cancellation, DefaultWorkspaceManager } from 'langium';
import { BUILTIN_DOCUMENTS } from '../builtin/builtin-documents.js';

/**
 * Loads the built-in catalog next to the user's files and validates the whole workspace at
 * start-up, so that the Problems view is complete for files that were never opened.
 */
export class IsmsWorkspaceManager extends DefaultWorkspaceManager {

    private readonly documentFactory: LangiumDocumentFactory;
    /** Work that must be done before the first build, such as reading the editor's settings. */
    readonly beforeInitialBuild: Array<() => Promise<void>> = [];

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        this.initialBuildOptions = { validation: true };
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: Cancellation.CancellationToken): Promise<void> {
        for (const step of this.beforeInitialBuild) {
            await step();
        }
        await super.initializeWorkspace(folders, cancelToken);
    }

    protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        for (const builtin of BUILTIN_DOCUMENTS) {
            collector(this.documentFactory.fromString(builtin.text, builtin.uri));
        }
    }
}
