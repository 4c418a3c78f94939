import type { Cancellation } from 'langium';
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { z } from 'zod';
import { CompareError, compareModels } from '../history/compare-models.js';
import { diffDocument } from '../history/diff-document.js';
import { GitError } from '../history/git-repository.js';
import type { IsmsServices } from '../isms-module.js';
import { renderHtml } from '../reports/render-html.js';
import type { CompareWithRevisionResult, RevisionChoice } from './server-commands.js';
import { auditSource, HistoryUnavailable, latestAudit, liveConfiguration, openWorkspaceHistory } from './workspace-history.js';

/** Acceptances ending within this many days are listed, as `isms diff` lists them by default. */
const EXPIRING_DAYS = 90;

const compareArgs = z.object({
    revision: z.string().trim().min(1).max(1000)
});

/**
 * The server commands behind "Compare with Revision…": the revisions to choose from, the last
 * audit's commit first, and the diff of a revision against the saved files of the workspace,
 * with the same comparison as `isms diff`. Both refuse in an untrusted workspace, whose git
 * metadata is not read.
 */
export class RevisionComparison {

    constructor(private readonly isms: IsmsServices) { }

    private get shared(): LangiumSharedServices {
        return this.isms.shared;
    }

    /** The last audit's commit (when the model records an audit and git has a commit before it), then branches, tags and recent commits. */
    async revisions(token: Cancellation.CancellationToken): Promise<RevisionChoice[]> {
        this.requireTrust();
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        return userErrors(async () => {
            const history = await openWorkspaceHistory(this.shared);
            const choices: RevisionChoice[] = [];
            const audit = latestAudit(this.isms.model.ModelIndex, this.isms.config.Settings.today());
            if (audit) {
                try {
                    const source = await auditSource(audit, history.repository);
                    if (source.kind === 'commit') {
                        choices.push({ kind: 'audit', revision: source.commit.id, label: `Last audit ${audit.id} (${audit.date})`, commit: source.commit });
                    }
                } catch (error) {
                    // No commit is dated before the audit: the other revisions are still offered.
                    if (!(error instanceof CompareError)) throw error;
                }
            }
            for (const revision of await history.repository.revisions()) {
                choices.push({
                    kind: revision.kind,
                    revision: revision.name,
                    label: revision.kind === 'commit' ? revision.name.slice(0, 12) : revision.name,
                    commit: revision.commit
                });
            }
            return choices;
        });
    }

    /** Compares `revision` (before) with the saved files of the workspace (after). */
    async compare(raw: unknown, token: Cancellation.CancellationToken): Promise<CompareWithRevisionResult> {
        const parsed = compareArgs.safeParse(raw);
        if (!parsed.success) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, 'Expected one argument { "revision": "<branch, tag or commit>" }.');
        }
        this.requireTrust();
        return userErrors(async () => {
            const history = await openWorkspaceHistory(this.shared);
            const settings = this.isms.config.Settings;
            const diff = await compareModels({
                modelPaths: history.modelPaths,
                from: { kind: 'revision', revision: parsed.data.revision },
                to: { kind: 'working-tree' },
                date: settings.today(),
                expiringDays: EXPIRING_DAYS,
                configure: liveConfiguration(settings),
                cancelToken: token
            }, history.repository);
            return { diff, html: renderHtml(diffDocument(diff)), base: URI.file(history.base).toString() };
        });
    }

    private requireTrust(): void {
        try {
            this.isms.config.WorkspaceTrust.requireTrustTo('read the git history');
        } catch (error) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, (error as Error).message);
        }
    }
}

/** Problems the user can act on (no repository, no git, no such revision) answer with their message alone. */
async function userErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (error) {
        if (error instanceof HistoryUnavailable || error instanceof CompareError || error instanceof GitError) {
            const message = error.message.endsWith('.') ? error.message : `${error.message}.`;
            throw new ResponseError(LSPErrorCodes.RequestFailed, `ISMS cannot compare with a revision: ${message}`);
        }
        throw error;
    }
}
