import { URI } from 'langium';
import type { IsmsPlatformModule, IsmsServices } from '../isms-core-module.js';
import { baseFolderOf, resolveBelow } from '../files/model-path.js';
import { resolveInsideFolder } from '../files/regular-file.js';
import { withRiskTrend } from '../history/risk-trend.js';
import { AuditBaseline } from '../lsp/audit-baseline.js';
import { IsmsDocumentLinkProvider } from '../lsp/isms-document-links.js';
import { RevisionComparison } from '../lsp/revision-comparison.js';
import { previewImport, writeImport } from '../lsp/spreadsheet-import-commands.js';
import { liveConfiguration, workspaceFolderPaths } from '../lsp/workspace-history.js';
import { readGitCommit } from '../reports/git-commit.js';
import type { ReportContext } from '../reports/report-context.js';
import { writeReportFile } from '../reports/report-output.js';
import type { ReportPlatform, WrittenReport } from './platform-services.js';

/**
 * The platform of the Node language server and the CLI: git through the git executable, reports
 * and imports on disk, and links to the evidence files the model names (checked on disk).
 */
export const NodePlatformModule: IsmsPlatformModule = {
    history: {
        RevisionComparison: services => new RevisionComparison(services),
        AuditBaseline: services => new AuditBaseline(services)
    },
    platform: {
        Reports: services => new DiskReports(services),
        SpreadsheetImport: services => ({
            preview: raw => previewImport(services, raw),
            write: (raw, root) => writeImport(services, raw, root.fsPath)
        }),
        ModelPaths: () => ({ baseFolderOf, resolveBelow })
    },
    lsp: {
        DocumentLinkProvider: services => new IsmsDocumentLinkProvider(services.shared)
    }
};

class DiskReports implements ReportPlatform {

    constructor(private readonly isms: IsmsServices) { }

    cannotRender(): undefined {
        return undefined;
    }

    reportsFolder(root: URI, relative: string): URI | undefined {
        const folder = resolveInsideFolder(root.fsPath, relative);
        return folder === undefined ? undefined : URI.file(folder);
    }

    /**
     * The checked-out commit for report headers; null in an untrusted workspace, whose git
     * metadata is not read. Metadata the reader refuses is logged once and gives no commit.
     */
    gitCommit(root: URI): string | null {
        if (!this.isms.config.WorkspaceTrust.trusted) return null;
        const git = readGitCommit(root.fsPath);
        if (git.problem) console.error(`Git metadata ignored, the report has no commit: ${git.problem}`);
        return git.commit;
    }

    withRiskTrend(context: ReportContext): Promise<ReportContext> {
        return withRiskTrend(this.isms, context, workspaceFolderPaths(this.isms.shared), liveConfiguration(this.isms.config.Settings));
    }

    async write(folder: URI, name: string, content: string | Uint8Array): Promise<WrittenReport> {
        const target = `${folder.fsPath}/${name}`;
        await writeReportFile(target, content);
        return { path: target, uri: URI.file(target).toString() };
    }
}
