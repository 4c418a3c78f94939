import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { renderXlsx } from '../../language/reports/render-xlsx.js';
import { column, type ReportDocument } from '../../language/reports/report-document.js';
import { cellLines, rowHeight } from '../../language/reports/xlsx-row-height.js';

function documentWith(title: string, notice?: string): ReportDocument {
    return {
        kind: 'risk-register',
        title: 'Risk register',
        meta: [['Date', '2026-11-23']],
        notice,
        tables: [{
            title,
            columns: [column('id', 'Risk', 8), column('text', 'Description', 30)],
            rows: [
                { id: 'R-1', text: 'short' },
                { id: 'R-2', text: 'first line\nsecond line\nthird line' },
                { id: 'R-3', text: 'word '.repeat(60).trim() }
            ]
        }],
        json: {}
    };
}

async function load(document: ReportDocument): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await renderXlsx(document) as unknown as ArrayBuffer);
    return workbook;
}

describe('XLSX print layout', () => {
    describe('row heights', () => {
        it('counts one line for text that fits, and one per explicit line break', () => {
            assert.equal(cellLines({ text: 'short', width: 30, wraps: true }), 1);
            assert.equal(cellLines({ text: 'a\nb\r\nc', width: 30, wraps: true }), 3);
            assert.equal(cellLines({ text: 'a\nb', width: 30, wraps: false }), 1);
        });

        it('breaks between words, and a word longer than the line over several lines', () => {
            // 29 characters a line: six words of four letters and their spaces take 29.
            assert.equal(cellLines({ text: 'word word word word word word', width: 30, wraps: true }), 1);
            assert.equal(cellLines({ text: 'word word word word word word x', width: 30, wraps: true }), 2);
            assert.equal(cellLines({ text: 'x'.repeat(59), width: 30, wraps: true }), 3);
            assert.equal(cellLines({ text: `ab ${'x'.repeat(58)}`, width: 30, wraps: true }), 3);
        });

        it('takes the tallest cell of the row, within Excel\'s limit of 409 points', () => {
            assert.equal(rowHeight([{ text: 'a', width: 10, wraps: true }, { text: 'a\nb\nc', width: 10, wraps: true }]), 3 * 15 + 2);
            assert.equal(rowHeight([{ text: 'a\n'.repeat(100), width: 10, wraps: true }]), 409);
        });
    });

    it('writes each row as high as its wrapped text', async () => {
        const sheet = (await load(documentWith('Risks'))).worksheets[0];
        const heights = [2, 3, 4].map(row => sheet.getRow(row).height);
        assert.equal(heights[0], 17);
        assert.equal(heights[1], 3 * 15 + 2);
        assert.ok(heights[2] >= 10 * 15, `60 words in a column of 30 take at least 10 lines: ${heights[2]} pt`);
    });

    it('wraps a cell of a narrow column when its text does not fit, so that no print cuts it off', async () => {
        const sheet = (await load({
            ...documentWith('Risks'),
            tables: [{
                title: 'Risks',
                columns: [column('id', 'Risk', 8), column('assets', 'Assets', 12)],
                rows: [{ id: 'R-1', assets: 'Laptops' }, { id: 'R-2', assets: 'Laptops, Office, Cloud' }, { id: 'R-3', assets: 'A\nB' }]
            }]
        })).worksheets[0];
        assert.deepEqual(['B2', 'B3', 'B4', 'A2'].map(cell => sheet.getCell(cell).alignment?.wrapText === true), [false, true, true, false]);
        assert.deepEqual([2, 3, 4].map(row => sheet.getRow(row).height), [17, 3 * 15 + 2, 2 * 15 + 2]);
    });

    it('prints table sheets landscape on A4, one page wide, with the header repeated and page numbers', async () => {
        for (const [notice, titles] of [[undefined, '1:1'], ['The model has errors', '1:2']] as const) {
            const sheet = (await load(documentWith('Risks', notice))).worksheets[0];
            assert.equal(sheet.pageSetup.orientation, 'landscape');
            assert.equal(sheet.pageSetup.paperSize, 9);
            assert.equal(sheet.pageSetup.fitToPage, true);
            assert.equal(sheet.pageSetup.fitToWidth, 1);
            assert.equal(sheet.pageSetup.fitToHeight, 0);
            assert.equal(sheet.pageSetup.printTitlesRow, titles);
            assert.match(sheet.headerFooter.oddFooter ?? '', /&P of &N/);
        }
    });

    it('repeats no header for a sheet name with an apostrophe, which exceljs would write unquoted', async () => {
        const workbook = await load(documentWith("Owner's risks"));
        assert.equal(workbook.worksheets[0].name, "Owner's risks");
        assert.equal(workbook.worksheets[0].pageSetup.printTitlesRow, undefined);
        assert.equal(workbook.worksheets[0].pageSetup.orientation, 'landscape');
    });
});
