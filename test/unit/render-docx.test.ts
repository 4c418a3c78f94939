import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { PORTRAIT_COLUMNS, renderDocx } from '../../language/reports/render-docx.js';
import { reportContext } from '../../language/reports/report-context.js';
import type { ReportDocument, ReportKind } from '../../language/reports/report-document.js';
import { column } from '../../language/reports/report-document.js';
import { buildReport } from '../../language/reports/report-formats.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';
import { ACME_EXAMPLE } from '../helpers/project.js';

const TODAY = '2026-11-23';

/** Every part of the package, as text. */
async function parts(buffer: Buffer): Promise<Map<string, string>> {
    const zip = await JSZip.loadAsync(buffer);
    const result = new Map<string, string>();
    for (const name of Object.keys(zip.files).sort()) {
        const file = zip.file(name);
        if (file) result.set(name, await file.async('string'));
    }
    return result;
}

async function documentXml(buffer: Buffer): Promise<string> {
    const xml = (await parts(buffer)).get('word/document.xml');
    assert.ok(xml, 'the package has word/document.xml');
    return xml;
}

/** The text of the document as Word shows it: the runs' text, XML references resolved, one line per paragraph. */
function visibleText(xml: string): string {
    return xml.split('</w:p>').map(paragraph => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(match => unescapeXml(match[1])).join('')).join('\n');
}

function unescapeXml(text: string): string {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function count(xml: string, pattern: RegExp): number {
    return xml.match(pattern)?.length ?? 0;
}

function acmeFiles(folder = ACME_EXAMPLE, prefix = ''): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const name = prefix + entry.name;
        if (entry.isDirectory()) Object.assign(files, acmeFiles(path.join(folder, entry.name), `${name}/`));
        else if (entry.name.endsWith('.isms')) files[name] = fs.readFileSync(path.join(folder, entry.name), 'utf8');
    }
    return files;
}

function controlIds(): string[] {
    const themes: Array<[number, number]> = [[5, 37], [6, 8], [7, 14], [8, 34]];
    return themes.flatMap(([theme, last]) => Array.from({ length: last }, (_, index) => `A.${theme}.${index + 1}`));
}

describe('Word reports (renderDocx)', function () {
    this.timeout(120000);

    let workspace: ModelWorkspace;
    const rendered = new Map<ReportKind, { document: ReportDocument, xml: string }>();
    before(async () => {
        workspace = await ModelWorkspace.create(acmeFiles());
        workspace.services.config.Settings.update({ today: TODAY });
        for (const kind of ['soa', 'risk-register', 'treatment-plan', 'review-pack'] as const) {
            const document = buildReport(workspace.services, kind, reportContext(workspace.services, '0123456789abcdef0123456789abcdef01234567'));
            rendered.set(kind, { document, xml: await documentXml(await renderDocx(document)) });
        }
    });

    const report = (kind: ReportKind) => {
        const entry = rendered.get(kind);
        assert.ok(entry, kind);
        return entry;
    };

    it('repeats the header row of every table on each page and splits no row across pages', () => {
        for (const kind of rendered.keys()) {
            const { document, xml } = report(kind);
            const tables = document.tables.filter(table => table.columns.length > 0).length;
            assert.ok(tables > 0, kind);
            assert.equal(count(xml, /<w:tblHeader\/>/g), tables, `${kind}: one repeating header row per table`);
            assert.equal(count(xml, /<w:cantSplit\/>/g), count(xml, /<w:tr[ >]/g), `${kind}: every row is kept whole`);
        }
    });

    it('lays wide tables on landscape pages and the rest upright', () => {
        for (const kind of rendered.keys()) {
            const { document, xml } = report(kind);
            const wide = document.tables.some(table => table.columns.length > PORTRAIT_COLUMNS);
            assert.equal(/w:orient="landscape"/.test(xml), wide, `${kind}: landscape section exactly when a table is wide`);
            assert.match(xml, /w:orient="portrait"/, `${kind}: the title page is upright`);
        }
        assert.ok(report('soa').document.tables[0].columns.length > PORTRAIT_COLUMNS, 'the SoA table is wide');
        // Each table's columns share out the width of its page in twips: A4 less one-inch margins upright, 1.5 cm in landscape.
        const gridWidths = [...report('soa').xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)]
            .map(grid => [...grid[1].matchAll(/w:w="(\d+)"/g)].reduce((sum, width) => sum + Number(width[1]), 0));
        assert.equal(gridWidths[0], 9026, 'the document-control table fills an upright page');
        assert.equal(gridWidths[1], 16838 - 2 * 850, 'the SoA table fills a landscape page');
    });

    it('holds every control of ISO/IEC 27001 Annex A in the SoA', () => {
        const text = visibleText(report('soa').xml);
        const lines = new Set(text.split('\n'));
        const missing = controlIds().filter(id => !lines.has(id));
        assert.deepEqual(missing, []);
        assert.equal(controlIds().length, 93);
    });

    it('holds every risk of the model in the register and the same cells as the other formats', () => {
        const { document, xml } = report('risk-register');
        const lines = new Set(visibleText(xml).split('\n'));
        const declared = Object.values(acmeFiles()).flatMap(text => [...text.matchAll(/^\s*risk (R-\d+)/gm)].map(match => match[1]));
        assert.ok(declared.length >= 30);
        assert.deepEqual(declared.filter(id => !lines.has(id)), []);
        for (const row of document.tables[0].rows) {
            for (const value of Object.values(row)) {
                if (typeof value === 'string' && value.trim() !== '' && !/[\r\n]/.test(value)) assert.ok(lines.has(value), `cell ${value}`);
            }
        }
    });

    it('opens with the title and a document-control table of the report\'s header facts', () => {
        for (const kind of rendered.keys()) {
            const { document, xml } = report(kind);
            const text = visibleText(xml);
            assert.equal(text.split('\n')[0], document.title, kind);
            assert.match(text, /\nDocument control\n/);
            for (const [label, value] of document.meta) {
                assert.ok(text.includes(`\n${label}\n${value}\n`), `${kind}: ${label} ${value}`);
            }
            assert.ok(text.includes('\nCommit\n0123456789abcdef0123456789abcdef01234567\n'), kind);
            assert.ok(text.includes(`\nDate\n${TODAY}\n`), kind);
            for (const table of document.tables) assert.ok(text.includes(`\n${table.title}\n`), `${kind}: heading ${table.title}`);
        }
    });

    it('escapes markup, shows control characters as code points and marks missing facts', async () => {
        const document: ReportDocument = {
            kind: 'soa',
            title: 'Risks <b>& "friends"</b>\u202E',
            meta: [['ISMS', 'Acme & Co <main>'], ['Approval', ''], ['Date', TODAY]],
            notice: 'This report was generated from a model with 1 error.',
            tables: [{
                title: 'Narrow',
                columns: [column('id', 'Id', 8), column('text', 'Text <col>', 40), column('n', 'Score', 6)],
                rows: [
                    { id: 'R-1', text: 'line one\nline <two> & \u0007bell \u202Eevil', n: 12 },
                    { id: 'R-2', text: null, n: null }
                ]
            }],
            json: {}
        };
        const xml = await documentXml(await renderDocx(document));
        assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E]/, 'no raw control character');
        assert.doesNotMatch(xml, /<b>|<main>|<two>|<col>/, 'no model text as markup');
        assert.doesNotMatch(xml, /w:orient="landscape"/, 'three columns stay upright');
        const text = visibleText(xml);
        assert.equal(text.split('\n')[0], 'Risks <b>& "friends"</b><U+202E>');
        assert.ok(text.includes('\nWarning: This report was generated from a model with 1 error.\n'));
        assert.ok(text.includes('\nISMS\nAcme & Co <main>\n'));
        assert.ok(text.includes('\nApproval\n—\n'), 'a fact without a value shows a dash');
        assert.ok(text.includes('\nline one\nline <two> & <U+0007>bell <U+202E>evil\n'), 'each line of a cell is a line in Word');
        assert.ok(text.includes('\n12\n'));
        assert.match(xml, /Text &lt;col&gt;/);
    });

    it('gives the same bytes for the same report, every part dated by the report', async () => {
        const { document } = report('soa');
        const buffer = await renderDocx(document);
        assert.ok(buffer.equals(await renderDocx(document)));
        // The zip's own timestamps (read back as local date and time) are the report's date at midnight, not the time of writing.
        const zip = await JSZip.loadAsync(buffer);
        for (const entry of Object.values(zip.files)) {
            const date = entry.date;
            assert.deepEqual([date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()], [2026, 11, 23, 0, 0], entry.name);
        }
        const first = await parts(buffer);
        const core = first.get('docProps/core.xml') ?? '';
        assert.match(core, new RegExp(`<dcterms:created xsi:type="dcterms:W3CDTF">${TODAY}T00:00:00Z</dcterms:created>`));
        assert.match(core, new RegExp(`<dcterms:modified xsi:type="dcterms:W3CDTF">${TODAY}T00:00:00Z</dcterms:modified>`));
    });

    it('numbers the pages in the footer', async () => {
        const footers = [...(await parts(await renderDocx(report('soa').document))).entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
        assert.ok(footers.length > 0);
        for (const [name, xml] of footers) {
            assert.match(xml, /PAGE/, name);
            assert.match(xml, /NUMPAGES/, name);
        }
    });
});
