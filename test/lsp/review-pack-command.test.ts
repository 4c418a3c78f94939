import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { GenerateReportResult } from '../../language/lsp/server-commands.js';
import { reviewPackJsonSchema } from '../../language/reports/review-pack-schema.js';
import { LspClient } from '../helpers/lsp-client.js';
import { CLI_BUNDLE, temporaryWorkspace } from '../helpers/project.js';

const TODAY = '2026-11-23';

const MODEL = `
isms "Review ISMS" { organization "Acme Ltd" scope { description "All" } }
role CISO "Chief Information Security Officer"
management-review MR-2025 "Management review 2025" { date 2025-11-20 attendees CISO decisions "Budget for EDR approved" }
objective O-1 "Patch fast" { target <= 14 measured 2026-07-01 value 18 measured 2026-10-01 value 12 }
opportunity OP-1 "Automate access reviews" { owner CISO due 2026-10-01 status open }
`;

describe('the management-review pack through the language server', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;
    const execute = <T>(args: unknown) =>
        client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'isms.server.generateReport', arguments: [args] }) as Promise<T>;

    before(async () => {
        workspace = temporaryWorkspace({ 'model.isms': MODEL });
        ({ client } = await LspClient.start(workspace.dir, { isms: { today: TODAY } }));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('writes the pack into the reports folder, the same as the CLI writes it', async () => {
        const result = await execute<GenerateReportResult>({ kind: 'review-pack', format: 'html', folder: 'reports' });
        assert.equal(result.path, path.join(fs.realpathSync(workspace.dir), 'reports', 'management-review-pack.html'));
        const cli = spawnSync(process.execPath, [CLI_BUNDLE, 'review-pack', '.', '--date', TODAY, '--format', 'html'], { cwd: workspace.dir, encoding: 'utf8' });
        assert.equal(cli.status, 0, cli.stderr);
        assert.equal(fs.readFileSync(result.path, 'utf8'), cli.stdout);
        const json = await execute<GenerateReportResult>({ kind: 'review-pack', format: 'json', folder: 'reports' });
        const pack = reviewPackJsonSchema.parse(JSON.parse(fs.readFileSync(json.path, 'utf8')));
        assert.equal(pack.previousReview?.id, 'MR-2025');
        assert.deepEqual(pack.inputs['objectives'].objectives.map(o => [o.id, o.status]), [['O-1', 'met']]);
        assert.deepEqual(pack.inputs['actions-status'].actions.map(a => [a.source, a.overdue]), [['OP-1', true]]);
    });

    it('refuses the formats the pack is not offered in, and writes nothing', async () => {
        for (const format of ['csv', 'xlsx']) {
            await assert.rejects(execute({ kind: 'review-pack', format, folder: 'refused' }), /not offered in that format/);
        }
        assert.equal(fs.existsSync(path.join(workspace.dir, 'refused')), false);
    });
});
