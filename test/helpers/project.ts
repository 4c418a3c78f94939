import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root; compiled tests run from out/test/…, sources and bundles live at the root. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const CLI_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'cli.cjs');
export const SERVER_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'server.cjs');
export const ACME_EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'acme');

/**
 * Installs the built CLI into `dir` as this repository has it: dist/cli.cjs, the modules it
 * imports (dist/cli/) and node_modules (linked), so that `npm run isms` works there.
 */
export function installCli(dir: string): void {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.copyFileSync(CLI_BUNDLE, path.join(dir, 'dist', 'cli.cjs'));
    fs.cpSync(path.join(PROJECT_ROOT, 'dist', 'cli'), path.join(dir, 'dist', 'cli'), { recursive: true });
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** A temporary folder with the given files; removed by `dispose`. */
export function temporaryWorkspace(files: Record<string, string>): { dir: string, dispose: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-test-'));
    for (const [name, text] of Object.entries(files)) {
        const file = path.join(dir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
    }
    return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of a folder in a temporary place, to seed mistakes into. */
export function copyOfFolder(source: string): { dir: string, dispose: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-copy-'));
    fs.cpSync(source, dir, { recursive: true });
    return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * At least `bytes` of role declarations: a model file far over the size limit. At 50 MB it
 * would take a parser's heap past the 4 GB the extension gives the server.
 */
export function largeRoleDeclarations(bytes: number): string {
    const line = 'role R-000000 "A role in a very large file"\n';
    const chunk = Array.from({ length: 10000 }, (_, i) => line.replace('000000', String(i).padStart(6, '0'))).join('');
    return chunk.repeat(Math.ceil(bytes / chunk.length));
}
