import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { DIAGNOSTIC_RULES } from '../../language/validation/diagnostic-codes.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

/**
 * Seeds one defect per diagnostic code into a copy of the acme example (which is clean), runs
 * the real CLI on it in every output format, and checks that each seeded defect is reported
 * exactly once, with its code, default severity and location, and nothing else is.
 */

const TODAY = '2026-11-23';

interface Run { status: number | null, stdout: string, stderr: string }

/** `isms validate --date TODAY --format FORMAT DIR`, run from DIR so that paths are relative to it. */
function validate(dir: string, format: 'text' | 'json' | 'sarif'): Run {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, 'validate', '--date', TODAY, '--format', format, dir], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Where a seeded defect must be reported: the file, the 1-based start and the text covered. */
interface Expected {
    code: string;
    severity: 'error' | 'warning';
    file: string;
    line: number;
    column: number;
    /** The source text the reported range covers. */
    text: string;
    /** A part of the message, where the place alone does not tell which element is meant. */
    message?: RegExp;
}

/** A defect seeded into a copy of the example, and where it must be reported. */
interface Seed {
    readonly code: string;
    /** Changes the copy. */
    readonly seed: (dir: string) => void;
    /** Where the seeded defect is, read from the seeded copy. */
    readonly where: (dir: string) => Omit<Expected, 'code' | 'severity'>;
}

function read(dir: string, file: string): string {
    return fs.readFileSync(path.join(dir, file), 'utf8');
}

/** Replaces the one occurrence of `from` in `file` (after `anchor`, when given). */
function replaceOnce(dir: string, file: string, from: string | RegExp, to: string, anchor?: string): void {
    const text = read(dir, file);
    const start = anchor === undefined ? 0 : text.indexOf(anchor);
    assert.ok(start >= 0, `${anchor} in ${file}`);
    const head = text.slice(0, start);
    const tail = text.slice(start);
    const matches = typeof from === 'string' ? tail.split(from).length - 1 : (tail.match(new RegExp(from.source, from.flags.replace('g', '') + 'g')) ?? []).length;
    const scoped = anchor === undefined ? matches === 1 : matches >= 1;
    assert.ok(scoped, `${String(from)} once in ${file}${anchor ? ` after ${anchor}` : ''} (found ${matches})`);
    fs.writeFileSync(path.join(dir, file), head + tail.replace(from, to));
}

function create(dir: string, file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    assert.ok(!fs.existsSync(path.join(dir, file)), `${file} is new`);
    fs.writeFileSync(path.join(dir, file), text);
}

/**
 * Where `needle` is in `file`: its first occurrence after `anchor` (or its only one), found as
 * `before` + `needle` when `before` is given. The covered text is the needle unless `text` says.
 */
function locate(dir: string, file: string, needle: string, options: { anchor?: string, before?: string, text?: string } = {}): Omit<Expected, 'code' | 'severity'> {
    const content = read(dir, file);
    const from = options.anchor === undefined ? 0 : content.indexOf(options.anchor);
    assert.ok(from >= 0, `${options.anchor} in ${file}`);
    const sought = (options.before ?? '') + needle;
    const found = content.indexOf(sought, from);
    assert.ok(found >= 0, `${sought} in ${file}`);
    if (options.anchor === undefined) assert.equal(content.indexOf(sought, found + 1), -1, `${sought} is unique in ${file}`);
    const index = found + (options.before ?? '').length;
    const before = content.slice(0, index).split('\n');
    return { file, line: before.length, column: before[before.length - 1].length + 1, text: options.text ?? needle };
}

const lines = (...text: string[]) => text.join('\n') + '\n';

/** Sets a property of the isms block in isms.isms, replacing the line that gives it, if any. */
function setIsmsProperty(dir: string, keyword: string, line: string): void {
    const text = read(dir, 'isms.isms').replace(new RegExp(`\\n\\s*${keyword} [^\\n]*`), '');
    const opening = /^isms "[^"\n]*" \{/m;
    assert.ok(opening.test(text), 'the isms block in isms.isms');
    fs.writeFileSync(path.join(dir, 'isms.isms'), line === '' ? text : text.replace(opening, match => `${match}\n    ${line}`));
}

/** New files go below zz-seeded/, so that they sort after every file of the example. */
const SEEDS: Seed[] = [
    {
        code: 'syntax-error',
        seed: dir => create(dir, 'zz-seeded/syntax-error.isms', lines('// a property without its value', 'role SeededSyntax "Seeded" {', '    person', '}')),
        where: () => ({ file: 'zz-seeded/syntax-error.isms', line: 4, column: 1, text: '}' })
    },
    {
        code: 'unresolved-reference',
        seed: dir => replaceOnce(dir, 'assets.isms', 'hosted-by Stripe', 'hosted-by Strype'),
        where: dir => ({ ...locate(dir, 'assets.isms', 'Strype'), message: /Unknown supplier 'Strype'/ })
    },
    {
        code: 'ambiguous-control-id',
        seed: dir => create(dir, 'zz-seeded/ambiguous-control-id.isms', lines('framework SeededControls "Seeded" {', '    control A.8.99 "Shares an id with a control of the next framework"', '}',
            'framework SeededOther "Seeded too" {', '    control A.8.99 "The same id"', '}', 'apply A.8.99 { because best-practice "Seeded" }')),
        where: () => ({ file: 'zz-seeded/ambiguous-control-id.isms', line: 7, column: 7, text: 'A.8.99', message: /Control id 'A\.8\.99' is declared in SeededControls and SeededOther/ })
    },
    {
        code: 'duplicate-id',
        seed: dir => create(dir, 'zz-seeded/duplicate-id.isms', lines('// redeclares the built-in catalog', 'framework ISO27001_2022 "Seeded copy of Annex A"')),
        where: () => ({ file: 'zz-seeded/duplicate-id.isms', line: 2, column: 11, text: 'ISO27001_2022', message: /Duplicate framework id 'ISO27001_2022'/ })
    },
    {
        code: 'invalid-date',
        seed: dir => replaceOnce(dir, 'policies.isms', 'reviewed 2026-04-21', 'reviewed 2026-04-31'),
        where: dir => locate(dir, 'policies.isms', '2026-04-31')
    },
    {
        code: 'duplicate-property',
        seed: dir => replaceOnce(dir, 'roles.isms', 'person "Emma Clarke"', 'person "Emma Clarke"\n    person "E. Clarke"'),
        where: dir => locate(dir, 'roles.isms', 'person', { before: '\n    person "Emma Clarke"\n    ' })
    },
    {
        code: 'unmitigated-risk',
        seed: dir => create(dir, 'zz-seeded/unmitigated-risk.isms', lines('risk R-901 "Seeded: mitigation without controls" {', '    likelihood 1  impact 2', '    owner CISO', '    treatment mitigate { due 2027-01-31 }', '}')),
        where: () => ({ file: 'zz-seeded/unmitigated-risk.isms', line: 4, column: 15, text: 'mitigate' })
    },
    {
        code: 'risk-unscored',
        seed: dir => create(dir, 'zz-seeded/risk-unscored.isms', lines('risk R-902 "Seeded: no impact" {', '    likelihood 2', '    owner CISO', '    treatment avoid { because "Seeded" }', '}')),
        where: () => ({ file: 'zz-seeded/risk-unscored.isms', line: 1, column: 6, text: 'R-902' })
    },
    {
        code: 'untreated-risk',
        seed: dir => create(dir, 'zz-seeded/untreated-risk.isms', lines('risk R-903 "Seeded: no treatment" {', '    likelihood 1  impact 1', '    owner CISO', '}')),
        where: () => ({ file: 'zz-seeded/untreated-risk.isms', line: 1, column: 6, text: 'R-903' })
    },
    {
        code: 'residual-above-appetite',
        // R-003: inherent 16, residual 8 → 12 (high), above the appetite of 9 and not accepted.
        seed: dir => replaceOnce(dir, 'risks/platform.isms', 'residual likelihood 2  impact 4', 'residual likelihood 3  impact 4', 'risk R-003 '),
        where: dir => ({ ...locate(dir, 'risks/platform.isms', 'likelihood 3  impact 4', { anchor: 'risk R-003 ', before: 'residual ' }), message: /risk 'R-003'/ })
    },
    {
        code: 'acceptance-authority',
        // R-002: residual 10 (high) may be accepted by the CISO or the CEO, not the CTO.
        seed: dir => replaceOnce(dir, 'risks/platform.isms', 'by CISO', 'by CTO', 'risk R-002 '),
        where: dir => ({ ...locate(dir, 'risks/platform.isms', 'CTO', { anchor: 'risk R-002 ', before: 'by ' }), message: /Risk 'R-002' is high; CTO may not accept high risks/ })
    },
    {
        code: 'residual-exceeds-inherent',
        // R-009: inherent 9, residual 6 → 10.
        seed: dir => replaceOnce(dir, 'risks/platform.isms', 'residual likelihood 2  impact 3', 'residual likelihood 2  impact 5', 'risk R-009 '),
        where: dir => locate(dir, 'risks/platform.isms', 'likelihood 2  impact 5', { anchor: 'risk R-009 ', before: 'residual ' })
    },
    {
        code: 'score-out-of-scale',
        seed: dir => replaceOnce(dir, 'risks/people-and-endpoints.isms', 'likelihood 3  impact 3', 'likelihood 3  impact 6', 'risk R-021 '),
        where: dir => locate(dir, 'risks/people-and-endpoints.isms', '6', { anchor: 'risk R-021 ', before: 'impact ' })
    },
    {
        code: 'acceptance-incomplete',
        // R-024 is retained by `treatment accept`; the acceptance loses its date.
        seed: dir => replaceOnce(dir, 'risks/people-and-endpoints.isms', /\n\s*on 2026-06-30/, '', 'risk R-024 '),
        where: dir => ({ ...locate(dir, 'risks/people-and-endpoints.isms', 'accept', { anchor: 'risk R-024 ', before: 'treatment ' }), message: /does not record when/ })
    },
    {
        code: 'acceptance-expired',
        seed: dir => replaceOnce(dir, 'risks/people-and-endpoints.isms', 'until 2027-05-12', 'until 2026-11-22', 'risk R-025 '),
        where: dir => locate(dir, 'risks/people-and-endpoints.isms', '2026-11-22')
    },
    {
        code: 'excluded-control-used',
        seed: dir => create(dir, 'zz-seeded/excluded-control-used.isms', lines('risk R-904 "Seeded: treated with an excluded control" {', '    likelihood 1  impact 1', '    owner CISO', '    treatment mitigate { controls A.7.4 }', '}')),
        where: () => ({ file: 'zz-seeded/excluded-control-used.isms', line: 4, column: 35, text: 'A.7.4' })
    },
    {
        code: 'exclusion-unjustified',
        seed: dir => replaceOnce(dir, 'soa.isms', /^exclude A\.7\.6 because "[^"\n]*"/m, 'exclude A.7.6'),
        where: dir => locate(dir, 'soa.isms', 'exclude A.7.6')
    },
    {
        code: 'decision-conflict',
        seed: dir => create(dir, 'zz-seeded/decision-conflict.isms', lines('apply A.5.2 {', '    because best-practice "Seeded: decided a second time"', '}')),
        where: dir => ({
            file: 'zz-seeded/decision-conflict.isms', line: 1, column: 1, text: 'apply',
            message: new RegExp(`^A\\.5\\.2 is applied twice; it is already applied in soa\\.isms:${locate(dir, 'soa.isms', 'apply A.5.2 {').line}\\.`)
        })
    },
    {
        code: 'control-undecided',
        // A.5.4 is decided only by its apply; no risk treats with it.
        seed: dir => replaceOnce(dir, 'soa.isms', /^apply A\.5\.4 \{[^}]*\}\n/m, ''),
        where: dir => ({ ...locate(dir, 'isms.isms', 'ISO27001_2022'), message: /^A\.5\.4 "/ })
    },
    {
        code: 'applicability-unjustified',
        // A.5.1 is treated by no risk: without its reason, its apply is unjustified.
        seed: dir => replaceOnce(dir, 'soa.isms', /\n\s*because best-practice "Top-level policy[^"\n]*"/, '', 'apply A.5.1 {'),
        where: dir => ({ ...locate(dir, 'soa.isms', 'apply A.5.1 {', { text: 'apply' }), message: /^A\.5\.1 is applied/ })
    },
    {
        code: 'asset-without-owner',
        // MarketingSite is out of scope, so only its owner is missing.
        seed: dir => replaceOnce(dir, 'assets.isms', '\n    owner MarketingLead', ''),
        where: dir => locate(dir, 'assets.isms', 'MarketingSite', { before: 'asset ' })
    },
    {
        code: 'unassessed-asset',
        seed: dir => create(dir, 'zz-seeded/unassessed-asset.isms', lines('asset SeededAsset "Seeded: in scope, assessed by no risk" {', '    kind data', '    owner CISO', '}')),
        where: () => ({ file: 'zz-seeded/unassessed-asset.isms', line: 1, column: 7, text: 'SeededAsset' })
    },
    {
        code: 'review-overdue',
        // InfoSecPolicy is reviewed every 12 months: due 2026-11-22, the day before TODAY.
        seed: dir => {
            replaceOnce(dir, 'policies.isms', 'approved-by CEO on 2026-01-15', 'approved-by CEO on 2025-10-01');
            replaceOnce(dir, 'policies.isms', 'reviewed 2026-01-15', 'reviewed 2025-11-22');
        },
        where: dir => ({ ...locate(dir, 'policies.isms', '2025-11-22'), message: /Policy 'InfoSecPolicy'/ })
    },
    {
        code: 'policy-unapproved',
        seed: dir => create(dir, 'zz-seeded/policy-unapproved.isms', lines('policy SeededPolicy "Seeded: never approved" {', '    version "0.1"', '    owner CISO', '}')),
        where: () => ({ file: 'zz-seeded/policy-unapproved.isms', line: 1, column: 8, text: 'SeededPolicy' })
    },
    {
        code: 'finding-without-action',
        seed: dir => create(dir, 'zz-seeded/finding-without-action.isms', lines('audit SEEDED-IA "Seeded audit" {', '    date 2026-11-01', '    finding SF-1 "Seeded: no corrective action" {', '        severity minor', '    }', '}')),
        where: () => ({ file: 'zz-seeded/finding-without-action.isms', line: 3, column: 13, text: 'SF-1' })
    },
    {
        code: 'action-overdue',
        seed: dir => replaceOnce(dir, 'audits.isms', 'due 2027-02-28', 'due 2026-11-22'),
        where: dir => locate(dir, 'audits.isms', '"Track training completion', { text: [
            '"Track training completion in the HR system with automatic reminders" {',
            '            owner HeadOfPeople',
            '            due 2026-11-22',
            '            status open',
            '        }'
        ].join('\n') })
    },
    {
        code: 'levels-inconsistent',
        // Scores of 9 are left without a level.
        seed: dir => replaceOnce(dir, 'methodology.isms', 'medium   5..9', 'medium   5..8'),
        where: dir => ({ ...locate(dir, 'methodology.isms', 'levels', { before: '\n    ' }), message: /leave scores 9\.\.9 without a level/ })
    },
    {
        code: 'bidi-control-character',
        // A right-to-left override that makes the person's name display reversed.
        seed: dir => replaceOnce(dir, 'roles.isms', 'person "Maria Alvarez"', 'person "Maria \u202ezevlA"'),
        where: dir => ({ ...locate(dir, 'roles.isms', '"Maria \u202ezevlA"'), message: /U\+202E/ })
    },
    {
        code: 'fill-in-marker',
        // An imported name not completed yet.
        seed: dir => create(dir, 'zz-seeded/fill-in-marker.isms', lines('// FILL IN: the role\'s properties', 'role SeededClerk "Seeded: a clerk"')),
        where: () => ({ file: 'zz-seeded/fill-in-marker.isms', line: 1, column: 1, text: '// FILL IN: the role\'s properties' })
    },
    {
        code: 'climate-undetermined',
        seed: dir => setIsmsProperty(dir, 'climate', ''),
        where: dir => locate(dir, 'isms.isms', '"Acme Cloud ISMS"', { before: 'isms ' })
    },
    {
        code: 'requirement-unaddressed',
        seed: dir => create(dir, 'zz-seeded/requirement-unaddressed.isms', lines('party SeededParty "Seeded: an interested party" {', '    requirement SREQ-1 "Seeded: addressed by nothing"', '}')),
        where: () => ({ file: 'zz-seeded/requirement-unaddressed.isms', line: 2, column: 17, text: 'SREQ-1' })
    },
    {
        code: 'objective-unmeasured',
        // Due 2026-11-22, the day before TODAY.
        seed: dir => create(dir, 'zz-seeded/objective-unmeasured.isms', lines('objective SO-1 "Seeded: measured too long ago" {', '    target <= 10', '    owner CISO', '    measure every 3 months', '    measured 2026-08-22 value 5', '}')),
        where: () => ({ file: 'zz-seeded/objective-unmeasured.isms', line: 1, column: 11, text: 'SO-1' })
    },
    {
        code: 'objective-missed',
        seed: dir => create(dir, 'zz-seeded/objective-missed.isms', lines('objective SO-2 "Seeded: target missed" {', '    target >= 90  unit "%"', '    owner CISO', '    measured 2026-11-01 value 80', '}')),
        where: () => ({ file: 'zz-seeded/objective-missed.isms', line: 4, column: 31, text: '80', message: /^Objective 'SO-2' misses its target/ })
    },
    {
        code: 'evidence-stale',
        // Valid until 2026-11-22, the day before TODAY.
        seed: dir => replaceOnce(dir, 'soa.isms', 'apply A.5.3 {', 'apply A.5.3 {\n    evidence "Seeded: stale record" collected 2026-08-22 valid 3 months'),
        where: dir => locate(dir, 'soa.isms', '2026-08-22', { before: 'collected ' })
    },
    {
        code: 'evidence-not-found',
        seed: dir => replaceOnce(dir, 'soa.isms', 'apply A.5.5 {', 'apply A.5.5 {\n    evidence "Seeded: missing file" at "evidence/seeded-missing.md"'),
        where: dir => locate(dir, 'soa.isms', '"evidence/seeded-missing.md"')
    },
    {
        code: 'document-unapproved',
        seed: dir => create(dir, 'zz-seeded/document-unapproved.isms', lines('methodology SeededMethod "Seeded: never approved" {', '    version "0.1"', '}')),
        where: () => ({ file: 'zz-seeded/document-unapproved.isms', line: 1, column: 13, text: 'SeededMethod' })
    },
    {
        code: 'audit-overdue',
        // The latest audit, the seeded one of finding-without-action, is dated 2026-11-01.
        seed: dir => setIsmsProperty(dir, 'audits', 'audits every 1 days'),
        where: dir => locate(dir, 'isms.isms', 'every 1 days', { before: 'audits ' })
    },
    {
        code: 'management-review-overdue',
        seed: dir => setIsmsProperty(dir, 'management-reviews', 'management-reviews every 1 days'),
        where: dir => locate(dir, 'isms.isms', 'every 1 days', { before: 'management-reviews ' })
    },
    {
        code: 'review-inputs-missing',
        seed: dir => create(dir, 'zz-seeded/review-inputs-missing.isms', lines('management-review SEEDED-MR "Seeded: two inputs of ten" {', '    date 2026-01-10', '    inputs monitoring, audit-results', '}')),
        where: () => ({ file: 'zz-seeded/review-inputs-missing.isms', line: 1, column: 19, text: 'SEEDED-MR', message: /does not consider 8 of the 10 inputs/ })
    },
    {
        code: 'file-too-large',
        // Over the default limit of 8 MB: left out unread, reported on its first line.
        seed: dir => create(dir, 'zz-seeded/too-large.isms', `// ${'x'.repeat(8 * 1024 * 1024)}\n`),
        where: () => ({ file: 'zz-seeded/too-large.isms', line: 1, column: 1, text: '', message: /^This file is 8\.1 MB, over the 8 MB limit \(isms\.maxFileSize \/ --max-file-size\); it is left out of the model\.$/ })
    },
    // ---- risk treatment, improvement (10.2), suppliers, training and reasons (Part 2)
    {
        code: 'risk-without-owner',
        seed: dir => create(dir, 'zz-seeded/risk-without-owner.isms', lines('risk R-905 "Seeded: nobody owns it" {', '    likelihood 1  impact 1', '    treatment avoid { because "Seeded: the activity is stopped" }', '}')),
        where: () => ({ file: 'zz-seeded/risk-without-owner.isms', line: 1, column: 6, text: 'R-905' })
    },
    {
        code: 'transfer-incomplete',
        seed: dir => create(dir, 'zz-seeded/transfer-incomplete.isms', lines('risk R-906 "Seeded: transferred to no one" {', '    likelihood 1  impact 1', '    owner CISO', '    treatment transfer { because "Seeded: insured" }', '}')),
        where: () => ({ file: 'zz-seeded/transfer-incomplete.isms', line: 4, column: 15, text: 'transfer', message: /does not record to whom/ })
    },
    {
        code: 'treatment-overdue',
        // soa.isms applies A.8.7 with status partial.
        seed: dir => create(dir, 'zz-seeded/treatment-overdue.isms', lines('risk R-907 "Seeded: mitigation past its due date" {', '    likelihood 1  impact 1', '    owner CISO', '    treatment mitigate { controls A.8.7 due 2026-11-22 }', '}')),
        where: () => ({ file: 'zz-seeded/treatment-overdue.isms', line: 4, column: 45, text: '2026-11-22', message: /A\.8\.7 \(partial\) is not implemented/ })
    },
    {
        code: 'acceptance-too-long',
        // The example's methodology allows acceptances of at most 12 months; the seeded one runs 14.
        seed: dir => create(dir, 'zz-seeded/acceptance-too-long.isms', lines('risk R-908 "Seeded: accepted for too long" {', '    likelihood 1  impact 1', '    owner CISO', '    treatment accept { by CISO on 2026-01-01 until 2027-03-01 because "Seeded: low" }', '}')),
        where: () => ({ file: 'zz-seeded/acceptance-too-long.isms', line: 4, column: 52, text: '2027-03-01', message: /longer than the 12 months methodology FiveByFive allows/ })
    },
    {
        code: 'acceptance-in-future',
        seed: dir => create(dir, 'zz-seeded/acceptance-in-future.isms', lines('risk R-909 "Seeded: accepted tomorrow" {', '    likelihood 1  impact 1', '    owner CISO', '    treatment accept { by CISO on 2026-11-24 because "Seeded: low" }', '}')),
        where: () => ({ file: 'zz-seeded/acceptance-in-future.isms', line: 4, column: 35, text: '2026-11-24' })
    },
    {
        code: 'score-mismatch',
        seed: dir => create(dir, 'zz-seeded/score-mismatch.isms', lines('risk R-910 "Seeded: imported with a wrong score" {', '    likelihood 2  impact 2', '    stated-score 6', '    owner CISO', '    treatment avoid { because "Seeded: the activity is stopped" }', '}')),
        where: () => ({ file: 'zz-seeded/score-mismatch.isms', line: 3, column: 18, text: '6', message: /states score 6, but its inherent score is 4/ })
    },
    {
        code: 'justification-placeholder',
        seed: dir => replaceOnce(dir, 'soa.isms', /^exclude A\.7\.4 because "[^"\n]*"/m, 'exclude A.7.4 because "N/A"'),
        where: dir => locate(dir, 'soa.isms', '"N/A"', { before: 'exclude A.7.4 because ' })
    },
    {
        code: 'nonconformity-incomplete',
        seed: dir => create(dir, 'zz-seeded/nonconformity-incomplete.isms', lines('nonconformity NC-901 "Seeded: major, cause not determined" {', '    severity major', '}')),
        where: () => ({ file: 'zz-seeded/nonconformity-incomplete.isms', line: 1, column: 15, text: 'NC-901' })
    },
    {
        code: 'supplier-review-overdue',
        seed: dir => create(dir, 'zz-seeded/supplier-review-overdue.isms', lines('supplier SeededSupplier "Seeded: reviewed a year and a day ago" {', '    reviewed 2025-11-22', '    review every 12 months', '}')),
        where: () => ({ file: 'zz-seeded/supplier-review-overdue.isms', line: 2, column: 14, text: '2025-11-22' })
    },
    {
        code: 'training-overdue',
        seed: dir => create(dir, 'zz-seeded/training-overdue.isms', lines('training SEEDED-AW "Seeded: yearly training, last held a year and a day ago" {', '    date 2025-11-22', '    every 12 months', '}')),
        where: () => ({ file: 'zz-seeded/training-overdue.isms', line: 2, column: 10, text: '2025-11-22' })
    }
];

/** The codes that concern the whole workspace, each seeded into a copy of its own. */
const WORKSPACE_SEEDS: Array<{ code: string, seed: (dir: string) => void, expected: (dir: string) => Array<Omit<Expected, 'code' | 'severity'>> }> = [
    {
        code: 'isms-missing',
        seed: dir => fs.rmSync(path.join(dir, 'isms.isms')),
        // the first file in path order
        expected: () => [{ file: 'assets.isms', line: 1, column: 1, text: '' }]
    },
    {
        code: 'isms-duplicate',
        seed: dir => create(dir, 'zz-seeded/second-isms.isms', lines('isms "Seeded second ISMS" {', '    scope { description "Seeded" }', '}')),
        // reported on each of the two blocks
        expected: dir => [locate(dir, 'isms.isms', 'isms', { before: '\n', text: 'isms' }), { file: 'zz-seeded/second-isms.isms', line: 1, column: 1, text: 'isms' }]
    },
    {
        code: 'scope-empty',
        seed: dir => replaceOnce(dir, 'isms.isms', /\n\s*scope \{[\s\S]*?\n {4}\}/, '\n    scope { }'),
        expected: dir => [locate(dir, 'isms.isms', 'scope', { before: '\n    ' })]
    },
    {
        code: 'scope-missing',
        seed: dir => replaceOnce(dir, 'isms.isms', /\n\s*scope \{[\s\S]*?\n {4}\}/, ''),
        expected: dir => [locate(dir, 'isms.isms', 'isms', { before: '\n', text: 'isms' })]
    }
];

function severityOf(code: string): 'error' | 'warning' {
    const severity = DIAGNOSTIC_RULES.get(code as never)?.defaultSeverity;
    assert.ok(severity === 'error' || severity === 'warning', code);
    return severity;
}

interface JsonDiagnostic { file: string, line: number, column: number, endLine: number, endColumn: number, severity: string, code: string, message: string }

/** The text a reported range covers, read from the seeded copy. */
function covered(dir: string, diagnostic: JsonDiagnostic): string {
    const content = read(dir, diagnostic.file).split('\n');
    const offset = (line: number, column: number) => content.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
    return content.join('\n').slice(offset(diagnostic.line, diagnostic.column), offset(diagnostic.endLine, diagnostic.endColumn));
}

const key = (d: { file: string, line: number, column: number, severity: string, code: string }) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`;

/** Checks the three formats of one run against `expected`: every item once, nothing else. */
function assertReports(dir: string, expected: Expected[], checkOnlyCodes?: readonly string[]): void {
    const relevant = (code: string) => !checkOnlyCodes || checkOnlyCodes.includes(code);
    const wanted = expected.map(key).sort();

    const json = validate(dir, 'json');
    assert.equal(json.status, 1, `exit 1 with errors: ${json.stderr}`);
    const reported = (JSON.parse(json.stdout) as JsonDiagnostic[]).filter(d => relevant(d.code));
    assert.deepEqual(reported.map(key).sort(), wanted, 'json');
    for (const item of expected) {
        const diagnostic = reported.find(d => key(d) === key(item))!;
        assert.equal(covered(dir, diagnostic), item.text, `range of ${item.code}`);
        if (item.message) assert.match(diagnostic.message, item.message, `message of ${item.code}`);
    }

    const text = validate(dir, 'text');
    assert.equal(text.status, 1, text.stderr);
    const outputLines = text.stdout.trimEnd().split('\n');
    const summary = outputLines.pop()!;
    const parsed = outputLines.map(line => {
        const match = /^(\S+):(\d+):(\d+) (error|warning|info|hint) ([a-z-]+) (.+)$/.exec(line);
        assert.ok(match, `text line: ${line}`);
        return { file: match[1], line: Number(match[2]), column: Number(match[3]), severity: match[4], code: match[5], message: match[6] };
    });
    assert.deepEqual(parsed.filter(d => relevant(d.code)).map(key).sort(), wanted, 'text');
    const all = JSON.parse(json.stdout) as JsonDiagnostic[];
    assert.deepEqual(parsed.map(d => `${key(d)} ${d.message}`), all.map(d => `${key(d)} ${escapeControlCharacters(d.message)}`), 'text lists what json lists, in its order');
    const errors = all.filter(d => d.severity === 'error').length;
    const warnings = all.filter(d => d.severity === 'warning').length;
    assert.match(summary, new RegExp(`^\\d+ file\\(s\\) checked: ${errors} error\\(s\\), ${warnings} warning\\(s\\)$`));

    const sarif = validate(dir, 'sarif');
    assert.equal(sarif.status, 1, sarif.stderr);
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string, level: string, locations: Array<{ physicalLocation: { artifactLocation: { uri: string }, region: { startLine: number, startColumn: number } } }> }> }> };
    assert.equal(log.runs.length, 1);
    const results = log.runs[0].results.filter(result => relevant(result.ruleId)).map(result => {
        const location = result.locations[0].physicalLocation;
        assert.ok(!path.isAbsolute(location.artifactLocation.uri) && !location.artifactLocation.uri.startsWith('file:'), `relative uri ${location.artifactLocation.uri}`);
        return key({ file: location.artifactLocation.uri, line: location.region.startLine, column: location.region.startColumn, severity: result.level, code: result.ruleId });
    });
    assert.deepEqual(results.sort(), wanted, 'sarif');
}

describe('isms validate on seeded defects', function () {
    this.timeout(120000);

    it('reports nothing on the unseeded example, in every format, and exits 0', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            const json = validate(copy.dir, 'json');
            assert.equal(json.status, 0, json.stdout + json.stderr);
            assert.deepEqual(JSON.parse(json.stdout), []);
            const text = validate(copy.dir, 'text');
            assert.equal(text.status, 0);
            assert.match(text.stdout, /^\d+ file\(s\) checked: 0 error\(s\), 0 warning\(s\)\n$/);
            const sarif = validate(copy.dir, 'sarif');
            assert.equal(sarif.status, 0);
            assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results, []);
        } finally {
            copy.dispose();
        }
    });

    it('seeds one defect for every code of the language', () => {
        const seeded = [...SEEDS.map(seed => seed.code), ...WORKSPACE_SEEDS.map(seed => seed.code)].sort();
        assert.deepEqual(seeded, [...DIAGNOSTIC_RULES.keys()].sort());
    });

    it('reports each defect seeded into one copy exactly once, where it was seeded, and nothing else (json, text, sarif)', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            SEEDS.forEach(seed => seed.seed(copy.dir));
            const expected = SEEDS.map(seed => ({ code: seed.code, severity: severityOf(seed.code), ...seed.where(copy.dir) }));
            assertReports(copy.dir, expected);
        } finally {
            copy.dispose();
        }
    });

    for (const seed of WORKSPACE_SEEDS) {
        it(`reports ${seed.code} seeded into a copy of its own (json, text, sarif)`, () => {
            const copy = copyOfFolder(ACME_EXAMPLE);
            try {
                seed.seed(copy.dir);
                const expected = seed.expected(copy.dir).map(place => ({ code: seed.code, severity: severityOf(seed.code), ...place }));
                assertReports(copy.dir, expected, [seed.code]);
            } finally {
                copy.dispose();
            }
        });
    }

    it('control-undecided: removing one apply from soa.isms gives exactly one warning, naming that control; removing two, one line naming both (one JSON result each)', () => {
        const copy = copyOfFolder(ACME_EXAMPLE);
        try {
            replaceOnce(copy.dir, 'soa.isms', /^apply A\.8\.13 \{[^}]*\}\n/m, '');
            const run = validate(copy.dir, 'json');
            const reported = JSON.parse(run.stdout) as JsonDiagnostic[];
            // A.8.13 is still treated by R-001 and R-012, so it stays applicable.
            assert.deepEqual(reported, []);
            assert.equal(run.status, 0);

            replaceOnce(copy.dir, 'soa.isms', /^apply A\.5\.6 \{[^}]*\}\n/m, '');
            const after = JSON.parse(validate(copy.dir, 'json').stdout) as JsonDiagnostic[];
            const where = locate(copy.dir, 'isms.isms', 'ISO27001_2022');
            assert.deepEqual(after.map(d => [d.file, d.line, d.column, d.severity, d.code]), [[where.file, where.line, where.column, 'warning', 'control-undecided']]);
            assert.match(after[0].message, /^A\.5\.6 "Contact with special interest groups" has no SoA decision/);
            assert.equal(validate(copy.dir, 'text').status, 0, 'warnings only: exit 0');

            // A second undecided control joins the same warning, which then counts and names both;
            // JSON, for tools, still gives one result per control, at the same place.
            replaceOnce(copy.dir, 'soa.isms', /^apply A\.5\.4 \{[^}]*\}\n/m, '');
            const both = JSON.parse(validate(copy.dir, 'json').stdout) as JsonDiagnostic[];
            assert.deepEqual(both.map(d => [d.file, d.line, d.column, d.code, d.message.split(' ')[0]]),
                [[where.file, where.line, where.column, 'control-undecided', 'A.5.4'], [where.file, where.line, where.column, 'control-undecided', 'A.5.6']]);
            const text = validate(copy.dir, 'text').stdout.split('\n');
            assert.deepEqual(text.filter(line => line.includes('control-undecided')).map(line => line.replace(/^.*control-undecided /, '')),
                ['2 Annex A controls have no SoA decision: A.5.4, A.5.6. Apply each (apply A.x.y { … } or treat a risk with it) or exclude it with a reason.']);
            assert.match(text.find(line => line.includes('file(s) checked'))!, /0 error\(s\), 2 warning\(s\)/, 'counted per control');
        } finally {
            copy.dispose();
        }
    });
});
