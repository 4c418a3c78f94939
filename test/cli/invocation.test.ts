// How the CLI is started decides where it runs and what it tells the user to run next: npm runs
// scripts in the package's root, and `isms` is on the path only once the package is installed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_BUNDLE, installCli, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

/** The environment of a user's shell: none of the variables an outer `npm test` sets. */
function userEnvironment(): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_|^INIT_CWD$/i.test(name)));
    return { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` };
}

function run(command: string, args: string[], cwd: string): Run {
    const result = spawnSync(command, args, { cwd, env: userEnvironment(), encoding: 'utf8', timeout: 120000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project with the CLI and the npm script, as in this repository, with a subfolder to run from. */
function projectWithScript(): { dir: string, dispose: () => void } {
    const ws = temporaryWorkspace({ 'package.json': fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'), 'team/.keep': '' });
    installCli(ws.dir);
    return ws;
}

describe('the CLI where it is run', function () {
    this.timeout(120000);

    it('npm run isms reads paths and writes from the folder npm was run in', () => {
        const ws = projectWithScript();
        try {
            const init = run('npm', ['run', 'isms', '-s', '--', 'init', 'new-isms', '--organization', 'Team Ltd', '--date', '2026-01-05'], path.join(ws.dir, 'team'));
            assert.equal(init.status, 0, init.stderr);
            assert.ok(fs.existsSync(path.join(ws.dir, 'team', 'new-isms', 'isms.isms')), 'written below the folder npm was run in');
            assert.ok(!fs.existsSync(path.join(ws.dir, 'new-isms')), 'not in the package root');
            assert.match(init.stdout, /^Next: npm run isms -- validate new-isms lists what to decide; npm run isms -- soa new-isms gives the Statement of Applicability\.$/m);

            const validate = run('npm', ['run', 'isms', '-s', '--', 'validate', 'new-isms'], path.join(ws.dir, 'team'));
            assert.equal(validate.status, 0, validate.stdout + validate.stderr);
            assert.match(validate.stdout, /^15 file\(s\) checked: 0 error\(s\)/m);
        } finally {
            ws.dispose();
        }
    });

    it('names the next command as the user started it: node with the bundle, or npx for an installed bin', () => {
        const ws = projectWithScript();
        try {
            const direct = run(process.execPath, ['dist/cli.cjs', 'init', 'a b', '--date', '2026-01-05'], ws.dir);
            assert.equal(direct.status, 0, direct.stderr);
            assert.match(direct.stdout, /^Next: node dist\/cli\.cjs validate 'a b' lists what to decide; node dist\/cli\.cjs soa 'a b' gives/m);

            const bin = path.join(ws.dir, 'node_modules-of-user', 'node_modules', '.bin');
            fs.mkdirSync(bin, { recursive: true });
            fs.symlinkSync(path.join(ws.dir, 'dist', 'cli.cjs'), path.join(bin, 'isms'));
            const installed = run(process.execPath, [path.join(bin, 'isms'), 'init', 'c', '--date', '2026-01-05'], ws.dir);
            assert.equal(installed.status, 0, installed.stderr);
            assert.match(installed.stdout, /^Next: npx isms validate c lists what to decide; npx isms soa c gives/m);
        } finally {
            ws.dispose();
        }
    });

    it('prefixes every message of its own with isms:, the argument parser\'s too', () => {
        const cases: Array<[string[], RegExp]> = [
            [['valdate'], /^isms: unknown command 'valdate'\nisms: \(Did you mean validate\?\)\n$/],
            [['validate', '--bogus'], /^isms: unknown option '--bogus'\n/],
            [['import'], /^isms: missing required argument 'kind'\n$/],
            [['validate', '--format', 'xml'], /^isms: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are text, json, sarif\.\n$/],
            [['validate', 'no-such-folder'], /^isms: no-such-folder: no such file or directory\n$/]
        ];
        for (const [args, expected] of cases) {
            const result = run(process.execPath, [CLI_BUNDLE, ...args], PROJECT_ROOT);
            assert.equal(result.status, 2, args.join(' '));
            assert.match(result.stderr, expected);
        }
    });
});
