import type { Cancellation, LangiumDocument, URI, WorkspaceFolder } from 'langium';
import type { ClientCapabilities } from 'vscode-languageserver';
import type { Risk } from '../generated/ast.js';
import type { Baseline } from '../lsp/audit-baseline.js';
import type { CompareWithRevisionResult, ImportPreview, ImportWritten, RevisionChoice } from '../lsp/server-commands.js';
import type { ReportContext } from '../reports/report-context.js';

/**
 * What the language server needs from the machine it runs on: git history, the files reports
 * are written into, spreadsheets to import. The Node server and the CLI wire the disk and git
 * (node-platform-module.ts); the server in a web worker wires the editor's file system and says
 * plainly what it cannot do (web-platform-module.ts). Only type imports here, so that the
 * language core stays free of any transport or file system.
 */
export type IsmsPlatformServices = {
    /** The model's git history, as the editor shows it. */
    history: {
        RevisionComparison: RevisionHistory,
        AuditBaseline: AuditBaselineSource
    },
    platform: {
        Reports: ReportPlatform,
        SpreadsheetImport: SpreadsheetImportPort,
        ModelPaths: ModelPaths
    }
};

/** The revisions of the model to compare with, and the comparison (Compare with Revision). */
export interface RevisionHistory {
    revisions(token: Cancellation.CancellationToken): Promise<RevisionChoice[]>;
    compare(raw: unknown, token: Cancellation.CancellationToken): Promise<CompareWithRevisionResult>;
}

/** The risks' scores at the last audit, for the "since audit" code lenses. */
export interface AuditBaselineSource {
    initialize(capabilities: ClientCapabilities | undefined): void;
    /** The baseline when it is ready; none while it is built, or where there is no history. */
    current(): Baseline | undefined;
    sinceAudit(risk: Risk, baseline: Baseline): string | undefined;
}

/** A written report: the path shown to the user and the URI the editor opens. */
export interface WrittenReport {
    readonly path: string;
    readonly uri: string;
}

export interface ReportPlatform {
    /** Why reports in `format` cannot be made here; undefined when they can. */
    cannotRender(format: string): string | undefined;
    /** `relative` resolved inside the workspace folder `root`; undefined when it leads outside. */
    reportsFolder(root: URI, relative: string): URI | undefined;
    /** The checked-out commit, for report headers; null when there is none or it may not be read. */
    gitCommit(root: URI): string | null;
    /** The review pack's context with the risk trend since the previous review, from git history. */
    withRiskTrend(context: ReportContext): Promise<ReportContext>;
    /** Writes a report with the guards of report-output.ts (never over a file the tool did not write). */
    write(folder: URI, name: string, content: string | Uint8Array): Promise<WrittenReport>;
}

/** Spreadsheet import: preview against the live model, then write the new files. */
export interface SpreadsheetImportPort {
    preview(raw: unknown): Promise<ImportPreview>;
    write(raw: unknown, root: URI): Promise<ImportWritten>;
}

/** The files that paths in the model (evidence, policy documents) name, for the checks that look for them. */
export interface ModelPaths {
    /** The folder the paths in `document` are relative to. */
    baseFolderOf(document: LangiumDocument, folders: readonly WorkspaceFolder[] | undefined): URI;
    /** The file `value` names below `base`; undefined when it leads outside. */
    resolveBelow(base: URI, value: string): URI | undefined;
}
