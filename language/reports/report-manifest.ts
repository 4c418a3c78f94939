import { OutputRefusedError } from './report-errors.js';
import type { ReportFolder } from './report-folder.js';
import { isReadRefusal } from './report-folder.js';

/**
 * The manifest beside the reports: the name and SHA-256 of every file the tool wrote there.
 * Only a file it lists with its current hash may be overwritten. A manifest that cannot be read
 * or understood is reported and left as it is, never replaced.
 */
export const MANIFEST_NAME = '.isms-reports.json';

/** File name → SHA-256 of the content the tool wrote, in the order first written. */
export type Manifest = Map<string, string>;

const MAX_MANIFEST_BYTES = 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/** The manifest of `folder` (empty when there is none); `shownFile` names it in messages. */
export async function readManifest(folder: ReportFolder, shownFile: string): Promise<Manifest> {
    const kind = await folder.kindOf(MANIFEST_NAME);
    if (kind === undefined) return new Map();
    // Replacing a link or a special file would destroy something the tool did not write.
    const bytes = kind === 'file' ? await folder.read(MANIFEST_NAME, MAX_MANIFEST_BYTES)
        : { refused: kind === 'symbolic link' ? 'a symbolic link' : kind === 'folder' ? 'a folder' : 'not a regular file' };
    if (isReadRefusal(bytes)) {
        throw new OutputRefusedError(`${shownFile}: cannot be read as the list of generated reports (${bytes.refused}); move it away`);
    }
    const manifest = parseManifest(new TextDecoder().decode(bytes));
    if (typeof manifest === 'string') {
        throw new OutputRefusedError(`${shownFile}: not a report manifest (${manifest}); move it away`);
    }
    return manifest;
}

/** The manifest in `text`, or what is wrong with it. */
export function parseManifest(text: string): Manifest | string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        return describeJsonError(text, error instanceof Error ? error.message : String(error));
    }
    if (!isObject(parsed)) return 'not a JSON object';
    if (parsed.generator !== 'isms-as-code') return '"generator" is not "isms-as-code"';
    if (!isObject(parsed.files)) return '"files" is not an object of file names and hashes';
    const manifest: Manifest = new Map();
    for (const [name, hash] of Object.entries(parsed.files)) {
        if (typeof hash !== 'string' || !SHA256.test(hash)) return `the entry for ${JSON.stringify(name)} is not a SHA-256 hash`;
        manifest.set(name, hash);
    }
    return manifest;
}

export function serializeManifest(manifest: Manifest): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ generator: 'isms-as-code', files: Object.fromEntries(manifest) }, null, 2) + '\n');
}

/** Web Crypto, which Node and web workers both have. */
export async function sha256(bytes: Uint8Array): Promise<string> {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    return Array.from(digest, byte => byte.toString(16).padStart(2, '0')).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** V8's JSON error as `line L, column C: what`, without the quoted input it sometimes adds. */
function describeJsonError(text: string, message: string): string {
    const what = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of JSON input/.test(message) ? text.length : undefined;
    if (offset === undefined) return lowerFirst(what);
    const before = text.slice(0, offset).split('\n');
    return `line ${before.length}, column ${before[before.length - 1].length + 1}: ${lowerFirst(what)}`;
}

function lowerFirst(text: string): string {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
