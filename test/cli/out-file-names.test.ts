import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACME_EXAMPLE, CLI_BUNDLE, temporaryWorkspace } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('--out file names and formats', function () {
    this.timeout(60000);

    let ws: { dir: string, dispose: () => void };
    beforeEach(() => { ws = temporaryWorkspace({}); });
    afterEach(() => ws.dispose());

    it('refuses a file name whose extension is no format, or none, and writes nothing', () => {
        for (const out of ['soa.txt', 'soa']) {
            const run = isms(['soa', ACME_EXAMPLE, '--out', out], ws.dir);
            assert.equal(run.status, 2, out);
            assert.equal(run.stderr, `isms: --out ${out}: the file name must end in the format's extension: .md, .html, .csv, .xlsx, .docx, .json; a folder ends in /\n`);
            assert.deepEqual(fs.readdirSync(ws.dir), []);
        }
    });

    it('refuses a file name that says another format than --format', () => {
        const run = isms(['risks', ACME_EXAMPLE, '--format', 'html', '--out', 'register.md'], ws.dir);
        assert.equal(run.status, 2);
        assert.equal(run.stderr, 'isms: --out register.md: --format html is written to a file ending in .html; name the file so, or give a folder\n');
        assert.deepEqual(fs.readdirSync(ws.dir), []);
    });

    it('takes the format from a known extension when --format is absent', () => {
        const run = isms(['soa', ACME_EXAMPLE, '--out', 'soa.html', '--date', '2026-11-23'], ws.dir);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, 'isms: wrote soa.html\n');
        assert.match(fs.readFileSync(path.join(ws.dir, 'soa.html'), 'utf8'), /^<!DOCTYPE html>/i);
        const upper = isms(['treatment-plan', ACME_EXAMPLE, '--out', 'plan.JSON', '--date', '2026-11-23'], ws.dir);
        assert.equal(upper.status, 0, upper.stderr);
        JSON.parse(fs.readFileSync(path.join(ws.dir, 'plan.JSON'), 'utf8'));
    });

    it('holds the heat map and the diff to the same rule', () => {
        const map = isms(['heatmap', ACME_EXAMPLE, '--out', 'map.json'], ws.dir);
        assert.equal(map.status, 0, map.stderr);
        assert.ok(JSON.parse(fs.readFileSync(path.join(ws.dir, 'map.json'), 'utf8')).inherent);
        const picture = isms(['heatmap', ACME_EXAMPLE, '--out', 'map.png'], ws.dir);
        assert.equal(picture.status, 2);
        assert.match(picture.stderr, /^isms: --out map\.png: the file name must end in the format's extension: \.svg, \.json; a folder ends in \/\n$/);

        const diff = isms(['diff', '--from', ACME_EXAMPLE, '--to', ACME_EXAMPLE, '--out', 'changes.log', ACME_EXAMPLE], ws.dir);
        assert.equal(diff.status, 2);
        assert.match(diff.stderr, /^isms: --out changes\.log: the file name must end in the format's extension: \.txt, \.md, \.html, \.json/);
        const text = isms(['diff', '--from', ACME_EXAMPLE, '--to', ACME_EXAMPLE, '--out', 'changes.txt', ACME_EXAMPLE], ws.dir);
        assert.equal(text.status, 0, text.stderr);
        assert.ok(fs.existsSync(path.join(ws.dir, 'changes.txt')));
    });
});
