import { collectDiagnostics, formatDiagnosticText } from '../../language/diagnostic-output/diagnostic-report.js';
import { toSarif } from '../../language/diagnostic-output/sarif-report.js';
import { escapeJsonControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_FINDINGS, EXIT_OK } from './cli-error.js';
import type { ModelOptions } from './cli-workspace.js';
import { openWorkspace } from './cli-workspace.js';
import { CLI_VERSION } from './version.js';

export interface ValidateOptions extends ModelOptions {
    format: 'text' | 'json' | 'sarif';
    maxWarnings?: number;
}

/**
 * `isms validate`: every diagnostic of the model. Exits 1 when there is an error, or more
 * warnings than `--max-warnings` allows.
 */
export async function runValidate(paths: string[], options: ValidateOptions, out: NodeJS.WritableStream): Promise<number> {
    const workspace = await openWorkspace(paths, options);
    // Counted per finding whatever the format, so that --max-warnings means the same in each.
    const diagnostics = collectDiagnostics(workspace.documents, process.cwd());
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.filter(d => d.severity === 'warning').length;
    switch (options.format) {
        case 'json':
            out.write(escapeJsonControlCharacters(JSON.stringify(diagnostics, null, 2)) + '\n');
            break;
        case 'sarif':
            out.write(escapeJsonControlCharacters(JSON.stringify(toSarif(diagnostics, CLI_VERSION), null, 2)) + '\n');
            break;
        default:
            for (const diagnostic of collectDiagnostics(workspace.documents, process.cwd(), { grouped: true })) {
                out.write(formatDiagnosticText(diagnostic) + '\n');
            }
            out.write(`${workspace.documents.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`
                + (tooManyWarnings(warnings, options) ? ` (more than --max-warnings ${options.maxWarnings})` : '') + '\n');
    }
    return errors > 0 || tooManyWarnings(warnings, options) ? EXIT_FINDINGS : EXIT_OK;
}

function tooManyWarnings(warnings: number, options: ValidateOptions): boolean {
    return options.maxWarnings !== undefined && warnings > options.maxWarnings;
}
