// Reading commander's --help output of the CLI.

/** The lines of one titled section of a --help output (`Options:`, `Commands:`), up to the next. */
export function helpSection(help: string, title: string): string[] {
    const lines = help.split('\n');
    const start = lines.findIndex(line => line === `${title}:`);
    if (start < 0) return [];
    const end = lines.findIndex((line, index) => index > start && /^\S/.test(line));
    return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The commands the top-level --help lists, `help` aside. */
export function commandsOf(help: string): string[] {
    return helpSection(help, 'Commands').flatMap(line => {
        const match = /^ {2}([a-z][\w-]*)\b/.exec(line);
        return match && match[1] !== 'help' ? [match[1]] : [];
    });
}
