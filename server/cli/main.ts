import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UsageError } from './cli-error.js';
import { runValidate } from './validate-command.js';

declare const ISMS_VERSION: string | undefined;
const version = typeof ISMS_VERSION === 'string' ? ISMS_VERSION : '0.0.0-dev';

function createProgram(setExitCode: (code: number) => void): Command {
    const program = new Command('isms')
        .description('ISMS as Code: check and report on an ISO/IEC 27001:2022 ISMS kept as .isms files')
        .version(version, '-V, --version', 'print the version')
        .helpOption('-h, --help', 'show help')
        .showSuggestionAfterError(true)
        .exitOverride();

    program.command('validate')
        .description('check the model and print its diagnostics')
        .argument('[paths...]', '.isms files or folders (default: the current folder)')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .action(async (paths: string[], options) => setExitCode(await runValidate(paths, options, process.stdout)));

    return program;
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
            process.stderr.write(`isms: ${error.message}\n`);
            return EXIT_USAGE;
        }
        process.stderr.write(`isms: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        if (debug && error instanceof Error) {
            process.stderr.write(`${error.stack}\n`);
        }
        return EXIT_USAGE;
    }
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; });
