import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { DIAGNOSTIC_RULES } from '../../language/validation/diagnostic-codes.js';
import { CLI_BUNDLE, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;

/** The JSON output as LANGUAGE.md specifies it. */
const jsonDiagnostics = z.array(z.strictObject({
    file: z.string(), line: z.number().int().min(1), column: z.number().int().min(1),
    endLine: z.number().int().min(1), endColumn: z.number().int().min(1),
    severity: z.enum(['error', 'warning', 'info', 'hint']), code: z.string(), message: z.string()
}));

interface SarifLog {
    runs: Array<{
        tool: { driver: { rules: Array<{ id: string, help: { text: string } }> } },
        results: Array<{ ruleId: string, ruleIndex: number, level: string, locations: Array<{ physicalLocation: unknown }> }>
    }>;
}

const defects = {
    'isms.isms': 'isms "Acme" {\n    scope { description "All" }\n}\n',
    'roles.isms': 'role CISO\n',
    'risks.isms': 'risk R-1 "Leak" {\n    likelihood 9 impact 2\n    owner Ghost\n}\n',
    'soa.isms': 'exclude A.7.4\n'
};

function validate(format: string, cwd: string): { status: number | null, stdout: string } {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, 'validate', '--date', '2026-11-23', '--format', format, '.'], { cwd, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout };
}

describe('isms validate output formats', function () {
    this.timeout(60000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    before(() => { workspace = temporaryWorkspace(defects); });
    after(() => workspace.dispose());

    it('prints JSON of the documented shape', () => {
        const run = validate('json', workspace.dir);
        assert.equal(run.status, 1);
        const diagnostics = jsonDiagnostics.parse(JSON.parse(run.stdout));
        const codes = new Set(diagnostics.map(d => d.code));
        for (const code of ['score-out-of-scale', 'unresolved-reference', 'untreated-risk', 'exclusion-unjustified', 'control-undecided']) {
            assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
        }
        // One per control, as the language's contract gives tools; the text output shows them as one line.
        assert.equal(diagnostics.filter(d => d.code === 'control-undecided').length, 92);
    });

    it('prints SARIF 2.1.0 that the schema accepts, with a rule and help text per code', () => {
        const run = validate('sarif', workspace.dir);
        assert.equal(run.status, 1);
        const log = JSON.parse(run.stdout) as SarifLog;
        const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
        const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
        const valid = ajv.validate(schema, log);
        assert.ok(valid, JSON.stringify(ajv.errors?.slice(0, 5), null, 2));

        const run0 = log.runs[0];
        const rules = run0.tool.driver.rules;
        assert.deepEqual(rules.map(rule => rule.id), [...DIAGNOSTIC_RULES.keys()]);
        assert.ok(rules.every(rule => rule.help.text.length > 0));
        const json = jsonDiagnostics.parse(JSON.parse(validate('json', workspace.dir).stdout));
        assert.equal(run0.results.length, json.length);
        const outOfScale = run0.results.find(result => result.ruleId === 'score-out-of-scale');
        assert.ok(outOfScale);
        assert.equal(outOfScale.level, 'error');
        assert.equal(rules[outOfScale.ruleIndex].id, 'score-out-of-scale');
        assert.deepEqual(outOfScale.locations[0].physicalLocation, {
            artifactLocation: { uri: 'risks.isms', uriBaseId: 'SRCROOT' },
            region: { startLine: 2, startColumn: 16, endLine: 2, endColumn: 17 }
        });
    });

    it('is byte-identical from run to run', () => {
        for (const format of ['text', 'json', 'sarif']) {
            assert.equal(validate(format, workspace.dir).stdout, validate(format, workspace.dir).stdout, format);
        }
    });

    it('offers every diagnostic code as a VS Code severity setting', () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
        const setting = manifest.contributes.configuration.properties['isms.diagnostics.severity'];
        assert.deepEqual(Object.keys(setting.properties).sort(), [...DIAGNOSTIC_RULES.keys()].sort());
        for (const [code, rule] of DIAGNOSTIC_RULES) {
            assert.equal(setting.properties[code].default, rule.defaultSeverity, code);
        }
    });
});

describe('published JSON Schemas of the reports, the diff and the risk history', () => {
    it('match the schemas the generators are typed by', async () => {
        const { z } = await import('zod');
        const { REPORT_JSON_SCHEMAS } = await import('../../language/reports/report-schemas.js');
        const { HISTORY_JSON_SCHEMAS } = await import('../../language/history/model-diff-schema.js');
        for (const [name, schema] of Object.entries({ ...REPORT_JSON_SCHEMAS, ...HISTORY_JSON_SCHEMAS })) {
            const published = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'schemas', `${name}.schema.json`), 'utf8'));
            assert.deepEqual(published, { $id: `${name}.schema.json`, title: name, ...z.toJSONSchema(schema) }, `${name}: run npm run schemas`);
        }
    });
});
