import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Content-Security-Policy meta tag of the server's page, which allows no script at all. */
const REPORT_CSP = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;

/** The largest line number a row may name; anything above is not a line of a model file. */
const MAX_LINE = 10_000_000;

/**
 * The server's diff page made into the webview's: its policy replaced by one that lets the
 * page's own script run (by nonce) and nothing else load, and a script that tells the extension
 * which row was clicked. The page itself is used as the server wrote it, already escaped.
 * Undefined when the page has no policy to replace: then it is not shown.
 */
export function comparePage(html: string, nonce: string): string | undefined {
    const policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        + `script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
    const head = html.indexOf('</head>');
    const match = REPORT_CSP.exec(html);
    const end = html.lastIndexOf('</body>');
    if (!match || head < 0 || match.index > head || end < 0) return undefined;
    const withPolicy = html.slice(0, match.index) + `<meta http-equiv="Content-Security-Policy" content="${policy}">` + html.slice(match.index + match[0].length);
    const bodyEnd = withPolicy.lastIndexOf('</body>');
    return withPolicy.slice(0, bodyEnd) + rowScript(nonce) + withPolicy.slice(bodyEnd);
}

/** Rows that name a place can be clicked, or focused and opened with Enter. */
function rowScript(nonce: string): string {
    return `<style>
tr[data-file][data-line] { cursor: pointer; }
tr[data-file][data-line]:hover td, tr[data-file][data-line]:focus td { background: #dde8f8; }
tr[data-file][data-line]:focus { outline: 2px solid #0b57d0; outline-offset: -2px; }
</style>
<script nonce="${nonce}">
(function () {
    const vscode = acquireVsCodeApi();
    const rowOf = target => target instanceof Element ? target.closest('tr[data-file][data-line]') : null;
    const open = row => vscode.postMessage({ type: 'open', file: row.getAttribute('data-file'), line: Number(row.getAttribute('data-line')) });
    for (const row of document.querySelectorAll('tr[data-file][data-line]')) {
        row.tabIndex = 0;
        row.title = 'Open ' + row.getAttribute('data-file') + ':' + row.getAttribute('data-line');
    }
    document.addEventListener('click', event => {
        const row = rowOf(event.target);
        if (row) open(row);
    });
    document.addEventListener('keydown', event => {
        const row = event.key === 'Enter' ? rowOf(event.target) : null;
        if (row) open(row);
    });
})();
</script>
`;
}

/** A model file to open, from a message of the page. */
export interface RowTarget {
    /** Absolute path, inside the base folder. */
    readonly file: string;
    /** 1-based. */
    readonly line: number;
}

/**
 * The file and line a message of the page asks to open, or undefined when the message is not
 * one: it must name a `.isms` file by a path relative to `base` that stays inside it, also
 * through symbolic links, and a line.
 */
export function rowTarget(message: unknown, base: string): RowTarget | undefined {
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, file, line } = message as Record<string, unknown>;
    if (type !== 'open' || typeof file !== 'string' || typeof line !== 'number') return undefined;
    if (!Number.isInteger(line) || line < 1 || line > MAX_LINE) return undefined;
    if (file.length === 0 || file.length > 4096 || file.includes('\0') || path.isAbsolute(file) || !file.endsWith('.isms')) return undefined;
    const target = path.resolve(base, file);
    if (!inside(base, target)) return undefined;
    try {
        if (!inside(fs.realpathSync(base), fs.realpathSync(target))) return undefined;
    } catch {
        // Not there (any more): opening it says so.
    }
    return { file: target, line };
}

function inside(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
