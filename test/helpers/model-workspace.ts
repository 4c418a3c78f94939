import type { Diagnostic } from 'vscode-languageserver-types';
import type { LangiumDocument } from 'langium';
import { Cancellation, URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import type { IsmsServices } from '../../language/isms-module.js';
import { createIsmsServices } from '../../language/isms-module.js';
import { loadWorkspace } from '../../language/workspace/workspace-loader.js';

export const WORKSPACE_ROOT = URI.file('/workspace');

/** A diagnostic reduced to what tests assert on: code, severity and 1-based position. */
export interface SimpleDiagnostic {
    file: string;
    code: string;
    severity: 'error' | 'warning' | 'info' | 'hint';
    line: number;
    column: number;
    message: string;
    text: string;
}

/**
 * A workspace of in-memory `.isms` files, loaded and validated by the real language services
 * the way the CLI and the server load a folder.
 */
export class ModelWorkspace {

    readonly services: IsmsServices;
    private readonly fileSystem = new VirtualFileSystemProvider();

    private constructor() {
        this.services = createIsmsServices({ fileSystemProvider: () => this.fileSystem }).Isms;
    }

    static async create(files: Record<string, string>): Promise<ModelWorkspace> {
        const workspace = new ModelWorkspace();
        for (const [name, text] of Object.entries(files)) {
            workspace.fileSystem.insert(workspace.uri(name), text);
        }
        await loadWorkspace(workspace.services.shared, { folders: [WORKSPACE_ROOT], files: [] });
        return workspace;
    }

    uri(name: string): URI {
        return URI.file(`/workspace/${name}`);
    }

    document(name: string): LangiumDocument {
        const document = this.services.shared.workspace.LangiumDocuments.getDocument(this.uri(name));
        if (!document) throw new Error(`no document ${name}`);
        return document;
    }

    /** Changes, adds or deletes files and lets the builder do what it does on an edit. */
    async edit(changes: Record<string, string | null>): Promise<void> {
        await this.editWith(changes, Cancellation.CancellationToken.None);
    }

    /** `edit`, with a token that may cancel the build. */
    async editWith(changes: Record<string, string | null>, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const { changed, deleted } = this.write(changes);
        await this.services.shared.workspace.DocumentBuilder.update(changed, deleted, cancelToken);
    }

    /** The diagnostics of a shipped document, which builds leave unvalidated: every rule run on it now. */
    async validateShipped(uri: URI | string): Promise<Diagnostic[]> {
        const document = this.services.shared.workspace.LangiumDocuments.getDocument(typeof uri === 'string' ? URI.parse(uri) : uri);
        if (!document) throw new Error(`no document ${uri.toString()}`);
        return this.services.validation.DocumentValidator.validateDocument(document);
    }

    /** Whether the shipped document at `uri` is in the workspace. */
    hasDocument(uri: URI | string): boolean {
        return this.services.shared.workspace.LangiumDocuments.hasDocument(typeof uri === 'string' ? URI.parse(uri) : uri);
    }

    /**
     * Edits the way a language server applies them while the user types: each through the
     * workspace lock, which cancels the build still running for the previous one. `ticks[i]`
     * event-loop turns pass before edit i + 1 is sent, so it lands at varying points of a build.
     */
    async editInBursts(edits: ReadonlyArray<Record<string, string | null>>, ticks: readonly number[]): Promise<void> {
        const lock = this.services.shared.workspace.WorkspaceLock;
        const builder = this.services.shared.workspace.DocumentBuilder;
        const writes: Array<Promise<void>> = [];
        for (const [i, changes] of edits.entries()) {
            const { changed, deleted } = this.write(changes);
            writes.push(lock.write(token => builder.update(changed, deleted, token)));
            for (let tick = 0; tick < (ticks[i] ?? 0); tick++) {
                await new Promise(resolve => setImmediate(resolve));
            }
        }
        await Promise.all(writes);
    }

    private write(changes: Record<string, string | null>): { changed: URI[], deleted: URI[] } {
        const changed: URI[] = [];
        const deleted: URI[] = [];
        for (const [name, text] of Object.entries(changes)) {
            if (text === null) {
                this.fileSystem.delete(this.uri(name));
                deleted.push(this.uri(name));
            } else {
                this.fileSystem.insert(this.uri(name), text);
                changed.push(this.uri(name));
            }
        }
        return { changed, deleted };
    }

    /**
     * The diagnostics of one file or of all user files. Most tests use fragments of a model, so
     * `isms-missing` is left out unless `all` is set.
     */
    diagnostics(name?: string, all = false): SimpleDiagnostic[] {
        const documents = name ? [this.document(name)] : this.services.shared.workspace.LangiumDocuments.all
            .filter(document => document.uri.scheme === 'file').toArray();
        return documents.flatMap(document => (document.diagnostics ?? []).map(diagnostic => ({
            file: document.uri.path.replace('/workspace/', ''),
            code: String(diagnostic.code),
            severity: (['error', 'warning', 'info', 'hint'] as const)[(diagnostic.severity ?? 1) - 1],
            line: diagnostic.range.start.line + 1,
            column: diagnostic.range.start.character + 1,
            message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
            text: document.textDocument.getText(diagnostic.range)
        }))).filter(diagnostic => all || diagnostic.code !== 'isms-missing');
    }

    codes(name?: string, all = false): string[] {
        return this.diagnostics(name, all).map(diagnostic => diagnostic.code).sort();
    }

    /** The codes of one file (or all), restricted to those a test is about. */
    codesAmong(name: string | undefined, codes: readonly string[]): string[] {
        return this.codes(name, true).filter(code => codes.includes(code));
    }
}
