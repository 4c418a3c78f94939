import { nonce } from './nonce.js';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { CompareWithRevisionArgs, CompareWithRevisionResult, RevisionChoice } from '../language/lsp/server-commands.js';
import { COMPARE_WITH_REVISION_COMMAND, ServerCommands } from '../language/lsp/server-commands.js';
import { comparePage, rowTarget } from './compare-revision-view.js';
import { requireTrust } from './workspace-trust.js';
import { executeOnServer } from './execute-on-server.js';

const VIEW_TYPE = 'isms.compareWithRevision';

const ICONS: Record<RevisionChoice['kind'], string> = { audit: 'milestone', branch: 'git-branch', tag: 'tag', commit: 'git-commit' };
const SECTIONS: Record<RevisionChoice['kind'], string> = { audit: 'Last audit', branch: 'Branches and tags', tag: 'Branches and tags', commit: 'Recent commits' };

interface Chosen {
    readonly revision: string;
    readonly label: string;
}

type RevisionItem = vscode.QuickPickItem & { chosen?: Chosen };

/**
 * "ISMS: Compare with Revision…": pick a revision (the last audit's commit first) or type one,
 * and see what changed in the model since, in a panel whose rows open the element. The
 * comparison is the server's; a lens "since the last audit" runs it with the audit's commit.
 */
export function registerCompareWithRevision(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    /** One panel per revision, brought back and brought up to date when the same revision is compared again. */
    const panels = new Map<string, ComparePanel>();

    context.subscriptions.push(vscode.commands.registerCommand(COMPARE_WITH_REVISION_COMMAND, async (preset?: CompareWithRevisionArgs) => {
        if (!requireTrust('read the git history')) return;
        if (!client.isRunning()) {
            void vscode.window.showErrorMessage('ISMS: the language server is not running. Run "ISMS: Restart Language Server".');
            return;
        }
        const chosen = typeof preset?.revision === 'string' && preset.revision.length > 0
            ? { revision: preset.revision, label: preset.label ?? preset.revision }
            : await pickRevision(client);
        if (!chosen) return;
        const result = await compare(client, chosen);
        if (result) show(panels, chosen, result);
    }));
}

/** The server's revisions in a quick pick that also takes a revision typed into it. */
async function pickRevision(client: BaseLanguageClient): Promise<Chosen | undefined> {
    const pick = vscode.window.createQuickPick<RevisionItem>();
    pick.title = 'Compare with Revision';
    pick.placeholder = 'A branch, tag or commit, or type one (such as HEAD~3)';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.busy = true;
    let listed: RevisionItem[] = [];
    const showItems = () => {
        const typed = pick.value.trim();
        const known = typed.length === 0 || listed.some(item => item.chosen?.revision === typed || item.label === typed);
        pick.items = known ? listed : [{ label: typed, description: 'Compare with this revision', alwaysShow: true, chosen: { revision: typed, label: typed } }, ...listed];
    };
    return new Promise<Chosen | undefined>(resolve => {
        let done = false;
        const finish = (chosen: Chosen | undefined) => {
            if (done) return;
            done = true;
            resolve(chosen);
            pick.hide();
        };
        pick.onDidChangeValue(showItems);
        pick.onDidAccept(() => {
            const typed = pick.value.trim();
            finish(pick.selectedItems[0]?.chosen ?? (typed ? { revision: typed, label: typed } : undefined));
        });
        pick.onDidHide(() => {
            finish(undefined);
            pick.dispose();
        });
        pick.show();
        executeOnServer<RevisionChoice[]>(client, ServerCommands.revisions, []).then(revisions => {
            listed = revisionItems(revisions);
            pick.busy = false;
            showItems();
        }, error => {
            finish(undefined);
            void vscode.window.showErrorMessage(errorMessage(error, 'list the revisions'));
        });
    });
}

function revisionItems(revisions: readonly RevisionChoice[]): RevisionItem[] {
    const items: RevisionItem[] = [];
    let section: string | undefined;
    for (const revision of revisions) {
        if (SECTIONS[revision.kind] !== section) {
            section = SECTIONS[revision.kind];
            items.push({ label: section, kind: vscode.QuickPickItemKind.Separator });
        }
        const commit = revision.commit;
        items.push({
            label: revision.label,
            iconPath: new vscode.ThemeIcon(ICONS[revision.kind]),
            description: revision.kind === 'commit' ? commit.date : `${commit.id.slice(0, 12)} · ${commit.date}`,
            detail: commit.subject,
            chosen: { revision: revision.revision, label: revision.label }
        });
    }
    return items;
}

async function compare(client: BaseLanguageClient, chosen: Chosen): Promise<CompareWithRevisionResult | undefined> {
    let cancellation: vscode.CancellationToken | undefined;
    try {
        return await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `ISMS: comparing with ${chosen.label}…`, cancellable: true },
            (_progress, token) => {
                cancellation = token;
                return executeOnServer<CompareWithRevisionResult>(client, ServerCommands.compareWithRevision,
                    [{ revision: chosen.revision } satisfies CompareWithRevisionArgs], token);
            });
    } catch (error) {
        if (!cancellation?.isCancellationRequested) void vscode.window.showErrorMessage(errorMessage(error, `compare with ${chosen.label}`));
        return undefined;
    }
}

interface ComparePanel {
    readonly panel: vscode.WebviewPanel;
    /** The folder the rows' paths are relative to, from the latest comparison shown. */
    base: vscode.Uri;
}

/** Shows the diff in the revision's panel, opened beside the editor or brought up to date. */
function show(panels: Map<string, ComparePanel>, chosen: Chosen, result: CompareWithRevisionResult): void {
    const pageNonce = nonce();
    const page = comparePage(result.html, pageNonce);
    if (!page) {
        void vscode.window.showErrorMessage('ISMS: the comparison page has no Content-Security-Policy to replace, so it is not shown.');
        return;
    }
    const base = vscode.Uri.parse(result.base);
    let shown = panels.get(chosen.revision);
    if (shown) {
        shown.base = base;
        shown.panel.reveal(undefined, true);
    } else {
        const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Changes since ${chosen.label}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
        const created: ComparePanel = { panel, base };
        shown = created;
        panels.set(chosen.revision, created);
        const messages = panel.webview.onDidReceiveMessage(message => void openRow(message, created.base));
        panel.onDidDispose(() => {
            messages.dispose();
            if (panels.get(chosen.revision) === created) panels.delete(chosen.revision);
        });
    }
    shown.panel.webview.html = page;
}

async function openRow(message: unknown, base: vscode.Uri): Promise<void> {
    if (base.scheme !== 'file') return;
    const target = rowTarget(message, base.fsPath);
    if (!target) return;
    const position = new vscode.Position(target.line - 1, 0);
    try {
        await vscode.window.showTextDocument(vscode.Uri.file(target.file), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    } catch (error) {
        void vscode.window.showErrorMessage(`ISMS: cannot open ${vscode.workspace.asRelativePath(target.file)}: ${error instanceof Error ? error.message : String(error)}`);
    }
}


/** The server's own message when it says what is wrong; otherwise what could not be done. */
function errorMessage(error: unknown, action: string): string {
    const message = error instanceof Error ? error.message : String(error);
    return message.startsWith('ISMS') ? message : `ISMS: could not ${action}: ${message}`;
}
