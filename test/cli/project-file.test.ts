import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { projectFileSchema } from '../../language/config/project-file.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder, PROJECT_ROOT, temporaryWorkspace } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const MODEL = {
    'model/isms.isms': 'isms "Small" { organization "Small Ltd" framework ISO27001_2022 scope { description "All" } }\nrole CISO\n',
    'drafts/broken.isms': 'risk R-1 { owner Nobody }\n',
    'notes/other.isms': 'role Auditor\n'
};

function checked(run: Run): number {
    return Number(/(\d+) file\(s\) checked/.exec(run.stdout)?.[1]);
}

describe('the project file isms.json, from the CLI', function () {
    this.timeout(60000);

    it('leaves out of the model what exclude names, and keeps a folder named on the command line', () => {
        const ws = temporaryWorkspace({ ...MODEL, 'isms.json': '{ "exclude": ["drafts/**"] }\n' });
        try {
            const all = isms(['validate', '.'], ws.dir);
            assert.doesNotMatch(all.stdout, /broken\.isms/);
            assert.equal(checked(all), 2, all.stdout);
            const named = isms(['validate', 'drafts', 'model'], ws.dir);
            assert.equal(named.status, 1, named.stdout);
            assert.match(named.stdout, /^drafts\/broken\.isms:1:\d+ error unresolved-reference/m);
        } finally {
            ws.dispose();
        }
    });

    it('reads only what include names, relative to the folder of isms.json, from any folder below it', () => {
        const ws = temporaryWorkspace({ ...MODEL, 'isms.json': '{ "include": ["model"] }\n' });
        try {
            const run = isms(['validate', '..'], path.join(ws.dir, 'notes'));
            assert.equal(checked(run), 1, run.stdout + run.stderr);
            const none = isms(['validate', '.'], path.join(ws.dir, 'notes'));
            assert.equal(none.status, 1, 'a folder named outside include is taken whole');
            assert.equal(checked(none), 1);
        } finally {
            ws.dispose();
        }
    });

    it('looks for isms.json no higher than the root of the git repository', () => {
        const ws = temporaryWorkspace({ 'isms.json': '{ "exclude": ["repo/model"] }\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/model/roles.isms': 'role CISO\n' });
        try {
            const run = isms(['validate', 'model'], path.join(ws.dir, 'repo'));
            assert.equal(checked(run), 1, run.stdout + run.stderr);
        } finally {
            ws.dispose();
        }
    });

    it('stops with exit code 2 and each problem at its line and column, without a stack trace', () => {
        const cases: Array<[string, RegExp[]]> = [
            ['{ "exclude": ["test/**",] }', [/^isms: isms\.json:1:25: invalid JSON: a comma before \] is not allowed in JSON$/m]],
            ['{\n  // comment\n}', [/^isms: isms\.json:2:3: invalid JSON: comments are not allowed in JSON$/m]],
            ['{\n  "exclude": ["a"],\n  "exclude": ["b"]\n}', [/^isms: isms\.json:3:3: invalid JSON: "exclude" is given more than once$/m]],
            ['{\n  "exclude": "test",\n  "framework": 3,\n  "reprots": {}\n}', [
                /^isms: isms\.json:2:14: exclude: expected array$/m,
                /^isms: isms\.json:3:16: framework: expected string$/m,
                /^isms: isms\.json:4:3: unknown key "reprots"; expected include, exclude, framework, reports$/m
            ]],
            ['{ "reports": { "format": "pdf", "folder": "../elsewhere" } }', [
                /^isms: isms\.json:1:26: reports\.format: must be one of md, html, csv, xlsx, docx, json$/m,
                /^isms: isms\.json:1:43: reports\.folder: must not leave the folder of isms\.json/m
            ]],
            ['{ "include": ["/etc"] }', [/^isms: isms\.json:1:15: include\.0: must be relative to the folder of isms\.json$/m]]
        ];
        for (const [text, expected] of cases) {
            const ws = temporaryWorkspace({ ...MODEL, 'isms.json': text });
            try {
                const run = isms(['validate', '.'], ws.dir);
                assert.equal(run.status, 2, text);
                assert.equal(run.stdout, '');
                for (const line of expected) assert.match(run.stderr, line, run.stderr);
                assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
            } finally {
                ws.dispose();
            }
        }
    });

    it('gives the framework reports their framework: another listed framework gives its profile', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            fs.writeFileSync(path.join(copy.dir, 'isms.json'), '{ "framework": "CSF2" }\n');
            const profile = isms(['soa', '--format', 'json', '--date', '2026-11-23'], copy.dir);
            assert.equal(profile.status, 0, profile.stderr);
            assert.equal(JSON.parse(profile.stdout).framework.name, 'CSF2');
            const soa = isms(['soa', '--format', 'json', '--date', '2026-11-23', '--framework', 'ISO27001_2022'], copy.dir);
            assert.equal(JSON.parse(soa.stdout).framework.name ?? JSON.parse(soa.stdout).framework, 'ISO27001_2022');

            fs.writeFileSync(path.join(copy.dir, 'isms.json'), '{ "framework": "NoSuchFramework" }\n');
            const unknown = isms(['soa'], copy.dir);
            assert.equal(unknown.status, 2);
            assert.equal(unknown.stderr, 'isms: isms.json: "framework" NoSuchFramework: no framework of that name is declared\n');
        } finally {
            copy.dispose();
        }
    });

    it('writes reports into the project\'s folder and format unless --out or --format say otherwise', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            fs.writeFileSync(path.join(copy.dir, 'isms.json'), '{ "reports": { "folder": "out/reports", "format": "html" } }\n');
            const run = isms(['soa', '..', '--date', '2026-11-23'], path.join(copy.dir, 'risks'));
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.stderr, `isms: wrote ${path.join(copy.dir, 'out', 'reports', 'statement-of-applicability.html')}\n`);
            assert.match(fs.readFileSync(path.join(copy.dir, 'out', 'reports', 'statement-of-applicability.html'), 'utf8'), /^<!DOCTYPE html>/i);

            const toStdout = isms(['risks', '..', '--out', '-', '--format', 'md'], path.join(copy.dir, 'risks'));
            assert.equal(toStdout.status, 0, toStdout.stderr);
            assert.match(toStdout.stdout, /^# Risk register/im);
            // The review pack has no spreadsheet form: a project format it lacks gives Markdown.
            fs.writeFileSync(path.join(copy.dir, 'isms.json'), '{ "reports": { "format": "xlsx" } }\n');
            const pack = isms(['review-pack', '--date', '2026-11-23'], copy.dir);
            assert.equal(pack.status, 0, pack.stderr);
            assert.match(pack.stdout, /^# Management review/im);
        } finally {
            copy.dispose();
        }
    });

    it('is published as the JSON Schema the CLI reads it with', () => {
        const published = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'schemas', 'isms-project.schema.json'), 'utf8'));
        assert.deepEqual(published, { $id: 'isms-project.schema.json', title: 'isms-project', ...z.toJSONSchema(projectFileSchema) }, 'run npm run schemas');
        const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
        assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: 'isms.json', url: './docs/schemas/isms-project.schema.json' }]);
    });

    it('keeps the repository\'s fixtures with deliberate errors out of the model at its root', () => {
        const run = isms(['validate', '.'], PROJECT_ROOT);
        assert.equal(run.status, 0, run.stdout);
        assert.doesNotMatch(run.stdout, /^test\//m);
        const acme = isms(['validate', 'examples/acme'], PROJECT_ROOT);
        assert.equal(checked(run), checked(acme));
    });
});
