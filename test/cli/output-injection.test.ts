/**
 * Model text and file names are untrusted: the real CLI runs on a copy of the acme example with
 * hostile titles and a hostile file name (terminal escape sequences, CR, newlines, a forged
 * summary line, bidi controls, spreadsheet formulas behind a `;`), and every output is read back.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

const TODAY = '2026-11-23';
const FORGED_SUMMARY = '14 file(s) checked: 0 error(s), 0 warning(s)';
/** Clears the terminal line and returns to its start, then prints a summary of its own. */
const ATTACK = `\u001b[2K\r${FORGED_SUMMARY}`;
const HOSTILE_FILE = `zz-evil${ATTACK}\n\u202e.isms`;
/** The action's title as the model holds it: raw ESC and U+202E, CR and newline from escapes. */
const HOSTILE_TITLE = `Fix${ATTACK}\n\u202eexe.txt`;
/** ESC, CR, C1 controls, DEL and the bidi controls: nothing of these may reach a reader raw. */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The model text of HOSTILE_TITLE: CR and newline can only be written as escapes in a string. */
function isString(text: string): string {
    return `"${text.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/** A copy of acme with an overdue corrective action titled HOSTILE_TITLE, in a file named HOSTILE_FILE. */
function hostileCopy(): { dir: string, dispose: () => void } {
    const copy = copyOfFolder(ACME_EXAMPLE);
    fs.writeFileSync(path.join(copy.dir, HOSTILE_FILE), [
        'audit IA-EVIL "Seeded" {',
        '    date 2026-06-10',
        '    finding F-EVIL "Seeded" {',
        '        severity minor',
        '        controls A.5.18',
        `        corrective-action ${isString(HOSTILE_TITLE)} { owner CISO due 2026-01-01 status open }`,
        '    }',
        '}',
        ''
    ].join('\n'));
    return copy;
}

/**
 * Fields of one CSV record as a spreadsheet splits it on `separator`: a field is quoted only when
 * it starts with a quote (as Excel and LibreOffice read it), quotes doubled inside.
 */
function parseCsv(text: string, separator: ',' | ';'): string[][] {
    const records: string[][] = [];
    let record: string[] = [];
    let i = 0;
    while (i < text.length) {
        let field = '';
        if (text[i] === '"') {
            for (i++; i < text.length; i++) {
                if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i++; }
                else if (text[i] === '"') { i++; break; }
                else field += text[i];
            }
        }
        for (; i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n'; i++) field += text[i];
        record.push(field);
        if (text[i] === separator) { i++; continue; }
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        records.push(record);
        record = [];
    }
    return records;
}

describe('hostile model text and file names in the CLI\'s output', function () {
    this.timeout(120000);

    it('validate prints control and bidi characters escaped, one line per diagnostic, one summary line', () => {
        const copy = hostileCopy();
        try {
            const run = isms(['validate', '--date', TODAY, '.'], copy.dir);
            assert.notEqual(run.status, 2, run.stderr);
            assert.doesNotMatch(run.stdout, UNSAFE, 'no raw ESC, CR or bidi control in the text output');
            const lines = run.stdout.split('\n');
            assert.equal(lines.pop(), '', 'ends with a newline');
            assert.equal(lines.filter(line => /^\d+ file\(s\) checked: /.test(line)).length, 1, 'exactly one summary line');
            assert.match(lines[lines.length - 1], /^\d+ file\(s\) checked: /, 'the summary comes last');
            for (const line of lines.slice(0, -1)) {
                assert.match(line, /^\S.*:\d+:\d+ (error|warning|info|hint) [a-z-]+ /, `a diagnostic line: ${line}`);
            }
            const shownFile = 'zz-evil\\x1b[2K\\r' + FORGED_SUMMARY + '\\n\\u202e.isms';
            const overdue = lines.find(line => line.includes(' action-overdue '));
            assert.ok(overdue, run.stdout);
            assert.ok(overdue.startsWith(`${shownFile}:6:`), overdue);
            assert.ok(overdue.includes('"Fix\\x1b[2K\\r' + FORGED_SUMMARY + '\\n\\u202eexe.txt"'), overdue);
        } finally {
            copy.dispose();
        }
    });

    it('validate --format json and sarif keep file names and messages as they are, every control character escaped', () => {
        const copy = hostileCopy();
        try {
            const run = (format: string) => {
                const stdout = isms(['validate', '--date', TODAY, '--format', format, '.'], copy.dir).stdout;
                assert.doesNotMatch(stdout, UNSAFE, `${format}: no raw control or bidi character`);
                assert.ok(stdout.includes('\\u202e'), `${format}: U+202E as a JSON escape`);
                return stdout;
            };
            const json = JSON.parse(run('json')) as Array<{ file: string, code: string, message: string }>;
            const overdue = json.find(d => d.code === 'action-overdue');
            assert.equal(overdue?.file, HOSTILE_FILE);
            assert.ok(overdue?.message.includes(`"${HOSTILE_TITLE}"`));
            const sarif = JSON.parse(run('sarif')) as { runs: Array<{ results: Array<{ ruleId: string, message: { text: string } }> }> };
            assert.ok(sarif.runs[0].results.find(result => result.ruleId === 'action-overdue')?.message.text.includes(HOSTILE_TITLE));
        } finally {
            copy.dispose();
        }
    });

    it('escapes file names in its messages on standard error', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            const out = `soa${ATTACK}\u202e.md`;
            const wrote = isms(['soa', '.', '--date', TODAY, '--out', out], copy.dir);
            assert.equal(wrote.status, 0, wrote.stderr);
            assert.ok(fs.existsSync(path.join(copy.dir, out)), 'the file has the name asked for');
            assert.equal(wrote.stderr, 'isms: wrote soa\\x1b[2K\\r' + FORGED_SUMMARY + '\\u202e.md\n');

            const missing = isms(['validate', `missing${ATTACK}\n.isms`], copy.dir);
            assert.equal(missing.status, 2);
            assert.equal(missing.stderr, 'isms: missing\\x1b[2K\\r' + FORGED_SUMMARY + '\\n.isms: no such file or directory\n');

            const unknown = isms(['validate', `--evil${ATTACK}`], copy.dir);
            assert.equal(unknown.status, 2);
            assert.doesNotMatch(unknown.stderr, UNSAFE);
            assert.ok(unknown.stderr.includes('--evil\\x1b[2K\\r'), unknown.stderr);
        } finally {
            copy.dispose();
        }
    });

    it('quotes CSV cells with a `;` and guards a formula behind it, for `,` and `;` readers', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            const file = path.join(copy.dir, 'risks', 'platform.isms');
            const text = fs.readFileSync(file, 'utf8');
            const title = /risk R-001 "([^"]*)"/.exec(text)![1];
            fs.writeFileSync(file, text.replace(`"${title}"`, '"Backup review;=1+1;"'));
            const run = isms(['risks', '.', '--date', TODAY, '--format', 'csv'], copy.dir);
            assert.equal(run.status, 0, run.stderr);
            const csv = run.stdout.replace(/^\uFEFF/, '');
            assert.ok(csv.includes(`,"Backup review;'=1+1;",`), 'one quoted cell, the formula behind the `;` guarded');

            const byComma = parseCsv(csv, ',');
            const columns = byComma[0].length;
            assert.ok(byComma.every(record => record.length === columns), 'every record has as many cells as the header');
            const row = byComma.find(record => record[0] === 'R-001')!;
            assert.equal(row[byComma[0].indexOf('Title')], 'Backup review;\'=1+1;');

            // A spreadsheet whose list separator is `;` splits the lines there: no piece may start a formula.
            for (const record of parseCsv(csv, ';')) {
                for (const field of record) assert.doesNotMatch(field, /^[=+\-@\t\r]/, `a ';' field: ${field}`);
            }
        } finally {
            copy.dispose();
        }
    });

    it('shows bidi and control characters visibly in md, html, csv, xlsx and the heat map; json keeps them', async () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            const file = path.join(copy.dir, 'risks', 'platform.isms');
            const text = fs.readFileSync(file, 'utf8');
            const title = /risk R-001 "([^"]*)"/.exec(text)![1];
            const hostile = `Backups \u202egnp.exe\u202c of \u001b[31mprod\u0007`;
            fs.writeFileSync(file, text.replace(`"${title}"`, `"${hostile}"`));
            const shown = 'Backups <U+202E>gnp.exe<U+202C> of <U+001B>[31mprod<U+0007>';
            const report = (format: string) => {
                const run = isms(['risks', '.', '--date', TODAY, '--format', format], copy.dir);
                assert.equal(run.status, 0, run.stderr);
                // CSV records end with CRLF.
                assert.doesNotMatch(run.stdout.replace(/\r\n/g, '\n'), UNSAFE, `${format}: no raw control or bidi character`);
                return run.stdout;
            };
            const asHtml = shown.replace(/</g, '&lt;').replace(/>/g, '&gt;');
            assert.ok(report('md').includes(asHtml.replace('[', '\\[')), 'markdown');
            assert.ok(report('html').includes(asHtml), 'html');
            assert.ok(report('csv').includes(`,${shown},`), 'csv');
            const json = JSON.parse(report('json')) as { risks: Array<{ id: string, title: string }> };
            assert.equal(json.risks.find(risk => risk.id === 'R-001')?.title, hostile, 'json keeps the title as written');

            assert.equal(isms(['risks', '.', '--date', TODAY, '--out', 'risks.xlsx'], copy.dir).status, 0);
            const workbook = new ExcelJS.Workbook();
            await workbook.xlsx.load(fs.readFileSync(path.join(copy.dir, 'risks.xlsx')) as unknown as ArrayBuffer);
            const cells: string[] = [];
            workbook.eachSheet(sheet => sheet.eachRow(row => row.eachCell(cell => {
                if (typeof cell.value === 'string') cells.push(cell.value);
            })));
            assert.ok(cells.includes(shown), 'xlsx');
            for (const cell of cells) assert.doesNotMatch(cell, UNSAFE, 'xlsx cell');

            const svg = isms(['heatmap', '.', '--date', TODAY], copy.dir);
            assert.doesNotMatch(svg.stdout, UNSAFE, 'heat map svg');
            assert.ok(svg.stdout.includes('Backups &lt;U+202E&gt;gnp.exe&lt;U+202C&gt;'), 'heat map svg');
        } finally {
            copy.dispose();
        }
    });
});
