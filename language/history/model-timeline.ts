import type { FileSystemNode, FileSystemProvider, LangiumDocument } from 'langium';
import { Cancellation, DocumentState, URI } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IsmsServices } from '../isms-module.js';
import { createIsmsServices } from '../isms-module.js';
import type { ModelFileReader, OversizedFile } from '../workspace/model-file-system.js';
import { ModelFileSystemProvider } from '../workspace/model-file-system.js';
import { loadWorkspace } from '../workspace/workspace-loader.js';
import { CommitFileSystem } from './commit-file-system.js';
import type { CommitInfo, GitRepository } from './git-repository.js';
import { blobId, repositoryPath } from './git-repository.js';
import type { ModelState, RiskFacts } from './model-state.js';
import { findRisks, readModelState, riskFacts } from './model-state.js';

/** A state of the model to read: a commit, or the files on disk. */
export type ModelSource =
    | { readonly kind: 'commit', readonly label: string, readonly commit: CommitInfo }
    | { readonly kind: 'disk', readonly label: string };

/** A model file of a source that could not be read and was left out. */
export interface LeftOutFile {
    readonly file: string;
    readonly reason: string;
}

/**
 * One model, moved from state to state: the first state is loaded and validated whole, each
 * later one by rebuilding only the files that differ, as an edit in the editor would. So a
 * comparison of two commits, or a walk through a risk's history, costs about one validation
 * of the model and then what the changes cost.
 */
export class ModelTimeline {

    private readonly fileSystem = new SwitchableFileSystem();
    readonly services: IsmsServices;
    /** Model file URIs of the current state and what identifies their content (a blob id). */
    private current: Map<string, string> | undefined;
    /** Paths of the other files below the model's folders, which evidence checks look for. */
    private currentOthers = '';
    /** Blob contents read so far, by id: a walk through history reads each version once. */
    private readonly blobs = new Map<string, Buffer>();
    private source: ModelSource | undefined;
    /** Files of the current state left out of the model. */
    leftOut: LeftOutFile[] = [];

    /**
     * @param root the folder paths are shown relative to: the repository's top level, or the folder compared
     * @param modelPaths absolute paths of the model's folders and files in the working tree
     */
    constructor(readonly root: string, private readonly modelPaths: readonly string[], private readonly repository: GitRepository | undefined,
        configure: (services: IsmsServices) => void,
        /** Cancels the builds; a real token also makes them yield to other work, such as an editor's requests. */
        private readonly cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None) {
        const { Isms } = createIsmsServices({ fileSystemProvider: () => this.fileSystem });
        this.services = Isms;
        configure(Isms);
    }

    /** Moves the model to `source` and builds it; with `validation`, the state's diagnostics are complete. */
    async moveTo(source: ModelSource, validation = true): Promise<void> {
        const { fileSystem, others } = source.kind === 'commit' ? await this.commitFileSystem(source) : { fileSystem: new ModelFileSystemProvider(), others: undefined };
        this.fileSystem.current = fileSystem;
        this.source = source;
        const workspace = this.services.shared.workspace;
        const shared = this.services.shared;
        const files = await this.modelFiles();
        const { readable, leftOut } = this.readable(files);
        this.leftOut = leftOut;
        const identities = new Map<string, string>();
        for (const uri of readable) identities.set(uri.toString(), this.identity(uri));
        if (!this.current) {
            await loadWorkspace(shared, { folders: [], files: readable }, this.cancelToken);
        } else {
            const changed = readable.filter(uri => this.current!.get(uri.toString()) !== identities.get(uri.toString()));
            const deleted = [...this.current.keys()].filter(uri => !identities.has(uri)).map(uri => URI.parse(uri));
            const builder = workspace.DocumentBuilder;
            builder.updateBuildOptions = { validation };
            // Evidence and policy documents are looked for among the other files: when they
            // changed, or cannot be listed (the disk), every document is checked again.
            if (validation && (others === undefined || others !== this.currentOthers)) {
                for (const document of workspace.LangiumDocuments.all) {
                    if (document.state === DocumentState.Validated) builder.resetToState(document, DocumentState.IndexedReferences);
                }
            }
            await builder.update(changed, deleted, this.cancelToken);
        }
        this.current = identities;
        this.currentOthers = others ?? '';
    }

    /** The state the model is in now. */
    state(): ModelState {
        const source = this.source!;
        return readModelState(this.services, this.documents(), this.root, {
            label: source.label, commit: source.kind === 'commit' ? source.commit : null, leftOut: this.leftOut
        });
    }

    /** The facts of the risks with these ids, as the model is now. */
    riskFacts(ids: ReadonlySet<string>): Map<string, RiskFacts> {
        const facts = new Map<string, RiskFacts>();
        for (const [id, risk] of findRisks(this.services, ids)) facts.set(id, riskFacts(this.services, risk));
        return facts;
    }

    /** The facts of every risk of the model as it is now, by id. */
    allRiskFacts(): Map<string, RiskFacts> {
        const facts = new Map<string, RiskFacts>();
        for (const located of this.services.model.ModelIndex.risks()) {
            const risk = located.node;
            if (risk.name && !facts.has(risk.name)) facts.set(risk.name, riskFacts(this.services, risk));
        }
        return facts;
    }

    /** The user's documents of the current state, in URI order. */
    documents(): LangiumDocument[] {
        const documents = this.services.shared.workspace.LangiumDocuments;
        return this.services.model.ModelIndex.userDocumentUris()
            .map(uri => documents.getDocument(URI.parse(uri)))
            .filter((document): document is LangiumDocument => document !== undefined);
    }

    /** Model files below the model's paths, found as the editor finds them (hidden folders are skipped). */
    private async modelFiles(): Promise<URI[]> {
        const manager = this.services.shared.workspace.WorkspaceManager;
        const found = new Map<string, URI>();
        for (const modelPath of this.modelPaths) {
            const uri = URI.file(modelPath);
            if (!this.fileSystem.existsSync(uri)) continue;
            const uris = this.fileSystem.statSync(uri).isDirectory ? await manager.searchFolder(uri) : [uri];
            for (const file of uris) {
                if (file.path.endsWith('.isms')) found.set(file.toString(), file);
            }
        }
        return [...found.keys()].sort().map(key => found.get(key)!);
    }

    /** Files that cannot be read (links, FIFOs, binary content) are left out, as the loader leaves them out. */
    private readable(files: URI[]): { readable: URI[], leftOut: LeftOutFile[] } {
        const readable: URI[] = [];
        const leftOut: LeftOutFile[] = [];
        const limit = this.services.config.Settings.maxFileSize();
        for (const uri of files) {
            try {
                const text = this.fileSystem.readModelFile(uri, limit);
                if (typeof text === 'string' && text.includes('\u0000')) throw new Error('binary content, not a text file');
                readable.push(uri);
            } catch (error) {
                leftOut.push({ file: path.relative(this.root, uri.fsPath).split(path.sep).join('/'), reason: error instanceof Error ? error.message : String(error) });
            }
        }
        return { readable, leftOut };
    }

    /** What a file's content is known by: its blob id, so that the disk compares with commits. */
    private identity(uri: URI): string {
        const current = this.fileSystem.current;
        if (current instanceof CommitFileSystem) return current.entry(uri)!.id;
        const format = this.repository?.objectFormat ?? 'sha1';
        try {
            return blobId(fs.readFileSync(uri.fsPath), format);
        } catch {
            return `unreadable:${uri.toString()}`;
        }
    }

    private async commitFileSystem(source: Extract<ModelSource, { kind: 'commit' }>): Promise<{ fileSystem: CommitFileSystem, others: string }> {
        const repository = this.repository!;
        const prefixes = this.modelPaths.map(modelPath => repositoryPath(repository, modelPath) ?? '');
        const entries = await repository.listTree(source.commit.id, prefixes);
        const limit = this.services.config.Settings.maxFileSize();
        const models = entries.filter(entry => entry.path.endsWith('.isms') && !entry.symlink && entry.size <= limit);
        const contents = await repository.readBlobs(models.map(entry => entry.id).filter(id => !this.blobs.has(id)));
        contents.forEach((content, id) => this.blobs.set(id, content));
        const others = entries.filter(entry => !entry.path.endsWith('.isms')).map(entry => entry.path).join('\n');
        return { fileSystem: new CommitFileSystem(repository.root, entries, this.blobs, source.label), others };
    }
}

/** The file system the services were created with, pointed at the state being read. */
class SwitchableFileSystem implements FileSystemProvider, ModelFileReader {

    current: FileSystemProvider & ModelFileReader = new ModelFileSystemProvider();

    readModelFile(uri: URI, maxBytes: number): string | OversizedFile {
        return this.current.readModelFile(uri, maxBytes);
    }

    stat(uri: URI): Promise<FileSystemNode> {
        return this.current.stat(uri);
    }

    statSync(uri: URI): FileSystemNode {
        return this.current.statSync(uri);
    }

    exists(uri: URI): Promise<boolean> {
        return this.current.exists(uri);
    }

    existsSync(uri: URI): boolean {
        return this.current.existsSync(uri);
    }

    readBinary(uri: URI): Promise<Uint8Array> {
        return this.current.readBinary(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        return this.current.readBinarySync(uri);
    }

    readFile(uri: URI): Promise<string> {
        return this.current.readFile(uri);
    }

    readFileSync(uri: URI): string {
        return this.current.readFileSync(uri);
    }

    readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.current.readDirectory(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        return this.current.readDirectorySync(uri);
    }
}
