import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { neutralizeCell } from '../../language/reports/cell-guard.js';
import { renderXlsx, sheetName } from '../../language/reports/render-xlsx.js';
import type { ReportDocument } from '../../language/reports/report-document.js';
import { column } from '../../language/reports/report-document.js';

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tTab', '\rCR'];

function sampleDocument(meta: ReportDocument['meta'] = [['ISMS', 'Acme ISMS'], ['Organization', '=Acme'], ['Date', '2025-03-14']]): ReportDocument {
    return {
        kind: 'soa',
        title: 'Statement of Applicability',
        meta,
        tables: [
            {
                title: 'Statement of Applicability',
                columns: [column('id', 'Control', 9), column('title', 'Title', 45), column('count', 'Risks', 8)],
                rows: [
                    { id: 'A.5.1', title: 'Policies for information security', count: 2 },
                    ...HOSTILE.map((text, index) => ({ id: `A.5.${index + 2}`, title: text, count: index })),
                    { id: 'A.5.8', title: '<script>alert(1)</script> & "quotes"', count: 1.5 },
                    { id: 'A.5.9', title: null, count: null },
                    { id: '42', title: 'A number as text stays text', count: -3 }
                ]
            },
            {
                title: 'Summary',
                columns: [column('theme', 'Theme', 15), column('controls', 'Controls', 10)],
                rows: [{ theme: 'organizational', controls: 37 }, { theme: 'people', controls: 8 }]
            },
            {
                title: 'Risks: [high/critical] *really* important? yes\\no',
                columns: [column('id', '=Id', 10)],
                rows: []
            },
            {
                title: 'summary',
                columns: [column('id', 'Id', 10)],
                rows: [{ id: 'x' }]
            },
            {
                title: "Owner's view & more",
                columns: [column('id', 'Id', 10)],
                rows: [{ id: 'y' }]
            }
        ],
        json: {}
    };
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    // exceljs's typings declare their own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
    const found = workbook.getWorksheet(name);
    assert.ok(found, `sheet '${name}' exists`);
    return found;
}

/** Every cell that has a value, on every sheet. */
function allCells(workbook: ExcelJS.Workbook): ExcelJS.Cell[] {
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet(worksheet => worksheet.eachRow({ includeEmpty: false }, row => row.eachCell({ includeEmpty: false }, cell => { cells.push(cell); })));
    return cells;
}

describe('XLSX renderer', () => {

    let buffer: Buffer;
    let workbook: ExcelJS.Workbook;

    before(async () => {
        buffer = await renderXlsx(sampleDocument());
        workbook = await load(buffer);
    });

    describe('neutralizeCell', () => {
        it('prefixes an apostrophe to text that could be taken for a formula', () => {
            for (const text of HOSTILE) assert.equal(neutralizeCell(text), `'${text}`);
        });

        it('leaves other text alone', () => {
            for (const text of ['', 'A.5.1', 'a = b', ' =x', '<script>', "'quoted", '1+1', '\nLF']) assert.equal(neutralizeCell(text), text);
        });
    });

    describe('sheetName', () => {
        it('strips the characters Excel forbids, cuts to 31 characters and keeps names unique ignoring case', () => {
            const taken = new Set<string>(['history']);
            assert.equal(sheetName('Statement of Applicability', taken), 'Statement of Applicability');
            assert.equal(sheetName('Risks: [high/critical] *really* important?', taken), 'Risks highcritical really impor');
            assert.equal(sheetName('STATEMENT of applicability', taken), 'STATEMENT of applicability (2)');
            assert.equal(sheetName('A very long table title that is far too long', taken), 'A very long table title that is');
            assert.equal(sheetName('A very long table title that is far too long', taken), 'A very long table title tha (2)');
            assert.equal(sheetName("'quoted'", taken), 'quoted');
            assert.equal(sheetName("Owner's view", taken), "Owner's view");
            assert.equal(sheetName('???', taken), 'Sheet');
            assert.equal(sheetName('History', taken), 'History (2)');
            for (const name of taken) assert.ok(name.length <= 31, name);
        });
    });

    it('gives one sheet per table, named after its title, then an About sheet', () => {
        assert.deepEqual(workbook.worksheets.map(worksheet => worksheet.name),
            ['Statement of Applicability', 'Summary', 'Risks highcritical really impor', 'summary (2)', "Owner's view & more", 'About']);
    });

    it('puts the header in row 1, bold on a light fill, frozen and with an autofilter', () => {
        const soa = sheet(workbook, 'Statement of Applicability');
        const header = soa.getRow(1);
        assert.deepEqual([1, 2, 3].map(index => header.getCell(index).value), ['Control', 'Title', 'Risks']);
        for (const index of [1, 2, 3]) {
            const cell = header.getCell(index);
            assert.equal(cell.font?.bold, true);
            assert.equal(cell.fill?.type, 'pattern');
            assert.equal((cell.fill as ExcelJS.FillPattern).pattern, 'solid');
        }
        assert.equal(soa.views.length, 1);
        assert.equal(soa.views[0]?.state, 'frozen');
        assert.equal((soa.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 1);
        assert.equal(soa.autoFilter, 'A1:C11');
        assert.equal(sheet(workbook, 'Summary').autoFilter, 'A1:B3');
        assert.equal(sheet(workbook, 'Risks highcritical really impor').autoFilter, 'A1:A1', 'an empty table still filters its header');
    });

    it('sets the column widths and wraps the wide text columns', () => {
        const soa = sheet(workbook, 'Statement of Applicability');
        assert.deepEqual([1, 2, 3].map(index => soa.getColumn(index).width), [9, 45, 8]);
        assert.deepEqual([1, 2].map(index => sheet(workbook, 'Summary').getColumn(index).width), [15, 10]);
        assert.equal(soa.getCell('B2').alignment?.wrapText, true);
        assert.notEqual(soa.getCell('A2').alignment?.wrapText, true);
    });

    it('stores numbers as numbers, text as text, and null as empty cells', () => {
        const soa = sheet(workbook, 'Statement of Applicability');
        assert.equal(soa.getCell('C2').type, ExcelJS.ValueType.Number);
        assert.equal(soa.getCell('C2').value, 2);
        assert.equal(soa.getCell('C9').value, 1.5);
        assert.equal(soa.getCell('C11').value, -3, 'a negative number is a number, not guarded text');
        assert.equal(soa.getCell('A11').type, ExcelJS.ValueType.String);
        assert.equal(soa.getCell('A11').value, '42');
        assert.equal(soa.getCell('B9').value, '<script>alert(1)</script> & "quotes"');
        assert.equal(soa.getCell('B10').type, ExcelJS.ValueType.Null);
        assert.equal(soa.getCell('C10').value, null);
        assert.equal(sheet(workbook, 'Summary').getCell('B2').value, 37);
    });

    it('prefixes an apostrophe to every string that could be taken for a formula', () => {
        const soa = sheet(workbook, 'Statement of Applicability');
        const titles = HOSTILE.map((_, index) => soa.getCell(index + 3, 2));
        for (const cell of titles) {
            assert.equal(cell.type, ExcelJS.ValueType.String);
            assert.ok(String(cell.value).startsWith("'"), `${JSON.stringify(cell.value)} is guarded`);
        }
        assert.deepEqual(titles.slice(0, 5).map(cell => cell.value), HOSTILE.slice(0, 5).map(text => `'${text}`));
        // XML turns a carriage return into a line feed when read; the guard is what matters.
        assert.match(String(titles[5]?.value), /^'[\r\n]CR$/);
        assert.equal(sheet(workbook, 'Risks highcritical really impor').getCell('A1').value, "'=Id", 'headers are guarded too');
        assert.equal(sheet(workbook, 'About').getCell('B4').value, "'=Acme", 'header facts are guarded too');
    });

    it('has no formula anywhere and no text that starts like one', () => {
        const cells = allCells(workbook);
        assert.ok(cells.length > 40);
        for (const cell of cells) {
            assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${cell.address} is not a formula`);
            assert.equal(cell.formula, undefined, `${cell.address} has no formula`);
            if (typeof cell.value === 'string') assert.doesNotMatch(cell.value, /^[=+\-@\t\r]/, `${cell.address} is guarded`);
        }
    });

    it('writes the title and the header facts on the About sheet', () => {
        const about = sheet(workbook, 'About');
        assert.equal(about.getCell('A1').value, 'Statement of Applicability');
        assert.equal(about.getCell('A1').font?.bold, true);
        assert.equal(about.getRow(2).cellCount, 0, 'a blank row');
        assert.deepEqual([3, 4, 5].map(row => [about.getCell(row, 1).value, about.getCell(row, 2).value]),
            [['ISMS', 'Acme ISMS'], ['Organization', "'=Acme"], ['Date', '2025-03-14']]);
        assert.equal(about.getCell('A3').font?.bold, true);
    });

    it('states a fixed author and the report date as the document times', () => {
        assert.equal(workbook.creator, 'ISMS as Code');
        assert.equal(workbook.lastModifiedBy, 'ISMS as Code');
        const date = new Date(Date.UTC(2025, 2, 14)).toISOString();
        assert.equal(workbook.created.toISOString(), date);
        assert.equal(workbook.modified.toISOString(), date);
        assert.equal(workbook.lastPrinted.toISOString(), date);
    });

    it('dates every zip entry to the report date', () => {
        const dosDate = ((2025 - 1980) << 9) | (3 << 5) | 14;
        let entries = 0;
        for (let offset = buffer.indexOf('PK\x01\x02', 0, 'latin1'); offset >= 0; offset = buffer.indexOf('PK\x01\x02', offset + 4, 'latin1')) {
            assert.equal(buffer.readUInt16LE(offset + 12), 0, 'central directory time');
            assert.equal(buffer.readUInt16LE(offset + 14), dosDate, 'central directory date');
            const local = buffer.readUInt32LE(offset + 42);
            assert.equal(buffer.readUInt32LE(local), 0x04034b50);
            assert.equal(buffer.readUInt16LE(local + 10), 0, 'local header time');
            assert.equal(buffer.readUInt16LE(local + 12), dosDate, 'local header date');
            entries++;
        }
        assert.ok(entries >= 10, `${entries} entries`);
    });

    it('falls back to 2000-01-01 without a valid Date header fact', async () => {
        for (const meta of [[], [['Date', '2025-02-30']], [['Date', 'today']]] as Array<ReportDocument['meta']>) {
            const other = await load(await renderXlsx(sampleDocument(meta)));
            assert.equal(other.created.toISOString(), '2000-01-01T00:00:00.000Z');
        }
    });

    it('gives byte-identical output for the same document, even seconds apart', async function () {
        this.timeout(20000);
        const first = await renderXlsx(sampleDocument());
        await sleep(2100);
        const second = await renderXlsx(sampleDocument());
        assert.ok(first.equals(second), 'the two renders are byte-identical');
        assert.ok(first.equals(buffer), 'and equal to the one rendered before');
    });

    it('puts the notice of a model with errors above the header of every table sheet and on the About sheet', async () => {
        const notice = 'This report was generated from a model with 1 error; =fix it.';
        const noticed = await load(await renderXlsx({ ...sampleDocument(), notice }));
        for (const name of ['Statement of Applicability', 'Summary', 'summary (2)']) {
            const table = sheet(noticed, name);
            assert.equal(table.getCell('A1').value, `Warning: ${notice}`, name);
            assert.equal(table.getCell('A1').font?.bold, true);
            assert.equal((table.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 2, `${name}: the header stays frozen below the notice`);
        }
        const soa = sheet(noticed, 'Statement of Applicability');
        assert.deepEqual([1, 2, 3].map(index => soa.getRow(2).getCell(index).value), ['Control', 'Title', 'Risks']);
        assert.equal(soa.getCell('A3').value, 'A.5.1');
        assert.equal(soa.autoFilter, 'A2:C12');
        assert.equal(sheet(noticed, 'About').getCell('A2').value, `Warning: ${notice}`);
        assert.equal(sheet(noticed, 'About').getCell('A3').value, 'ISMS');
        assert.doesNotMatch(String(sheet(workbook, 'Statement of Applicability').getCell('A1').value), /Warning/);
    });
});
