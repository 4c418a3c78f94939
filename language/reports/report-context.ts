import type { IsmsServices } from '../isms-module.js';

/** What every report states in its header. */
export interface ReportContext {
    readonly isms: string;
    readonly organization: string;
    /** The date the report is as of (YYYY-MM-DD): "today" of the settings, so that it can be fixed. */
    readonly generatedAt: string;
    /** The git commit of the workspace, when it is a git checkout. */
    readonly commit: string | null;
}

export function reportContext(services: IsmsServices, commit: string | null): ReportContext {
    const block = services.model.ModelIndex.ismsBlock();
    return {
        isms: block?.title ?? '',
        organization: block?.organization ?? '',
        generatedAt: services.config.Settings.today(),
        commit
    };
}

export function contextMeta(context: ReportContext): Array<readonly [string, string]> {
    return [['ISMS', context.isms], ['Organization', context.organization], ['Date', context.generatedAt],
        ...(context.commit ? [['Commit', context.commit] as const] : [])];
}
