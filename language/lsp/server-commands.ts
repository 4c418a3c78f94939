import type { ModelDiff } from '../history/model-diff-schema.js';

/** Ids of the commands the language server executes; the editor's palette commands have their own ids. */
export const ServerCommands = {
    generateReport: 'isms.server.generateReport',
    modelSummary: 'isms.server.modelSummary',
    heatMap: 'isms.server.heatMap',
    revisions: 'isms.server.revisions',
    compareWithRevision: 'isms.server.compareWithRevision',
    frameworks: 'isms.server.frameworks',
    previewImport: 'isms.server.previewImport',
    writeImport: 'isms.server.writeImport'
} as const;

/**
 * The editor command a "since the last audit" lens runs, with one argument `{ revision, label }`:
 * compare the working tree with the audit's commit. VS Code's extension registers it.
 */
export const COMPARE_WITH_REVISION_COMMAND = 'isms.compareWithRevision';

export interface GenerateReportArgs {
    kind: 'soa' | 'risk-register' | 'treatment-plan' | 'review-pack' | 'framework-profile' | 'coverage';
    /** The review pack is written only as md, html, docx or json. */
    format: 'md' | 'html' | 'csv' | 'xlsx' | 'docx' | 'json';
    /** Output folder, relative to the workspace root; it must stay inside the workspace. */
    folder: string;
    /**
     * For `framework-profile`, the framework to profile (default: the first the isms block lists);
     * for `coverage`, the one framework to cover (default: every one listed).
     */
    framework?: string;
}

export interface GenerateReportResult {
    /** The written file as the user reads it: an absolute path on disk, else its URI. */
    path: string;
    /** The written file's URI, which the editor opens (a `file:` URI on disk). */
    uri: string;
}

/** The frameworks of the model, as `isms.server.frameworks` gives them. */
export interface FrameworkChoices {
    /** The framework the SoA is built against; null when the isms block names one that is not declared. */
    primary: FrameworkChoice | null;
    /** The other frameworks the isms block lists with `frameworks`, in the order written, declared ones only. */
    listed: FrameworkChoice[];
}

export interface FrameworkChoice {
    name: string;
    title: string;
}

export interface ModelSummary {
    files: number;
    errors: number;
    warnings: number;
    risks: number;
    aboveAppetite: number;
    undecidedControls: number;
}

/** A revision to compare the working tree with, as `isms.server.revisions` lists it. */
export interface RevisionChoice {
    /** `audit`: the commit of the last audit, which comes first. */
    kind: 'audit' | 'branch' | 'tag' | 'commit';
    /** What to pass to `isms.server.compareWithRevision`: a branch or tag name, or a commit id. */
    revision: string;
    /** What to show: `Last audit IA-2026 (2026-03-10)`, a branch or tag name, a short commit id. */
    label: string;
    commit: { id: string, date: string, subject: string };
}

export interface CompareWithRevisionArgs {
    /** A branch, a tag, a commit id or an expression such as `HEAD~2`. */
    revision: string;
    /** How the editor names the revision (the lens's argument only; the server ignores it). */
    label?: string;
}

export interface CompareWithRevisionResult {
    /** The diff, in the JSON shape of `isms diff --format json`. */
    diff: ModelDiff;
    /** The diff as a self-contained HTML page; rows carry `data-file` (relative to `base`) and `data-line` (1-based). */
    html: string;
    /** The URI of the folder the diff's file paths are relative to. */
    base: string;
}

/** What `isms.server.previewImport` gives: the files an import would write, and the sheet's problems. */
export interface ImportPreview {
    sheet: string;
    files: Array<{ name: string, text: string }>;
    /** Each as `FILE:SHEET!ROW:COL: message (expected …)`. */
    problems: string[];
    ignoredColumns: string[];
    summary: string;
}

/** What `isms.server.writeImport` wrote. */
export interface ImportWritten {
    /** Absolute paths of the written files. */
    paths: string[];
    summary: string;
}
