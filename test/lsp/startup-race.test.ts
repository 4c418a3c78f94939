import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { OpenAtStart } from '../helpers/lsp-client.js';
import { LspClient } from '../helpers/lsp-client.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

const TODAY = '2026-06-01';
const SEVERITIES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

interface CliDiagnostic {
    file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string;
}

/** One diagnostic as a line of text, positions 1-based as the CLI prints them. */
const fromCli = (d: CliDiagnostic) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`;
const fromServer = (d: Diagnostic) => fromCli({
    file: '', line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
    severity: SEVERITIES[d.severity ?? 1], code: String(d.code), message: typeof d.message === 'string' ? d.message : String(d.message)
});
const lines = (diagnostics: readonly Diagnostic[]) => diagnostics.map(fromServer).sort();

/** What `isms validate --format json` reports for the folder, by file relative to it. */
function cliDiagnostics(dir: string): Map<string, string[]> {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, 'validate', '--format', 'json', '--date', TODAY, dir], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    assert.ok(result.status === 0 || result.status === 1, `the CLI failed: ${result.stderr}`);
    const byFile = new Map<string, string[]>();
    for (const diagnostic of JSON.parse(result.stdout) as CliDiagnostic[]) {
        byFile.set(diagnostic.file, [...byFile.get(diagnostic.file) ?? [], fromCli(diagnostic)]);
    }
    byFile.forEach(list => list.sort());
    return byFile;
}

function modelFiles(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter(name => name.endsWith('.isms'))
        .map(name => name.split(path.sep).join('/'))
        .sort();
}

/**
 * Starts the server on `workspace` with `opened` files opened at once, and checks that every
 * file ends with the diagnostics the CLI gives for `expectedFrom` (the workspace with the
 * opened texts saved), and that no opened file ever showed `isms-missing`.
 */
async function checkStartup(workspace: string, expectedFrom: string, opened: Array<{ name: string, text: string }>, openBeforeInitialized = false): Promise<void> {
    const expected = cliDiagnostics(expectedFrom);
    const open: OpenAtStart[] = opened.map(file => ({ path: path.join(workspace, file.name), text: file.text }));
    const { client } = await LspClient.start(workspace, { isms: { today: TODAY } }, { open, openBeforeInitialized });
    try {
        const uri = (name: string) => client.fileUri(path.join(workspace, name));
        const same = (name: string) => (diagnostics: Diagnostic[]) => JSON.stringify(lines(diagnostics)) === JSON.stringify(expected.get(name) ?? []);
        for (const name of modelFiles(workspace)) {
            await client.waitForDiagnostics(uri(name), same(name), 60000);
        }
        // Settled: the summary answers only once the whole workspace is validated.
        await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'isms.server.modelSummary', arguments: [] });
        for (const name of modelFiles(workspace)) {
            assert.deepEqual(lines(await client.waitForDiagnostics(uri(name), () => true)), expected.get(name) ?? [], name);
        }
        for (const { name } of opened) {
            const published = client.publishedDiagnostics(uri(name));
            assert.ok(published.length > 0, `nothing published for ${name}`);
            published.forEach((diagnostics, index) =>
                assert.ok(!diagnostics.some(d => d.code === 'isms-missing'), `publish ${index + 1} of ${name} has isms-missing: ${JSON.stringify(lines(diagnostics))}`));
        }
    } finally {
        await client.stop();
    }
}

describe('a client that opens files at once after initialize, as terminal editors do', function () {
    this.timeout(180000);

    const acmeFiles = ['assets.isms', 'soa.isms', 'risks/platform.isms'];
    const read = (name: string) => fs.readFileSync(path.join(ACME_EXAMPLE, name), 'utf8');

    it('ends with the CLI diagnostics for the opened acme files, never isms-missing', async () => {
        await checkStartup(ACME_EXAMPLE, ACME_EXAMPLE, acmeFiles.map(name => ({ name, text: read(name) })));
    });

    it('does the same when the files are opened before initialized', async () => {
        await checkStartup(ACME_EXAMPLE, ACME_EXAMPLE, acmeFiles.map(name => ({ name, text: read(name) })), true);
    });

    it('validates the open text, not the file on disk, when they differ', async () => {
        const onDisk = copyOfFolder(ACME_EXAMPLE);
        const saved = copyOfFolder(ACME_EXAMPLE);
        try {
            // An asset no risk covers: `unassessed-asset`, a rule over the whole workspace, on the open text only.
            const text = read('assets.isms') + '\nasset ShadowSpreadsheet "Finance spreadsheet on a laptop" {\n    kind data\n    owner CTO\n    classification internal\n}\n';
            fs.writeFileSync(path.join(saved.dir, 'assets.isms'), text);
            assert.ok(cliDiagnostics(saved.dir).get('assets.isms')?.some(line => line.includes('unassessed-asset')), 'the edit should raise unassessed-asset');
            await checkStartup(onDisk.dir, saved.dir, [{ name: 'assets.isms', text }, { name: 'soa.isms', text: read('soa.isms') }]);
        } finally {
            onDisk.dispose();
            saved.dispose();
        }
    });
});
