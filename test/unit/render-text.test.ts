/**
 * The text renderers of reports (Markdown, HTML, CSV, JSON) on a hand-built report full of
 * hostile model text: markup that would run script in a browser, formulas that a spreadsheet
 * would evaluate, and the characters each format gives a meaning to (pipes, quotes, commas, line
 * breaks, backslashes). Each output is read back (a rough HTML tag scan, a Markdown table
 * splitter, a strict RFC 4180 parser) and compared with the document's cells.
 */
import * as assert from 'node:assert/strict';
import { renderCsv } from '../../language/reports/render-csv.js';
import { renderHtml } from '../../language/reports/render-html.js';
import { renderJson } from '../../language/reports/render-json.js';
import { renderMarkdown } from '../../language/reports/render-markdown.js';
import type { CellValue, ReportDocument } from '../../language/reports/report-document.js';
import { column } from '../../language/reports/report-document.js';

const HOSTILE: ReadonlyArray<readonly [name: string, text: string]> = [
    ['script', '<script>alert(1)</script>'],
    ['attribute', '"><img src=x onerror=alert(1)>'],
    ['hyperlink', '=HYPERLINK("http://evil","x")'],
    ['dde', "+cmd|' /C calc'!A0"],
    ['minus', '-2+3'],
    ['at', '@SUM(A1:A2)'],
    ['tab', '\tTAB leading'],
    ['cr', '\rCR leading'],
    ['pipe', 'a | b'],
    ['newline', 'line one\nline two'],
    ['comma', 'one, two'],
    ['quote', 'say "hi"'],
    ['unicode', 'Müller – 日本'],
    ['backslash', 'C:\\temp\\|x'],
    ['entity', '&lt;b&gt; & AT&T'],
    ['markdown', '*bold* _em_ `code` [link](http://evil) ~~gone~~ snake_case']
];

const DECISIONS = ['applicable', 'excluded', 'undecided'];
const LEVELS = ['low', 'medium', 'high', 'critical'];

/** A new document each call, so that determinism is checked across equal but distinct inputs. */
function makeDocument(): ReportDocument {
    return {
        kind: 'soa',
        title: 'Report <script>alert(1)</script>',
        meta: [
            ['ISMS', 'Müller – 日本'],
            ['Organization', '"><img src=x onerror=alert(1)>'],
            ['Date', '2025-01-31']
        ],
        tables: [
            {
                title: 'Main | <i>table</i>',
                columns: [
                    column('id', 'Id', 6), column('text', 'Text <b>"x"</b>', 40), column('score', 'Score', 6),
                    column('decision', 'Decision', 12), column('level', 'Level', 10)
                ],
                rows: HOSTILE.map(([, text], index) => ({
                    id: `R-${index + 1}`,
                    text,
                    score: index % 3 === 0 ? null : index === 1 ? -5 : index * 1.5,
                    decision: DECISIONS[index % 3],
                    level: LEVELS[index % 4]
                }))
            },
            {
                title: 'Summary',
                columns: [column('theme', 'Theme', 16), column('controls', 'Controls', 10), column('note', 'Note', 20)],
                rows: [
                    { theme: 'organizational', controls: 37, note: '=1+1' },
                    { theme: 'all', controls: 93, note: null }
                ]
            }
        ],
        json: { isms: 'Müller – 日本', evil: '<script>alert(1)</script>', numbers: [1, -5, 2.5], nothing: null, nested: { a: 'x\ny' } },
        figureSvg: '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" viewBox="0 0 20 10"><rect width="20" height="10" fill="#c00"/></svg>'
    };
}

const text = (value: CellValue): string => value === null ? '' : String(value);

// ------------------------------------------------------------------------------------------------
// HTML

const HTML_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'dl', 'dt', 'dd',
    'main', 'figure', 'svg', 'rect', 'section', 'h2', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'wbr', 'footer']);

function unescapeHtml(value: string): string {
    return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The cells of each `<tbody>`, unescaped. */
function htmlBodies(html: string): string[][][] {
    return [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map(body =>
        [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(row =>
            [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(cell => unescapeHtml(cell[1].replace(/<wbr>/g, '')))));
}

describe('renderHtml', () => {
    const document = makeDocument();
    const html = renderHtml(document);

    it('is a complete HTML5 page with charset, generator, title and a strict CSP', () => {
        assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
        assert.ok(html.endsWith('</html>\n'));
        assert.ok(html.includes('<meta charset="utf-8">'));
        assert.ok(html.includes('<meta name="generator" content="ISMS as Code">'));
        assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:[^"]*">/);
        assert.ok(html.includes('<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>'));
        assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'the CSP comes before anything it governs');
    });

    it('has a print-ready stylesheet', () => {
        assert.match(html, /@page\s*\{\s*size:\s*A4 landscape;\s*margin:\s*12mm;?\s*\}/);
        assert.match(html, /thead\s*\{\s*display:\s*table-header-group;?\s*\}/);
        assert.match(html, /tr\s*\{[^}]*break-inside:\s*avoid/);
        assert.match(html, /nth-child\(even\)/);
        for (const name of ['decision-excluded', 'decision-undecided', 'level-high', 'level-critical']) {
            assert.match(html, new RegExp(`td\\.${name}[^{]*\\{[^}]*background:[^}]*color:`), `${name} has a background and a text colour`);
        }
    });

    it('loads and runs nothing: no scripts, no event handlers, no foreign tags', () => {
        assert.doesNotMatch(html, /<script/i);
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
        assert.doesNotMatch(html, /<img/i);
        assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
        for (const tag of html.matchAll(/<\/?([!A-Za-z][^\s>/]*)[^>]*>/g)) {
            assert.ok(HTML_TAGS.has(tag[1].toLowerCase()), `unexpected tag ${tag[0]}`);
            assert.doesNotMatch(tag[0], /\son[a-z]+\s*=|javascript:|src=|href=/i, `tag ${tag[0]}`);
        }
        const textOnly = html.replace(/<[^>]*>/g, '');
        assert.doesNotMatch(textOnly, /[<>]/, 'every < and > of the text is escaped');
        assert.doesNotMatch(html, /<(?:link|iframe|object|embed|base|form)\b/i);
    });

    it('shows the title and the meta as a definition list', () => {
        assert.ok(html.includes('<h1>Report &lt;script&gt;alert(1)&lt;/script&gt;</h1>'));
        assert.ok(html.includes('<dt>ISMS</dt><dd>Müller – 日本</dd>'));
        assert.ok(html.includes('<dt>Organization</dt><dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</dd>'));
        assert.ok(html.includes('<dd>2025-01-31</dd>'));
    });

    it('embeds the figure as it is', () => {
        assert.ok(html.includes(`<figure class="report-figure">\n${document.figureSvg}\n</figure>`));
    });

    it('holds every table, header and row, escaped', () => {
        assert.ok(html.includes('Main | &lt;i&gt;table&lt;/i&gt;'));
        assert.ok(html.includes('Text &lt;b&gt;&quot;x&quot;&lt;/b&gt;</th>'));
        const bodies = htmlBodies(html);
        assert.equal(bodies.length, document.tables.length);
        document.tables.forEach((table, t) => {
            assert.deepEqual(bodies[t], table.rows.map(row => table.columns.map(c => text(row[c.key] ?? null))));
        });
        assert.ok(html.includes('&#39; /C calc&#39;!A0'));
    });

    it('marks decision and level cells with classes', () => {
        assert.match(html, /<td class="col-decision nowrap decision-excluded">excluded<\/td>/);
        assert.match(html, /<td class="col-decision nowrap decision-undecided">undecided<\/td>/);
        assert.match(html, /<td class="col-level nowrap level-high">high<\/td>/);
        assert.match(html, /<td class="col-score num">-5<\/td>/);
    });

    it('lets long words wrap at sensible points and keeps short ones whole', () => {
        const wide: ReportDocument = {
            kind: 'risk-register', title: 'Wide', meta: [], json: {},
            tables: [{
                title: 'Wide', columns: [column('id', 'Risk', 9), column('text', 'Text', 40)],
                rows: [{ id: 'R-001', text: 'OutdatedDependencies see https://wiki.example/a_b?x=<1>' }]
            }]
        };
        const out = renderHtml(wide);
        assert.ok(out.includes('<td class="col-id nowrap">R-001</td>'));
        assert.ok(out.includes('<td class="col-text">Outdated<wbr>Dependencies see https://<wbr>wiki.<wbr>example/<wbr>a_<wbr>b?<wbr>x=<wbr>&lt;1&gt;</td>'));
    });
});

// ------------------------------------------------------------------------------------------------
// Markdown

/** Splits a Markdown table line on its unescaped pipes (the outer ones included). */
function splitRow(line: string): string[] {
    const cells: string[] = [];
    let current = '';
    for (let i = 0; i < line.length; i++) {
        if (line[i] === '\\' && i + 1 < line.length) {
            current += line[i] + line[i + 1];
            i++;
        } else if (line[i] === '|') {
            cells.push(current);
            current = '';
        } else {
            current += line[i];
        }
    }
    cells.push(current);
    assert.equal(cells[0], '', `row starts with a pipe: ${line}`);
    assert.equal(cells[cells.length - 1], '', `row ends with a pipe: ${line}`);
    return cells.slice(1, -1).map(cell => cell.trim());
}

/** What a Markdown cell says once rendered, as text. */
function unescapeMarkdown(cell: string): string {
    return cell.replace(/<br>/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\\(.)/g, '$1');
}

describe('renderMarkdown', () => {
    const document = makeDocument();
    const markdown = renderMarkdown(document);
    const lines = markdown.split('\n');

    it('starts with the generated-file comment and the title, and ends with one newline', () => {
        assert.equal(lines[0], '<!-- Generated by ISMS as Code from the model; edits are overwritten. -->');
        assert.ok(lines.includes('# Report &lt;script&gt;alert(1)&lt;/script&gt;'));
        assert.ok(markdown.endsWith('\n') && !markdown.endsWith('\n\n'));
        assert.doesNotMatch(markdown, /\r/);
    });

    it('lists the meta', () => {
        assert.ok(lines.includes('- **ISMS:** Müller – 日本'));
        assert.ok(lines.includes('- **Organization:** "&gt;&lt;img src=x onerror=alert(1)&gt;'));
        assert.ok(lines.includes('- **Date:** 2025-01-31'));
    });

    it('lets no HTML of the model through', () => {
        const withoutOwnHtml = lines.slice(1).join('\n').replace(/<br>/g, '');
        assert.doesNotMatch(withoutOwnHtml, /[<>]/);
        assert.ok(markdown.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
        assert.ok(markdown.includes('&amp;lt;b&amp;gt; & AT&T'), 'character references in model text stay text');
    });

    it('escapes pipes and backslashes and keeps line breaks inside the cell', () => {
        assert.ok(markdown.includes('| a \\| b |'));
        assert.ok(markdown.includes('C:\\\\temp\\\\\\|x'));
        assert.ok(markdown.includes('line one<br>line two'));
        assert.ok(markdown.includes('\\*bold\\* \\_em\\_ \\`code\\` \\[link\\](http://evil) \\~\\~gone\\~\\~ snake_case'));
    });

    it('writes each table under its heading, one row per line, the cells round-tripping', () => {
        for (const table of document.tables) {
            const start = lines.findIndex(line => line.startsWith('## ') && unescapeMarkdown(line.slice(3)) === table.title);
            assert.ok(start > 0, `heading of ${table.title}`);
            assert.equal(lines[start + 1], '');
            const tableLines: string[] = [];
            for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) tableLines.push(lines[i]);
            assert.equal(tableLines.length, table.rows.length + 2, `one line per row of ${table.title}`);
            assert.deepEqual(splitRow(tableLines[0]).map(unescapeMarkdown), table.columns.map(c => c.header));
            assert.ok(splitRow(tableLines[1]).every(cell => /^-{3,}:?$/.test(cell)));
            table.rows.forEach((row, r) => {
                assert.deepEqual(splitRow(tableLines[r + 2]).map(unescapeMarkdown), table.columns.map(c => text(row[c.key] ?? null).trim()));
            });
        }
        assert.ok(lines.includes('| --- | --- | ---: | --- | --- |'), 'numeric columns align right');
        assert.ok(lines.includes('| --- | ---: | --- |'));
    });
});

// ------------------------------------------------------------------------------------------------
// CSV

/** A strict RFC 4180 parser: CRLF between records, and CR or LF only inside quoted fields. */
function parseCsv(input: string): string[][] {
    const records: string[][] = [];
    let record: string[] = [];
    let i = 0;
    while (i < input.length) {
        let value = '';
        if (input[i] === '"') {
            i++;
            for (;;) {
                assert.ok(i < input.length, 'unterminated quoted field');
                if (input[i] === '"') {
                    if (input[i + 1] === '"') {
                        value += '"';
                        i += 2;
                    } else {
                        i++;
                        break;
                    }
                } else {
                    value += input[i++];
                }
            }
        } else {
            while (i < input.length && !',\r\n'.includes(input[i])) {
                assert.notEqual(input[i], '"', 'a quote in an unquoted field');
                value += input[i++];
            }
        }
        record.push(value);
        if (input[i] === ',') {
            i++;
        } else if (input.startsWith('\r\n', i)) {
            records.push(record);
            record = [];
            i += 2;
        } else {
            assert.equal(i, input.length, `bare CR or LF, or junk after a quoted field, at ${i}`);
            records.push(record);
        }
    }
    return records;
}

const FORMULA = /^[=+\-@\t\r]/;

describe('renderCsv', () => {
    const document = makeDocument();
    const csv = renderCsv(document);
    const table = document.tables[0];

    it('starts with a BOM and ends its records with CRLF', () => {
        assert.ok(csv.startsWith('\uFEFF'));
        assert.ok(csv.endsWith('\r\n'));
        assert.equal(csv.indexOf('\uFEFF', 1), -1, 'one BOM');
    });

    it('holds only the main table, every cell read back, formulas guarded', () => {
        const records = parseCsv(csv.slice(1));
        assert.equal(records.length, table.rows.length + 1);
        assert.deepEqual(records[0], table.columns.map(c => c.header));
        table.rows.forEach((row, r) => {
            assert.deepEqual(records[r + 1], table.columns.map(c => {
                const value = row[c.key] ?? null;
                return typeof value === 'string' && FORMULA.test(value) ? `'${value}` : text(value);
            }));
        });
        const cells = records.flat();
        for (const guarded of ["'=HYPERLINK(\"http://evil\",\"x\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A2)", "'\tTAB leading", "'\rCR leading"]) {
            assert.ok(cells.includes(guarded), `guarded: ${JSON.stringify(guarded)}`);
        }
        assert.ok(cells.includes('-5'), 'numbers are not guarded');
        assert.ok(!cells.includes('Summary') && !cells.includes('organizational'), 'other tables are left out');
    });

    it('quotes only fields that need it, and writes numbers bare', () => {
        assert.ok(csv.includes(',"say ""hi""",'));
        assert.ok(csv.includes(',"one, two",'));
        assert.ok(csv.includes(',"line one\nline two",'));
        assert.ok(csv.includes(',"\'\rCR leading",'));
        assert.ok(csv.includes('R-2,"""><img src=x onerror=alert(1)>",-5,excluded,medium\r\n'));
        assert.ok(csv.includes(',Müller – 日本,'));
        assert.ok(csv.includes('\r\nR-1,<script>alert(1)</script>,,applicable,low\r\n'));
    });
});

// ------------------------------------------------------------------------------------------------
// JSON, determinism, edge cases

describe('renderJson', () => {
    it('round-trips the report JSON, indented, with a final newline', () => {
        const document = makeDocument();
        const json = renderJson(document);
        assert.deepEqual(JSON.parse(json), document.json);
        assert.equal(json, JSON.stringify(document.json, null, 2) + '\n');
    });
});

describe('text renderers', () => {
    it('give the same bytes for the same document', () => {
        for (const render of [renderMarkdown, renderHtml, renderCsv, renderJson]) {
            assert.equal(render(makeDocument()), render(makeDocument()), render.name);
        }
    });

    it('cope with a report without meta, tables or figure', () => {
        const empty: ReportDocument = { kind: 'risk-register', title: 'Empty', meta: [], tables: [], json: {} };
        assert.equal(renderMarkdown(empty), '<!-- Generated by ISMS as Code from the model; edits are overwritten. -->\n\n# Empty\n');
        assert.equal(renderCsv(empty), '\uFEFF');
        assert.equal(renderJson(empty), '{}\n');
        const html = renderHtml(empty);
        assert.ok(html.includes('<h1>Empty</h1>'));
        assert.doesNotMatch(html, /<figure|<table|<dl/);
    });

    it('write a table without rows as its header alone', () => {
        const document: ReportDocument = {
            kind: 'treatment-plan', title: 'Plan', meta: [], json: { actions: [] },
            tables: [{ title: 'Plan', columns: [column('risk', 'Risk', 9), column('due', 'Due', 11)], rows: [] }]
        };
        assert.equal(renderCsv(document), '\uFEFFRisk,Due\r\n');
        assert.ok(renderMarkdown(document).endsWith('## Plan\n\n| Risk | Due |\n| --- | --- |\n'));
        assert.ok(renderHtml(document).includes('<tbody>\n</tbody>'));
    });
});

describe('the notice of a report built from a model with errors', () => {
    const NOTICE = 'This report was generated from a model with 2 errors <b>& more</b>; fix them.';
    const withNotice = (): ReportDocument => ({ ...makeDocument(), notice: NOTICE });

    it('comes in Markdown as a quoted warning between the title and the header facts', () => {
        const lines = renderMarkdown(withNotice()).split('\n');
        const title = lines.findIndex(line => line.startsWith('# '));
        assert.equal(lines[title + 2], '> **Warning:** This report was generated from a model with 2 errors &lt;b&gt;& more&lt;/b&gt;; fix them.');
        assert.ok(lines[title + 4].startsWith('- **'), 'the header facts follow');
        assert.doesNotMatch(renderMarkdown(makeDocument()), /Warning/);
    });

    it('comes in HTML as an alert in the header, escaped', () => {
        const html = renderHtml(withNotice());
        assert.match(html, /<\/h1>\n<p class="report-notice" role="alert"><strong>Warning:<\/strong> This report was generated from a model with 2 errors &lt;b&gt;&amp; more&lt;\/b&gt;; fix them\.<\/p>\n<dl class="meta">/);
        assert.doesNotMatch(renderHtml(makeDocument()), /class="report-notice"/);
    });

    it('comes in CSV as a record of its own before the header', () => {
        const records = parseCsv(renderCsv(withNotice()).slice(1));
        assert.deepEqual(records[0], [`Warning: ${NOTICE}`]);
        assert.deepEqual(records[1], makeDocument().tables[0].columns.map(c => c.header));
        assert.equal(records.length, makeDocument().tables[0].rows.length + 2);
    });
});
