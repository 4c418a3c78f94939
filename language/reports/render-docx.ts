import type { FileChild, ISectionOptions } from 'docx';
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { showControlCharacters } from '../text/control-characters.js';
import type { CellValue, ReportDocument, ReportTable } from './report-document.js';
import { documentDate, fixZipTimestamps } from './zip-timestamps.js';
import { layoutDocxTable, TABLE_FONT } from './docx-column-widths.js';

/**
 * Renders a report as a Word document: the title, the notice (if any), a document-control table
 * of the report's header facts, then each table under its own heading. Header rows repeat on
 * every page and no row is split across pages; a table wider than `PORTRAIT_COLUMNS` columns
 * gets a landscape section of its own. Every page has its number in the footer.
 *
 * Model text reaches the document only as text runs (the library escapes `<`, `&`, `>`), with
 * control and bidi characters shown as code points (`<U+202E>`), as in the other formats.
 *
 * The document's properties and the zip's entries carry the report's date, not the time it was
 * written, so the same report gives the same bytes.
 */
export async function renderDocx(document: ReportDocument): Promise<Buffer> {
    const word = new Document({
        creator: AUTHOR,
        lastModifiedBy: AUTHOR,
        title: plain(document.title),
        sections: sections(document)
    });
    const date = documentDate(document);
    // The library stamps the created and modified properties with the current time; the report's own date replaces them.
    const zip = await Packer.toBuffer(word, false, [{ path: 'docProps/core.xml', data: coreProperties(document, date.toISOString().replace('.000Z', 'Z')) }]);
    return fixZipTimestamps(zip, date);
}

const AUTHOR = 'ISMS as Code';
/** Tables with more columns than this get a landscape page: an SoA or a register does not fit upright. */
export const PORTRAIT_COLUMNS = 5;
/** Shown for a header fact without a value: the report states nothing, and the document says so. */
const MISSING = '—';
/**
 * The pages, in twentieths of a point: A4 upright with the library's one-inch margins; A4
 * landscape with 1.5 cm margins for wide tables; A3 landscape for tables too wide to read on A4
 * (a risk register of two dozen columns), as registers are printed.
 */
type PageKind = 'portrait' | 'landscape' | 'wide';
const PAGES: Record<PageKind, { readonly width: number, readonly height: number, readonly margin: number }> = {
    portrait: { width: 11906, height: 16838, margin: 1440 },
    landscape: { width: 16838, height: 11906, margin: 850 },
    wide: { width: 23811, height: 16838, margin: 850 }
};
/** Tables with more columns than this get an A3 page. */
export const A4_COLUMNS = 16;

function textWidth(page: PageKind): number {
    return PAGES[page].width - 2 * PAGES[page].margin;
}

function pageFor(table: ReportTable): PageKind {
    return table.columns.length > A4_COLUMNS ? 'wide' : table.columns.length > PORTRAIT_COLUMNS ? 'landscape' : 'portrait';
}

const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' };
const NOTICE_COLOR = '7A0000';

/** Consecutive blocks of the same orientation share a section; each section has its own footer. */
function sections(document: ReportDocument): ISectionOptions[] {
    const result: Array<{ page: PageKind, children: FileChild[] }> = [];
    const add = (page: PageKind, children: FileChild[]) => {
        const last = result[result.length - 1];
        if (last && last.page === page) last.children.push(...children);
        else result.push({ page, children });
    };
    add('portrait', opening(document));
    for (const table of document.tables) {
        const page = pageFor(table);
        add(page, tableBlock(table, textWidth(page)));
    }
    return result.map(({ page, children }) => ({
        properties: {
            page: {
                // The library swaps width and height itself for a landscape page.
                size: page === 'portrait'
                    ? { width: PAGES.portrait.width, height: PAGES.portrait.height, orientation: PageOrientation.PORTRAIT }
                    : { width: PAGES[page].height, height: PAGES[page].width, orientation: PageOrientation.LANDSCAPE },
                margin: { left: PAGES[page].margin, right: PAGES[page].margin }
            }
        },
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
            columnWidths: [0.3, 0.7].map(share => Math.round(share * textWidth('portrait'))),
            rows: document.meta.map(([label, value]) => new TableRow({
                cantSplit: true,
                children: [headerCell(label, TABLE_FONT.largest), textCell(value.trim() === '' ? MISSING : value, TABLE_FONT.largest)]
            }))
        }));
    }
    return children;
}

function tableBlock(table: ReportTable, textWidth: number): FileChild[] {
    const children: FileChild[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(plain(table.title))] })];
    if (table.columns.length === 0) return children;
    const { fontSize, widths } = layoutDocxTable(table, textWidth);
    children.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        columnWidths: [...widths],
        rows: [
            new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map(column => headerCell(column.header, fontSize)) }),
            ...table.rows.map(row => new TableRow({
                cantSplit: true,
                children: table.columns.map(column => textCell(row[column.key] ?? null, fontSize))
            }))
        ]
    }));
    // Two tables in a row would merge into one in Word; an empty paragraph keeps them apart.
    children.push(new Paragraph({}));
    return children;
}

/** `size` in points; the library counts half-points. */
function headerCell(text: string, size: number): TableCell {
    return new TableCell({ shading: HEADER_SHADING, children: [new Paragraph({ children: [new TextRun({ text: plain(text), bold: true, size: Math.round(size * 2) })] })] });
}

/** A cell's text, a line of the cell per line of the text; numbers right-aligned. */
function textCell(value: CellValue, size: number): TableCell {
    const halfPoints = Math.round(size * 2);
    if (typeof value === 'number') {
        const text = Number.isFinite(value) ? String(value) : '';
        return new TableCell({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text, size: halfPoints })] })] });
    }
    const lines = value === null ? [''] : showControlCharacters(value).split(/\r\n|\r|\n|\u2028|\u2029/);
    return new TableCell({ children: lines.map(line => new Paragraph({ children: [new TextRun({ text: line, size: halfPoints })] })) });
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
