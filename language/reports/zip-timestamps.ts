import { isRealDate } from '../config/calendar.js';
import type { ReportDocument } from './report-document.js';

/** The date the report is as of (its 'Date' header fact) at UTC midnight, else 2000-01-01. */
export function documentDate(document: ReportDocument): Date {
    const text = document.meta.find(([label]) => label === 'Date')?.[1].trim() ?? '';
    return new Date(`${isRealDate(text) ? text : '2000-01-01'}T00:00:00Z`);
}

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Sets the modification time of every entry of the zip (.xlsx and .docx files are zips) to
 * `date`, at midnight, so that the same report gives the same bytes.
 *
 * Why: exceljs packs the workbook with JSZip, calling `zip.file(name, data)` without a `date`,
 * so JSZip stamps each entry with `new Date()` (JSZip's object.js), written as DOS time and date
 * (2-second resolution) into the entry's local file header and its central directory record.
 * Neither exceljs's `writeBuffer` options nor JSZip's `generateAsync` options can set it; only
 * JSZip's process-wide `JSZip.defaults.date` could, which would mean importing exceljs's private
 * copy of JSZip and changing it for every other user in the process. So the buffer is patched
 * here instead. The Word library packs its zip with fflate, likewise stamped with the current
 * time and with no option to set it, so Word files are patched the same way. This is safe: the
 * timestamps are covered by no checksum (a zip's CRC-32 covers the uncompressed data only), and
 * neither packer writes another time (no extended-timestamp extra field, no data descriptors:
 * JSZip writes them only with `streamFiles`, which exceljs does not set).
 *
 * The zip is walked properly, from the end-of-central-directory record to each central
 * directory record and from there to its local file header, rather than by searching for the
 * signatures, which could also occur inside compressed data.
 */
export function fixZipTimestamps(zip: Buffer, date: Date): Buffer {
    const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
    const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
    const dosTime = 0;

    const end = findEndOfCentralDirectory(zip);
    const entries = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    for (let i = 0; i < entries; i++) {
        expectSignature(zip, offset, CENTRAL_DIRECTORY_HEADER);
        zip.writeUInt16LE(dosTime, offset + 12);
        zip.writeUInt16LE(dosDate, offset + 14);
        const local = zip.readUInt32LE(offset + 42);
        expectSignature(zip, local, LOCAL_FILE_HEADER);
        zip.writeUInt16LE(dosTime, local + 10);
        zip.writeUInt16LE(dosDate, local + 12);
        offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    }
    return zip;
}

function findEndOfCentralDirectory(zip: Buffer): number {
    // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
    for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
        if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY && offset + 22 + zip.readUInt16LE(offset + 20) === zip.length) {
            return offset;
        }
    }
    throw new Error('report zip: no valid zip (end of central directory not found)');
}

function expectSignature(zip: Buffer, offset: number, signature: number): void {
    if (offset + 4 > zip.length || zip.readUInt32LE(offset) !== signature) {
        throw new Error(`report zip: unexpected zip layout at byte ${offset}`);
    }
}
