import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_USAGE, UsageError } from './cli-error.js';
import type { ReportKind } from '../../language/reports/report-document.js';
import type { ReportFormat } from '../../language/reports/report-formats.js';
import { BINARY_REPORT_FORMATS, REPORT_FORMATS } from '../../language/reports/report-formats.js';
import { isOfferedFormat } from '../../language/reports/report-kind-formats.js';
import { DIFF_FORMATS, runDiff } from './diff-command.js';
import { HEATMAP_FORMATS, runHeatmap } from './heatmap-command.js';
import { HISTORY_FORMATS, runHistory } from './history-command.js';
import { runImportCatalog } from './import-catalog-command.js';
import { runImport, type ImportKind } from './import-command.js';
import { runInit } from './init-command.js';
import { runReport } from './report-command.js';
import { userFolder } from './invocation.js';
import { runValidate } from './validate-command.js';
import { CLI_VERSION } from './version.js';


function createProgram(setExitCode: (code: number) => void): Command {
    const program = new Command('isms')
        .description('ISMS as Code: check and report on an ISO/IEC 27001:2022 ISMS kept as .isms files')
        .version(CLI_VERSION, '-V, --version', 'print the version')
        .helpOption('-h, --help', 'show help')
        .showSuggestionAfterError(true)
        .exitOverride()
        // Commander's errors quote the arguments; they get the prefix of every message of the
        // tool. Set before the commands are added, which inherit it.
        .configureOutput({ outputError: (text, write) => write(toolMessage(...text.replace(/^error: /, '').replace(/\n+$/, '').split('\n'))) });

    withModelOptions(program.command('validate'))
        .description('check the model and print its diagnostics; exit 1 on errors')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--max-warnings <count>', 'also exit 1 when there are more warnings than this', nonNegativeInteger)
        .action(async (paths: string[], options) => setExitCode(await runValidate(paths, options, process.stdout)));

    const reports: Array<[string, ReportKind, string, string | undefined]> = [
        ['soa', 'soa', 'generate the Statement of Applicability, or the profile of another framework through its mappings',
            'another framework: its profile, derived from the SoA through its mappings (default: the framework of isms.json, else the SoA of the isms block\'s framework)'],
        ['risks', 'risk-register', 'generate the risk register', 'the framework to report against (default: the framework of isms.json, else the one the isms block names)'],
        ['treatment-plan', 'treatment-plan', 'generate the risk treatment plan', 'the framework to report against (default: the framework of isms.json, else the one the isms block names)'],
        // The review pack is not built against a framework.
        ['review-pack', 'review-pack', 'generate the management-review pack: the ten inputs of clause 9.3.2 drawn from the model', undefined],
        ['coverage', 'coverage', 'generate the coverage matrix: how far the SoA meets every framework the isms block lists, through their mappings',
            'only this framework (default: every framework the isms block lists)']
    ];
    for (const [name, kind, description, frameworkOption] of reports) {
        const formats = REPORT_FORMATS.filter(format => isOfferedFormat(kind, format));
        const command = withModelOptions(program.command(name))
            .description(description)
            .addOption(new Option('-f, --format <format>', 'output format (default: from the --out file name, else the report format of isms.json, else md)').choices([...formats]))
            .option('-o, --out <path>', `file, or folder for the usual file name${requiredOut(formats)}; - for standard output (default: the reports folder of isms.json, else standard output)`);
        if (frameworkOption) command.option('--framework <name>', frameworkOption);
        if (kind === 'soa') {
            command
                .option('--attribute <value>', 'only the controls with this attribute value, such as Preventive (repeatable: all of them)', collect, [])
                .option('--group-by <attribute>', 'group the controls table by the values of an attribute, such as ControlType');
        }
        command
            .option('--strict', 'generate nothing while the model has errors')
            .action(async (paths: string[], options) => setExitCode(await runReport(kind, paths, options, process.stdout, process.stderr)));
    }

    program.command('init')
        .description('start a new ISMS: the isms block, a methodology, roles, a policy and example assets, threats and risks')
        .argument('[folder]', 'where to write (default: the current folder)')
        .option('--organization <name>', 'the organization\'s name')
        .option('--scope <text>', 'the scope of the ISMS, in one sentence')
        .addOption(new Option('--methodology <preset>', 'risk matrix').choices(['3x3', '4x4', '5x5']))
        .option('--date <YYYY-MM-DD>', 'the start date for approvals and reviews (default: today)')
        .action(async (folder: string | undefined, options) => setExitCode(await runInit(folder, options, process.stdout)));

    withModelOptions(program.command('heatmap'))
        .description('draw the risk heat map (inherent and residual) as SVG, or give its data as JSON')
        .addOption(new Option('-f, --format <format>', 'output format (default: from the --out file name, else svg)').choices([...HEATMAP_FORMATS]))
        .option('-o, --out <path>', 'file, or folder for risk-heat-map.svg/.json (default: standard output)')
        .action(async (paths: string[], options) => setExitCode(await runHeatmap(paths, options, process.stdout, process.stderr)));

    withModelOptions(program.command('diff'))
        .description('what changed in the model between two revisions (default: HEAD and the working tree) or two folders')
        .option('--from <rev|folder>', 'the earlier state: a git revision or a folder (default: HEAD)')
        .option('--to <rev|folder>', 'the later state: a git revision or a folder (default: the working tree)')
        .option('--since-audit', 'from the last commit dated on or before the latest audit')
        .option('--since-review', 'from the last commit dated on or before the latest management review')
        .option('--expiring <days>', 'list acceptances ending within this many days', nonNegativeInteger, 90)
        .addOption(new Option('-f, --format <format>', 'output format (default: from the --out file name, else text)').choices([...DIFF_FORMATS]))
        .option('-o, --out <path>', 'file, or folder for isms-diff.<format> (default: standard output)')
        .option('--fail-on <conditions>', `exit 1 when one holds: ${FAIL_ON_LIST} (comma-separated, repeatable)`, collect, [])
        .action(async (paths: string[], options) => setExitCode(await runDiff(paths, options, process.stdout, process.stderr)));

    withModelOptions(program.command('history').argument('<risk>', 'the risk id, such as R-1'))
        .description('the score, level and treatment of a risk at every commit that changed them')
        .addOption(new Option('-f, --format <format>', 'output format').choices([...HISTORY_FORMATS]).default('text'))
        .action(async (risk: string, paths: string[], options) => setExitCode(await runHistory(risk, paths, options, process.stdout)));

    program.command('import-catalog')
        .description('convert an OSCAL catalog (JSON) into a framework, or an OSCAL mapping collection into a mapping, as .isms text')
        .argument('<file>', 'the OSCAL JSON file')
        .option('--name <id>', 'the framework\'s or mapping\'s id (default: made from its title)')
        .option('-o, --out <path>', 'new .isms file, or folder for <id>.isms (default: standard output); never overwritten')
        .option('--source-framework <name>', 'mapping collections: the framework of the source controls, to write FRAMEWORK::ID')
        .option('--target-framework <name>', 'mapping collections: the framework of the target controls, to write FRAMEWORK::ID')
        .option('--max-file-size <size>', 'refuse a larger file, such as 32MB or 512KB (default: 32MB)')
        .action(async (file: string, options) => setExitCode(await runImportCatalog(file, options, process.stdout, process.stderr)));

    // One command with the kind as its first argument, so that `isms import --help` lists every option.
    program.command('import')
        .description('turn a risk register or an SoA kept as a spreadsheet (.xlsx or .csv) into .isms files; a dry run unless --write is given; exit 1 on problems in the data')
        .addArgument(new Argument('<kind>', 'what the sheet holds: a risk register or a Statement of Applicability').choices(['risks', 'soa']))
        .argument('<file>', 'the .xlsx or .csv file')
        .option('--map <column=field>', 'read the column with this header as this field, such as "Risk ID=id" or "Ref=id" (repeatable)', collect, [])
        .option('--sheet <name>', 'the sheet to read (default: the first)')
        .option('--model <folder>', 'the model imported into: its methodology\'s scales and labels, and its declared names')
        .option('--write <folder>', 'write the .isms files into this folder; never over an existing file')
        .action(async (kind: ImportKind, file: string, options) => setExitCode(await runImport(kind, file, options, process.stdout, process.stderr)));

    return program;
}

const FAIL_ON_LIST = 'new-errors, level-increase, stale-acceptance';

/** The paths and the options of every command that reads the model. */
function withModelOptions(command: Command): Command {
    return command
        .argument('[paths...]', '.isms files or folders (default: the current folder)')
        .option('--date <YYYY-MM-DD>', 'the date taken as today for date rules (default: the real date)')
        .option('--severity <code=level>', 'change the severity of a diagnostic code: error, warning, info, hint or off (repeatable)', collect, [])
        .option('--max-file-size <size>', 'leave out .isms files larger than this, such as 8MB or 512KB (default: 8MB)');
}

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

function nonNegativeInteger(value: string): number {
    if (!/^\d+$/.test(value)) {
        throw new InvalidArgumentError('expected a whole number of 0 or more.');
    }
    return Number(value);
}

/** Runs the CLI; resolves to the process exit code. Stack traces never reach the user. */
export async function main(args: string[]): Promise<number> {
    // `--debug` works anywhere on the command line, so it is taken out before parsing.
    const debug = args.includes('--debug');
    const argv = args.filter(arg => arg !== '--debug');
    let exitCode = 0;
    const program = createProgram(code => { exitCode = code; });
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Commander has printed its message; help and version are not failures.
            return error.exitCode === 0 ? 0 : EXIT_USAGE;
        }
        if (error instanceof UsageError) {
            process.stderr.write(toolMessage(error.message, ...error.further));
            return EXIT_USAGE;
        }
        process.stderr.write(toolMessage(`internal error: ${error instanceof Error ? error.message : String(error)}`));
        if (debug && error instanceof Error) {
            process.stderr.write(`${error.stack}\n`);
        }
        return EXIT_USAGE;
    }
}

// A reader that stops early (`isms validate | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
});

/**
 * Messages of the tool, each on a line of its own as `isms: …`. They name the paths and option
 * values given, which may hold anything, line breaks included, so control characters are escaped.
 */
function toolMessage(...lines: string[]): string {
    return lines.map(line => `isms: ${escapeControlCharacters(line)}\n`).join('');
}

// `npm run isms -- …` runs in the package's root; paths are meant from the user's folder.
const folder = userFolder();
try {
    if (folder) process.chdir(folder);
} catch (error) {
    process.stderr.write(toolMessage(`cannot run in ${folder}: ${error instanceof Error ? error.message : String(error)}`));
    process.exit(EXIT_USAGE);
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; });

/** ` (required for xlsx, docx)`: the formats of a command that are never written to standard output. */
function requiredOut(formats: readonly ReportFormat[]): string {
    const binary = formats.filter(format => BINARY_REPORT_FORMATS.includes(format));
    return binary.length > 0 ? ` (required for ${binary.join(', ')})` : '';
}
