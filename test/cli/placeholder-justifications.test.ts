import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ANNEX_A_2022_SOURCE } from '../../language/builtin/annex-a-2022.js';
import { CLI_BUNDLE, temporaryWorkspace } from '../helpers/project.js';

/**
 * A hollow ISMS that passes for complete: every Annex A control excluded with a reason that says
 * nothing. Each exclusion must be reported, and what `--strict` makes of the warnings is pinned.
 */

const TODAY = '2026-11-23';
const PLACEHOLDERS = ['N/A', 'n.a.', 'NA', 'TBD', 'todo', '-', 'None', 'see above'];
const CONTROLS = [...ANNEX_A_2022_SOURCE.matchAll(/^\s*control (A\.\d+\.\d+) /gm)].map(match => match[1]);

interface Run { status: number | null, stdout: string, stderr: string }
interface JsonDiagnostic { file: string, line: number, column: number, endColumn: number, severity: string, code: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The isms block with `scope`, no risk, and each control excluded with a placeholder (cycling through them). */
function hollowIsms(scope: string): Record<string, string> {
    return {
        'isms.isms': `isms "Hollow Ltd ISMS" {\n    ${scope}\n}\n`,
        'soa.isms': CONTROLS.map((control, i) => `exclude ${control} because "${PLACEHOLDERS[i % PLACEHOLDERS.length]}"\n`).join('')
    };
}

describe('placeholder justifications from the CLI', function () {
    this.timeout(120000);

    it('an empty scope, no risks and all 93 controls excluded "N/A" and the like: each exclusion warns, on its reason', () => {
        assert.equal(CONTROLS.length, 93);
        const workspace = temporaryWorkspace(hollowIsms('scope { }'));
        try {
            const run = isms(['validate', '--date', TODAY, '--format', 'json', '.'], workspace.dir);
            const diagnostics = JSON.parse(run.stdout) as JsonDiagnostic[];
            const placeholders = diagnostics.filter(d => d.code === 'justification-placeholder');
            assert.deepEqual(placeholders.map(d => [d.file, d.line, d.severity]), CONTROLS.map((_, i) => ['soa.isms', i + 1, 'warning']));
            for (const [i, control] of CONTROLS.entries()) {
                const reason = `"${PLACEHOLDERS[i % PLACEHOLDERS.length]}"`;
                const column = `exclude ${control} because `.length + 1;
                assert.deepEqual([placeholders[i].column, placeholders[i].endColumn], [column, column + reason.length], control);
            }
            assert.deepEqual(diagnostics.filter(d => d.code === 'exclusion-unjustified' || d.code === 'control-undecided'), [], 'every control is decided, each with some reason');
        } finally {
            workspace.dispose();
        }
    });

    it('soa --strict refuses on errors only: placeholder warnings alone do not stop the SoA, they are left to isms validate', () => {
        const workspace = temporaryWorkspace(hollowIsms('scope { description "Everything Hollow Ltd does" }'));
        try {
            const validate = isms(['validate', '--date', TODAY, '.'], workspace.dir);
            assert.equal(validate.status, 0, 'warnings only');
            assert.equal(validate.stdout.split('\n').filter(line => / warning justification-placeholder /.test(line)).length, 93);
            const strict = isms(['soa', '.', '--strict', '--date', TODAY, '--format', 'json'], workspace.dir);
            assert.equal(strict.status, 0, strict.stderr);
            const soa = JSON.parse(strict.stdout) as { controls: Array<{ id: string, decision: string }> };
            assert.equal(soa.controls.filter(control => control.decision === 'excluded').length, 93);
        } finally {
            workspace.dispose();
        }
    });
});
