// Every command the README shows works as written. Each `npm run isms …` line runs through npm
// and a shell, from the folder the README runs it in, in a temporary copy of the project (a git
// repository with two commits, so that `diff` and `history` have a past); the commands that
// cannot run inside a test are checked to exist. A command added to the README without an
// expectation here fails the test, and so does one that stops working.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitFixture } from '../helpers/git-fixture.js';
import { installCli, PROJECT_ROOT } from '../helpers/project.js';

interface Run { status: number | null, stdout: string, stderr: string }

/** What a command must do, checked against its run and the copy it ran in. */
type Expectation = (run: Run, copy: string) => void;

/** The shell lines of the README's `sh` blocks, each with the folder it runs in (after a `cd`). */
function readmeCommands(): Array<{ line: string, folder: string }> {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const commands: Array<{ line: string, folder: string }> = [];
    for (const block of readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
        let folder = '.';
        for (const raw of block[1].split('\n')) {
            const line = raw.replace(/\s+#.*$/, '').trim();
            if (line.length === 0) continue;
            const cd = /^cd (\S+)$/.exec(line);
            if (cd) folder = path.posix.join(folder, cd[1]);
            else commands.push({ line, folder });
        }
    }
    return commands;
}

const wrote = (run: Run, file: string) => assert.match(run.stderr, new RegExp(`isms: wrote ${file.replace(/[.]/g, '\\.')}\\n`), run.stderr);
const fileStarts = (copy: string, file: string, start: string | RegExp) => {
    const text = fs.readFileSync(path.join(copy, file), 'latin1');
    if (typeof start === 'string') assert.ok(text.startsWith(start), `${file} starts with ${start}`);
    else assert.match(text.slice(0, 400), start);
};
const cleanModel = /\d+ file\(s\) checked: 0 error\(s\)/;

/** Per README line (as written, without its comment): the exit code and what it must produce. */
const RUNNABLE: Record<string, { status: number, expect: Expectation }> = {
    'npm run isms -- validate examples/acme': {
        status: 0, expect: run => assert.match(run.stdout, cleanModel)
    },
    'npm run isms -s -- validate --format sarif . > isms.sarif': {
        // The root's isms.json leaves out the fixtures with deliberate errors: only the model is checked.
        status: 0, expect: (run, copy) => {
            assert.equal(run.stdout, '', 'with -s, npm adds nothing to the redirected output');
            const sarif = JSON.parse(fs.readFileSync(path.join(copy, 'isms.sarif'), 'utf8'));
            assert.equal(sarif.version, '2.1.0');
            assert.deepEqual(sarif.runs[0].results.filter((result: { level: string }) => result.level === 'error'), []);
        }
    },
    'npm run isms -- validate --date 2026-12-31 --severity review-overdue=error --max-warnings 0 .': {
        // As of that date the example has late records: the gate the line shows closes.
        status: 1, expect: run => {
            assert.match(run.stdout, /file\(s\) checked: 0 error\(s\), [1-9]\d* warning\(s\) \(more than --max-warnings 0\)/);
            assert.match(run.stdout, / warning action-overdue /);
        }
    },
    'npm run isms -- validate .': {
        // Run inside examples/acme: that folder, not the project root.
        status: 0, expect: (run, copy) => {
            assert.match(run.stdout, cleanModel);
            assert.equal(checkedFiles(run), fs.readdirSync(path.join(copy, 'examples', 'acme'), { recursive: true }).filter(name => String(name).endsWith('.isms')).length);
        }
    },
    'npm run isms -- risks . --format html --out risk-register.html': {
        status: 0, expect: (run, copy) => {
            wrote(run, 'risk-register.html');
            fileStarts(copy, 'examples/acme/risk-register.html', /<!DOCTYPE html>[\s\S]*Risk register/i);
            assert.ok(!fs.existsSync(path.join(copy, 'risk-register.html')), 'nothing written into the project root');
        }
    },
    'npm run isms -- soa examples/acme --format html --out reports/': {
        status: 0, expect: (run, copy) => {
            wrote(run, 'reports/statement-of-applicability.html');
            fileStarts(copy, 'reports/statement-of-applicability.html', /<!DOCTYPE html>[\s\S]*Statement of Applicability/i);
        }
    },
    'npm run isms -- risks examples/acme --format xlsx --out reports/': {
        status: 0, expect: (run, copy) => { wrote(run, 'reports/risk-register.xlsx'); fileStarts(copy, 'reports/risk-register.xlsx', 'PK'); }
    },
    'npm run isms -- treatment-plan examples/acme --format md': {
        status: 0, expect: run => assert.match(run.stdout, /^# Risk treatment plan/im)
    },
    'npm run isms -- review-pack examples/acme --format html --out reports/': {
        status: 0, expect: (run, copy) => {
            wrote(run, 'reports/management-review-pack.html');
            fileStarts(copy, 'reports/management-review-pack.html', /<!DOCTYPE html>[\s\S]*Management review/i);
        }
    },
    'npm run isms -- import risks reports/risk-register.xlsx --model examples/acme': {
        status: 0, expect: run => {
            assert.match(run.stdout, /^\/\/ ---- \S+\.isms$/m);
            assert.match(run.stdout, /^risk R-016 /m);
            assert.match(run.stderr, /isms: dry run: .*nothing written/);
        }
    },
    'npm run isms -- soa examples/acme --format xlsx --out reports/': {
        status: 0, expect: (run, copy) => { wrote(run, 'reports/statement-of-applicability.xlsx'); fileStarts(copy, 'reports/statement-of-applicability.xlsx', 'PK'); }
    },
    'npm run isms -- import soa reports/statement-of-applicability.xlsx --map "Control=id" --model examples/acme': {
        status: 0, expect: run => {
            assert.match(run.stdout, /^apply A\.5\.1\b/m);
            assert.match(run.stderr, /isms: dry run: .*nothing written/);
        }
    },
    'npm run isms -- diff --from HEAD~1 examples/acme': {
        status: 0, expect: run => assert.match(run.stdout, /R-016[^\n]*\n?[^\n]*15[^\n]*20|R-016[\s\S]*15 → 20|15 -> 20/)
    },
    'npm run isms -- diff --from HEAD~1 --to HEAD --format md --fail-on new-errors,stale-acceptance examples/acme': {
        status: 0, expect: run => { assert.match(run.stdout, /^## /m); assert.match(run.stdout, /R-016/); }
    },
    'npm run isms -- history R-016 examples/acme': {
        status: 0, expect: run => {
            assert.match(run.stdout, /^R-016 "Phishing captures/m);
            assert.match(run.stdout, /15 high/);
            assert.match(run.stdout, /20 critical/);
        }
    },
    'npm run isms -- soa examples/acme --framework CSF2 --format html --out reports/': {
        status: 0, expect: (run, copy) => {
            wrote(run, 'reports/framework-profile-CSF2.html');
            fileStarts(copy, 'reports/framework-profile-CSF2.html', /<!DOCTYPE html>[\s\S]*CSF/);
        }
    },
    'npm run isms -- coverage examples/acme --format md': {
        status: 0, expect: run => { assert.match(run.stdout, /CSF2/); assert.match(run.stdout, /NIS2/); }
    },
    'npm run isms -- init my-isms --organization "Acme Ltd" --scope "The Acme platform" --methodology 5x5': {
        status: 0, expect: (run, copy) => {
            assert.match(run.stdout, /Created a 5x5 ISMS for Acme Ltd/);
            assert.ok(fs.existsSync(path.join(copy, 'my-isms', 'isms.isms')), 'my-isms/isms.isms');
            // A second isms block would join the model the later commands check from the root.
            fs.rmSync(path.join(copy, 'my-isms'), { recursive: true });
        }
    },
    'npm run isms -- heatmap examples/acme --out reports/': {
        status: 0, expect: (run, copy) => { wrote(run, 'reports/risk-heat-map.svg'); fileStarts(copy, 'reports/risk-heat-map.svg', /<svg/); }
    },
    'npm run isms -- import-catalog test/fixtures/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json --name SP800_53_LOW': {
        status: 0, expect: run => assert.match(run.stdout, /^framework SP800_53_LOW "/m)
    }
};

const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The README lines a test cannot run (a full build, the whole suite, an editor), with how each is checked. */
const CHECKED: Record<string, (copy: string) => void> = {
    'npm install && npm run demo': copy => {
        assert.match(manifest.scripts.demo, /node scripts\/demo\.mjs$/);
        // The demo without its build step: the bundle is already built.
        const run = spawnSync(process.execPath, ['scripts/demo.mjs'], { cwd: copy, encoding: 'utf8', timeout: 120000 });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        for (const file of ['statement-of-applicability.md', 'statement-of-applicability.xlsx', 'risk-register.html', 'risk-treatment-plan.html']) {
            assert.ok(fs.existsSync(path.join(copy, 'demo-output', file)), `demo-output/${file}`);
        }
    },
    'npm test': () => assert.match(manifest.scripts.test, /mocha/),
    'npm run build': () => assert.match(manifest.scripts.build, /langium generate|npm run generate/),
    'npm run test:e2e': () => assert.match(manifest.scripts['test:e2e'], /scripts\/e2e\/run\.mjs/),
    'npm run test:vscode': () => assert.match(manifest.scripts['test:vscode'], /scripts\/test-vscode\.mjs/),
    'npm run fuzz': () => assert.match(manifest.scripts.fuzz, /mocha .*fuzz/),
    'npm run bench': () => assert.match(manifest.scripts.bench, /scripts\/bench\/bench\.mjs/),
    'npm run schemas': () => assert.match(manifest.scripts.schemas, /scripts\/export-schemas\.mjs/),
    'npm run package': () => assert.match(manifest.scripts.package, /vsce package .*--out dist\/isms-as-code\.vsix/),
    'code --install-extension dist/isms-as-code.vsix': () => assert.match(manifest.scripts.package, /--out dist\/isms-as-code\.vsix/)
};

function checkedFiles(run: Run): number {
    return Number(/(\d+) file\(s\) checked/.exec(run.stdout)?.[1]);
}

/** What the README's commands need, in a git repository whose previous commit scores R-016 lower. */
function projectCopy(): GitFixture {
    const repository = new GitFixture();
    const copy = repository.dir;
    for (const file of ['package.json', 'isms.json', 'scripts/demo.mjs', 'test/fixtures/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json',
        ...fs.readdirSync(path.join(PROJECT_ROOT, 'test', 'fixtures')).filter(name => name.endsWith('.isms')).map(name => `test/fixtures/${name}`)]) {
        fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(copy, file));
    }
    fs.cpSync(path.join(PROJECT_ROOT, 'examples'), path.join(copy, 'examples'), { recursive: true });
    installCli(copy);
    repository.write({ '.gitignore': 'node_modules\ndist/\n' });

    const risks = 'examples/acme/risks/people-and-endpoints.isms';
    repository.edit(risks, 'likelihood 4  impact 5\n    owner CISO', 'likelihood 3  impact 5\n    owner CISO').commit('R-016 first assessed', '2026-09-01');
    repository.edit(risks, 'likelihood 3  impact 5\n    owner CISO', 'likelihood 4  impact 5\n    owner CISO').commit('R-016 reassessed after the phishing incident', '2026-09-15');
    return repository;
}

/** Runs a README line as a user would: through the shell, with npm, from `folder`. */
function shell(line: string, cwd: string): Run {
    // npm's own variables from an outer `npm test` would describe another script.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_|^INIT_CWD$/i.test(name)));
    env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`;
    const result = spawnSync('sh', ['-c', line], { cwd, env, encoding: 'utf8', timeout: 120000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the commands of the README', function () {
    this.timeout(600000);

    let repository: GitFixture;
    let copy: string;
    before(() => { repository = projectCopy(); copy = repository.dir; });
    after(() => repository?.dispose());

    it('has an expectation for every command it shows', () => {
        const unknown = readmeCommands().map(command => command.line).filter(line => !(line in RUNNABLE) && !(line in CHECKED));
        assert.deepEqual(unknown, [], 'add what each new README command must do to this test');
    });

    it('runs every npm run isms line as written, from the folder the README runs it in', () => {
        const commands = readmeCommands().filter(command => command.line in RUNNABLE);
        assert.ok(commands.length >= 15, `${commands.length} commands`);
        assert.ok(commands.some(command => command.folder === 'examples/acme'), 'one runs inside examples/acme');
        for (const { line, folder } of commands) {
            const run = shell(line, path.join(copy, folder));
            const { status, expect } = RUNNABLE[line];
            assert.equal(run.status, status, `${line} (in ${folder}):\n${run.stdout.slice(-2000)}\n${run.stderr}`);
            expect(run, copy);
        }
    });

    it('checks the commands that cannot run here', () => {
        for (const { line } of readmeCommands().filter(command => command.line in CHECKED)) {
            CHECKED[line](copy);
        }
    });
});
