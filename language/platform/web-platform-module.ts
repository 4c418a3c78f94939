import { URI, UriUtils } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { IsmsPlatformModule, IsmsServices } from '../isms-core-module.js';
import type { Baseline } from '../lsp/audit-baseline.js';
import type { ReportContext } from '../reports/report-context.js';
import { writeReport } from '../reports/report-writer.js';
import { RemoteReportFolder } from '../workspace/remote-report-folder.js';
import type { AuditBaselineSource, ReportPlatform, RevisionHistory, WrittenReport } from './platform-services.js';

/** The one message for every feature that reads git. */
export const NO_GIT_IN_THE_WEB = 'Git history is not available in VS Code for the Web: Compare with Revision, the since-audit lenses '
    + 'and the review pack\'s risk trend need the workspace on disk with git. Open the folder in VS Code on the desktop for them.';

const NO_IMPORT_IN_THE_WEB = 'Spreadsheet import is not available in VS Code for the Web: it reads the spreadsheet from disk. '
    + 'Use VS Code on the desktop or the CLI (isms import).';

/**
 * The platform of the language server in a web worker: reports are written through the editor's
 * file system (remote-report-folder.ts) with the guards of report-writer.ts; there is no git and
 * no spreadsheet import, and each says so once, plainly.
 */
export const WebPlatformModule: IsmsPlatformModule = {
    history: {
        RevisionComparison: () => new NoRevisionHistory(),
        AuditBaseline: services => new NoAuditBaseline(services)
    },
    platform: {
        Reports: services => new EditorReports(services),
        SpreadsheetImport: () => ({
            preview: async () => { throw new Error(NO_IMPORT_IN_THE_WEB); },
            write: async () => { throw new Error(NO_IMPORT_IN_THE_WEB); }
        }),
        ModelPaths: () => ({
            baseFolderOf: (document, folders) => folders?.map(folder => URI.parse(folder.uri))
                .find(folder => document.uri.toString().startsWith(`${folder.toString().replace(/\/$/, '')}/`)) ?? UriUtils.dirname(document.uri),
            // As on disk: a `#fragment` and a leading `/` are ignored.
            resolveBelow: (base, value) => resolveByName(base, value.split('#')[0].replace(/^\/+/, ''))
        })
    }
};

/**
 * `relative` below `root`, with `.` and `..` resolved by name (the editor's file systems give no
 * way to follow a link); undefined when it leads outside `root` or names another place.
 */
function resolveByName(root: URI, relative: string): URI | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.includes('\0')) return undefined;
    const parts: string[] = [];
    for (const part of relative.split(/[\\/]+/)) {
        if (part === '' || part === '.') continue;
        if (part === '..') {
            if (parts.pop() === undefined) return undefined;
        } else {
            parts.push(part);
        }
    }
    return UriUtils.joinPath(root, ...parts);
}

class NoRevisionHistory implements RevisionHistory {
    async revisions(): Promise<never> {
        throw new Error(NO_GIT_IN_THE_WEB);
    }

    async compare(): Promise<never> {
        throw new Error(NO_GIT_IN_THE_WEB);
    }
}

/** No baseline, ever; the first time lenses are drawn the output channel says why the audit lenses are missing. */
class NoAuditBaseline implements AuditBaselineSource {
    private told = false;

    constructor(private readonly isms: IsmsServices) { }

    initialize(): void { /* nothing to ask the editor */ }

    current(): Baseline | undefined {
        const connection = this.isms.shared.lsp.Connection;
        if (!this.told && connection && this.isms.config.Settings.codeLensEnabled()) {
            this.told = true;
            connection.console.info(NO_GIT_IN_THE_WEB);
        }
        return undefined;
    }

    sinceAudit(): string | undefined {
        return undefined;
    }
}

class EditorReports implements ReportPlatform {

    constructor(private readonly isms: IsmsServices) { }

    /** The Excel and Word renderers build their zip files with Node's Buffer, which a web worker lacks. */
    cannotRender(format: string): string | undefined {
        return format === 'xlsx' || format === 'docx'
            ? 'Excel and Word reports are not made in VS Code for the Web yet; choose Markdown, HTML, CSV or JSON, or use VS Code on the desktop or the CLI.'
            : undefined;
    }

    reportsFolder(root: URI, relative: string): URI | undefined {
        return /^[\\/]/.test(relative) ? undefined : resolveByName(root, relative);
    }

    gitCommit(): null {
        return null;
    }

    async withRiskTrend(context: ReportContext): Promise<ReportContext> {
        return { ...context, riskTrend: { since: null, unavailable: 'git history is not available in VS Code for the Web', unchanged: 0, risks: [] } };
    }

    async write(folder: URI, name: string, content: string | Uint8Array): Promise<WrittenReport> {
        const connection = this.isms.shared.lsp.Connection as Connection;
        const root = this.isms.shared.workspace.WorkspaceManager.workspaceFolders?.[0]?.uri;
        const shownFolder = root && folder.toString().startsWith(root) ? decodeURIComponent(folder.toString().slice(root.length).replace(/^\//, '')) : folder.toString();
        await writeReport(new RemoteReportFolder(connection, folder), shownFolder, name, content);
        const uri = UriUtils.joinPath(folder, name).toString();
        return { path: uri, uri };
    }
}
