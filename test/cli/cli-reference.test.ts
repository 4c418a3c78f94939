// docs/cli.md is the CLI reference. This test keeps it and the CLI's own --help in step, both
// ways: every long flag that some --help lists is documented (in the section of its command),
// and every long flag the reference writes in backticks, or passes to the CLI in an example,
// exists.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandsOf, helpSection } from '../helpers/cli-help.js';
import { ACME_EXAMPLE, CLI_BUNDLE, PROJECT_ROOT } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[]): Run {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Flags the CLI takes that commander's help does not list: `--debug` is read before parsing. */
const UNLISTED_FLAGS = ['--debug'];

const REFERENCE = path.join(PROJECT_ROOT, 'docs', 'cli.md');

/** The long flags a --help output lists under Options, such as `--max-warnings`. */
function longFlags(help: string): string[] {
    return helpSection(help, 'Options').flatMap(line => {
        const match = /^\s+(?:-[A-Za-z], )?(--[a-z][\w-]*)/.exec(line);
        return match ? [match[1]] : [];
    });
}

/** Markdown with the fenced code blocks blanked out, and the blocks with their info strings. */
function splitMarkdown(markdown: string): { prose: string, blocks: Array<{ info: string, lines: string[], line: number }> } {
    const lines = markdown.split(/\r?\n/);
    const prose: string[] = [];
    const blocks: Array<{ info: string, lines: string[], line: number }> = [];
    let open: { fence: string, info: string, lines: string[], line: number } | undefined;
    lines.forEach((line, index) => {
        const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
        if (!open && fence) {
            open = { fence: fence[1], info: fence[2].trim(), lines: [], line: index + 1 };
            prose.push('');
        } else if (open && fence && fence[1][0] === open.fence[0] && fence[1].length >= open.fence.length && fence[2].trim() === '') {
            blocks.push(open);
            open = undefined;
            prose.push('');
        } else if (open) {
            open.lines.push(line);
            prose.push('');
        } else {
            prose.push(line);
        }
    });
    if (open) blocks.push(open);
    return { prose: prose.join('\n'), blocks };
}

/** The long flags inside inline code spans of the prose. */
function flagsInCodeSpans(prose: string): string[] {
    const flags: string[] = [];
    for (const span of prose.matchAll(/(`+)((?:(?!\1)[\s\S])+?)\1/g)) {
        for (const flag of span[2].matchAll(/(?:^|[\s[(|,=])(--[a-z][\w-]*)/g)) flags.push(flag[1]);
    }
    return flags;
}

/**
 * The section of the reference about a command: from the heading that names `isms <command>`
 * in backticks down to the next heading of the same or a higher level.
 */
function sectionOf(markdown: string, command: string): string | undefined {
    const lines = splitMarkdown(markdown).prose.split('\n');
    const start = lines.findIndex(line => /^#{2,6} /.test(line) && line.includes(`\`isms ${command}\``));
    if (start < 0) return undefined;
    const level = /^#+/.exec(lines[start])![0].length;
    const end = lines.findIndex((line, index) => index > start && /^#{1,6} /.test(line) && /^#+/.exec(line)![0].length <= level);
    return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/**
 * The CLI invocations in shell and YAML examples: `isms <command> …`, `npm run isms -- <command> …`,
 * `node …/cli.cjs <command> …`, with the long flags given on the same line before any
 * redirection, pipe or comment.
 */
function invocations(blocks: Array<{ info: string, lines: string[], line: number }>, commands: readonly string[]): Array<{ command: string, flags: string[], line: number, text: string }> {
    const found: Array<{ command: string, flags: string[], line: number, text: string }> = [];
    for (const block of blocks.filter(b => /^(sh|bash|shell|console|yaml|yml)$/.test(b.info))) {
        block.lines.forEach((text, index) => {
            for (const match of text.matchAll(/(?:\bisms|cli\.cjs)(?:\s+-s)?(?:\s+--)?\s+([a-z][\w-]*)([^|>;#&\n]*)/g)) {
                if (!commands.includes(match[1])) continue;
                const flags = [...match[2].matchAll(/(?:^|\s)(--[a-z][\w-]*)/g)].map(flag => flag[1]);
                found.push({ command: match[1], flags, line: block.line + index + 1, text: text.trim() });
            }
        });
    }
    return found;
}

function markdownFilesUnder(folder: string): string[] {
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return markdownFilesUnder(full);
        return entry.isFile() && entry.name.endsWith('.md') ? [full] : [];
    }).sort();
}

describe('CLI reference (docs/cli.md) against --help', function () {
    this.timeout(120000);

    const reference = fs.readFileSync(REFERENCE, 'utf8');
    let commands: string[] = [];
    /** Long flags per command, from `isms <command> --help`; '' holds the top-level ones. */
    const flagsByCommand = new Map<string, string[]>();

    before(() => {
        const top = isms(['--help']);
        assert.equal(top.status, 0, top.stderr);
        commands = commandsOf(top.stdout);
        flagsByCommand.set('', longFlags(top.stdout));
        for (const command of commands) {
            const help = isms([command, '--help']);
            assert.equal(help.status, 0, `isms ${command} --help: ${help.stderr}`);
            assert.match(help.stdout, new RegExp(`^Usage: isms ${command} `), `isms ${command} --help prints its usage`);
            flagsByCommand.set(command, longFlags(help.stdout));
        }
    });

    const allListed = () => new Set([...flagsByCommand.values()].flat());

    it('reads the commands and their flags from --help', () => {
        for (const command of ['validate', 'soa', 'risks', 'treatment-plan', 'heatmap', 'init']) {
            assert.ok(commands.includes(command), `${command} is among ${commands.join(', ')}`);
        }
        assert.ok(flagsByCommand.get('')!.includes('--version') && flagsByCommand.get('')!.includes('--help'), flagsByCommand.get('')!.join(' '));
        assert.ok(flagsByCommand.get('validate')!.includes('--max-warnings'), flagsByCommand.get('validate')!.join(' '));
        assert.ok(flagsByCommand.get('soa')!.includes('--framework'), flagsByCommand.get('soa')!.join(' '));
    });

    it('documents every long flag that --help lists', () => {
        const documented = new Set(flagsInCodeSpans(splitMarkdown(reference).prose));
        const missing = [...allListed()].filter(flag => !documented.has(flag));
        assert.deepEqual(missing, [], `not documented in docs/cli.md (in backticks): ${missing.join(', ')}`);
    });

    it('documents every command in a section of its own, with each of its flags', () => {
        const problems: string[] = [];
        for (const command of commands) {
            const section = sectionOf(reference, command);
            if (!section) {
                problems.push(`no heading names \`isms ${command}\``);
                continue;
            }
            const documented = new Set(flagsInCodeSpans(section));
            for (const flag of flagsByCommand.get(command)!.filter(f => f !== '--help')) {
                if (!documented.has(flag)) problems.push(`isms ${command}: ${flag} is not in its section (in backticks)`);
            }
        }
        assert.deepEqual(problems, [], problems.join('\n'));
    });

    it('writes in backticks only long flags that exist', () => {
        const listed = allListed();
        const documented = [...new Set(flagsInCodeSpans(splitMarkdown(reference).prose))];
        assert.ok(documented.length >= 10, `only ${documented.length} flags in backticks: ${documented.join(' ')}`);
        const unknown = documented.filter(flag => !listed.has(flag) && !UNLISTED_FLAGS.includes(flag));
        assert.deepEqual(unknown, [], `docs/cli.md names flags that no --help lists: ${unknown.join(', ')}`);
    });

    it('passes to each command, in the examples of every doc, only flags that command takes', () => {
        const files = [...markdownFilesUnder(path.join(PROJECT_ROOT, 'docs')), path.join(PROJECT_ROOT, 'README.md')];
        const problems: string[] = [];
        let checked = 0;
        for (const file of files) {
            for (const call of invocations(splitMarkdown(fs.readFileSync(file, 'utf8')).blocks, commands)) {
                checked++;
                const accepted = new Set([...flagsByCommand.get(call.command)!, ...UNLISTED_FLAGS]);
                for (const flag of call.flags.filter(f => !accepted.has(f))) {
                    problems.push(`${path.relative(PROJECT_ROOT, file)}:${call.line} isms ${call.command} takes no ${flag}: ${call.text}`);
                }
            }
        }
        assert.ok(checked >= 20, `only ${checked} example invocations found`);
        assert.deepEqual(problems, [], problems.join('\n'));
    });

    it('accepts the flags --help does not list', () => {
        for (const flag of UNLISTED_FLAGS) {
            assert.ok(flagsInCodeSpans(splitMarkdown(reference).prose).includes(flag), `${flag} is documented`);
            const run = isms(['validate', flag, ACME_EXAMPLE]);
            assert.equal(run.status, 0, `isms validate ${flag}: ${run.stderr}`);
        }
        const unknown = isms(['validate', '--no-such-flag', ACME_EXAMPLE]);
        assert.equal(unknown.status, 2, 'an unknown flag is refused, so the check above means something');
    });
});
