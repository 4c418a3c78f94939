/** Ids of the commands the language server executes; the editor's palette commands have their own ids. */
export const ServerCommands = {
    generateReport: 'isms.server.generateReport',
    modelSummary: 'isms.server.modelSummary',
    heatMap: 'isms.server.heatMap'
} as const;

export interface GenerateReportArgs {
    kind: 'soa' | 'risk-register' | 'treatment-plan' | 'review-pack';
    /** The review pack is written only as md, html or json. */
    format: 'md' | 'html' | 'csv' | 'xlsx' | 'json';
    /** Output folder, relative to the workspace root; it must stay inside the workspace. */
    folder: string;
}

export interface GenerateReportResult {
    /** Absolute path of the written file. */
    path: string;
}

export interface ModelSummary {
    files: number;
    errors: number;
    warnings: number;
    risks: number;
    aboveAppetite: number;
    undecidedControls: number;
}
