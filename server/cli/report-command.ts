import * as fs from 'node:fs';
import * as path from 'node:path';
import { withRiskTrend } from '../../language/history/risk-trend.js';
import type { IsmsServices } from '../../language/isms-module.js';
import type { SoaView } from '../../language/reports/report-context.js';
import { reportContext } from '../../language/reports/report-context.js';
import type { ReportKind } from '../../language/reports/report-document.js';
import type { ReportFormat } from '../../language/reports/report-formats.js';
import { BINARY_REPORT_FORMATS, buildReport, documentFileName, REPORT_FILE_NAMES, REPORT_FORMATS, renderReport } from '../../language/reports/report-formats.js';
import { isOfferedFormat } from '../../language/reports/report-kind-formats.js';
import { readGitCommit } from '../../language/reports/git-commit.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_FINDINGS, UsageError } from './cli-error.js';
import { countErrors, emitOutput, outputFormat, STANDARD_OUTPUT } from './cli-output.js';
import { displayPath, findCliProject } from './cli-project.js';
import { validateHint } from './invocation.js';
import type { WorkspaceProject } from '../../language/workspace/workspace-project.js';
import type { ModelOptions } from './cli-workspace.js';
import { applyOptions, openWorkspace } from './cli-workspace.js';

export interface ReportOptions extends ModelOptions {
    /** Default: from the extension of `--out`, else Markdown. */
    format?: ReportFormat;
    out?: string;
    framework?: string;
    strict?: boolean;
    /** SoA only: attribute values every control shown has. */
    attribute?: string[];
    /** SoA only: the attribute whose values group the rows. */
    groupBy?: string;
}

/**
 * `isms soa`, `isms risks`, `isms treatment-plan`, `isms review-pack`, `isms coverage`: the report to `--out` (a
 * file, or a folder that gets the report's usual name), else to standard output. `isms soa --framework X` for a
 * framework other than the primary one writes X's profile (`framework-profile-X.<ext>`).
 */
export async function runReport(kind: ReportKind, paths: string[], options: ReportOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const project = await findCliProject(paths);
    const defaults = reportDefaults(kind, project);
    const outOption = options.out ?? defaults.folder;
    const format = outputFormat(options.format, outOption, REPORT_EXTENSIONS, defaults.format);
    if (!isOfferedFormat(kind, format)) {
        const offered = REPORT_FORMATS.filter(other => isOfferedFormat(kind, other));
        throw new UsageError(`the ${REPORT_FILE_NAMES[kind]} is not written as ${format}; choose ${offered.join(', ')} with --format or the --out file name`);
    }
    if ((!outOption || outOption === STANDARD_OUTPUT) && BINARY_REPORT_FORMATS.includes(format)) {
        throw new UsageError(`--format ${format} needs --out FILE or --out FOLDER`);
    }
    const framework = options.framework ?? defaults.framework;
    const workspace = await openWorkspace(paths, options, project);
    const errors = countErrors(workspace.documents);
    if (errors > 0) {
        if (options.strict) {
            err.write(`isms: the model has ${errors} error(s); nothing generated (--strict). ${validateHint(paths)}\n`);
            return EXIT_FINDINGS;
        }
    }
    if (framework && workspace.services.model.ModelIndex.declarationsOf('Framework', framework).length === 0) {
        const source = options.framework ? '--framework' : `${displayPath(project.file!.fsPath)}: "framework"`;
        throw new UsageError(`${source} ${framework}: no framework of that name is declared`);
    }
    const root = path.resolve(paths.find(p => fs.existsSync(p) && fs.statSync(p).isDirectory()) ?? (paths.length > 0 ? path.dirname(paths[0]) : '.'));
    const git = readGitCommit(root);
    if (git.problem) err.write(`isms: note: git metadata ignored, the report has no commit: ${escapeControlCharacters(git.problem)}\n`);
    let context = reportContext(workspace.services, git.commit);
    if (kind === 'soa') context = { ...context, soaView: soaView(workspace.services, options) };
    if (kind === 'review-pack') {
        const modelPaths = (paths.length > 0 ? paths : ['.']).map(given => fs.realpathSync(given));
        context = await withRiskTrend(workspace.services, context, modelPaths, services => applyOptions(services, options), git.problem !== undefined);
    }
    let document;
    try {
        document = buildReport(workspace.services, kind, context, framework);
    } catch (error) {
        // The model cannot give this report at all (say, the isms block names no declared framework).
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (document.kind === 'framework-profile' && ((options.attribute?.length ?? 0) > 0 || options.groupBy !== undefined)) {
        throw new UsageError(`--attribute and --group-by filter and group the SoA; ${framework} is not the primary framework, and its profile takes neither`);
    }
    // Only a report that is generated can be incomplete; a refusal (exit 2) stays one line.
    if (errors > 0) err.write(`isms: note: the model has ${errors} error(s); the report may be incomplete. ${validateHint(paths)}\n`);
    const content = await renderReport(document, format);
    return emitOutput(content, outOption, documentFileName(document, format), out, err);
}

/** A report's format is its file extension. */
const REPORT_EXTENSIONS = Object.fromEntries(REPORT_FORMATS.map(format => [format, format])) as Record<ReportFormat, string>;

/** The reports that are built against a framework, whose default isms.json may give. */
const FRAMEWORK_REPORTS: readonly ReportKind[] = ['soa', 'risk-register', 'treatment-plan'];

/**
 * What the project file gives when the flags do not: the folder (as a folder target), the
 * format (Markdown for a report not offered in it) and the framework.
 */
function reportDefaults(kind: ReportKind, project: WorkspaceProject): { folder?: string, format: ReportFormat, framework?: string } {
    const reports = project.settings.reports;
    const format = reports?.format && isOfferedFormat(kind, reports.format) ? reports.format : 'md';
    const folder = reports?.folder === undefined ? undefined : path.join(project.folder.fsPath, ...reports.folder.split('/')) + path.sep;
    return { folder, format, framework: FRAMEWORK_REPORTS.includes(kind) ? project.settings.framework : undefined };
}


/** The SoA's filter and grouping, checked against the attributes the model declares. */
function soaView(services: IsmsServices, options: ReportOptions): SoaView {
    const index = services.model.ModelIndex;
    for (const value of options.attribute ?? []) {
        if (index.declarationsOf('AttributeValue', value).length === 0) {
            throw new UsageError(`--attribute ${value}: no attribute value of that name is declared (value ${value} inside an attribute)`);
        }
    }
    if (options.groupBy !== undefined && index.declarationsOf('Attribute', options.groupBy).length === 0) {
        throw new UsageError(`--group-by ${options.groupBy}: no attribute of that name is declared`);
    }
    return { attributes: options.attribute ?? [], groupBy: options.groupBy };
}
