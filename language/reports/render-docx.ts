import type { FileChild, ISectionOptions } from 'docx';
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { showControlCharacters } from '../text/control-characters.js';
import type { CellValue, ReportDocument, ReportTable } from './report-document.js';

/**
 * Renders a report as a Word document: the title, the notice (if any), a document-control table
 * of the report's header facts, then each table under its own heading. Header rows repeat on
 * every page and no row is split across pages; a table wider than `PORTRAIT_COLUMNS` columns
 * gets a landscape section of its own. Every page has its number in the footer.
 *
 * Model text reaches the document only as text runs (the library escapes `<`, `&`, `>`), with
 * control and bidi characters shown as code points (`<U+202E>`), as in the other formats.
 *
 * The document's properties carry the report's date, not the time it was written. The zip the
 * library packs still stamps each entry with the current time (it gives no way to set it), so
 * two renderings of the same report hold the same parts but not always the same bytes.
 */
export async function renderDocx(document: ReportDocument): Promise<Buffer> {
    const word = new Document({
        creator: AUTHOR,
        lastModifiedBy: AUTHOR,
        title: plain(document.title),
        sections: sections(document)
    });
    const date = reportDate(document);
    // The library stamps the created and modified properties with the current time; the report's own date replaces them.
    return Packer.toBuffer(word, false, [{ path: 'docProps/core.xml', data: coreProperties(document, date) }]);
}

const AUTHOR = 'ISMS as Code';
/** Tables with more columns than this get a landscape page: an SoA or a register does not fit upright. */
export const PORTRAIT_COLUMNS = 5;
/** Shown for a header fact without a value: the report states nothing, and the document says so. */
const MISSING = '—';
/** The width for text on an A4 page with the library's margins of one inch, in twentieths of a point. */
const TEXT_WIDTH = { portrait: 11906 - 2 * 1440, landscape: 16838 - 2 * 1440 };
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' };
const NOTICE_COLOR = '7A0000';

/** Consecutive blocks of the same orientation share a section; each section has its own footer. */
function sections(document: ReportDocument): ISectionOptions[] {
    const result: Array<{ landscape: boolean, children: FileChild[] }> = [];
    const add = (landscape: boolean, children: FileChild[]) => {
        const last = result[result.length - 1];
        if (last && last.landscape === landscape) last.children.push(...children);
        else result.push({ landscape, children });
    };
    add(false, opening(document));
    for (const table of document.tables) {
        const landscape = table.columns.length > PORTRAIT_COLUMNS;
        add(landscape, tableBlock(table, landscape ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait));
    }
    return result.map(({ landscape, children }) => ({
        properties: { page: { size: { orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT } } },
        footers: { default: pageFooter() },
        children
    }));
}

/** The title, the notice and the document-control table. */
function opening(document: ReportDocument): FileChild[] {
    const children: FileChild[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(plain(document.title))] })];
    if (document.notice) {
        children.push(new Paragraph({ children: [new TextRun({ text: `Warning: ${plain(document.notice)}`, bold: true, color: NOTICE_COLOR })] }));
    }
    if (document.meta.length > 0) {
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Document control')] }));
        children.push(new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: [0.3, 0.7].map(share => Math.round(share * TEXT_WIDTH.portrait)),
            rows: document.meta.map(([label, value]) => new TableRow({
                cantSplit: true,
                children: [headerCell(label), textCell(value.trim() === '' ? MISSING : value)]
            }))
        }));
    }
    return children;
}

function tableBlock(table: ReportTable, textWidth: number): FileChild[] {
    const children: FileChild[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(plain(table.title))] })];
    if (table.columns.length === 0) return children;
    const total = table.columns.reduce((sum, column) => sum + column.width, 0);
    children.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        // The page's width shared out as the spreadsheet widths are, so prose columns get the room.
        columnWidths: table.columns.map(column => Math.max(1, Math.round(column.width / total * textWidth))),
        rows: [
            new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map(column => headerCell(column.header)) }),
            ...table.rows.map(row => new TableRow({
                cantSplit: true,
                children: table.columns.map(column => textCell(row[column.key] ?? null))
            }))
        ]
    }));
    // Two tables in a row would merge into one in Word; an empty paragraph keeps them apart.
    children.push(new Paragraph({}));
    return children;
}

function headerCell(text: string): TableCell {
    return new TableCell({ shading: HEADER_SHADING, children: [new Paragraph({ children: [new TextRun({ text: plain(text), bold: true })] })] });
}

/** A cell's text, a line of the cell per line of the text; numbers right-aligned. */
function textCell(value: CellValue): TableCell {
    if (typeof value === 'number') {
        const text = Number.isFinite(value) ? String(value) : '';
        return new TableCell({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(text)] })] });
    }
    const lines = value === null ? [''] : showControlCharacters(value).split(/\r\n|\r|\n|\u2028|\u2029/);
    return new TableCell({ children: lines.map(line => new Paragraph({ children: [new TextRun(line)] })) });
}

function pageFooter(): Footer {
    return new Footer({
        children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })]
        })]
    });
}

/** Text on one line, control characters shown: for titles, headings and the notice. */
function plain(text: string): string {
    return showControlCharacters(text).replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ').trim();
}

/** The day the report is as of (its 'Date' fact) at UTC midnight; a report without a valid one gets 2000-01-01. */
function reportDate(document: ReportDocument): string {
    const text = document.meta.find(([label]) => label === 'Date')?.[1].trim() ?? '';
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().startsWith(text);
    return `${valid ? text : '2000-01-01'}T00:00:00Z`;
}

function coreProperties(document: ReportDocument, date: string): string {
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        + 'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + `<dc:title>${xmlText(plain(document.title))}</dc:title>`
        + `<dc:creator>${AUTHOR}</dc:creator><cp:lastModifiedBy>${AUTHOR}</cp:lastModifiedBy>`
        + `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>`
        + `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`
        + '</cp:coreProperties>';
}

/** `showControlCharacters` has already replaced every character XML 1.0 forbids. */
function xmlText(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
