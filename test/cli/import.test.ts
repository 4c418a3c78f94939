/**
 * `isms import risks|soa` run as users run it: the bundled CLI reads sheets that this test
 * writes with exceljs (a register with numbers on a 5×5 scale, one with labels, one with a
 * title row above two merged header rows, one full of mistakes, a CSV file, an SoA), and
 * `isms validate` and the formatter read what it writes. The register and the SoA that
 * `isms risks|soa --format xlsx` export import back to the same model.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelWorkspace } from '../helpers/model-workspace.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Asserts that the language's formatter leaves a written file as it is. */
async function assertFormatted(text: string): Promise<void> {
    const workspace = await ModelWorkspace.create({ 'imported.isms': text });
    const document = workspace.document('imported.isms');
    const edits = await workspace.services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    assert.equal(TextDocument.applyEdits(document.textDocument, edits), text);
}

type Cell = string | number | Date | null;

async function writeWorkbook(file: string, sheetName: string, rows: Cell[][], merges: string[] = []): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(sheetName);
    rows.forEach(row => sheet.addRow(row));
    merges.forEach(range => sheet.mergeCells(range));
    await workbook.xlsx.writeFile(file);
}

const HEADER = ['Risk ID', 'Risk title', 'Asset', 'Threat', 'Likelihood', 'Impact', 'Score', 'Level', 'Owner', 'Treatment', 'Controls', 'Residual likelihood', 'Residual impact', 'Review date', 'Comments'];

const NUMBERS: Cell[][] = [
    HEADER,
    ['R-1', 'Ransomware encrypts the file server', 'File server', 'Ransomware', 4, 5, 20, 'critical', 'IT Manager', 'Reduce', 'A.8.7, A.8.13', 2, 4, new Date(Date.UTC(2026, 8, 1)), 'from the 2025 workshop'],
    ['R-2', 'Laptop stolen on a trip', 'Laptops', 'Theft', 3, 2, 6, 'medium', 'IT Manager', 'Accept', '', '', '', '2026-09-01', '']
];

/** The first risk as the import writes it for the numbers register, with no model. */
const R1_TEXT = `risk R-1 "Ransomware encrypts the file server" {
    assets FileServer
    threat Ransomware
    likelihood 4
    impact 5
    owner ITManager
    stated-score 20
    stated-level critical
    treatment mitigate {
        controls A.8.7, A.8.13
        residual likelihood 2 impact 4
    }
    reviewed 2026-09-01
}`;

/**
 * Exports `kind` of the acme model as XLSX, imports it into a copy of acme from which `removed`
 * (the files that held those elements) is taken away, and reads the JSON report of both models.
 */
function roundTrip<T>(dir: string, kind: 'risks' | 'soa', removed: string, read: (report: unknown) => T[]): { original: T[], imported: T[], summary: string, written: string } {
    const model = copyOfFolder(ACME_EXAMPLE);
    try {
        const xlsx = path.join(dir, `${kind}.xlsx`);
        const exported = isms([kind, ACME_EXAMPLE, '--format', 'xlsx', '--out', xlsx], dir);
        assert.equal(exported.status, 0, exported.stderr);
        fs.rmSync(path.join(model.dir, removed), { recursive: true });
        const run = isms(['import', kind, xlsx, '--model', model.dir, '--write', path.join(model.dir, 'imported')], dir);
        assert.equal(run.status, 0, run.stderr);
        const reportOf = (folder: string) => {
            const report = isms([kind, folder, '--format', 'json'], dir);
            assert.equal(report.status, 0, report.stderr);
            return read(JSON.parse(report.stdout));
        };
        return { original: reportOf(ACME_EXAMPLE), imported: reportOf(model.dir), summary: run.stderr, written: fs.readFileSync(path.join(model.dir, 'imported', `${kind}.isms`), 'utf8') };
    } finally {
        model.dispose();
    }
}

describe('isms import', function () {
    this.timeout(300000);
    let dir: string;

    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-import-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe('risks', () => {
        it('dry-runs a 5×5 register with numbers: prints the risks and the names to declare, writes nothing', async () => {
            const file = path.join(dir, 'register.xlsx');
            await writeWorkbook(file, 'Risks', NUMBERS);
            const run = isms(['import', 'risks', file], dir);
            assert.equal(run.status, 0, run.stderr);
            assert.ok(run.stdout.includes(R1_TEXT), run.stdout);
            assert.ok(run.stdout.includes('risk R-2 "Laptop stolen on a trip" {'), run.stdout);
            assert.ok(run.stdout.includes('    treatment accept\n'), run.stdout);
            assert.ok(run.stdout.includes('// ---- imported-declarations.isms\n'), run.stdout);
            assert.ok(run.stdout.includes('asset FileServer "File server"'), run.stdout);
            assert.ok(run.stdout.includes('role ITManager "IT Manager"'), run.stdout);
            assert.match(run.stderr, /^isms: note: columns ignored: O "Comments"$/m);
            assert.match(run.stderr, /isms: dry run: 2 risk\(s\), 5 name\(s\) to declare, 0 problem\(s\); nothing written/);
            assert.deepEqual(fs.readdirSync(dir), ['register.xlsx']);
        });

        it('reads a CSV register the same way', () => {
            const file = path.join(dir, 'register.csv');
            const quote = (cell: Cell) => cell instanceof Date ? cell.toISOString().slice(0, 10) : /[",]/.test(String(cell ?? '')) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell ?? '');
            fs.writeFileSync(file, NUMBERS.map(row => row.map(quote).join(',')).join('\r\n') + '\r\n');
            const run = isms(['import', 'risks', file], dir);
            assert.equal(run.status, 0, run.stderr);
            assert.ok(run.stdout.includes(R1_TEXT), run.stdout);
        });

        it('--write writes files that validate without syntax errors, and a second --write refuses to overwrite them', async () => {
            const file = path.join(dir, 'register.xlsx');
            await writeWorkbook(file, 'Risks', NUMBERS);
            const out = path.join(dir, 'model');
            const first = isms(['import', 'risks', file, '--write', out], dir);
            assert.equal(first.status, 0, first.stderr);
            assert.deepEqual(fs.readdirSync(out).sort(), ['imported-declarations.isms', 'register.isms']);
            const written = fs.readFileSync(path.join(out, 'register.isms'), 'utf8');
            assert.ok(written.includes(R1_TEXT), written);
            assert.match(fs.readFileSync(path.join(out, 'imported-declarations.isms'), 'utf8'), /\/\/ FILL IN: the asset's properties, or use the model's own name for "File server"\nasset FileServer "File server"/);
            const validate = isms(['validate', out, '--format', 'json'], dir);
            const diagnostics = JSON.parse(validate.stdout) as Array<{ code: string, file: string }>;
            assert.deepEqual(diagnostics.filter(d => d.code === 'syntax-error'), []);
            // Each name left to declare is marked by a diagnostic, one per FILL IN marker.
            const declarations = fs.readFileSync(path.join(out, 'imported-declarations.isms'), 'utf8');
            assert.equal(diagnostics.filter(d => d.code === 'fill-in-marker' && d.file.endsWith('imported-declarations.isms')).length, declarations.split('// FILL IN').length - 1);

            const second = isms(['import', 'risks', file, '--write', out], dir);
            assert.equal(second.status, 2);
            assert.equal(second.stderr.trim().split('\n').pop(), `isms: ${path.join(out, 'register.isms')}: already exists; the import never writes over a file`);
            assert.equal(fs.readFileSync(path.join(out, 'register.isms'), 'utf8'), written);
        await assertFormatted(written);
        await assertFormatted(fs.readFileSync(path.join(out, 'imported-declarations.isms'), 'utf8'));
        });

        it('reads likelihood and impact given as the methodology\'s labels', async () => {
            const file = path.join(dir, 'labels.xlsx');
            await writeWorkbook(file, 'Register', [
                ['Ref', 'Description', 'Probability', 'Consequence', 'Risk owner', 'Treatment option'],
                ['R-7', 'Supplier outage', 'Likely', 'Major', 'CTO', 'Transfer'],
                ['R-8', 'Office flood', '2 - Unlikely', 'severe', 'CTO', 'Avoid']
            ]);
            const run = isms(['import', 'risks', file], dir);
            assert.equal(run.status, 0, run.stderr);
            assert.ok(run.stdout.includes('risk R-7 "Supplier outage" {\n    likelihood 4\n    impact 4\n    owner CTO\n    treatment transfer\n}'), run.stdout);
            assert.ok(run.stdout.includes('risk R-8 "Office flood" {\n    likelihood 2\n    impact 5\n    owner CTO\n    treatment avoid\n}'), run.stdout);
        });

        it('finds the header below a title row, across two merged header rows', async () => {
            const file = path.join(dir, 'merged.xlsx');
            await writeWorkbook(file, 'Register 2026', [
                ['Acme risk register 2026', null, null, null, null, null, null],
                ['Risk', null, 'Inherent', null, 'Residual', null, 'Owner'],
                ['ID', 'Title', 'L', 'I', 'L', 'I', null],
                ['R-1', 'Database lost', 3, 4, 1, 4, 'CTO']
            ], ['A1:G1', 'A2:B2', 'C2:D2', 'E2:F2', 'G2:G3']);
            const run = isms(['import', 'risks', file], dir);
            assert.equal(run.status, 0, run.stderr);
            assert.ok(run.stdout.includes('risk R-1 "Database lost" {\n    likelihood 3\n    impact 4\n    owner CTO\n}'), run.stdout);
            assert.doesNotMatch(run.stderr, /columns ignored/);
        });

        it('reports every mistake with sheet, row, column and what was expected, and writes nothing', async () => {
            const file = path.join(dir, 'errors.xlsx');
            await writeWorkbook(file, 'Risks', [
                ['Title row of the sheet'],
                ['ID', 'Title', 'Likelihood', 'Impact', 'Treatment', 'Controls', 'Review date'],
                ['R-1', 'Bad likelihood', 7, 3, 'mitigate', 'A.8.7', '2026-02-30'],
                [null, 'No id', 2, 2, 'accept', null, null],
                ['R-1', 'Same id again', 2, 2, 'accept', null, null],
                ['R-2', 'Unknown treatment', 2, 2, 'ignore', 'A.8.7, not a control!', '01/09/2026']
            ]);
            const out = path.join(dir, 'out');
            const run = isms(['import', 'risks', file, '--write', out], dir);
            assert.equal(run.status, 1);
            const problems = run.stderr.trim().split('\n').filter(line => line.startsWith(file));
            assert.deepEqual(problems, [
                `${file}:Risks!3:C: likelihood "7" cannot be read (expected 1 to 5 or one of "Rare", "Unlikely", "Possible", "Likely", "Almost certain")`,
                `${file}:Risks!3:G: review date "2026-02-30" cannot be read (expected a date as YYYY-MM-DD)`,
                `${file}:Risks!4:A: a risk without an id (expected a risk id such as R-001)`,
                `${file}:Risks!5:A: risk id R-1 is already used in row 3 (expected a unique risk id)`,
                `${file}:Risks!6:E: treatment "ignore" cannot be read (expected mitigate, accept, transfer or avoid)`,
                `${file}:Risks!6:F: control "not a control!" is not a control id (expected control ids such as A.8.13, separated by commas)`,
                `${file}:Risks!6:G: review date "01/09/2026" cannot be read (expected a date as YYYY-MM-DD)`
            ]);
            assert.match(run.stderr, /isms: nothing written: 2 risk\(s\), 0 name\(s\) to declare, 7 problem\(s\)/);
            assert.equal(fs.existsSync(out), false);
        });

        it('keeps the sheet\'s score as stated-score, so that validate flags a score that contradicts the method', async () => {
            const model = copyOfFolder(ACME_EXAMPLE);
            try {
                const file = path.join(dir, 'old.xlsx');
                await writeWorkbook(file, 'Risks', [
                    ['ID', 'Title', 'Assets', 'Threat', 'L', 'I', 'Score', 'Owner', 'Treatment', 'Acceptance'],
                    ['R-900', 'Old register row', 'CustomerData', 'Ransomware', 3, 3, 12, 'CTO', 'accept', 'CEO']
                ]);
                const run = isms(['import', 'risks', file, '--model', model.dir, '--write', path.join(model.dir, 'imported')], dir);
                assert.equal(run.status, 0, run.stderr);
                assert.match(run.stderr, /0 name\(s\) to declare/);
                const validate = isms(['validate', model.dir, '--format', 'json'], dir);
                const mismatches = (JSON.parse(validate.stdout) as Array<{ code: string, file: string }>).filter(d => d.code === 'score-mismatch');
                assert.deepEqual(mismatches.map(d => path.basename(d.file)), ['old.isms']);
            } finally {
                model.dispose();
            }
        });

        it('imports the risk register exported as XLSX back to the same risks, in files the formatter leaves as they are', async () => {
            const { original, imported, summary, written } = roundTrip(dir, 'risks', 'risks', report => (report as { risks: unknown[] }).risks);
            assert.match(summary, /isms: 31 risk\(s\), 0 name\(s\) to declare, 0 problem\(s\)/);
            assert.equal(original.length, 31);
            assert.deepEqual(imported, original);
            await assertFormatted(written);
        });

        it('refuses bad usage with exit code 2: an unknown --map field, a missing file', () => {
            const map = isms(['import', 'risks', 'x.xlsx', '--map', 'Ref=number'], dir);
            assert.equal(map.status, 2);
            assert.match(map.stderr, /^isms: --map Ref=number: expected COLUMN=FIELD with FIELD one of id, title, /m);
            const missing = isms(['import', 'risks', 'nothing.xlsx'], dir);
            assert.equal(missing.status, 2);
            assert.match(missing.stderr, /^isms: nothing\.xlsx: no such file$/m);
        });

        it('refuses a FIFO at once and a file that is no workbook, with one line each', () => {
            spawnSync('mkfifo', [path.join(dir, 'pipe.csv')]);
            const fifo = isms(['import', 'risks', 'pipe.csv'], dir);
            assert.equal(fifo.status, 2);
            assert.equal(fifo.stderr, 'isms: pipe.csv: cannot be read (not a regular file)\n');
            fs.writeFileSync(path.join(dir, 'fake.xlsx'), 'Risk ID,Title\n');
            const fake = isms(['import', 'risks', 'fake.xlsx'], dir);
            assert.equal(fake.status, 2);
            assert.equal(fake.stderr, 'isms: fake.xlsx: cannot be read as an .xlsx workbook (it is not a zip archive, as every .xlsx file is)\n');
        });
    });

    describe('soa', () => {

        it('reads yes/no decisions, kinds of reason and statuses, and reports what it cannot read', async () => {
            const file = path.join(dir, 'soa.xlsx');
            await writeWorkbook(file, 'SoA', [
                ['Annex A control', 'Applicable', 'Justification for inclusion or exclusion', 'Implementation status', 'Control owner'],
                ['A.5.1', 'Yes', 'Legal: Required by our regulator', 'Implemented', 'CISO'],
                ['A.7.4', 'No', 'Fully remote company', null, null],
                ['A.5.2', 'Maybe', 'Unsure', null, null],
                ['A.99.1', 'Yes', null, null, null],
                ['A.5.3', 'Yes', null, 'Mostly', null]
            ]);
            const run = isms(['import', 'soa', file, '--model', ACME_EXAMPLE], dir);
            assert.equal(run.status, 1);
            assert.ok(run.stdout.includes('apply A.5.1 {\n    status implemented\n    owner CISO\n    because legal "Required by our regulator"\n}\n\nexclude A.7.4 because "Fully remote company"\n\napply A.5.3\n'), run.stdout);
            assert.deepEqual(run.stderr.trim().split('\n').filter(line => line.startsWith(file)), [
                `${file}:SoA!4:B: decision "Maybe" cannot be read (expected applicable or excluded (yes or no))`,
                `${file}:SoA!5:A: control A.99.1 is not in the model (expected a control of the framework or one the model declares)`,
                `${file}:SoA!6:D: status "Mostly" cannot be read (expected implemented, partial, planned or not-started)`
            ]);
        });

        it('imports the SoA exported as XLSX back to the same decisions, justifications, statuses and owners', async () => {
            const { original, imported, summary, written } = roundTrip(dir, 'soa', 'soa.isms', report => (report as { controls: Array<Record<string, unknown>> }).controls
                .map(({ id, decision, justification, status, owner }) => ({ id, decision, justification, status, owner })));
            assert.match(summary, /isms: 93 decision\(s\), 0 name\(s\) to declare, 0 problem\(s\)/);
            assert.equal(original.filter(c => c.decision === 'excluded').length, 5);
            assert.deepEqual(imported, original);
            await assertFormatted(written);
        });
    });
});
