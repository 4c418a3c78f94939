import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, PROJECT_ROOT, SERVER_BUNDLE } from '../helpers/project.js';

// A real editor that this project did not write (Debian's Neovim) drives the bundled server
// over stdio. The file is given on Neovim's command line, so didOpen follows initialize at once,
// as it does for anyone who starts their editor on a file.

const INIT_LUA = path.join(PROJECT_ROOT, 'test', 'editors', 'neovim-init.lua');
const TODAY = '2026-11-23';
const OPENED = path.join('risks', 'people-and-endpoints.isms');

interface NeovimDiagnostic { lnum: number, col: number, end_lnum: number, end_col: number, severity: number, message: string, code?: string }
interface NeovimLocation { uri: string, line: number, character: number }
interface NeovimResult {
    uri: string;
    attached: boolean;
    publishes: number;
    diagnostics?: NeovimDiagnostic[];
    hovers: Array<string | null>;
    definitions: NeovimLocation[][];
    errors: string[];
}
interface CliDiagnostic { file: string, line: number, column: number, endLine: number, endColumn: number, severity: string, code: string, message: string }

const neovimInstalled = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** 0-based position of the `occurrence`-th `word` in `text` (1 = first). */
function positionOf(text: string, word: string, occurrence = 1): { line: number, character: number } {
    let index = -1;
    for (let i = 0; i < occurrence; i++) {
        index = text.indexOf(word, index + 1);
        assert.ok(index >= 0, `'${word}' occurs fewer than ${occurrence} times`);
    }
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Runs Neovim on `file` of the workspace `root` and returns what the Lua side recorded. */
async function runNeovim(root: string, file: string, queries: object): Promise<NeovimResult> {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-nvim-'));
    const out = path.join(scratch, 'result.json');
    try {
        // Its state, cache and LSP log go into the scratch folder, not the home directory.
        const env = {
            ...process.env,
            XDG_CONFIG_HOME: path.join(scratch, 'config'), XDG_DATA_HOME: path.join(scratch, 'data'),
            XDG_STATE_HOME: path.join(scratch, 'state'), XDG_CACHE_HOME: path.join(scratch, 'cache'),
            ISMS_NODE: process.execPath, ISMS_SERVER: SERVER_BUNDLE, ISMS_ROOT: root, ISMS_TODAY: TODAY,
            ISMS_QUERIES: JSON.stringify(queries), ISMS_OUT: out
        };
        // -n: no swap file next to the opened file.
        const child = spawn('nvim', ['--headless', '--clean', '-n', '-u', INIT_LUA, file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', chunk => { output += chunk; });
        child.stderr.on('data', chunk => { output += chunk; });
        // Only a guard against a hang: the Lua side waits for the server itself.
        const killer = setTimeout(() => child.kill('SIGKILL'), 170_000);
        const code = await new Promise<number | null>(resolve => child.once('exit', resolve));
        clearTimeout(killer);
        const log = path.join(scratch, 'cache', 'nvim', 'lsp.log');
        const details = `neovim exited with ${code}; output: ${output}\nLSP log: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-4000) : '(none)'}`;
        assert.ok(fs.existsSync(out), `Neovim wrote no results. ${details}`);
        const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
        assert.deepEqual(result.errors, [], details);
        return result;
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

/** The CLI's diagnostics of `file` for the same date, in Neovim's 0-based form. */
function cliDiagnostics(root: string, file: string): Array<Omit<NeovimDiagnostic, 'code'> & { code: string }> {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, 'validate', '--format', 'json', '--date', TODAY, root], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const severities: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
    return (JSON.parse(run.stdout) as CliDiagnostic[])
        .filter(d => path.resolve(root, d.file) === file)
        .map(d => ({ lnum: d.line - 1, col: d.column - 1, end_lnum: d.endLine - 1, end_col: d.endColumn - 1, severity: severities[d.severity], message: d.message, code: d.code }));
}

const byPlace = (a: NeovimDiagnostic, b: NeovimDiagnostic) => a.lnum - b.lnum || a.col - b.col || a.message.localeCompare(b.message);

describe('Neovim as a client of the server (stdio)', function () {
    if (!neovimInstalled) {
        if (process.env.CI) {
            it('needs Neovim: install it (apt-get install -y neovim)', () => assert.fail('nvim is not on PATH; CI must install neovim (see .ci/run)'));
        } else {
            it('skipped: install neovim (apt-get install -y neovim) to run the Neovim tests');
        }
        return;
    }
    this.timeout(180_000);

    describe('on examples/acme, opened at start-up', () => {
        const file = path.join(ACME_EXAMPLE, OPENED);
        const text = fs.readFileSync(file, 'utf8');
        let result: NeovimResult;

        before(async () => {
            result = await runNeovim(ACME_EXAMPLE, file, {
                hover: [positionOf(text, 'R-016'), positionOf(text, 'A.6.3')],
                // The owner of R-016 is a role declared in roles.isms.
                definition: [positionOf(text, 'CISO')]
            });
        });

        it('attaches the buffer and shows the same diagnostics as the CLI (none, for this date)', () => {
            assert.ok(result.attached, 'the buffer is attached to the client');
            assert.ok(result.publishes > 0);
            assert.deepEqual([...result.diagnostics!].sort(byPlace), cliDiagnostics(ACME_EXAMPLE, file).sort(byPlace));
        });

        it('hovers a risk and a control with their content', () => {
            const [risk, control] = result.hovers;
            assert.ok(risk, 'a hover for R-016');
            assert.match(risk, /R-016/);
            assert.match(risk, /Phishing captures a Google Workspace password and session/);
            assert.ok(control, 'a hover for A.6.3');
            assert.match(control, /A\.6\.3/);
            assert.match(control, /awareness, education and training/i);
        });

        it('goes from a role reference to its declaration in roles.isms', () => {
            const roles = path.join(ACME_EXAMPLE, 'roles.isms');
            const expected = positionOf(fs.readFileSync(roles, 'utf8'), 'role CISO');
            assert.deepEqual(result.definitions[0].map(l => ({ uri: l.uri, line: l.line })), [{ uri: pathToFileURL(roles).toString(), line: expected.line }]);
        });
    });

    describe('on a copy of examples/acme with a mistake in the opened file', () => {
        let workspace: ReturnType<typeof copyOfFolder>;
        let file: string;
        let result: NeovimResult;

        before(async () => {
            workspace = copyOfFolder(ACME_EXAMPLE);
            file = path.join(workspace.dir, OPENED);
            // An owner that no role declares: an unresolved reference, an error.
            fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('owner CISO', 'owner Nobody'));
            result = await runNeovim(workspace.dir, file, {});
        });

        after(() => workspace?.dispose());

        it('shows the same diagnostics as the CLI, the seeded error among them', () => {
            const expected = cliDiagnostics(workspace.dir, file);
            assert.ok(expected.some(d => d.code === 'unresolved-reference' && /Nobody/.test(d.message)), 'the CLI finds the seeded error');
            assert.deepEqual([...result.diagnostics!].sort(byPlace), expected.sort(byPlace));
        });
    });
});
