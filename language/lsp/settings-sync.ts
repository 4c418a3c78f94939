import type { LangiumSharedServices } from 'langium/lsp';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type { IsmsServices } from '../isms-module.js';
import type { IsmsWorkspaceManager } from '../workspace/isms-workspace-manager.js';

const SECTION = 'isms';

/**
 * Keeps the language's settings in step with the editor's `isms.*` settings: read before the
 * first build, applied again on every change with a re-validation of the whole model. A bad
 * value is shown to the user once and ignored.
 */
export function synchronizeSettings(shared: LangiumSharedServices, isms: IsmsServices): void {
    const configuration = shared.workspace.ConfigurationProvider;
    const settings = isms.config.Settings;
    const connection = shared.lsp.Connection;

    const apply = (raw: unknown) => {
        const problems = settings.update(raw);
        if (problems.length > 0) {
            const text = problems.map(problem => `${problem.setting} ${problem.message}`).join('; ');
            console.error(`Ignoring invalid settings: ${text}`);
            void connection?.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `ISMS: invalid setting ignored: ${text}.` });
        }
    };

    (shared.workspace.WorkspaceManager as IsmsWorkspaceManager).beforeInitialBuild.push(async () => {
        await configuration.ready;
        const section: Record<string, unknown> = {};
        for (const key of ['today', 'diagnostics', 'codeLens', 'inlayHints', 'maxFileSize']) {
            section[key] = await configuration.getConfiguration(SECTION, key);
        }
        apply(section);
    });

    configuration.onConfigurationSectionUpdate(update => {
        if (update.section !== SECTION) return;
        const limit = settings.maxFileSize();
        apply(update.configuration);
        void shared.workspace.WorkspaceLock.write(async token => {
            const documents = shared.workspace.LangiumDocuments.all.toArray();
            if (settings.maxFileSize() !== limit) {
                // Files are admitted or left out as they are read: read them again.
                const files = documents.filter(document => document.uri.scheme === 'file').map(document => document.uri);
                await shared.workspace.DocumentBuilder.update(files, [], token);
            }
            await shared.workspace.DocumentBuilder.build(documents, { validation: true }, token);
        }).then(() => {
            // Lenses and hints depend on settings too; ask the editor to fetch them again.
            connection?.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
            connection?.languages.inlayHint.refresh().catch(() => undefined);
        });
    });
}
