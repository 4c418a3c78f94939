/**
 * One input through the whole pipeline, in a workspace of its own or in the acme model: the
 * fixed edge cases, the kept regression cases and the properties all go through here.
 */
import { ModelWorkspace } from '../helpers/model-workspace.js';
import type { ExerciseOptions, Finding } from './harness.js';
import { checkDiagnostics, exercise, exerciseWorkspace, Probe } from './harness.js';
import { ACME_FILES, acmeWorkspaceFiles, offsetsIn } from './mutations.js';

export interface CaseOptions {
    readonly context: 'alone' | 'acme';
    /** The file it replaces in the acme model (or its name when alone). */
    readonly origin: string;
    /** Earlier texts of the file, applied as edits before `text`. */
    readonly steps?: readonly string[];
    readonly offsets?: readonly number[];
    readonly newName?: string;
    readonly query?: string;
    readonly reports?: boolean;
}

/** The name the input gets in its workspace. */
function fileName(options: CaseOptions): string {
    if (options.context === 'acme') return ACME_FILES.some(file => file.name === options.origin) ? options.origin : 'fuzz.isms';
    return options.origin.split('/').pop()?.endsWith('.isms') ? options.origin.split('/').pop()! : 'fuzz.isms';
}

/** Builds the workspace holding `text` and exercises it; returns the findings. */
export async function runCase(text: string, options: CaseOptions): Promise<Finding[]> {
    const probe = new Probe().open();
    try {
        const name = fileName(options);
        let workspace: ModelWorkspace | undefined;
        if (options.context === 'alone') {
            workspace = await probe.step('build', () => ModelWorkspace.create({ [name]: text }));
        } else {
            workspace = await probe.step('build acme', () => ModelWorkspace.create(acmeWorkspaceFiles()));
            for (const [i, step] of (options.steps ?? []).entries()) {
                if (!workspace || !await probe.step(`edit step ${i + 1}`, async () => { await workspace!.edit({ [name]: step }); return true; })) continue;
                // Requests after each edit, as in the editing session that found it (the generators only at the end).
                const document = workspace.services.shared.workspace.LangiumDocuments.getDocument(workspace.uri(name));
                if (document) await exercise(probe, workspace, document, exerciseOptions(step, { ...options, reports: false }));
            }
            if (workspace) await probe.step('edit', () => workspace!.edit({ [name]: text }));
        }
        if (!workspace) return probe.findings;
        checkDiagnostics(probe, workspace);
        const document = workspace.services.shared.workspace.LangiumDocuments.getDocument(workspace.uri(name));
        if (document) {
            await exercise(probe, workspace, document, exerciseOptions(text, options));
        } else if (options.context === 'alone' && text.includes('\u0000')) {
            // A file with NUL characters is binary: loading leaves it out of the model (document-reader.ts). The rest must still work.
            await exerciseWorkspace(probe, workspace, exerciseOptions(text, options));
        } else {
            probe.findings.push({ kind: 'exception', step: 'document', message: `${name} is missing from the workspace after the build` });
        }
        return probe.findings;
    } finally {
        probe.close();
    }
}

export function exerciseOptions(text: string, options: Partial<CaseOptions>): ExerciseOptions {
    return {
        offsets: offsetsIn(text, options.offsets ?? [7, 101, 1009, 10007]),
        newName: options.newName ?? 'Renamed-1',
        query: options.query ?? 'R',
        reports: options.reports ?? true
    };
}
