import * as path from 'node:path';

/** The npm script of the project that runs the CLI (`npm run isms -- …`). */
const NPM_SCRIPT = 'isms';

/**
 * The folder the user ran the CLI in. npm runs a script in the package's root and passes the
 * folder it was called from as `INIT_CWD`; for the project's own `isms` script that folder is
 * the one the paths mean. Run any other way, the process's folder is the user's.
 */
export function userFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
    return env.npm_lifecycle_event === NPM_SCRIPT && env.INIT_CWD ? env.INIT_CWD : undefined;
}

/**
 * How the user can run `isms <args>` from where they are: the way this run was started, since
 * `isms` is on the path only once the package is installed.
 */
export function commandLine(args: string[], env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? ''): string {
    const quoted = args.map(shellWord).join(' ');
    if (userFolder(env)) return `npm run ${NPM_SCRIPT} -- ${quoted}`;
    if (path.basename(script) === 'isms') {
        // The bin link: in a project's node_modules/.bin, npx finds it; elsewhere it is on the path.
        return script.split(/[\\/]/).includes('node_modules') ? `npx isms ${quoted}` : `isms ${quoted}`;
    }
    const relative = path.relative(process.cwd(), script);
    const shown = relative && !path.isAbsolute(relative) && relative.split(/[\\/]/).length <= 3 ? relative : script;
    return `node ${shellWord(shown)} ${quoted}`;
}

/** A word as a POSIX shell reads it back: quoted when it holds anything but plain path characters. */
function shellWord(word: string): string {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The end of a note about errors in the model: the command that lists them. */
export function validateHint(paths: string[]): string {
    return `Run ${commandLine(['validate', ...paths])} to see them.`;
}
