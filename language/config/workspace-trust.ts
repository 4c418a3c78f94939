/**
 * Whether the editor trusts the workspace. VS Code opens a cloned repository in Restricted Mode
 * until the user trusts it; the extension says so in `initializationOptions.trusted`. While
 * untrusted, the server checks and navigates the model but writes no file and reads nothing
 * outside the `.isms` files (no git metadata, no look for the files that evidence names).
 * Editors that send nothing are trusted: their user started the server on a folder of their
 * choosing.
 */
export class WorkspaceTrust {

    private trustedWorkspace = true;

    /** Whether the model may make the server look at files other than `.isms` files. */
    get trusted(): boolean {
        return this.trustedWorkspace;
    }

    /** Takes the trust from the `initialize` request's `initializationOptions`. */
    initialize(initializationOptions: unknown): void {
        const trusted = (initializationOptions as { trusted?: unknown } | null | undefined)?.trusted;
        this.trustedWorkspace = trusted !== false;
    }

    /** Throws, with the message the user sees, when `action` would write into an untrusted workspace. */
    requireTrustTo(action: string): void {
        if (!this.trustedWorkspace) {
            throw new Error(`The workspace is not trusted (Restricted Mode): ISMS does not ${action} in it. Trust the workspace to allow it.`);
        }
    }
}
