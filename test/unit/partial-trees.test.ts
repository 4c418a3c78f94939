import * as assert from 'node:assert/strict';
import { reportContext } from '../../language/reports/report-context.js';
import { buildReport } from '../../language/reports/report-formats.js';
import type { SoaJson } from '../../language/reports/report-schemas.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/**
 * Syntax trees that parse recovery leaves when the text is half typed: nodes whose required
 * properties (by the generated types) are missing. Each model here is the smallest text found
 * to leave such a node; it goes through the real parser, linker and validator, and the reports,
 * and nothing may throw (a check that throws shows up as an "An error occurred during
 * validation" diagnostic and the CLI printed its stack trace).
 */

const TODAY = '2026-11-23';

const ISMS = 'isms "Test ISMS" {\n    organization "Test Ltd"\n    framework ISO27001_2022\n    scope { description "Everything" }\n}\n';

async function model(files: Record<string, string>): Promise<ModelWorkspace> {
    const workspace = await ModelWorkspace.create(files);
    workspace.services.config.Settings.update({ today: TODAY });
    return workspace;
}

function crashes(workspace: ModelWorkspace): string[] {
    return workspace.diagnostics(undefined, true).filter(diagnostic => /An error occurred/.test(diagnostic.message)).map(diagnostic => diagnostic.message.split('\n')[0]);
}

function soaRow(workspace: ModelWorkspace, id: string): SoaJson['controls'][number] {
    const report = buildReport(workspace.services, 'soa', reportContext(workspace.services, null));
    const json = JSON.parse(JSON.stringify(report.json)) as SoaJson;
    const row = json.controls.find(control => control.id === id);
    assert.ok(row, `${id} is in the SoA`);
    return row;
}

describe('partial syntax trees from parse recovery', function () {

    describe('a reason whose string is not typed yet: `because legal` (a Reason without text)', function () {
        const soa = 'apply A.5.1 { because legal }\n';

        it('the parser leaves a Reason without text', async () => {
            const workspace = await model({ 'isms.isms': ISMS, 'soa.isms': soa });
            const document = workspace.document('soa.isms');
            const reason = (document.parseResult.value as unknown as { elements: Array<{ reasons: Array<{ kind?: string, text?: string }> }> }).elements[0].reasons[0];
            assert.equal(reason.kind, 'legal');
            assert.equal(reason.text, undefined);
        });

        it('validation does not throw; the apply, whose text failed to parse, raises only its syntax error', async () => {
            const workspace = await model({ 'isms.isms': ISMS, 'soa.isms': soa });
            assert.deepEqual(crashes(workspace), []);
            assert.deepEqual(workspace.codes('soa.isms'), ['syntax-error']);
        });

        it('the SoA report is built: the control is applied without a reason', async () => {
            const workspace = await model({ 'isms.isms': ISMS, 'soa.isms': soa });
            assert.equal(soaRow(workspace, 'A.5.1').justification, 'Applied without a risk or a reason.');
        });
    });

    describe('a scope exclusion without its asset: `excludes because "…", DB because "…"` (a ScopeExclusion without asset)', function () {
        const isms = 'isms "Test ISMS" {\n    scope { excludes because "Typing", DB because "Hosted by the customer" }\n}\nasset DB "Database"\n';

        it('the parser leaves a ScopeExclusion without asset', async () => {
            const workspace = await model({ 'isms.isms': isms });
            const block = (workspace.document('isms.isms').parseResult.value as unknown as { elements: Array<{ scope: Array<{ excludes: Array<{ asset?: unknown, reason?: string }> }> }> }).elements[0];
            assert.equal(block.scope[0].excludes[0].asset, undefined);
            assert.equal(block.scope[0].excludes[0].reason, 'Typing');
        });

        it('the hover of an excluded asset still shows why it is out of scope', async () => {
            const workspace = await model({ 'isms.isms': isms });
            const document = workspace.document('isms.isms');
            const text = document.textDocument.getText();
            const logged: unknown[] = [];
            const original = console.error;
            console.error = (...args: unknown[]) => { logged.push(args); };
            try {
                const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(document, {
                    textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('asset DB') + 7)
                });
                const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : undefined;
                assert.match(markdown ?? '', /Out of scope — Hosted by the customer/);
            } finally {
                console.error = original;
            }
            assert.deepEqual(logged, [], 'the hover provider logged no failure');
        });
    });
});
