/**
 * The real CLI (dist/cli.cjs) as a process, for the fuzz properties: what a run printed and how
 * it ended, and what is wrong with it by the CLI's contract (exit 0 or 1, or 2 with one line
 * saying why; never a stack trace, an internal error or a raw control character).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { codePoint, firstRawControlCharacter } from '../../language/text/control-characters.js';
import { CLI_BUNDLE } from '../helpers/project.js';

export interface Run { args: string[], status: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }

const CLI_TIMEOUT = 60_000;

/** A stack frame as Node prints it: `at fn (/path/file.js:1:2)`, `at /path/file.js:1:2`, `at async …`; a report that quotes the model's text (`at 10:30`) is not one. */
const STACK_FRAME = /\n\s+at (?:async )?(?:\S+ \()?(?:file:\/\/|\/|node:|<anonymous>)[^\s()]*:\d+:\d+\)?/;

export function isms(args: string[], cwd: string): Promise<Run> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: CLI_TIMEOUT });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', chunk => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', chunk => { stderr += chunk; });
        child.on('close', (status, signal) => resolve({ args, status, signal, stdout, stderr }));
    });
}

/** Runs `tasks` at most `width` at a time; the results in the order of the tasks. */
export async function pool<T>(tasks: Array<() => Promise<T>>, width = 4): Promise<T[]> {
    const results: T[] = new Array(tasks.length);
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
        while (next < tasks.length) {
            const index = next++;
            results[index] = await tasks[index]();
        }
    }));
    return results;
}

/** What is wrong with a run of the CLI, if anything. */
export function problems(run: Run): string[] {
    const found: string[] = [];
    const output = run.stdout + run.stderr;
    const where = `isms ${run.args.join(' ')}`;
    if (run.signal) found.push(`${where}: killed by ${run.signal} (no exit within ${CLI_TIMEOUT / 1000} s: a hang)`);
    if (STACK_FRAME.test(output)) found.push(`${where}: prints a stack trace: ${output.slice(0, 2000)}`);
    // Control characters reach a terminal or a CI log only escaped (`\x1b`, `<U+202E>`, JSON's `\u`); tab, CR and LF are layout.
    const raw = firstRawControlCharacter(output);
    if (raw) found.push(`${where}: prints the control character ${codePoint(raw)} raw`);
    if (/internal error/i.test(output)) found.push(`${where}: internal error: ${run.stderr.slice(0, 2000)}`);
    if (![0, 1, 2].includes(run.status ?? -1)) found.push(`${where}: exit code ${run.status}: ${run.stderr.slice(0, 2000)}`);
    if (run.status === 2 && !/^isms: [^\n]+\n?$/.test(run.stderr)) found.push(`${where}: exit code 2 without a one-line message: ${JSON.stringify(run.stderr.slice(0, 2000))}`);
    return found;
}

/** Every command, with each report format once among them, on `target` (a folder or a file) in `cwd`. */
export function everyCommand(cwd: string, target: string): string[][] {
    const date = ['--date', '2026-11-23'];
    return [
        ['validate', target, ...date],
        ['validate', target, '--format', 'json', ...date],
        ['validate', target, '--format', 'sarif', ...date],
        ['soa', target, '--format', 'md', ...date],
        ['soa', target, '--format', 'xlsx', '--out', path.join(cwd, 'out', 'soa.xlsx'), ...date],
        ['risks', target, '--format', 'csv', ...date],
        ['risks', target, '--format', 'json', ...date],
        ['treatment-plan', target, '--format', 'html', ...date],
        ['heatmap', target, ...date],
        ['heatmap', target, '--format', 'json', ...date]
    ];
}
