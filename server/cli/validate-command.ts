import { collectDiagnostics, formatDiagnosticText } from '../../language/reporting/diagnostic-report.js';
import { EXIT_FINDINGS, EXIT_OK } from './cli-error.js';
import { openWorkspace } from './cli-workspace.js';

export interface ValidateOptions {
    format: 'text' | 'json';
}

/** `isms validate`: every diagnostic of the model; exit 1 when there is an error. */
export async function runValidate(paths: string[], options: ValidateOptions, out: NodeJS.WritableStream): Promise<number> {
    const workspace = await openWorkspace(paths);
    const diagnostics = collectDiagnostics(workspace.documents, process.cwd());
    if (options.format === 'json') {
        out.write(JSON.stringify(diagnostics, null, 2) + '\n');
    } else {
        for (const diagnostic of diagnostics) {
            out.write(formatDiagnosticText(diagnostic) + '\n');
        }
        const errors = diagnostics.filter(d => d.severity === 'error').length;
        const warnings = diagnostics.filter(d => d.severity === 'warning').length;
        out.write(`${workspace.documents.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
    }
    return diagnostics.some(d => d.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}
