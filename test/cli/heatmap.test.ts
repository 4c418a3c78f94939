/**
 * `isms heatmap` run as users run it: the bundled CLI on a copy of the acme example. The JSON
 * is checked against the risk register (every scored risk in the cell of its scores), the SVG
 * for well-formedness and determinism, and the output for the safe writing every report gets.
 * Skipped, with a note, while the command is not wired into the CLI.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HeatMap } from '../../language/reports/heat-map.js';
import { riskRegisterJsonSchema } from '../../language/reports/report-schemas.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

const TODAY = '2026-11-23';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every tag closes, in order, and there is one root element: `svg`. */
function assertBalancedSvg(svg: string): void {
    const stack: string[] = [];
    let roots = 0;
    let i = svg.indexOf('<');
    while (i >= 0) {
        const end = svg.indexOf('>', i);
        assert.ok(end > i, `unterminated tag at ${i}`);
        const tag = svg.slice(i + 1, end);
        if (tag.startsWith('/')) {
            assert.equal(stack.pop(), tag.slice(1).trim(), `closing tag at ${i}`);
        } else {
            const name = tag.split(/[\s/]/, 1)[0];
            if (stack.length === 0) roots++;
            if (!tag.endsWith('/')) stack.push(name);
        }
        const next = svg.indexOf('<', end);
        const text = svg.slice(end + 1, next < 0 ? svg.length : next);
        assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos|#\d+);)/, `a bare & after offset ${end}`);
        i = next;
    }
    assert.deepEqual(stack, [], 'every element closes');
    assert.equal(roots, 1, 'one root element');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]* role="img"/);
}

describe('heat map from the CLI', function () {
    this.timeout(120000);

    let acme: ReturnType<typeof copyOfFolder> | undefined;
    before(function () {
        const help = isms(['--help'], PROJECT_ROOT);
        if (!/^\s+heatmap\b/m.test(help.stdout)) {
            // eslint-disable-next-line no-console
            console.log('      (skipped: `heatmap` is not a command of dist/cli.cjs yet: wire runHeatmap into server/cli/main.ts and rebuild)');
            this.skip();
        }
        // A copy outside any git checkout, with nothing generated in it yet.
        acme = copyOfFolder(ACME_EXAMPLE);
    });
    after(() => acme?.dispose());

    const dir = () => acme!.dir;

    it('writes the SVG to --out, the same as to standard output and on every run', () => {
        const written = isms(['heatmap', '.', '--date', TODAY, '--out', 'x.svg'], dir());
        assert.equal(written.status, 0, written.stderr);
        assert.match(written.stderr, /isms: wrote x\.svg/);
        const svg = fs.readFileSync(path.join(dir(), 'x.svg'), 'utf8');
        assertBalancedSvg(svg);
        assert.match(svg, /<title id="[^"]+">Risk heat map \u2014 Acme Cloud ISMS<\/title>/);
        assert.match(svg, /<desc id="[^"]+">Risk heat map under the methodology FiveByFive/);
        for (const label of ['Inherent', 'Residual', 'low 1\u20134', 'critical 17\u201325', 'Risk appetite 9:']) {
            assert.ok(svg.includes(label), label);
        }
        const printed = isms(['heatmap', '.', '--date', TODAY], dir());
        assert.equal(printed.status, 0, printed.stderr);
        assert.equal(printed.stdout, svg);
        assert.equal(isms(['heatmap', '.', '--date', TODAY], dir()).stdout, svg, 'byte-identical on a second run');
        // It wrote that file itself, so it may write it again.
        assert.equal(isms(['heatmap', '.', '--date', TODAY, '--out', 'x.svg'], dir()).status, 0);
    });

    it('gives the data as JSON, each scored risk in the cell of its register scores', () => {
        const run = isms(['heatmap', '.', '--date', TODAY, '--format', 'json'], dir());
        assert.equal(run.status, 0, run.stderr);
        const map = JSON.parse(run.stdout) as HeatMap;
        const register = riskRegisterJsonSchema.parse(JSON.parse(isms(['risks', '.', '--date', TODAY, '--format', 'json'], dir()).stdout));
        const where = (grid: HeatMap['inherent']) => new Map(grid.flat().flatMap(cell => cell.risks.map(risk => [risk.id, cell] as const)));
        const inherent = where(map.inherent);
        const residual = where(map.residual);
        assert.ok(register.risks.length > 0);
        for (const risk of register.risks) {
            if (risk.inherent === null) {
                assert.ok(!inherent.has(risk.id) && map.unplaced.inherent.some(r => r.id === risk.id), `${risk.id} is unscored`);
                continue;
            }
            const cell = inherent.get(risk.id);
            assert.ok(cell, `${risk.id} is on the inherent grid`);
            assert.deepEqual([cell.likelihood, cell.impact, cell.score, cell.level], [risk.likelihood, risk.impact, risk.inherent?.score, risk.inherent?.level], risk.id);
            const after = residual.get(risk.id);
            if (risk.treatment === 'avoid') {
                assert.equal(after, undefined, `${risk.id} is avoided`);
            } else {
                assert.ok(after, `${risk.id} is on the residual grid`);
                assert.deepEqual([after.likelihood, after.impact, after.score, after.level],
                    [risk.residual?.likelihood, risk.residual?.impact, risk.residual?.score, risk.residual?.level], risk.id);
            }
        }
        const declared = inherent.get(register.risks[0].id)!.risks.find(risk => risk.id === register.risks[0].id)!;
        assert.ok(declared.uri.startsWith('file://') && declared.uri.endsWith('.isms'), declared.uri);
        const source = fs.readFileSync(new URL(declared.uri), 'utf8').split('\n');
        assert.match(source[declared.line], new RegExp(`risk ${declared.id}\\b`), 'the line of the declaration (0-based)');
    });

    it('writes into a folder under its usual name, and never over a file it did not write', () => {
        const folder = isms(['heatmap', '.', '--date', TODAY, '--format', 'json', '--out', 'maps/'], dir());
        assert.equal(folder.status, 0, folder.stderr);
        assert.ok(fs.existsSync(path.join(dir(), 'maps', 'risk-heat-map.json')));
        const foreign = path.join(dir(), 'mine.svg');
        fs.writeFileSync(foreign, '<svg>my drawing</svg>\n');
        const refused = isms(['heatmap', '.', '--date', TODAY, '--out', 'mine.svg'], dir());
        assert.equal(refused.status, 2);
        assert.match(refused.stderr, /exists and was not generated by isms/);
        assert.equal(fs.readFileSync(foreign, 'utf8'), '<svg>my drawing</svg>\n');
    });

    it('refuses a bad format or path with exit code 2', () => {
        assert.equal(isms(['heatmap', '.', '--format', 'png'], dir()).status, 2);
        const missing = isms(['heatmap', 'no-such-folder'], dir());
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /no-such-folder: no such file or directory/);
    });

    it('escapes hostile model text in the SVG', () => {
        const workspace = temporaryWorkspace({
            'isms.isms': 'isms "<script>alert(1)</script>" {\n    organization "x"\n    scope { description "x" }\n}\n',
            'risks.isms': 'role CISO "<img src=x onerror=alert(1)>"\nrisk R-1 "</title><script>alert(2)</script>" { likelihood 2 impact 2 owner CISO treatment avoid { because "x" } }\n'
        });
        try {
            const run = isms(['heatmap', '.', '--date', TODAY], workspace.dir);
            assert.equal(run.status, 0, run.stderr);
            assert.doesNotMatch(run.stdout, /<script/i);
            assert.ok(run.stdout.includes('Risk heat map \u2014 &lt;script&gt;alert(1)&lt;/script&gt;'));
            assert.ok(run.stdout.includes('R-1 &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
            assertBalancedSvg(run.stdout);
        } finally {
            workspace.dispose();
        }
    });
});
