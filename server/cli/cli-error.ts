/**
 * A problem with how the CLI was called or with its input: one line to the user, exit code 2.
 * Several problems found at once (those of the project file) are given as `further` lines.
 */
export class UsageError extends Error {
    constructor(message: string, readonly further: readonly string[] = []) {
        super(message);
    }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
