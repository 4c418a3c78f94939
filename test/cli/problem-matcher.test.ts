import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportedDiagnostic } from '../../language/diagnostic-output/diagnostic-report.js';
import { ACME_EXAMPLE, CLI_BUNDLE, PROJECT_ROOT, copyOfFolder } from '../helpers/project.js';

/**
 * The problem matcher `$isms` that the extension contributes, applied the way a VS Code task
 * applies it: line by line to the text output of the real CLI, run from the workspace folder.
 * Each diagnostic line must give what `--format json` says about the same diagnostic.
 */

interface Pattern { regexp: string, file: number, line: number, column: number, severity: number, code: number, message: number }
const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const pattern = (manifest.contributes.problemMatchers as Array<{ name: string, pattern: Pattern }>).find(matcher => matcher.name === 'isms')!.pattern;
const regexp = new RegExp(pattern.regexp);

/** What VS Code makes of a matched line: the severity words it knows, `hint` shown as info. */
const VSCODE_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

type Matched = Pick<ReportedDiagnostic, 'file' | 'line' | 'column' | 'severity' | 'code' | 'message'>;

function match(line: string): Matched | undefined {
    const groups = regexp.exec(line);
    if (!groups) return undefined;
    return {
        file: groups[pattern.file], line: Number(groups[pattern.line]), column: Number(groups[pattern.column]),
        severity: groups[pattern.severity] as Matched['severity'], code: groups[pattern.code], message: groups[pattern.message]
    };
}

describe('the $isms problem matcher on isms validate', function () {
    this.timeout(120000);

    // One defect of each severity: an unknown control (error), an asset without owner (warning),
    // and two codes moved to info and hint by --severity; one in a subfolder.
    let copy: { dir: string, dispose: () => void };
    before(() => {
        copy = copyOfFolder(ACME_EXAMPLE);
        fs.appendFileSync(path.join(copy.dir, 'assets.isms'), '\nasset Laptop9 "Spare laptop" { kind hardware }\n');
        fs.writeFileSync(path.join(copy.dir, 'risks', 'seeded.isms'),
            'risk R-900 "Seeded" { assets CustomerData threat Ransomware likelihood 2 impact 2 owner CISO treatment mitigate { controls A.99.9 } }\n'
            + 'risk R-901 "Seeded untreated" { assets CustomerData threat Ransomware likelihood 2 impact 2 owner CISO }\n');
    });
    after(() => copy.dispose());

    function validate(format: 'text' | 'json'): string {
        const run = spawnSync(process.execPath, [CLI_BUNDLE, 'validate', '--date', '2026-11-23', '--severity', 'unassessed-asset=info',
            '--severity', 'untreated-risk=hint', '--format', format, '.'], { cwd: copy.dir, encoding: 'utf8', timeout: 60000 });
        assert.equal(run.status, 1, run.stderr);
        return run.stdout;
    }

    it('reads file, line, column, severity, code and message from every diagnostic line', () => {
        const expected = (JSON.parse(validate('json')) as ReportedDiagnostic[])
            .map(({ file, line, column, severity, code, message }) => ({ file, line, column, severity, code, message }));
        const lines = validate('text').trimEnd().split('\n');
        const matched = lines.map(match).filter(found => found !== undefined);
        assert.deepEqual(matched, expected);
        assert.deepEqual([...new Set(matched.map(found => found.severity))].sort(), ['error', 'hint', 'info', 'warning']);
        assert.ok(matched.some(found => found.file === 'risks/seeded.isms' && found.code === 'unresolved-reference' && found.line === 1));
        for (const found of matched) {
            assert.ok(VSCODE_SEVERITY[found.severity], `${found.severity} is a severity VS Code knows`);
            // autoDetect: relative to the workspace folder the task runs in.
            assert.ok(fs.existsSync(path.join(copy.dir, found.file)), `${found.file} is relative to the workspace folder`);
        }
    });

    it('does not match the summary line', () => {
        const lines = validate('text').trimEnd().split('\n');
        const summary = lines.at(-1)!;
        assert.match(summary, /^\d+ file\(s\) checked: \d+ error\(s\), \d+ warning\(s\)/);
        assert.equal(match(summary), undefined);
        assert.equal(lines.filter(line => match(line) === undefined).length, 1, 'every other line is a diagnostic');
    });

    it('keeps a Windows drive letter and a colon in a file name with the file', () => {
        assert.deepEqual(match('C:\\work\\isms\\risks.isms:12:5 error unresolved-reference Unknown control \'A.9.9\': x'),
            { file: 'C:\\work\\isms\\risks.isms', line: 12, column: 5, severity: 'error', code: 'unresolved-reference', message: 'Unknown control \'A.9.9\': x' });
        assert.equal(match('a:b.isms:3:1 warning asset-without-owner Asset \'X\' has no owner.')?.file, 'a:b.isms');
    });

    it('is documented in docs/cli.md with its pattern and a tasks.json that uses it', () => {
        const reference = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'cli.md'), 'utf8');
        assert.ok(reference.includes(pattern.regexp), 'docs/cli.md shows the pattern of package.json');
        assert.ok(reference.includes('"problemMatcher": "$isms"'));
    });
});
