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

export interface PdfInfo { readonly pages: number, readonly sizes: ReadonlyArray<{ readonly width: number, readonly height: number }> }

/** The page count and the size of every page, in points, from poppler's pdfinfo. */
export function pdfInfo(pdf: string): PdfInfo {
    const text = run('pdfinfo', ['-f', '1', '-l', '100000', pdf]);
    const pages = /^Pages:\s+(\d+)/m.exec(text);
    const sizes = [...text.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map(match => ({ width: Number(match[1]), height: Number(match[2]) }));
    if (!pages || sizes.length !== Number(pages[1])) throw new Error(`pdfinfo gave no page count or sizes for ${pdf}:\n${text}`);
    return { pages: Number(pages[1]), sizes };
}

/** The text of each page, laid out as printed (pdftotext -layout), so a table row stays one line. */
export function pageTexts(pdf: string, pages: number): string[] {
    return Array.from({ length: pages }, (_, index) => run('pdftotext', ['-layout', '-f', String(index + 1), '-l', String(index + 1), pdf, '-']));
}

/** Renders one page as a PNG of low resolution beside `prefix` and returns its path. */
export function pagePng(pdf: string, page: number, prefix: string): string {
    run('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
    return `${prefix}.png`;
}
