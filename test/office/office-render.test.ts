import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertToPdf, pagePng, pageTexts, pdfInfo } from '../helpers/office.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, PROJECT_ROOT } from '../helpers/project.js';

/** The formats printed through LibreOffice; a renderer for another office format adds itself here. */
const OFFICE_FORMATS = ['xlsx', 'docx'] as const;
const MAX_PAGES: Record<typeof OFFICE_FORMATS[number], number> = { xlsx: 12, docx: 30 };
const TODAY = '2026-11-23';
const RESULTS = path.join(PROJECT_ROOT, 'test-results', 'office');

/** The 93 controls of ISO/IEC 27001:2022 Annex A: A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34. */
const ANNEX_A = ([[5, 37], [6, 8], [7, 14], [8, 34]] as const)
    .flatMap(([theme, count]) => Array.from({ length: count }, (_, index) => `A.${theme}.${index + 1}`));

interface PrintedReport {
    readonly command: string;
    readonly file: string;
    /** The first and last column headers of the main table. */
    readonly firstHeader: string;
    readonly lastHeader: string;
    /** The ids that must each start a table row, read from the report's JSON. */
    readonly ids: (json: any) => string[];
    /** Whether the main table is wide enough to be printed landscape in every format. */
    readonly wide: boolean;
    /** The formats the report is written in, when not every office format. */
    readonly formats?: readonly string[];
}

const REPORTS: PrintedReport[] = [
    { command: 'soa', file: 'statement-of-applicability', firstHeader: 'Control', lastHeader: 'Attributes', ids: () => ANNEX_A, wide: true },
    { command: 'risks', file: 'risk-register', firstHeader: 'Risk', lastHeader: 'Reviewed', ids: json => json.risks.map((risk: any) => risk.id), wide: true },
    { command: 'treatment-plan', file: 'risk-treatment-plan', firstHeader: 'Risk', lastHeader: 'Due', ids: json => json.actions.map((action: any) => action.risk.id), wide: true },
    // The review pack has no spreadsheet form; its first table lists the ten inputs of clause 9.3.2.
    { command: 'review-pack', file: 'management-review-pack', firstHeader: 'Input', lastHeader: 'What the model holds', ids: json => Object.keys(json.inputs), wide: false, formats: ['docx'] }
];

function isms(args: string[], cwd: string): string {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    assert.equal(run.status, 0, `isms ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('acme reports printed by LibreOffice', function () {
    this.timeout(300000);

    let acme: ReturnType<typeof copyOfFolder>;
    before(() => {
        acme = copyOfFolder(ACME_EXAMPLE);
        fs.rmSync(RESULTS, { recursive: true, force: true });
        fs.mkdirSync(RESULTS, { recursive: true });
    });
    after(() => acme.dispose());

    for (const format of OFFICE_FORMATS) {
        for (const report of REPORTS.filter(candidate => !candidate.formats || candidate.formats.includes(format))) {
            it(`prints the ${report.command} ${format} report whole, one page wide`, () => {
                const out = path.join(acme.dir, 'printed', format);
                isms([report.command, '.', '--date', TODAY, '--format', format, '--out', `printed/${format}/`], acme.dir);
                const json = JSON.parse(isms([report.command, '.', '--date', TODAY, '--format', 'json'], acme.dir));
                const pdf = convertToPdf(path.join(out, `${report.file}.${format}`), out, path.join(acme.dir, 'office-profile'));
                const info = pdfInfo(pdf);
                // acme's tables fill a few pages in a spreadsheet, a few more in Word, whose rows are as
                // high as their longest cell; many more would mean the table was cut into strips.
                assert.ok(info.pages >= 1 && info.pages <= MAX_PAGES[format], `${report.file}.${format} has a plausible page count: ${info.pages}`);

                const pages = pageTexts(pdf, info.pages);
                const text = pages.join('\n');
                for (const id of report.ids(json)) {
                    assert.match(text, new RegExp(`^\\s*${escapeRegExp(id)}\\s`, 'm'), `${id} starts a row of ${report.file}.${format}`);
                }

                // No table is split by column across pages. A table too wide for the page would
                // be printed in strips: its first columns on some pages and the rest on later ones.
                // The row ids are in the first column and the header row is repeated on every
                // page, so every page that holds a row must also hold, on one line, the header of
                // the first column and, after it, that of the last: a page of a left strip lacks
                // the last header, and a page of a right strip has no row ids.
                const header = new RegExp(`^\\s*${escapeRegExp(report.firstHeader)}\\s.*\\s${escapeRegExp(report.lastHeader)}\\b`, 'm');
                const rowStart = new RegExp(`^\\s*(${report.ids(json).map(escapeRegExp).join('|')})\\s`, 'm');
                const tablePages = pages.flatMap((page, index) => rowStart.test(page) ? [index] : []);
                assert.ok(tablePages.length > 0, `${report.file}.${format} has pages with table rows`);
                for (const index of tablePages) {
                    assert.match(pages[index], header, `page ${index + 1} of ${report.file}.${format} holds the table's full header, first to last column`);
                    const { width, height } = info.sizes[index];
                    if (report.wide) assert.ok(width > height, `page ${index + 1} of ${report.file}.${format}, with the wide table, is landscape (${width} x ${height} pt)`);
                }
                pagePng(pdf, tablePages[0] + 1, path.join(RESULTS, `${report.file}-${format}`));
            });
        }
    }
});
