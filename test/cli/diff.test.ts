// `isms diff` and `isms history` on real git repositories: a starter ISMS committed, assessed and
// reassessed in dated commits, compared by the CLI run as a subprocess.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CLI_BUNDLE, PROJECT_ROOT } from '../helpers/project.js';
import { GitFixture } from '../helpers/git-fixture.js';
import type { ModelDiff } from '../../language/history/model-diff-schema.js';
import type { RiskHistory } from '../../language/history/risk-history.js';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(cwd: string, args: string[]): Run {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function diffJson(cwd: string, args: string[]): ModelDiff {
    const run = isms(cwd, ['diff', '--format', 'json', '--date', '2026-11-01', ...args]);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return JSON.parse(run.stdout) as ModelDiff;
}

const ASSESSED = `
risk R-003 "Credential stuffing against the customer portal" {
    assets CustomerData
    threat Phishing
    likelihood 3  impact 4
    owner CISO
    treatment mitigate {
        controls A.5.17
        residual likelihood 2  impact 3
    }
    reviewed 2026-02-01
}

risk R-004 "Backups are not tested" {
    assets CustomerData
    threat Theft
    likelihood 2  impact 3
    owner CISO
    treatment accept { by CISO on 2026-02-01 until 2027-01-15 because "Restores are rare" }
    reviewed 2026-02-01
}

risk R-005 "Laptops are not encrypted" {
    assets Laptops
    threat Theft
    likelihood 2  impact 2
    owner CISO
    treatment accept { by CISO on 2026-02-01 until 2027-01-15 because "Few laptops" }
    reviewed 2026-02-01
}

risk R-006 "A temporary risk" {
    assets Laptops
    threat Theft
    likelihood 1  impact 1
    owner CISO
    treatment accept { by CISO on 2026-02-01 until 2027-01-15 because "Trivial" }
    reviewed 2026-02-01
}

nonconformity NC-1 "Access reviews were skipped in the last quarter" {
    date 2026-02-01
    severity minor
    root-cause "Nobody owned the access reviews"
    corrective-action "Name an owner for access reviews" { owner CISO  due 2026-03-01  status open }
}

audit IA-2026 "Internal audit 2026" {
    date 2026-03-10
    auditor "Internal Audit"
    scope "The whole ISMS"
    finding F-1 "No records of access reviews" {
        severity minor
        nonconformity NC-1
        corrective-action "Keep the records of every access review" { owner CISO  due 2026-04-30  status open }
    }
}

apply A.5.1 { status planned  owner CISO  because best-practice "The policies are the base of the ISMS" }
`;

describe('isms diff on a git repository', function () {
    this.timeout(300000);
    let repo: GitFixture;
    const commits: Record<string, string> = {};

    before(() => {
        repo = new GitFixture();
        const init = isms(repo.dir, ['init', 'isms', '--organization', 'Acme', '--scope', 'The SaaS platform', '--methodology', '5x5', '--date', '2026-01-05']);
        assert.equal(init.status, 0, init.stderr);
        commits.start = repo.commit('Start the ISMS', '2026-01-05');
        repo.write({ 'isms/work.isms': ASSESSED });
        commits.assessed = repo.commit('Assess the first risks', '2026-02-01');
        repo.write({ 'isms/extra/README.md': 'notes' });
        commits.notes = repo.commit('Notes', '2026-03-20');
        // Reassessment after the audit: scores, owners, controls, treatments, decisions, records.
        repo.edit('isms/risks.isms', '\n    likelihood 1  impact 2\n', '\n    likelihood 4  impact 2\n')
            .edit('isms/risks.isms', 'risk R-002 ', 'risk R-020 ')
            .edit('isms/work.isms', 'owner CISO\n    treatment mitigate {\n        controls A.5.17\n        residual likelihood 2  impact 3',
                'owner CEO\n    treatment mitigate {\n        controls A.5.17, A.8.5\n        residual likelihood 1  impact 3')
            .edit('isms/work.isms', 'treatment accept { by CISO on 2026-02-01 until 2027-01-15 because "Restores are rare" }',
                'treatment mitigate { controls A.8.13  residual likelihood 1  impact 3 }')
            .edit('isms/work.isms', 'likelihood 2  impact 2\n    owner CISO\n    treatment accept { by CISO on 2026-02-01',
                'likelihood 3  impact 2\n    owner CISO\n    treatment accept { by CISO on 2026-04-01')
            .edit('isms/work.isms', 'risk R-006 "A temporary risk"', 'risk R-007 "Shadow IT" {\n    assets Laptops\n    threat NoSuchThreat\n    likelihood 1  impact 1\n    owner CISO\n    treatment avoid { because "Blocked" }\n}\n\nrisk R-006 "A temporary risk"')
            .edit('isms/work.isms', 'status open }', 'status closed  closed 2026-03-20 }')
            .edit('isms/work.isms', 'due 2026-04-30  status open }', 'due 2026-04-30  status closed  closed 2026-03-25 }')
            .edit('isms/work.isms', 'apply A.5.1 { status planned', 'exclude A.7.4 because "No company premises: everyone works remotely"\n\napply A.5.1 { status implemented')
            .edit('isms/objectives.isms', '    measure every 3 months', '    measure every 3 months\n    measured 2026-03-31 value 9');
        const work = repo.read('isms/work.isms');
        repo.write({
            'isms/work.isms': work.replace(/risk R-006 "A temporary risk" \{[^}]*\}[^}]*\}\n/, '')
                + '\nnonconformity NC-2 "A supplier was onboarded without a review" {\n    date 2026-03-30\n    severity minor\n    root-cause "No checklist"\n}\n'
        });
        commits.reassessed = repo.commit('Reassess after the audit', '2026-04-01');
    });

    after(() => repo.dispose());

    it('reports every kind of change between two commits, by element id', () => {
        const diff = diffJson(repo.dir, ['--from', commits.notes, '--to', commits.reassessed, 'isms']);
        assert.deepEqual(diff.risks.added.map(r => r.id), ['R-007']);
        assert.deepEqual(diff.risks.removed.map(r => r.id), ['R-006']);
        assert.deepEqual(diff.risks.renamed, [{ from: 'R-002', to: 'R-020', title: 'A stolen laptop exposes internal data (example)', location: { file: 'risks.isms', line: 16 } }]);
        const changed = new Map(diff.risks.changed.map(risk => [risk.id, risk]));
        assert.deepEqual([...changed.keys()], ['R-001', 'R-003', 'R-004', 'R-005']);
        // likelihood 1 → 4 with impact 2: 2 low → 8 medium, up a level.
        assert.deepEqual(changed.get('R-001')!.inherent, { from: { score: 2, level: 'low' }, to: { score: 8, level: 'medium' }, direction: 'up', level: 'up' });
        const r3 = changed.get('R-003')!;
        assert.deepEqual(r3.owner, { from: 'CISO', to: 'CEO' });
        assert.deepEqual(r3.controls, { added: ['A.8.5'], removed: [] });
        assert.deepEqual(r3.residual, { from: { score: 6, level: 'medium' }, to: { score: 3, level: 'low' }, direction: 'down', level: 'down' });
        assert.equal(r3.inherent, null);
        assert.deepEqual(changed.get('R-004')!.treatment, { from: 'accept', to: 'mitigate' });
        // likelihood 2 → 3 with impact 2, 4 low → 6 medium.
        assert.equal(diff.summary.levelIncreases, 2);

        assert.deepEqual(diff.controls.decisions.map(c => [c.id, c.from, c.to]), [['A.7.4', 'undecided', 'excluded'], ['A.8.5', 'undecided', 'applicable'], ['A.8.13', 'undecided', 'applicable']]);
        assert.deepEqual(diff.controls.status.map(c => [c.id, c.from, c.to]), [['A.5.1', 'planned', 'implemented']]);

        assert.deepEqual(diff.acceptances.added, []);
        // R-002's acceptance went with it to R-020: neither removed nor added.
        assert.deepEqual(diff.acceptances.removed.map(a => a.risk), ['R-004', 'R-006']);
        assert.deepEqual(diff.acceptances.renewed.map(a => [a.risk, a.previous.on, a.on]), [['R-005', '2026-02-01', '2026-04-01']]);

        assert.deepEqual(diff.nonconformities.opened.map(nc => nc.id), ['NC-2']);
        assert.deepEqual(diff.nonconformities.closed.map(nc => nc.id), ['NC-1']);
        assert.deepEqual(diff.correctiveActions.closed, [
            { source: 'IA-2026/F-1', title: 'Keep the records of every access review', status: 'closed', closed: '2026-03-25' },
            { source: 'NC-1', title: 'Name an owner for access reviews', status: 'closed', closed: '2026-03-20' }
        ]);
        assert.deepEqual(diff.objectives.measurements.map(m => [m.id, m.date, m.value, m.met]), [['O-1', '2026-03-31', 9, true]]);

        const introduced = diff.diagnostics.introduced.map(d => `${d.file} ${d.code}`);
        assert.ok(introduced.includes('work.isms unresolved-reference'), introduced.join('\n'));
        assert.ok(diff.diagnostics.resolved.some(d => d.code === 'objective-unmeasured'), JSON.stringify(diff.diagnostics.resolved));
        assert.ok(diff.summary.errorsIntroduced >= 1);
        assert.deepEqual(diff.diagnostics.byCode.find(entry => entry.code === 'unresolved-reference'), { code: 'unresolved-reference', introduced: 1, resolved: 0 });
        assert.equal(diff.unchanged, false);
    });

    it('finds the acceptance that went stale and the ones that did not', () => {
        const diff = diffJson(repo.dir, ['--from', commits.notes, '--to', commits.reassessed, 'isms']);
        // R-001 was accepted on 2026-01-05; its score changed on 2026-04-01. R-005 changed on
        // 2026-04-01 too, but was accepted anew in the same commit. R-003 has no acceptance.
        assert.deepEqual(diff.acceptances.stale.map(a => a.risk), ['R-001']);
        const stale = diff.acceptances.stale[0];
        assert.equal(stale.changedIn?.id, commits.reassessed);
        assert.deepEqual(stale.changed, ['inherent', 'residual', 'level']);
        assert.deepEqual(stale.accepted.inherent, { score: 2, level: 'low' });
        assert.deepEqual(stale.now.inherent, { score: 8, level: 'medium' });
        assert.equal(diff.acceptances.staleUnavailable, null);
        // Seen from before the change, nothing is stale.
        assert.deepEqual(diffJson(repo.dir, ['--from', commits.start, '--to', commits.notes, 'isms']).acceptances.stale, []);
    });

    it('calls a change in the working tree after every acceptance stale, and leaves the working tree alone', () => {
        const statusBefore = repo.git('status', '--porcelain');
        const indexBefore = fs.statSync(path.join(repo.dir, '.git', 'index')).mtimeMs;
        repo.edit('isms/work.isms', 'likelihood 3  impact 2', 'likelihood 5  impact 2');
        try {
            const diff = diffJson(repo.dir, ['isms']);
            assert.equal(diff.from.label, 'HEAD');
            assert.equal(diff.to.label, 'working tree');
            assert.deepEqual(diff.risks.changed.map(r => r.id), ['R-005']);
            const stale = diff.acceptances.stale.find(a => a.risk === 'R-005');
            assert.ok(stale, JSON.stringify(diff.acceptances.stale));
            assert.equal(stale.changedIn, null);
            assert.equal(fs.statSync(path.join(repo.dir, '.git', 'index')).mtimeMs, indexBefore);
            assert.equal(repo.git('status', '--porcelain'), statusBefore + ' M isms/work.isms\n');
        } finally {
            repo.git('checkout', '--', 'isms/work.isms');
        }
    });

    it('lists acceptances ending within --expiring days', () => {
        const diff = diffJson(repo.dir, ['--from', commits.notes, '--to', commits.reassessed, '--expiring', '75', 'isms']);
        // --date 2026-11-01: end on 2027-01-05 (65 days), R-005 on 2027-01-15 (75 days).
        assert.deepEqual(diff.acceptances.expiring.map(a => [a.risk, a.days]), [['R-001', 65], ['R-020', 65], ['R-005', 75]]);
        const shorter = diffJson(repo.dir, ['--from', commits.notes, '--to', commits.reassessed, '--expiring', '70', 'isms']);
        assert.deepEqual(shorter.acceptances.expiring.map(a => a.risk), ['R-001', 'R-020']);
    });

    it('starts from the last audit or the last management review', () => {
        const sinceAudit = diffJson(repo.dir, ['--since-audit', '--to', commits.reassessed, 'isms']);
        // IA-2026 is dated 2026-03-10: the last commit on or before it is "Assess the first risks".
        assert.equal(sinceAudit.from.commit?.id, commits.assessed);
        assert.match(sinceAudit.from.label, /^IA-2026 \(audit of 2026-03-10\)$/);
        const noReview = isms(repo.dir, ['diff', '--since-review', 'isms', '--date', '2026-11-01']);
        assert.equal(noReview.status, 2);
        assert.match(noReview.stderr, /^isms: the model records no management review dated on or before 2026-11-01\n$/);
    });

    it('validates its JSON against the published schema and writes the same bytes twice', () => {
        const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'schemas', 'model-diff.schema.json'), 'utf8'));
        const validate = new Ajv2020({ strict: false }).compile(schema);
        const args = ['diff', '--from', commits.start, '--to', commits.reassessed, '--date', '2026-11-01', 'isms'];
        for (const format of ['json', 'md', 'html', 'text']) {
            const first = isms(repo.dir, [...args, '--format', format]);
            const second = isms(repo.dir, [...args, '--format', format]);
            assert.equal(first.status, 0, first.stderr);
            assert.equal(first.stdout, second.stdout, format);
            if (format === 'json') assert.ok(validate(JSON.parse(first.stdout)), JSON.stringify(validate.errors));
        }
    });

    it('writes Markdown for a pull request: the summary first, the details folded', () => {
        const run = isms(repo.dir, ['diff', '--from', commits.notes, '--to', commits.reassessed, '--date', '2026-11-01', '--format', 'md', 'isms']);
        assert.equal(run.status, 0, run.stderr);
        const md = run.stdout;
        assert.match(md, /^## ISMS changes: [0-9a-f]{12} → [0-9a-f]{12}\n/);
        assert.match(md, /\n- \*\*From:\*\* [0-9a-f]{12}, 2026-03-20, "Notes" \(16 files\)\n/);
        const summary = md.indexOf('\n### Summary\n');
        const firstFold = md.indexOf('<details><summary>');
        assert.ok(summary > 0 && firstFold > summary, md);
        assert.match(md, /\| Risks \| 1 added, 1 removed, 4 changed, 1 renamed \(2 level up, 2 level down\) \|/);
        assert.match(md, /\| Acceptances \| 2 removed, 1 renewed, 3 ending within 90 days or ended, 1 stale \|/);
        assert.match(md, /<details><summary>Stale acceptances \(1\)<\/summary>/);
        assert.match(md, /\| R-001 \| Phishing captures a password to customer data \(example\) \| on 2026-01-05 by CISO \|/);
        assert.match(md, /> \*\*Warning:\*\* 1 new error, 2 risks at a higher level, 1 stale acceptance\./);
    });

    it('links each row of the HTML to its element', () => {
        const run = isms(repo.dir, ['diff', '--from', commits.notes, '--to', commits.reassessed, '--date', '2026-11-01', '--format', 'html', 'isms']);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /<tr data-file="risks\.isms" data-line="6"><td class="col-id[^"]*">R-001<\/td>/);
        assert.ok(!/<script/i.test(run.stdout));
    });

    it('fails on the conditions asked for, and only on those', () => {
        const args = ['diff', '--from', commits.notes, '--to', commits.reassessed, '--date', '2026-11-01', 'isms'];
        for (const condition of ['new-errors', 'level-increase', 'stale-acceptance']) {
            const run = isms(repo.dir, [...args, '--fail-on', condition]);
            assert.equal(run.status, 1, `${condition}: ${run.stderr}`);
            assert.match(run.stderr, new RegExp(`^isms: --fail-on ${condition}: `));
        }
        const quiet = isms(repo.dir, ['diff', '--from', commits.start, '--to', commits.notes, '--date', '2026-11-01', '--fail-on', 'new-errors,level-increase,stale-acceptance', 'isms']);
        assert.equal(quiet.status, 0, quiet.stderr);
        const bad = isms(repo.dir, [...args, '--fail-on', 'new-warnings']);
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /--fail-on new-warnings: expected new-errors, level-increase, stale-acceptance/);
    });

    it('compares two folders, which have no history', () => {
        const before = path.join(repo.dir, 'snapshot');
        fs.mkdirSync(before);
        repo.git('--work-tree', before, 'checkout', commits.start, '--', 'isms');
        try {
            const diff = diffJson(repo.dir, ['--from', path.join(before, 'isms'), '--to', path.join(repo.dir, 'isms')]);
            assert.deepEqual(diff.risks.added.map(r => r.id), ['R-003', 'R-004', 'R-005', 'R-007']);
            assert.ok(diff.acceptances.staleUnavailable);
            assert.deepEqual(diff.acceptances.stale, []);
        } finally {
            fs.rmSync(before, { recursive: true, force: true });
            repo.git('reset', '-q');
        }
    });

    it('says what is wrong with a revision, in one line', () => {
        const cases: Array<[string[], RegExp]> = [
            [['--from', 'no-such-branch'], /^isms: no-such-branch: no such revision in /],
            [['--from', '--upload-pack=touch'], /^isms: "--upload-pack=touch" is not a revision\n$/],
            [['--to', 'HEAD..HEAD~1'], /^isms: HEAD\.\.HEAD~1: no such revision in /],
            [['--from', 'HEAD', '--since-audit'], /^isms: give only one of --from, --since-audit and --since-review\n$/]
        ];
        for (const [args, expected] of cases) {
            const run = isms(repo.dir, ['diff', ...args, 'isms']);
            assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}`);
            assert.match(run.stderr, expected);
            assert.ok(!/\n\s+at /.test(run.stderr), run.stderr);
        }
    });

    it('reads revisions without running what the repository configures', () => {
        const marker = path.join(repo.dir, 'ran');
        const config = path.join(repo.dir, '.git', 'config');
        const original = fs.readFileSync(config, 'utf8');
        fs.appendFileSync(config, `[core]\n\tfsmonitor = touch ${marker}\n\tpager = touch ${marker}\n[log]\n\tshowSignature = true\n[gpg]\n\tprogram = touch ${marker}\n`);
        try {
            const run = isms(repo.dir, ['diff', '--from', commits.assessed, '--to', commits.reassessed, 'isms']);
            assert.equal(run.status, 0, run.stderr);
            assert.equal(fs.existsSync(marker), false);
        } finally {
            fs.writeFileSync(config, original);
        }
    });

    it('leaves out model files of a commit that are links or binary', () => {
        const other = new GitFixture();
        try {
            fs.cpSync(path.join(repo.dir, 'isms'), path.join(other.dir, 'isms'), { recursive: true });
            other.commit('Start', '2026-01-05');
            fs.symlinkSync('/etc/passwd', path.join(other.dir, 'isms', 'linked.isms'));
            other.write({ 'isms/binary.isms': 'risk \u0000' });
            other.commit('Add a link and a binary file', '2026-01-06');
            const diff = diffJson(other.dir, ['--from', 'HEAD~1', '--to', 'HEAD', 'isms']);
            assert.equal(diff.to.files, diff.from.files);
            assert.deepEqual(diff.to.leftOut, [
                { file: 'binary.isms', reason: 'binary content, not a text file' },
                { file: 'linked.isms', reason: 'a symbolic link in HEAD, not followed' }
            ]);
            assert.equal(diff.unchanged, true);
        } finally {
            other.dispose();
        }
    });

    it('needs a repository for revisions but not for folders', () => {
        const outside = fs.mkdtempSync(path.join(path.dirname(repo.dir), 'isms-plain-'));
        try {
            fs.cpSync(path.join(repo.dir, 'isms'), path.join(outside, 'isms'), { recursive: true });
            const run = isms(outside, ['diff', 'isms']);
            assert.equal(run.status, 2);
            assert.match(run.stderr, /^isms: the model is not in a git repository, so it has no revisions to compare; name a folder instead\n$/);
            const folders = isms(outside, ['diff', '--from', 'isms', '--to', 'isms', '--format', 'json']);
            assert.equal(folders.status, 0, folders.stderr);
            assert.equal((JSON.parse(folders.stdout) as ModelDiff).unchanged, true);
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });
});

describe('isms history', function () {
    this.timeout(300000);

    it('prints a risk\'s score at every commit that changed it', () => {
        const repo = new GitFixture();
        try {
            assert.equal(isms(repo.dir, ['init', 'isms', '--organization', 'Acme', '--scope', 'All', '--methodology', '5x5', '--date', '2026-01-05']).status, 0);
            const first = repo.commit('Start', '2026-01-05');
            repo.write({ 'isms/notes.md': 'nothing about risks' });
            repo.commit('Notes only', '2026-01-20');
            repo.edit('isms/roles.isms', 'role CISO', 'role CTO "Chief Technology Officer"\nrole CISO');
            repo.commit('A role, no risk change', '2026-02-01');
            repo.edit('isms/risks.isms', '\n    likelihood 1  impact 2\n', '\n    likelihood 3  impact 2\n');
            const second = repo.commit('Reassess R-001', '2026-03-01');
            repo.edit('isms/risks.isms', '\n    likelihood 3  impact 2\n', '\n    likelihood 5  impact 2\n');

            const json = isms(repo.dir, ['history', 'R-001', 'isms', '--format', 'json']);
            assert.equal(json.status, 0, json.stderr);
            const history = JSON.parse(json.stdout) as RiskHistory;
            assert.deepEqual(history.entries.map(entry => [entry.commit?.id ?? 'working tree', entry.change, entry.inherent?.score]),
                [[first, 'added', 2], [second, 'changed', 6], ['working tree', 'changed', 10]]);
            const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'schemas', 'risk-history.schema.json'), 'utf8'));
            assert.ok(new Ajv2020({ strict: false }).compile(schema)(history));

            const text = isms(repo.dir, ['history', 'R-001', 'isms']);
            assert.equal(text.status, 0, text.stderr);
            const lines = text.stdout.trimEnd().split('\n');
            assert.equal(lines[0], 'R-001 "Phishing captures a password to customer data (example)"');
            assert.match(lines[3], /^2026-03-01 {2}[0-9a-f]{12} {2}changed {2}6 medium +6 medium +accept +Reassess R-001$/);
            assert.match(lines[4], /^ +working tree {2}changed {2}10 high/);

            const unknown = isms(repo.dir, ['history', 'R-404', 'isms']);
            assert.equal(unknown.status, 2);
            assert.match(unknown.stderr, /^isms: R-404: no risk with this id in the history of the model or in the working tree\n$/);
        } finally {
            repo.dispose();
        }
    });
});

describe('the management-review pack\'s risk trend', function () {
    this.timeout(300000);

    it('compares each risk with the last commit on or before the previous review', () => {
        const repo = new GitFixture();
        try {
            assert.equal(isms(repo.dir, ['init', 'isms', '--organization', 'Acme', '--scope', 'All', '--methodology', '5x5', '--date', '2026-01-05']).status, 0);
            repo.commit('Start', '2026-01-05');
            repo.write({ 'isms/review-2026.isms': 'management-review MR-1 "First review" {\n    date 2026-02-15\n}\n' });
            const reviewed = repo.commit('Hold the first review', '2026-02-15');
            repo.edit('isms/risks.isms', '\n    likelihood 1  impact 2\n', '\n    likelihood 4  impact 3\n');
            repo.write({ 'isms/more.isms': 'risk R-009 "A risk found after the review" {\n    assets Laptops\n    threat Theft\n    likelihood 2  impact 2\n    owner CISO\n    treatment accept { by CISO on 2026-03-01 until 2026-12-31 because "Small" }\n}\n' });
            repo.commit('Reassess', '2026-03-01');

            const run = isms(repo.dir, ['review-pack', 'isms', '--format', 'json', '--date', '2026-03-02']);
            assert.equal(run.status, 0, run.stderr);
            const trend = JSON.parse(run.stdout).inputs['risk-assessment'].trend;
            assert.deepEqual(trend.since, { review: 'MR-1', date: '2026-02-15', commit: reviewed, commitDate: '2026-02-15' });
            assert.deepEqual(trend.risks.map((risk: { id: string, change: string, level: string }) => [risk.id, risk.change, risk.level]),
                [['R-001', 'up', 'up'], ['R-009', 'added', 'same']]);
            assert.equal(trend.unchanged, 1);

            const outside = isms(path.join(repo.dir, 'isms'), ['review-pack', '.', '--format', 'json', '--date', '2026-01-10']);
            assert.equal(JSON.parse(outside.stdout).inputs['risk-assessment'].trend.unavailable, 'no management review before this date');
        } finally {
            repo.dispose();
        }
    });
});
