import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { ImportPreview, ImportWritten } from '../../language/lsp/server-commands.js';
import { ServerCommands } from '../../language/lsp/server-commands.js';
import { LspClient } from '../helpers/lsp-client.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

// The palette's "Import Spreadsheet…" through the real server: acme's own risk register,
// exported as Excel by the CLI, previewed against the live model and written into the workspace.

describe('spreadsheet import through the server (over stdio)', function () {
    this.timeout(120000);

    let workspace: ReturnType<typeof copyOfFolder>;
    let client: LspClient;
    let sheets: string;

    const execute = <T>(command: string, args: unknown[]) =>
        client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

    before(async () => {
        workspace = copyOfFolder(ACME_EXAMPLE);
        sheets = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-sheets-'));
        const run = spawnSync(process.execPath, [CLI_BUNDLE, 'risks', workspace.dir, '--date', '2026-11-23', '--format', 'xlsx', '--out', `${sheets}/`], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        fs.writeFileSync(path.join(sheets, 'broken.csv'), 'Risk ID,Title,Likelihood,Impact,Treatment\nR-1,Laptop stolen,often,4,mitigate\n');
        ({ client } = await LspClient.start(workspace.dir));
        await client.waitForDiagnostics(`${new URL(`file://${workspace.dir}/isms.isms`)}`, () => true, 30000);
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
        fs.rmSync(sheets, { recursive: true, force: true });
    });

    it('previews the files of a clean sheet, resolved against the live model', async () => {
        const preview = await execute<ImportPreview>(ServerCommands.previewImport, [{ kind: 'risks', file: path.join(sheets, 'risk-register.xlsx') }]);
        assert.deepEqual(preview.problems, []);
        assert.equal(preview.summary, '31 risk(s), 0 name(s) to declare, 0 problem(s)');
        assert.deepEqual(preview.files.map(file => file.name), ['risk-register.isms']);
        assert.match(preview.files[0].text, /^risk R-001 /m);
    });

    it('lists every problem of a broken sheet with its place, and writes nothing', async () => {
        const file = path.join(sheets, 'broken.csv');
        const preview = await execute<ImportPreview>(ServerCommands.previewImport, [{ kind: 'risks', file }]);
        assert.equal(preview.problems.length, 1);
        assert.match(preview.problems[0], /^broken\.csv:.*!2:C: .*often/);
        await assert.rejects(execute(ServerCommands.writeImport, [{ kind: 'risks', file, folder: 'imported' }]), /Nothing written/);
        assert.ok(!fs.existsSync(path.join(workspace.dir, 'imported')));
    });

    it('writes the previewed files into the workspace, never over an existing file nor outside it', async () => {
        const args = { kind: 'risks', file: path.join(sheets, 'risk-register.xlsx') };
        const preview = await execute<ImportPreview>(ServerCommands.previewImport, [args]);
        const written = await execute<ImportWritten>(ServerCommands.writeImport, [{ ...args, folder: 'imported' }]);
        assert.deepEqual(written.paths, [path.join(fs.realpathSync(workspace.dir), 'imported', 'risk-register.isms')]);
        assert.equal(fs.readFileSync(written.paths[0], 'utf8'), preview.files[0].text);
        fs.writeFileSync(written.paths[0], '// edited by hand\n');
        await assert.rejects(execute(ServerCommands.writeImport, [{ ...args, folder: 'imported' }]), /exists/);
        assert.equal(fs.readFileSync(written.paths[0], 'utf8'), '// edited by hand\n');
        await assert.rejects(execute(ServerCommands.writeImport, [{ ...args, folder: '../outside' }]), /outside the workspace/);
    });
});
