import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Debian packages that bring LibreOffice's converter and poppler's PDF tools. */
export const OFFICE_PACKAGES = 'libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils';

function run(command: string, args: string[]): string {
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 180000 });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
        // CI installs these (.ci/run), so a missing program is a failure, never a skip.
        throw new Error(`${command} is not installed; install it with: apt-get install ${OFFICE_PACKAGES}`);
    }
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
    }
    return result.stdout;
}

/**
 * Converts an office file to PDF with LibreOffice, headless, and returns the PDF's path. The
 * profile folder is private to the call, so that runs side by side do not share (and lock) one
 * user profile.
 */
export function convertToPdf(file: string, outDir: string, profileDir: string): string {
    run('soffice', [`-env:UserInstallation=file://${profileDir}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file]);
    const pdf = path.join(outDir, `${path.parse(file).name}.pdf`);
    if (!fs.existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}`);
    return pdf;
}

export interface PdfInfo { readonly pages: number, readonly width: number, readonly height: number }

/** The page count and the size of the first page, in points, from poppler's pdfinfo. */
export function pdfInfo(pdf: string): PdfInfo {
    const text = run('pdfinfo', [pdf]);
    const pages = /^Pages:\s+(\d+)/m.exec(text);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(text);
    if (!pages || !size) throw new Error(`pdfinfo gave no page count or size for ${pdf}:\n${text}`);
    return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** The text of each page, laid out as printed (pdftotext -layout), so a table row stays one line. */
export function pageTexts(pdf: string, pages: number): string[] {
    return Array.from({ length: pages }, (_, index) => run('pdftotext', ['-layout', '-f', String(index + 1), '-l', String(index + 1), pdf, '-']));
}

/** Renders page 1 as a PNG of low resolution beside `prefix` and returns its path. */
export function firstPagePng(pdf: string, prefix: string): string {
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
    return `${prefix}.png`;
}
