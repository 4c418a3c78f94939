/** A problem with how the CLI was called or with its input: one line to the user, exit code 2. */
export class UsageError extends Error { }

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
