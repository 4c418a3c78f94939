import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { FrameworkChoices, GenerateReportResult } from '../../language/lsp/server-commands.js';
import { coverageJsonSchema } from '../../language/reports/framework-profile-schema.js';
import { LspClient } from '../helpers/lsp-client.js';
import { CLI_BUNDLE, temporaryWorkspace } from '../helpers/project.js';

const TODAY = '2026-11-23';
const isms = (frameworks: string) => `isms "Fixture ISMS" {\n    organization "Fixture Ltd"\n${frameworks}    scope { description "Everything" }\n}\nrole CISO\n`;
const model = {
    'isms.isms': isms('    frameworks Own\n'),
    'soa.isms': 'apply A.5.1 { status implemented owner CISO because "Policies" }\napply A.5.18 { status planned owner CISO because "Access" }\n',
    'own.isms': [
        'framework Own "Own controls" {',
        '    control OC-1 "Policy set" { maps A.5.1 subset }',
        '    control OC-2 "Access review" { maps A.5.18 equal }',
        '}',
        'mapping NIS2_READING "Our NIS2 reading" { source "Internal analysis" NIS2::Art.21(2)(a) maps A.5.1 subset }',
        ''
    ].join('\n')
};

describe('framework profiles and the coverage matrix through the language server', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    let client: LspClient;
    const execute = <T>(command: string, args: unknown[] = []) =>
        client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI_BUNDLE, ...args, '.', '--date', TODAY], { cwd: workspace.dir, encoding: 'utf8' }).stdout;

    before(async () => {
        workspace = temporaryWorkspace(model);
        ({ client } = await LspClient.start(workspace.dir, { isms: { today: TODAY } }));
    });

    after(async () => {
        await client?.stop();
        workspace?.dispose();
    });

    it('lists the primary framework and the others the isms block lists', async () => {
        assert.deepEqual(await execute<FrameworkChoices>('isms.server.frameworks'), {
            primary: { name: 'ISO27001_2022', title: 'ISO/IEC 27001:2022 Annex A' },
            listed: [{ name: 'Own', title: 'Own controls' }]
        });
    });

    it('writes a framework\'s profile under its own name, the same as isms soa --framework writes it', async () => {
        const result = await execute<GenerateReportResult>('isms.server.generateReport', [{ kind: 'framework-profile', format: 'md', folder: 'reports', framework: 'Own' }]);
        assert.equal(result.path, path.join(fs.realpathSync(workspace.dir), 'reports', 'framework-profile-Own.md'));
        assert.equal(fs.readFileSync(result.path, 'utf8'), cli(['soa', '--framework', 'Own', '--format', 'md']));
    });

    it('writes the coverage matrix, the same as isms coverage writes it', async () => {
        const result = await execute<GenerateReportResult>('isms.server.generateReport', [{ kind: 'coverage', format: 'json', folder: 'reports' }]);
        assert.equal(path.basename(result.path), 'coverage-matrix.json');
        const written = fs.readFileSync(result.path, 'utf8');
        assert.equal(written, cli(['coverage', '--format', 'json']));
        const coverage = coverageJsonSchema.parse(JSON.parse(written));
        assert.deepEqual(coverage.frameworks[0].requirements.map(requirement => [requirement.id, requirement.state]), [['OC-1', 'covered'], ['OC-2', 'partial']]);
    });

    it('refuses to profile the primary framework', async () => {
        await assert.rejects(execute('isms.server.generateReport', [{ kind: 'framework-profile', format: 'md', folder: 'reports', framework: 'ISO27001_2022' }]),
            /ISO27001_2022 is the primary framework/);
    });

    it('loads a shipped catalog the isms block has just listed before it answers', async () => {
        const uri = await client.open(path.join(workspace.dir, 'isms.isms'), model['isms.isms']);
        await client.change(uri, isms('    frameworks Own, NIS2\n'));
        const choices = await execute<FrameworkChoices>('isms.server.frameworks');
        assert.deepEqual(choices.listed.map(choice => choice.name), ['Own', 'NIS2']);
        const result = await execute<GenerateReportResult>('isms.server.generateReport', [{ kind: 'framework-profile', format: 'json', folder: 'reports', framework: 'NIS2' }]);
        const profile = JSON.parse(fs.readFileSync(result.path, 'utf8'));
        assert.deepEqual([profile.requirements[0].id, profile.requirements[0].state], ['Art.21(2)(a)', 'covered']);
        assert.deepEqual(profile.sources, [{ mapping: 'NIS2_READING', label: 'Internal analysis', edges: 1 }]);
    });
});
