import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isRealDate, localToday } from '../../language/config/calendar.js';
import { NewFileError, writeNewFiles } from '../../language/files/new-files.js';
import { STARTER_PLACEHOLDERS } from '../../language/scaffold/starter-management-system.js';
import type { MethodologyPreset } from '../../language/scaffold/starter-workspace.js';
import { METHODOLOGY_PRESETS, starterTextProblem, starterWorkspace } from '../../language/scaffold/starter-workspace.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_OK, UsageError } from './cli-error.js';
import { commandLine } from './invocation.js';

export interface InitOptions {
    organization?: string;
    scope?: string;
    methodology?: string;
    date?: string;
}

const DEFAULTS = { organization: 'Example Ltd', methodology: '5x5' };

/**
 * `isms init [folder]`: writes a starter ISMS. Asks for what the flags leave out when run in a
 * terminal; never overwrites a file.
 */
export async function runInit(folder: string | undefined, options: InitOptions, out: NodeJS.WritableStream): Promise<number> {
    const target = path.resolve(folder ?? '.');
    const date = options.date ?? localToday();
    if (!isRealDate(date)) throw new UsageError(`--date ${date}: must be a date written YYYY-MM-DD`);
    const answers = await ask(options);
    if (!(METHODOLOGY_PRESETS as readonly string[]).includes(answers.methodology)) {
        throw new UsageError(`--methodology ${answers.methodology}: must be one of ${METHODOLOGY_PRESETS.join(', ')}`);
    }
    for (const key of ['organization', 'scope'] as const) {
        const problem = starterTextProblem(answers[key]);
        if (problem) throw new UsageError(`--${key} ${escapeControlCharacters(answers[key])}: ${problem}`);
    }
    const files = starterWorkspace({ ...answers, methodology: answers.methodology as MethodologyPreset, today: date });
    try {
        writeNewFiles(target, files);
    } catch (error) {
        if (!(error instanceof NewFileError)) throw error;
        const file = path.join(folder ?? '.', error.file);
        throw new UsageError(error.taken
            ? `${file} ${error.reason}; isms init writes only into a folder without these files: ${Object.keys(files).join(', ')}`
            : `${file}: ${error.reason}; nothing was written`);
    }
    const shown = escapeControlCharacters(folder ?? '.');
    out.write(`Created a ${answers.methodology} ISMS for ${escapeControlCharacters(answers.organization)} in ${shown}: ${Object.keys(files).join(', ')}\n`
        + `Fill in (marked FILL IN in the files):\n`
        + STARTER_PLACEHOLDERS.map(placeholder => `  ${placeholder.file}: ${placeholder.task}\n`).join('')
        + `Next: ${escapeControlCharacters(commandLine(['validate', folder ?? '.']))} lists what to decide; `
        + `${escapeControlCharacters(commandLine(['soa', folder ?? '.']))} gives the Statement of Applicability.\n`);
    return EXIT_OK;
}

async function ask(options: InitOptions): Promise<{ organization: string, scope: string, methodology: string }> {
    const missing = (['organization', 'scope', 'methodology'] as const).filter(key => options[key] === undefined);
    if (missing.length === 0 || !process.stdin.isTTY) {
        const organization = options.organization ?? DEFAULTS.organization;
        return {
            organization,
            scope: options.scope ?? `All information and services of ${organization}`,
            methodology: options.methodology ?? DEFAULTS.methodology
        };
    }
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    try {
        const question = async (label: string, fallback: string) => (await prompt.question(`${label} [${fallback}]: `)).trim() || fallback;
        const organization = options.organization ?? await question('Organization name', DEFAULTS.organization);
        return {
            organization,
            scope: options.scope ?? await question('Scope of the ISMS', `All information and services of ${organization}`),
            methodology: options.methodology ?? await question(`Risk methodology (${METHODOLOGY_PRESETS.join(', ')})`, DEFAULTS.methodology)
        };
    } finally {
        prompt.close();
    }
}
