import * as assert from 'node:assert/strict';
import { URI } from 'langium';
import type { IsmsSettingsInput } from '../../language/config/isms-settings.js';
import { DIAGNOSTIC_RULES } from '../../language/validation/diagnostic-codes.js';
import type { SimpleDiagnostic } from '../helpers/model-workspace.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/**
 * Every diagnostic code of the language: a small model that raises it (code, default severity
 * and the exact range, as docs/language.md and the design contract say where it is reported)
 * and near misses that must not raise it. Then severity settings and the refresh of
 * diagnostics in files that did not change when another file does.
 */

/** "Today" for every date rule in this file. */
const TODAY = '2026-11-23';

/**
 * A complete context for fragments: the isms block with its scope and climate determined, an
 * approved 5×5 methodology whose `high` level is accepted by the CISO and `critical` by the CEO,
 * appetite 9, reviews every 12 months, and three roles. On its own it raises only `control-undecided`, once for the 93 controls.
 */
const BASE = [
    'isms "Test ISMS" {',                                                   // 1
    '    organization "Test Ltd"',                                          // 2
    '    framework ISO27001_2022',                                          // 3
    '    methodology M  climate relevant',                                  // 4
    '    scope { description "Everything" }',                               // 5
    '}',                                                                    // 6
    'methodology M "Test 5x5" {',                                           // 7
    '    likelihood 1 "Rare" 2 "Unlikely" 3 "Possible" 4 "Likely" 5 "Almost certain"',
    '    impact 1 "Negligible" 2 "Minor" 3 "Moderate" 4 "Major" 5 "Severe"',
    '    levels { low 1..4 medium 5..9 high 10..16 accepted-by CISO critical 17..25 accepted-by CEO }',
    '    appetite 9',
    '    review every 12 months  version "1" approved-by CEO on 2026-01-15',
    '}',
    'role CISO "Chief Information Security Officer"',
    'role CEO "Chief Executive Officer"',
    'role Staff "Any member of staff"',
    ''
].join('\n');

const lines = (...text: string[]) => text.join('\n') + '\n';

/** Re-runs every validation check, e.g. after the settings changed. */
async function revalidate(workspace: ModelWorkspace): Promise<void> {
    const { DocumentBuilder, LangiumDocuments } = workspace.services.shared.workspace;
    await DocumentBuilder.build(LangiumDocuments.all.toArray(), { validation: true });
}

/**
 * The workspace `files` (with BASE as base.isms unless `base` is false), validated with today
 * pinned to TODAY and the given settings.
 */
async function validated(files: Record<string, string>, options: { base?: boolean, settings?: IsmsSettingsInput } = {}): Promise<ModelWorkspace> {
    const workspace = await ModelWorkspace.create(options.base === false ? files : { 'base.isms': BASE, ...files });
    assert.deepEqual(workspace.services.config.Settings.update({ today: TODAY, ...options.settings }), []);
    await revalidate(workspace);
    return workspace;
}

type Place = [file: string, line: number, column: number, text: string];

function byPosition(a: Place, b: Place): number {
    return a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2];
}

function ofCode(workspace: ModelWorkspace, code: string): SimpleDiagnostic[] {
    return workspace.diagnostics(undefined, true).filter(diagnostic => diagnostic.code === code);
}

function placesOf(diagnostics: SimpleDiagnostic[]): Place[] {
    return diagnostics.map(d => [d.file, d.line, d.column, d.text] as Place).sort(byPosition);
}

/** The contract's default severities (LANGUAGE.md), and `error` for the codes it does not list. */
const CONTRACT_SEVERITY: Record<string, 'error' | 'warning'> = {
    'syntax-error': 'error', 'unresolved-reference': 'error', 'ambiguous-control-id': 'error', 'duplicate-id': 'error', 'invalid-date': 'error',
    'duplicate-property': 'error', 'isms-missing': 'error', 'isms-duplicate': 'error', 'scope-missing': 'error',
    'unmitigated-risk': 'error', 'risk-unscored': 'error', 'untreated-risk': 'error', 'residual-above-appetite': 'warning',
    'acceptance-authority': 'warning', 'residual-exceeds-inherent': 'error', 'score-out-of-scale': 'error',
    'acceptance-incomplete': 'error', 'acceptance-expired': 'warning', 'excluded-control-used': 'error',
    'exclusion-unjustified': 'error', 'decision-conflict': 'error', 'control-undecided': 'warning',
    'applicability-unjustified': 'warning', 'asset-without-owner': 'warning', 'unassessed-asset': 'warning',
    'review-overdue': 'warning', 'policy-unapproved': 'warning', 'finding-without-action': 'error',
    'action-overdue': 'warning', 'levels-inconsistent': 'error', 'bidi-control-character': 'warning',
    'fill-in-marker': 'warning', 'file-too-large': 'error',
    'risk-without-owner': 'warning', 'transfer-incomplete': 'error', 'treatment-overdue': 'warning',
    'acceptance-too-long': 'warning', 'acceptance-in-future': 'warning', 'score-mismatch': 'warning',
    'justification-placeholder': 'warning', 'nonconformity-incomplete': 'warning', 'supplier-review-overdue': 'warning',
    'training-overdue': 'warning', 'climate-undetermined': 'warning', 'requirement-unaddressed': 'warning', 'scope-empty': 'error',
    'objective-unmeasured': 'warning', 'objective-missed': 'warning', 'evidence-stale': 'warning', 'evidence-not-found': 'warning',
    'document-unapproved': 'warning', 'audit-overdue': 'warning', 'management-review-overdue': 'warning', 'review-inputs-missing': 'warning'
};

interface Raises {
    readonly title: string;
    readonly files: Record<string, string>;
    readonly base?: boolean;
    /** Every diagnostic of the code in the workspace, any order. */
    readonly expected: Place[];
    readonly message?: RegExp;
}

interface NearMiss {
    readonly title: string;
    readonly files: Record<string, string>;
    readonly base?: boolean;
}

interface CodeCases {
    readonly raises: Raises[];
    readonly nearMisses: NearMiss[];
}

/** Replaces the scope of BASE, for the cases about the scope. */
const baseWithScope = (scope: string) => BASE.replace('scope { description "Everything" }', scope);

/** BASE with more properties of the isms block, such as its audit and review intervals. */
const baseWithIsms = (properties: string) => BASE.replace('climate relevant', `climate relevant  ${properties}`);

/** Where the `nth` occurrence (from 1) of `text` starts in `content`, the file `file`. */
function placeOf(file: string, content: string, text: string, nth = 1): Place {
    let offset = -1;
    for (let found = 0; found < nth; found++) {
        offset = content.indexOf(text, offset + 1);
        assert.ok(offset >= 0, `${text} (${nth}) in ${file}`);
    }
    const before = content.slice(0, offset).split('\n');
    return [file, before.length, before[before.length - 1].length + 1, text];
}

/** A wrong date in every property that takes one, in blocks nested in others too. */
const EVERY_DATE = lines(
    'supplier S-1 "Insurer" { reviewed 2026-02-30 }',
    'risk R-1 "Mitigated" {',
    '    likelihood 1 impact 1',
    '    treatment mitigate { controls A.8.1 due 2026-02-31 accept { by CISO on 2026-04-31 until 2026-06-31 because "Soon" } }',
    '    reviewed 2026-13-01',
    '}',
    'risk R-2 "Transferred" { likelihood 1 impact 1 treatment transfer { to S-1 because "Insured" due 2026-09-31 accept { by CISO on 2026-00-01 } } }',
    'risk R-3 "Avoided" { likelihood 1 impact 1 treatment avoid { because "Stopped" due 2026-11-31 } }',
    'risk R-4 "Accepted" { likelihood 1 impact 1 treatment accept { by CISO on 2026-02-29 until 2027-02-29 because "Low" } }',
    'apply A.5.1 { because legal "Law" due 2026-01-32 }',
    'policy P-1 "Policy" { approved-by CISO on 2026-01-00 reviewed 2026-04-32 }',
    'objective O-1 "Objective" { due 2026-06-32 }',
    'audit AU-1 "Audit" { date 2026-09-32 finding F-1 { corrective-action "Fix" { due 2026-11-32 status open } } }',
    'incident I-1 "Incident" { date 2026-12-32 }',
    'management-review MR-1 "Review" { date 2026-14-01 }');

/** Each kind of block with one of its properties given twice. */
const EVERY_BLOCK_BASE = BASE
    .replace('organization "Test Ltd"', 'organization "Test Ltd" organization "Again"')
    .replace('scope { description "Everything" }', 'scope { description "Everything" description "Again" }')
    .replace('appetite 9', 'appetite 9 appetite 8');
const EVERY_BLOCK = lines(
    'role R "Role" { description "One" description "Two" }',
    'asset AS-1 "Asset" { owner CISO kind data kind service }',
    'supplier S-1 "Supplier" { criticality low criticality high }',
    'threat T-1 "Threat" { category malicious category accidental }',
    'vulnerability V-1 "Vulnerability" { description "One" description "Two" }',
    'risk R-1 "Mitigated" { likelihood 1 likelihood 2 impact 1 treatment mitigate { controls A.8.1 due 2027-01-01 due 2027-01-02 } }',
    'risk R-2 "Transferred" { likelihood 1 impact 1 treatment transfer { to S-1 to S-1 because "Insured" accept { by CISO by CEO } } }',
    'risk R-3 "Avoided" { likelihood 1 impact 1 treatment avoid { because "Stopped" because "Really" } }',
    'apply A.5.1 { status planned status partial because legal "Law" }',
    'policy P-1 "Policy" { version "1" version "2" }',
    'objective O-1 "Objective" { metric "One" metric "Two" }',
    'audit AU-1 "Audit" { auditor "Ann" auditor "Bob" finding F-1 { severity minor severity major corrective-action "Fix" { status open status closed } } }',
    'incident I-1 "Incident" { severity low severity high }',
    'management-review MR-1 "Review" { attendees CISO attendees CEO }',
    'framework Own "Own" { control OWN.1 "Own control" { theme people theme physical } }');

/** The number of a `value N` found by `placeOf`. */
const valueAt = ([file, line, column]: Place, value: string): Place => [file, line, column + 'value '.length, value];

const CLIMATE_UNDETERMINED = BASE.replace('  climate relevant', '');
const MISSED_OBJECTIVES = lines(
    'objective O-1 "Patch fast" {',
    '    target <= 14  unit "days"',
    '    measured 2026-10-01 value 18',
    '    measured 2026-07-01 value 12',
    '}',
    'objective O-2 "Trained" { target ">= 98" measured 2026-11-01 value 97.5 }',
    'objective O-3 "All restored" { target = 4 measured 2026-11-01 value 3 measured 2026-11-01 value 2 }');
const MISSING_PATHS = lines(
    'apply A.8.13 {',
    '    because legal "Backups are contractual"',
    '    evidence "Backup logs" at "evidence/missing.md"',
    '    evidence "Restore test" at "../outside/restore.md"',
    '}',
    'policy P1 "Backup policy" { approved-by CEO on 2026-01-15 document "policies/backup.md" }');
const SOA_UNAPPROVED = baseWithIsms('soa { version "2" approved-by CISO }');
const CONTEXT_AND_EVALUATION_CASES: Record<string, CodeCases> = {
    'climate-undetermined': {
        raises: [{
            title: 'an isms block that says nothing about climate, on its name',
            base: false,
            files: { 'base.isms': CLIMATE_UNDETERMINED },
            expected: [['base.isms', 1, 6, '"Test ISMS"']],
            message: /^The isms block "Test ISMS" does not say whether climate change is a relevant issue/
        }],
        nearMisses: [{
            title: 'climate not-relevant, with its reason',
            base: false,
            files: { 'base.isms': BASE.replace('climate relevant', 'climate not-relevant because "No premises, no own infrastructure"') }
        }]
    },
    'requirement-unaddressed': {
        raises: [{
            title: 'requirements without addressed-by, with and without a block, on their names',
            files: {
                'test.isms': lines(
                    'party Regulator "Data protection authority" {',
                    '    requirement REQ-1 "Security of processing" { description "GDPR Art. 32" }',
                    '    requirement REQ-2 "Breach notification" { addressed-by A.5.24 }',
                    '    requirement REQ-3',
                    '}')
            },
            expected: [['test.isms', 2, 17, 'REQ-1'], ['test.isms', 4, 17, 'REQ-3']],
            message: /^Requirement 'REQ-(1|3)' of an interested party is addressed by nothing/
        }],
        nearMisses: [{
            title: 'requirements addressed by a policy and a control',
            files: {
                'test.isms': lines(
                    'policy P1 "Data protection policy" { approved-by CEO on 2026-01-15 }',
                    'party Customers { requirement REQ-1 "Confidentiality" { addressed-by P1, A.5.34 } }')
            }
        }]
    },
    'scope-empty': {
        raises: [{
            title: 'a scope with only exclusions, on scope',
            files: { 'base.isms': baseWithScope('scope { excludes Laptops because "Run by the MSP" }'), 'test.isms': lines('asset Laptops { owner CISO }') },
            expected: [['base.isms', 5, 5, 'scope']],
            message: /neither a description nor included assets/
        }, {
            title: 'a blank description and no includes',
            files: { 'base.isms': baseWithScope('scope { description "  " }') },
            expected: [['base.isms', 5, 5, 'scope']]
        }],
        nearMisses: [{
            title: 'a scope with included assets only',
            files: { 'base.isms': baseWithScope('scope { includes DB }'), 'test.isms': lines('asset DB { owner CISO }', 'risk R-1 { assets DB likelihood 1 impact 1 treatment avoid }') }
        }]
    },
    'objective-unmeasured': {
        raises: [{
            title: 'last measured one day too long ago, and never measured: on the names',
            files: {
                'test.isms': lines(
                    'objective O-1 "Patch fast" {',
                    '    target <= 14',
                    '    measure every 3 months',
                    '    measured 2026-08-22 value 12',
                    '    measured 2026-05-01 value 10',
                    '}',
                    'objective O-2 "Never measured" { measure every 1 months }')
            },
            expected: [['test.isms', 1, 11, 'O-1'], ['test.isms', 7, 11, 'O-2']],
            message: /^Objective 'O-(1|2)' (was last measured on 2026-08-22; it is to be measured every 3 months \(due 2026-11-22\)|is to be measured every 1 months but has no measurement)/
        }],
        nearMisses: [{
            title: 'a measurement due today, and an old one without interval',
            files: {
                'test.isms': lines(
                    'objective O-1 "Due today" { measure every 3 months measured 2026-08-23 value 12 }',
                    'objective O-2 "No interval" { measured 2020-01-01 value 1 }')
            }
        }]
    },
    'objective-missed': {
        raises: [{
            title: 'the latest measurement by date, a Part 1 target string, the last of one day: on the value',
            files: { 'test.isms': MISSED_OBJECTIVES },
            expected: [placeOf('test.isms', MISSED_OBJECTIVES, '18'), placeOf('test.isms', MISSED_OBJECTIVES, '97.5'), valueAt(placeOf('test.isms', MISSED_OBJECTIVES, 'value 2 }'), '2')],
            message: /^Objective 'O-(1|2|3)' misses its target: the latest measurement \(2026-1\d-01\) is (18 days, the target <= 14 days|97\.5, the target >= 98|2, the target = 4)\./
        }],
        nearMisses: [{
            title: 'met by the latest measurement, and free-text targets',
            files: {
                'test.isms': lines(
                    'objective O-1 "Improved" { target <= 14 measured 2026-07-01 value 18 measured 2026-10-01 value 14 }',
                    'objective O-2 "Free text" { target "All staff trained" measured 2026-10-01 value 0 }',
                    'objective O-3 "With words" { target "<= 14 days, none over 30" measured 2026-10-01 value 40 }')
            }
        }]
    },
    'evidence-stale': {
        raises: [{
            title: 'collected + valid ended yesterday: on the collected date',
            files: { 'test.isms': lines('apply A.8.13 {', '    because legal "Contract"', '    evidence "Backup logs" collected 2026-08-22 valid 3 months', '}') },
            expected: [['test.isms', 3, 38, '2026-08-22']],
            message: /^Evidence "Backup logs" was collected on 2026-08-22 and is valid for 3 months, until 2026-11-22/
        }],
        nearMisses: [{
            title: 'valid until today, and without validity',
            files: {
                'test.isms': lines(
                    'apply A.8.13 {',
                    '    because legal "Contract"',
                    '    evidence "Backup logs" collected 2026-08-23 valid 3 months',
                    '    evidence "Old record" collected 2020-01-01',
                    '}')
            }
        }]
    },
    'evidence-not-found': {
        raises: [{
            title: 'a missing evidence file, a path out of the workspace and a missing policy document: on the path strings',
            files: { 'soa.isms': MISSING_PATHS },
            expected: [
                placeOf('soa.isms', MISSING_PATHS, '"evidence/missing.md"'),
                placeOf('soa.isms', MISSING_PATHS, '"../outside/restore.md"'),
                placeOf('soa.isms', MISSING_PATHS, '"policies/backup.md"')
            ],
            message: /^The path "(evidence\/missing\.md" of evidence "Backup logs" names no file|\.\.\/outside\/restore\.md" of evidence "Restore test" leads outside|policies\/backup\.md" of the document of policy 'P1' names no file)/
        }],
        nearMisses: [{
            title: 'files of the workspace (one with a #fragment), a web address, an absolute path and a file of another repository',
            files: {
                'evidence/backups.md': '# Backup logs\n',
                'policies/backup.md': '# Backup policy\n',
                'soa.isms': lines(
                    'apply A.8.13 {',
                    '    because legal "Contract"',
                    '    evidence "Backup logs" at "evidence/backups.md#run-12"',
                    '    evidence "Wiki" at "https://wiki.example/backups"',
                    '    evidence "Share" at "/srv/share/backups.md"',
                    '    evidence "Terraform" at "acme/infra: aws/backup.tf"',
                    '}',
                    'policy P1 "Backup policy" { approved-by CEO on 2026-01-15 document "policies/backup.md" }')
            }
        }]
    },
    'document-unapproved': {
        raises: [{
            title: 'a methodology without approval date, on its name; a soa block without it, on soa',
            base: false,
            files: { 'base.isms': SOA_UNAPPROVED, 'test.isms': lines('methodology Draft "Draft method" { version "0.9" approved-by CISO }') },
            expected: [['test.isms', 1, 13, 'Draft'], placeOf('base.isms', SOA_UNAPPROVED, 'soa')],
            message: /^(Methodology 'Draft'|The Statement of Applicability) records no approval date \(clause 7\.5\.2\)/
        }, {
            title: 'a methodology without approved-by',
            files: { 'test.isms': lines('methodology Draft { version "0.9" }') },
            expected: [['test.isms', 1, 13, 'Draft']],
            message: /^Methodology 'Draft' records no approval \(/
        }],
        nearMisses: [{
            title: 'an approved soa block, and no soa block at all (the base)',
            base: false,
            files: { 'base.isms': baseWithIsms('soa { version "2" approved-by CISO on 2026-11-01 }') }
        }]
    },
    'audit-overdue': {
        raises: [{
            title: 'the last audit one day too long ago, a planned one not counted: on the interval',
            base: false,
            files: {
                'base.isms': baseWithIsms('audits every 6 months'),
                'audits.isms': lines('audit IA-1 "Audit 2026" { date 2026-05-22 }', 'audit IA-2 "Planned" { date 2027-01-10 }')
            },
            expected: [placeOf('base.isms', baseWithIsms('audits every 6 months'), 'every 6 months')],
            message: /^The last internal audit is dated 2026-05-22; the isms block plans one every 6 months \(due 2026-11-22, clause 9\.2\)/
        }, {
            title: 'no audit at all',
            base: false,
            files: { 'base.isms': baseWithIsms('audits every 12 months') },
            expected: [placeOf('base.isms', baseWithIsms('audits every 12 months'), 'every 12 months')],
            message: /^No internal audit is recorded, though the isms block plans one every 12 months/
        }],
        nearMisses: [{
            title: 'an audit in another file within the interval, and an old audit without interval',
            base: false,
            files: { 'base.isms': baseWithIsms('audits every 6 months'), 'audits.isms': lines('audit IA-1 { date 2025-01-01 }', 'audit IA-2 { date 2026-05-23 }') }
        }, {
            title: 'no interval',
            files: { 'audits.isms': lines('audit IA-1 { date 2020-01-01 }') }
        }]
    },
    'management-review-overdue': {
        raises: [{
            title: 'the last review one day too long ago: on the interval',
            base: false,
            files: {
                'base.isms': baseWithIsms('management-reviews every 12 months'),
                'reviews.isms': lines('management-review MR-1 "Review 2025" { date 2025-11-22 }')
            },
            expected: [placeOf('base.isms', baseWithIsms('management-reviews every 12 months'), 'every 12 months')],
            message: /^The last management review is dated 2025-11-22; the isms block plans one every 12 months \(due 2026-11-22, clause 9\.3\)/
        }],
        nearMisses: [{
            title: 'a review due today',
            base: false,
            files: { 'base.isms': baseWithIsms('management-reviews every 12 months'), 'reviews.isms': lines('management-review MR-1 { date 2025-11-23 }') }
        }]
    },
    'review-inputs-missing': {
        raises: [{
            title: 'one input missing, and none given: on the names, naming the missing inputs',
            files: {
                'test.isms': lines(
                    'management-review MR-1 "Review 2026" {',
                    '    inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,',
                    '           audit-results, objectives, feedback, risk-assessment',
                    '}',
                    'management-review MR-2 "Bare"')
            },
            expected: [['test.isms', 1, 19, 'MR-1'], ['test.isms', 5, 19, 'MR-2']],
            message: /^Management review 'MR-(1|2)' does not consider (the input of clause 9\.3\.2: improvement\.|10 of the 10 inputs of clause 9\.3\.2: actions-status, context-changes, .*, improvement\.)/
        }],
        nearMisses: [{
            title: 'all ten, in another order',
            files: {
                'test.isms': lines(
                    'management-review MR-1 {',
                    '    inputs improvement, risk-assessment, feedback, objectives, audit-results,',
                    '           monitoring, nonconformities, interested-parties, context-changes, actions-status',
                    '}')
            }
        }]
    }
};

const CASES: Record<string, CodeCases> = {
    'syntax-error': {
        raises: [{
            title: 'a property without its value, reported at the token found instead',
            files: { 'test.isms': lines('role Auditor "Auditor" {', '    person', '}') },
            expected: [['test.isms', 3, 1, '}']],
            message: /^`person` needs a string in double quotes; found `}`\.$/
        }, {
            title: 'a character the language does not know, at that character',
            files: { 'test.isms': lines('role Auditor "Auditor" @') },
            expected: [['test.isms', 1, 24, '@']],
            message: /^Unexpected `@`: outside a string in double quotes/
        }],
        nearMisses: [{ title: 'the property with its value', files: { 'test.isms': lines('role Auditor "Auditor" {', '    person "Ann"', '}') } }]
    },
    'unresolved-reference': {
        raises: [{
            title: 'a role and a control that are declared nowhere, on the names',
            files: {
                'test.isms': lines(
                    'risk R-1 "Ghosts" {',
                    '    likelihood 1 impact 1',
                    '    owner Ghost',
                    '    treatment mitigate { controls A.9.1 }',
                    '}')
            },
            expected: [['test.isms', 3, 11, 'Ghost'], ['test.isms', 4, 35, 'A.9.1']],
            message: /Unknown (role 'Ghost'|control 'A\.9\.1')/
        }],
        nearMisses: [{
            title: 'a role of the base and a built-in control',
            files: { 'test.isms': lines('risk R-1 "Fine" {', '    likelihood 1 impact 1', '    owner CISO', '    treatment mitigate { controls A.8.1 }', '}') }
        }]
    },
    'ambiguous-control-id': {
        raises: [{
            title: 'an id two frameworks declare, written alone, on the reference',
            files: { 'test.isms': lines('framework Mine "Mine" {', '    control A.5.1 "Copy"', '}', 'apply A.5.1') },
            expected: [['test.isms', 4, 7, 'A.5.1']],
            message: /^Control id 'A\.5\.1' is declared in (ISO27001_2022 and Mine|Mine and ISO27001_2022): write \S+::A\.5\.1 or \S+::A\.5\.1\.$/
        }],
        nearMisses: [{
            title: 'the same id qualified with its framework, each way',
            files: { 'test.isms': lines('framework Mine "Mine" {', '    control A.5.1 "Copy"', '}', 'apply ISO27001_2022::A.5.1', 'apply Mine::A.5.1') }
        }]
    },
    'duplicate-id': {
        raises: [{
            title: 'two risks with one id in two files, on every declaration',
            files: { 'test.isms': lines('risk R-1 "First"'), 'other.isms': lines('', 'risk R-1 "Second"') },
            expected: [['other.isms', 2, 6, 'R-1'], ['test.isms', 1, 6, 'R-1']],
            message: /Duplicate risk id 'R-1'/
        }, {
            title: 'a role redeclared: the base\'s declaration is reported too',
            files: { 'test.isms': lines('role CISO "Again"') },
            expected: [['base.isms', 14, 6, 'CISO'], ['test.isms', 1, 6, 'CISO']]
        }, {
            title: 'a control id twice in one framework, on both',
            files: { 'test.isms': lines('framework Mine "Mine" {', '    control M-1 "First"', '    control M-1 "Again"', '}') },
            expected: [['test.isms', 2, 13, 'M-1'], ['test.isms', 3, 13, 'M-1']],
            message: /Duplicate control id 'M-1'/
        }, {
            title: 'the built-in catalog redeclared, on the user\'s framework',
            files: { 'test.isms': lines('framework ISO27001_2022 "My copy of Annex A"') },
            expected: [['test.isms', 1, 11, 'ISO27001_2022']],
            message: /Duplicate framework id 'ISO27001_2022'.*built-in ISO\/IEC 27001:2022 catalog/
        }, {
            title: 'findings of two audits sharing an id',
            files: {
                'test.isms': lines(
                    'audit IA-1 { finding F-1 { corrective-action "Fix" { status closed } } }',
                    'audit IA-2 { finding F-1 { corrective-action "Fix" { status closed } } }')
            },
            expected: [['test.isms', 1, 22, 'F-1'], ['test.isms', 2, 22, 'F-1']]
        }],
        nearMisses: [{
            title: 'an Annex A id in a framework of the user: controls are unique within their framework',
            files: { 'test.isms': lines('framework Mine "Mine" {', '    control A.5.1 "Copy"', '}') }
        }, { title: 'one id used by elements of two kinds', files: { 'test.isms': lines('asset CISO "A laptop named like a role" { owner CISO }') } }]
    },
    'invalid-date': {
        raises: [{
            title: 'a day that does not exist, on the date',
            files: { 'test.isms': lines('risk R-1 "Dated" {', '    likelihood 1 impact 1', '    treatment avoid { because "Stopped" }', '    reviewed 2026-02-30', '}') },
            expected: [['test.isms', 4, 14, '2026-02-30']],
            message: /2026-02-30 is not a date/
        }, {
            title: 'in every property that takes a date, nested blocks included, on each date',
            files: { 'test.isms': EVERY_DATE },
            expected: [
                '2026-02-30', '2026-02-31', '2026-04-31', '2026-06-31', '2026-13-01', '2026-09-31', '2026-00-01', '2026-11-31',
                '2026-02-29', '2027-02-29', '2026-01-32', '2026-01-00', '2026-04-32', '2026-06-32', '2026-09-32', '2026-11-32',
                '2026-12-32', '2026-14-01'
            ].map(date => placeOf('test.isms', EVERY_DATE, date))
        }, {
            title: 'a date given twice, on both',
            files: { 'test.isms': lines('risk R-1 "Dated" {', '    likelihood 1 impact 1', '    treatment avoid { because "Stopped" }', '    reviewed 2026-02-30 reviewed 2026-02-31', '}') },
            expected: [['test.isms', 4, 14, '2026-02-30'], ['test.isms', 4, 34, '2026-02-31']]
        }, {
            title: 'in a block given twice, the first one included',
            files: {
                'test.isms': lines(
                    'risk R-1 "Twice" {',
                    '    likelihood 1 impact 1',
                    '    treatment avoid { because "First" due 2026-02-30 }',
                    '    treatment mitigate { controls A.8.1 accept { by CISO until 2026-02-31 } accept { by CISO until 2027-06-31 } }',
                    '}')
            },
            expected: [['test.isms', 3, 43, '2026-02-30'], ['test.isms', 4, 64, '2026-02-31'], ['test.isms', 4, 100, '2027-06-31']]
        }],
        nearMisses: [{
            title: 'the 29th of February of a leap year',
            files: { 'test.isms': lines('risk R-1 "Dated" {', '    likelihood 1 impact 1', '    treatment avoid { because "Stopped" }', '    reviewed 2028-02-29', '}') }
        }]
    },
    'duplicate-property': {
        raises: [{
            title: 'a property given twice, on the second keyword',
            files: { 'test.isms': lines('role Auditor "Auditor" {', '    person "Ann"', '    person "Bob"', '}') },
            expected: [['test.isms', 3, 5, 'person']]
        }, {
            title: 'a list property written twice',
            files: { 'test.isms': lines('risk R-1 "Twice" {', '    likelihood 1 impact 1', '    treatment mitigate { controls A.8.1 controls A.8.2 }', '}') },
            expected: [['test.isms', 3, 41, 'controls']]
        }, {
            title: 'in every kind of block, on the second keyword',
            base: false,
            files: { 'base.isms': EVERY_BLOCK_BASE, 'test.isms': EVERY_BLOCK },
            expected: [
                placeOf('base.isms', EVERY_BLOCK_BASE, 'organization', 2), placeOf('base.isms', EVERY_BLOCK_BASE, 'description', 2),
                placeOf('base.isms', EVERY_BLOCK_BASE, 'appetite', 2),
                ...([
                    ['description', 2], ['kind', 2], ['criticality', 2], ['category', 2], ['description', 4], ['likelihood', 2], ['due', 2],
                    ['to', 2], ['by', 2], ['because', 3], ['status', 2], ['version', 2], ['metric', 2], ['auditor', 2], ['severity', 2],
                    ['status', 4], ['severity', 4], ['attendees', 2], ['theme', 2]
                ] as const).map(([keyword, nth]) => placeOf('test.isms', EVERY_BLOCK, ` ${keyword} `, nth)).map(([file, line, column, text]): Place => [file, line, column + 1, text.trim()])
            ]
        }],
        nearMisses: [{
            title: 'the repeatable evidence and because of apply, interface of the scope',
            files: {
                'base.isms': baseWithScope('scope { description "Everything" interface "AWS" interface "GitHub" }'),
                'test.isms': lines('apply A.5.1 {', '    evidence "One"', '    evidence "Two"', '    because legal "A"', '    because business "B"', '}')
            }
        }]
    },
    'isms-missing': {
        raises: [{
            title: 'no isms block: on the start of the first file',
            base: false,
            files: { 'b.isms': lines('role CEO'), 'a.isms': lines('role CISO') },
            expected: [['a.isms', 1, 1, '']]
        }],
        nearMisses: [{ title: 'the base\'s isms block', files: { 'a.isms': lines('role Auditor') } }]
    },
    'isms-duplicate': {
        raises: [{
            title: 'a second isms block: on the isms keyword of each',
            files: { 'z.isms': lines('// another one', 'isms "Second" { scope { description "x" } }') },
            expected: [['base.isms', 1, 1, 'isms'], ['z.isms', 2, 1, 'isms']]
        }],
        nearMisses: [{ title: 'one isms block', files: {} }]
    },
    'scope-missing': {
        raises: [{
            title: 'an isms block without scope, on its keyword',
            base: false,
            files: { 'isms.isms': lines('// the ISMS', 'isms "No scope" {', '    organization "Test Ltd"', '}') },
            expected: [['isms.isms', 2, 1, 'isms']]
        }],
        nearMisses: [{ title: 'an empty scope is a scope', files: { 'base.isms': baseWithScope('scope { }') } }]
    },
    'unmitigated-risk': {
        raises: [{
            title: 'mitigate with a residual but no control, on mitigate',
            files: { 'test.isms': lines('risk R-1 "No controls" {', '    likelihood 2 impact 2', '    treatment mitigate { residual likelihood 1 impact 2 }', '}') },
            expected: [['test.isms', 3, 15, 'mitigate']]
        }, {
            title: 'a bare mitigate',
            files: { 'test.isms': lines('risk R-1 "Bare" { likelihood 2 impact 2 treatment mitigate }') },
            expected: [['test.isms', 1, 51, 'mitigate']]
        }],
        nearMisses: [
            { title: 'mitigate with a control', files: { 'test.isms': lines('risk R-1 "Ok" { likelihood 2 impact 2 treatment mitigate { controls A.8.1 } }') } },
            { title: 'transfer without controls', files: { 'test.isms': lines('risk R-1 "Ok" { likelihood 2 impact 2 treatment transfer { because "Insured" } }') } }
        ]
    },
    'risk-unscored': {
        raises: [{
            title: 'a risk without impact, on its name',
            files: { 'test.isms': lines('risk R-1 "Half" {', '    likelihood 2', '    treatment avoid { because "Stopped" }', '}') },
            expected: [['test.isms', 1, 6, 'R-1']],
            message: /no impact/
        }],
        nearMisses: [{ title: 'likelihood and impact', files: { 'test.isms': lines('risk R-1 "Whole" { likelihood 2 impact 1 treatment avoid { because "Stopped" } }') } }]
    },
    'untreated-risk': {
        raises: [{
            title: 'a risk without treatment, on its name',
            files: { 'test.isms': lines('risk R-1 "Untreated" {', '    likelihood 1 impact 1', '    owner CISO', '}') },
            expected: [['test.isms', 1, 6, 'R-1']]
        }],
        nearMisses: [{ title: 'avoid is a treatment', files: { 'test.isms': lines('risk R-1 "Avoided" { likelihood 1 impact 1 treatment avoid }') } }]
    },
    'residual-above-appetite': {
        raises: [{
            title: 'residual 10 above appetite 9, on the residual',
            files: {
                'test.isms': lines(
                    'risk R-1 "Above" {',
                    '    likelihood 4 impact 4',
                    '    treatment mitigate {',
                    '        controls A.8.1',
                    '        residual likelihood 2 impact 5',
                    '    }',
                    '}')
            },
            expected: [['test.isms', 5, 18, 'likelihood 2 impact 5']],
            message: /Residual score 10 \(high\) of risk 'R-1' is above the risk appetite \(9\)/
        }, {
            title: 'no residual: the inherent score counts, on the risk\'s name',
            files: {
                'test.isms': lines(
                    'risk R-1 "Mitigated, no residual" { likelihood 2 impact 5 treatment mitigate { controls A.8.1 } }',
                    'risk R-2 "Transferred, no residual" { likelihood 5 impact 2 treatment transfer { because "Insured" } }')
            },
            expected: [['test.isms', 1, 6, 'R-1'], ['test.isms', 2, 6, 'R-2']]
        }],
        nearMisses: [
            {
                title: 'a residual exactly at the appetite',
                files: { 'test.isms': lines('risk R-1 "At" { likelihood 4 impact 4 treatment mitigate { controls A.8.1 residual likelihood 3 impact 3 } }') }
            },
            {
                title: 'a residual above the appetite, accepted inside the mitigation',
                files: {
                    'test.isms': lines(
                        'risk R-1 "Accepted" {',
                        '    likelihood 4 impact 4',
                        '    treatment mitigate {',
                        '        controls A.8.1',
                        '        residual likelihood 2 impact 5',
                        '        accept { by CISO on 2026-10-01 until 2027-10-01 because "Roll-out in Q2" }',
                        '    }',
                        '}')
                }
            },
            { title: 'an avoided risk, however high', files: { 'test.isms': lines('risk R-1 "Avoided" { likelihood 5 impact 5 treatment avoid { because "Stopped" } }') } },
            {
                title: 'a risk retained by treatment accept',
                files: { 'test.isms': lines('risk R-1 "Retained" { likelihood 4 impact 5 treatment accept { by CEO on 2026-10-01 because "Board decision" } }') }
            }
        ]
    },
    'acceptance-authority': {
        raises: [{
            title: 'a high residual accepted by a role no level names, on the by',
            files: {
                'test.isms': lines(
                    'risk R-1 "High residual" {',
                    '    likelihood 4 impact 4',
                    '    treatment mitigate {',
                    '        controls A.8.1',
                    '        residual likelihood 2 impact 5',
                    '        accept { by Staff on 2026-10-01 because "Roll-out in Q2" }',
                    '    }',
                    '}')
            },
            expected: [['test.isms', 6, 21, 'Staff']],
            message: /Risk 'R-1' is high; Staff may not accept high risks/
        }, {
            title: 'a critical risk retained by the role of a lower level',
            files: { 'test.isms': lines('risk R-1 "Critical" {', '    likelihood 4 impact 5', '    treatment accept { by CISO on 2026-10-01 because "Board decision" }', '}') },
            expected: [['test.isms', 3, 27, 'CISO']]
        }],
        nearMisses: [
            {
                title: 'a high residual accepted by the role of a higher level',
                files: { 'test.isms': lines('risk R-1 "High" { likelihood 4 impact 4 treatment mitigate { controls A.8.1 residual likelihood 2 impact 5 accept { by CEO on 2026-10-01 because "x" } } }') }
            },
            {
                title: 'a high residual accepted by the level\'s own role',
                files: { 'test.isms': lines('risk R-1 "High" { likelihood 4 impact 4 treatment mitigate { controls A.8.1 residual likelihood 2 impact 5 accept { by CISO on 2026-10-01 because "x" } } }') }
            },
            {
                title: 'a medium risk (no accepted-by) retained by anyone',
                files: { 'test.isms': lines('risk R-1 "Medium" { likelihood 2 impact 3 treatment accept { by Staff on 2026-10-01 because "x" } }') }
            }
        ]
    },
    'residual-exceeds-inherent': {
        raises: [{
            title: 'residual 6 over inherent 4, on the residual',
            files: { 'test.isms': lines('risk R-1 "Raised" {', '    likelihood 2 impact 2', '    treatment mitigate { controls A.8.1 residual likelihood 3 impact 2 }', '}') },
            expected: [['test.isms', 3, 50, 'likelihood 3 impact 2']],
            message: /Residual score 6 \(medium\) is higher than the inherent score 4 \(low\)/
        }],
        nearMisses: [{
            title: 'a residual equal to the inherent score',
            files: { 'test.isms': lines('risk R-1 "Same" { likelihood 2 impact 2 treatment mitigate { controls A.8.1 residual likelihood 4 impact 1 } }') }
        }]
    },
    'score-out-of-scale': {
        raises: [{
            title: 'a likelihood and a residual impact off the scales, on the numbers',
            files: {
                'test.isms': lines(
                    'risk R-1 "Off scale" {',
                    '    likelihood 6 impact 2',
                    '    treatment mitigate { controls A.8.1 residual likelihood 1 impact 0 }',
                    '}')
            },
            expected: [['test.isms', 2, 16, '6'], ['test.isms', 3, 70, '0']],
            message: /(Likelihood 6|Impact 0) is not on the (likelihood|impact) scale of methodology M/
        }],
        nearMisses: [{
            title: 'the ends of the scales',
            files: { 'test.isms': lines('risk R-1 "Ends" { likelihood 5 impact 1 treatment mitigate { controls A.8.1 residual likelihood 1 impact 1 } }') }
        }]
    },
    'acceptance-incomplete': {
        raises: [{
            title: 'treatment accept without a reason, on accept',
            files: { 'test.isms': lines('risk R-1 "No reason" {', '    likelihood 1 impact 2', '    treatment accept { by CISO on 2026-10-01 }', '}') },
            expected: [['test.isms', 3, 15, 'accept']],
            message: /does not record why/
        }, {
            title: 'a bare treatment accept',
            files: { 'test.isms': lines('risk R-1 "Bare" { likelihood 1 impact 2 treatment accept }') },
            expected: [['test.isms', 1, 51, 'accept']]
        }, {
            title: 'an accept inside mitigate without who, on that accept',
            files: {
                'test.isms': lines(
                    'risk R-1 "No one" {',
                    '    likelihood 4 impact 4',
                    '    treatment mitigate {',
                    '        controls A.8.1',
                    '        residual likelihood 2 impact 5',
                    '        accept { on 2026-10-01 because "Roll-out in Q2" }',
                    '    }',
                    '}')
            },
            expected: [['test.isms', 6, 9, 'accept']],
            message: /does not record who/
        }],
        nearMisses: [{
            title: 'who, when and why, without until',
            files: { 'test.isms': lines('risk R-1 "Complete" { likelihood 1 impact 2 treatment accept { by CISO on 2026-10-01 because "Low" } }') }
        }]
    },
    'acceptance-expired': {
        raises: [{
            title: 'until yesterday, on the until date',
            files: { 'test.isms': lines('risk R-1 "Expired" {', '    likelihood 1 impact 2', '    treatment accept { by CISO on 2025-11-01 until 2026-11-22 because "Low" }', '}') },
            expected: [['test.isms', 3, 52, '2026-11-22']],
            message: /expired on 2026-11-22/
        }],
        nearMisses: [{
            title: 'until today',
            files: { 'test.isms': lines('risk R-1 "Last day" { likelihood 1 impact 2 treatment accept { by CISO on 2025-11-01 until 2026-11-23 because "Low" } }') }
        }]
    },
    'excluded-control-used': {
        raises: [{
            title: 'a mitigation and a transfer with an excluded control, on the control reference',
            files: {
                'soa.isms': lines('exclude A.8.1 because "Not relevant"'),
                'test.isms': lines(
                    'risk R-1 "Mitigated" {',
                    '    likelihood 2 impact 2',
                    '    treatment mitigate { controls A.8.2, A.8.1 }',
                    '}',
                    'risk R-2 "Transferred" {',
                    '    likelihood 2 impact 2',
                    '    treatment transfer { because "Insured" controls A.8.1 }',
                    '}')
            },
            expected: [['test.isms', 3, 42, 'A.8.1'], ['test.isms', 7, 53, 'A.8.1']],
            message: /treated with A\.8\.1, which the Statement of Applicability excludes/
        }],
        nearMisses: [{
            title: 'an applied control',
            files: {
                'soa.isms': lines('apply A.8.1 { because legal "Required" }'),
                'test.isms': lines('risk R-1 "Ok" { likelihood 2 impact 2 treatment mitigate { controls A.8.1 } }')
            }
        }]
    },
    'exclusion-unjustified': {
        raises: [{
            title: 'an exclude without reason or with a blank one, on the exclude',
            files: { 'test.isms': lines('exclude A.7.4', 'exclude A.7.5 because "  "') },
            expected: [['test.isms', 1, 1, 'exclude A.7.4'], ['test.isms', 2, 1, 'exclude A.7.5 because "  "']]
        }],
        nearMisses: [{ title: 'an exclude with a reason', files: { 'test.isms': lines('exclude A.7.4 because "Fully remote"') } }]
    },
    'decision-conflict': {
        raises: [{
            title: 'applied, excluded and applied again: on each decision after the first',
            files: {
                'test.isms': lines(
                    'apply A.5.1 { because best-practice "Needed" }',
                    'exclude A.5.1 because "Not needed"',
                    'apply A.5.1 { because legal "Needed again" }')
            },
            expected: [['test.isms', 2, 1, 'exclude'], ['test.isms', 3, 1, 'apply']],
            message: /A\.5\.1 is (excluded here but applied|applied twice)/
        }, {
            title: 'excluded twice in two files: the later file in path order',
            files: { 'a.isms': lines('exclude A.7.4 because "Remote"'), 'b.isms': lines('// again', 'exclude A.7.4 because "Still remote"') },
            expected: [['b.isms', 2, 1, 'exclude']],
            message: /A\.7\.4 is excluded twice; it is already excluded in a\.isms:1/
        }],
        nearMisses: [
            { title: 'two controls, one decision each', files: { 'test.isms': lines('apply A.5.1 { because legal "x" }', 'exclude A.5.2 because "y"') } },
            {
                title: 'an apply for a control a risk treats with',
                files: { 'test.isms': lines('apply A.8.1 { status implemented }', 'risk R-1 "Ok" { likelihood 2 impact 2 treatment mitigate { controls A.8.1 } }') }
            }
        ]
    },
    'control-undecided': {
        raises: [{
            title: 'one control of a user framework left undecided, on the framework reference, naming it',
            files: {
                'base.isms': BASE.replace('framework ISO27001_2022', 'framework Mini'),
                'test.isms': lines(
                    'framework Mini "Mini catalog" {',
                    '    control M.1 "One"',
                    '    control M.2 "Two"',
                    '    control M.3 "Three"',
                    '    control M.4 "Four"',
                    '}',
                    'apply M.1 { because business "Wanted" }',
                    'exclude M.2',
                    'risk R-1 "Treated" { likelihood 1 impact 1 treatment mitigate { controls M.3 } }')
            },
            expected: [['base.isms', 3, 15, 'Mini']],
            message: /^M\.4 "Four" has no SoA decision/
        }, {
            title: 'an isms block without framework: the built-in catalog, on the isms keyword',
            files: {
                'base.isms': BASE.replace('    framework ISO27001_2022\n', ''),
                'test.isms': lines(...[...range(1, 37).map(n => `5.${n}`), ...range(1, 8).map(n => `6.${n}`), ...range(1, 14).map(n => `7.${n}`), ...range(1, 34).map(n => `8.${n}`)]
                    .filter(id => id !== '8.13').map(id => `exclude A.${id} because "Not needed"`))
            },
            expected: [['base.isms', 1, 1, 'isms']],
            message: /^A\.8\.13 "Information backup" has no SoA decision/
        }],
        nearMisses: [{
            title: 'every control decided',
            files: {
                'base.isms': BASE.replace('framework ISO27001_2022', 'framework Mini'),
                'test.isms': lines(
                    'framework Mini "Mini catalog" { control M.1 "One" control M.2 "Two" }',
                    'apply M.1 { because business "Wanted" }',
                    'risk R-1 "Treated" { likelihood 1 impact 1 treatment transfer { because "Insured" controls M.2 } }')
            }
        }]
    },
    'applicability-unjustified': {
        raises: [{
            title: 'an apply with neither risk nor reason, on apply',
            files: { 'test.isms': lines('apply A.5.1 { status planned }', 'apply A.5.2', 'apply A.5.3 { because "" }') },
            expected: [['test.isms', 1, 1, 'apply'], ['test.isms', 2, 1, 'apply'], ['test.isms', 3, 1, 'apply']],
            message: /is applied, but no risk is treated with it and no reason is given/
        }],
        nearMisses: [
            { title: 'an apply with a reason', files: { 'test.isms': lines('apply A.5.1 { because "Policy is the basis"  }') } },
            {
                title: 'an apply justified only by a risk in another file',
                files: {
                    'soa.isms': lines('apply A.8.1 { status implemented }'),
                    'test.isms': lines('risk R-1 "Treated" { likelihood 1 impact 1 treatment mitigate { controls A.8.1 } }')
                }
            }
        ]
    },
    'asset-without-owner': {
        raises: [{
            title: 'an asset without owner, on its name',
            files: { 'test.isms': lines('asset DB "Database" { kind data }') },
            expected: [['test.isms', 1, 7, 'DB']]
        }],
        nearMisses: [{ title: 'an owned asset', files: { 'test.isms': lines('asset DB "Database" { owner CISO }') } }]
    },
    'unassessed-asset': {
        raises: [{
            title: 'an in-scope asset no risk covers, on its name',
            files: { 'test.isms': lines('asset DB "Database" { owner CISO }', 'risk R-1 "Other" { assets Laptops likelihood 1 impact 1 treatment avoid }', 'asset Laptops { owner CISO }') },
            expected: [['test.isms', 1, 7, 'DB']],
            message: /Asset 'DB' is in scope but no risk covers it/
        }],
        nearMisses: [
            { title: 'an asset a risk covers', files: { 'test.isms': lines('asset DB { owner CISO }', 'risk R-1 { assets DB likelihood 1 impact 1 treatment avoid }') } },
            {
                title: 'an asset excluded from the scope, with no risk',
                files: {
                    'base.isms': baseWithScope('scope { description "Everything" excludes DB because "Run by a supplier" }'),
                    'test.isms': lines('asset DB { owner CISO }')
                }
            }
        ]
    },
    'review-overdue': {
        raises: [{
            title: 'a risk and two policies reviewed longer ago than their intervals, on the review dates',
            files: {
                'test.isms': lines(
                    'risk R-1 "Stale" { likelihood 1 impact 1 treatment avoid reviewed 2025-11-22 }',
                    'policy P1 "Reviewed" { approved-by CEO on 2024-01-10 review every 1 years reviewed 2025-11-01 }',
                    'policy P2 "Approved only" { approved-by CEO on 2026-05-22 review every 6 months }')
            },
            expected: [['test.isms', 1, 67, '2025-11-22'], ['test.isms', 2, 84, '2025-11-01'], ['test.isms', 3, 48, '2026-05-22']],
            message: /last reviewed on/
        }],
        nearMisses: [{
            title: 'reviews due today',
            files: {
                'test.isms': lines(
                    'risk R-1 "Due today" { likelihood 1 impact 1 treatment avoid reviewed 2025-11-23 }',
                    'policy P1 "Due today" { approved-by CEO on 2026-05-23 review every 6 months }',
                    'policy P2 "No interval" { approved-by CEO on 2020-01-01 reviewed 2020-01-01 }')
            }
        }]
    },
    'policy-unapproved': {
        raises: [{
            title: 'a policy without approval, and one without the approval date, on the names',
            files: { 'test.isms': lines('policy P1 "Draft" { version "0.1" }', 'policy P2 "Undated" { approved-by CEO }') },
            expected: [['test.isms', 1, 8, 'P1'], ['test.isms', 2, 8, 'P2']],
            message: /records no approval/
        }],
        nearMisses: [{ title: 'an approved policy', files: { 'test.isms': lines('policy P1 "Approved" { approved-by CEO on 2026-01-15 }') } }]
    },
    'finding-without-action': {
        raises: [{
            title: 'a minor finding and one of no severity without corrective action, on their names',
            files: { 'test.isms': lines('audit IA-1 "Audit" {', '    finding F-1 "Gap" { severity minor }', '    finding F-2 "Unrated gap"', '}') },
            expected: [['test.isms', 2, 13, 'F-1'], ['test.isms', 3, 13, 'F-2']],
            message: /^Finding 'F-[12]' has no corrective action \(clause 10\.2\)\. Add one/
        }, {
            title: 'a major finding whose nonconformity, in another file, has no corrective action either',
            files: {
                'audit.isms': lines('audit IA-1 "Audit" {', '    finding F-1 "No access reviews" { severity major nonconformity NC-1 }', '}'),
                'nc.isms': lines('nonconformity NC-1 "Access reviews not performed" { source IA-1 root-cause "No owner" }')
            },
            expected: [['audit.isms', 2, 13, 'F-1']],
            message: /the nonconformity NC-1 it names records none either\. Add one to NC-1/
        }],
        nearMisses: [
            { title: 'a finding with an action', files: { 'test.isms': lines('audit IA-1 { finding F-1 { corrective-action "Fix" { status open } } }') } },
            { title: 'an observation without action', files: { 'test.isms': lines('audit IA-1 { finding F-1 "Could be tidier" { severity observation } }') } },
            {
                title: 'a major finding whose nonconformity, in another file, has a corrective action',
                files: {
                    'audit.isms': lines('audit IA-1 { finding F-1 { severity major nonconformity NC-1 } }'),
                    'nc.isms': lines('nonconformity NC-1 { source IA-1 root-cause "No owner" corrective-action "Name an owner" { owner CISO due 2027-01-31 status open } }')
                }
            }
        ]
    },
    'action-overdue': {
        raises: [{
            title: 'open, in-progress and status-less actions past due, on the corrective action',
            files: {
                'test.isms': lines(
                    'audit IA-1 "Audit" {',
                    '    finding F-1 "Gap" {',
                    '        corrective-action "Fix" { owner CISO due 2026-11-22 status open }',
                    '        corrective-action "Fix more" { due 2026-01-01 status in-progress }',
                    '        corrective-action "Fix all" { due 2026-11-01 }',
                    '    }',
                    '}')
            },
            expected: [
                ['test.isms', 3, 27, '"Fix" { owner CISO due 2026-11-22 status open }'],
                ['test.isms', 4, 27, '"Fix more" { due 2026-01-01 status in-progress }'],
                ['test.isms', 5, 27, '"Fix all" { due 2026-11-01 }']
            ],
            message: /was due on/
        }],
        nearMisses: [{
            title: 'closed after its date, due today, or without due date',
            files: {
                'test.isms': lines(
                    'audit IA-1 { finding F-1 {',
                    '    corrective-action "Done" { due 2026-01-01 status closed }',
                    '    corrective-action "Today" { due 2026-11-23 status open }',
                    '    corrective-action "Someday" { status open }',
                    '} }')
            }
        }]
    },
    'file-too-large': {
        raises: [{
            title: 'a file over the default limit of 8 MB: on line 1, column 1',
            files: { 'big.isms': lines(`role Hidden "${'x'.repeat(8 * 1024 * 1024)}"`) },
            expected: [['big.isms', 1, 1, '']],
            message: /^This file is 8\.1 MB, over the 8 MB limit/
        }],
        nearMisses: [{ title: 'a file under the limit', files: { 'small.isms': lines('role Small "Small"') } }]
    },
    'levels-inconsistent': {
        raises: [{
            title: 'a gap, an overlap, an uncovered top and an uncovered bottom: on levels',
            files: {
                'test.isms': lines(
                    'methodology Gap { levels { low 1..4 medium 6..9 high 10..25 } }',
                    'methodology Overlap {',
                    '    levels { low 1..5 medium 5..9 high 10..25 }',
                    '}',
                    'methodology Short { levels { low 1..4 high 5..20 } }',
                    'methodology Late { levels { low 2..25 } }')
            },
            expected: [['test.isms', 1, 19, 'levels'], ['test.isms', 3, 5, 'levels'], ['test.isms', 5, 21, 'levels'], ['test.isms', 6, 20, 'levels']],
            message: /The levels of methodology '(Gap|Overlap|Short|Late)'/
        }],
        nearMisses: [
            { title: 'one level for every score', files: { 'test.isms': lines('methodology Flat { levels { any 1..25 } }') } },
            { title: 'levels that touch without gap', files: { 'test.isms': lines('methodology Touching { levels { low 1..4 medium 5..9 high 10..25 } }') } },
            {
                title: 'a scaled methodology whose levels cover 10..160',
                files: {
                    'test.isms': lines(
                        'methodology Scaled {',
                        '    likelihood 1 "Rare" 2 "Possible" 3 "Likely" 4 "Frequent"',
                        '    impact 1 "Low" 2 "Moderate" 3 "High" 4 "Very high"',
                        '    factor 10',
                        '    levels { low 10..39 medium 40..89 accepted-by CISO high 90..160 accepted-by CEO }',
                        '}')
                }
            },
            { title: 'no levels: the default ones', files: { 'test.isms': lines('methodology NoLevels { appetite 5 }') } }
        ]
    },
    'bidi-control-character': {
        raises: [{
            title: 'in a string, a line comment and a block comment: on the whole string or comment, once each',
            files: {
                'test.isms': lines(
                    'role Admin "Admin \u202egnp.exe" // access \u2066granted\u2069',
                    '/* reviewed',
                    '   by \u200fthe CISO */',
                    'role Clerk "Clerk\u061c" { description "no \u202a\u202c" }')
            },
            expected: [
                ['test.isms', 1, 12, '"Admin \u202egnp.exe"'],
                ['test.isms', 1, 29, '// access \u2066granted\u2069'],
                ['test.isms', 2, 1, '/* reviewed\n   by \u200fthe CISO */'],
                ['test.isms', 4, 12, '"Clerk\u061c"'],
                ['test.isms', 4, 35, '"no \u202a\u202c"']
            ],
            message: /bidirectional control character U\+(202E|2066|200F|061C|202A)\b.*CVE-2021-42574/
        }],
        nearMisses: [{
            title: 'accents, emoji (with a zero-width joiner) and right-to-left script without controls',
            files: {
                'test.isms': lines(
                    'role Admin "Café naïve Müller ☕ 😀 👩\u200d💻" // Zoë 🚀',
                    'role Clerk "שלום עליכם مرحبا" /* 日本語 — ok */')
            }
        }]
    },
    'fill-in-marker': {
        raises: [{
            title: 'in a line comment, a block comment and a string: on the whole comment or string, once each',
            files: {
                'test.isms': lines(
                    '// FILL IN: the threat\'s properties, or use the model\'s own name for "Flooding"',
                    'threat Flooding "Flooding" /* FILL IN: category */',
                    'role Clerk { description "FILL IN: what the clerk answers for" }')
            },
            expected: [
                ['test.isms', 1, 1, '// FILL IN: the threat\'s properties, or use the model\'s own name for "Flooding"'],
                ['test.isms', 2, 28, '/* FILL IN: category */'],
                ['test.isms', 3, 26, '"FILL IN: what the clerk answers for"']
            ],
            message: /^This (comment|string) is a FILL IN marker: complete what it asks for, then remove the marker\.$/
        }],
        nearMisses: [{
            title: 'the words in another case, or only in an identifier',
            files: { 'test.isms': lines('// Fill in the register every quarter', 'role FILLIN "Fill in later"') }
        }]
    },
    // ---- risk treatment, improvement (10.2), suppliers, training and reasons (Part 2)
    'risk-without-owner': {
        raises: [{
            title: 'a risk without owner, on its name',
            files: { 'test.isms': lines('risk R-1 "Nobody\'s" { likelihood 1 impact 1 treatment avoid { because "Activity stopped" } }') },
            expected: [['test.isms', 1, 6, 'R-1']],
            message: /^Risk 'R-1' has no owner \(clause 6\.1\.2 c 2\)\. Name the role accountable for it: owner ROLE\.$/
        }],
        nearMisses: [{ title: 'a risk with an owner', files: { 'test.isms': lines('risk R-1 { likelihood 1 impact 1 owner CISO treatment avoid { because "Activity stopped" } }') } }]
    },
    'transfer-incomplete': {
        raises: [{
            title: 'a transfer without to, a bare one and one with a blank reason: on transfer',
            files: {
                'test.isms': lines(
                    'supplier Insurer "Cyber insurer"',
                    'risk R-1 "Insured" {',
                    '    likelihood 2 impact 2 owner CISO',
                    '    treatment transfer { because "Cyber insurance policy" }',
                    '}',
                    'risk R-2 "Bare" { likelihood 1 impact 1 owner CISO treatment transfer }',
                    'risk R-3 "Blank" { likelihood 1 impact 1 owner CISO treatment transfer { to Insurer because " " } }')
            },
            expected: [['test.isms', 4, 15, 'transfer'], ['test.isms', 6, 62, 'transfer'], ['test.isms', 7, 63, 'transfer']],
            message: /^The transfer of risk 'R-[123]' does not record (to whom \(to SUPPLIER\)|why \(because "…"\)|to whom \(to SUPPLIER\) or why \(because "…"\))\./
        }],
        nearMisses: [{
            title: 'a transfer to a supplier with a reason',
            files: { 'test.isms': lines('supplier Insurer', 'risk R-1 { likelihood 1 impact 1 owner CISO treatment transfer { to Insurer because "Cyber insurance policy" } }') }
        }]
    },
    'treatment-overdue': {
        raises: [{
            title: 'a mitigation due yesterday with a partial control and one without apply (in another file): on due',
            files: {
                'soa.isms': lines('apply A.8.13 { status implemented }', 'apply A.8.7 { status partial }'),
                'test.isms': lines(
                    'risk R-1 "Late" {',
                    '    likelihood 2 impact 2 owner CISO',
                    '    treatment mitigate { controls A.8.13, A.8.7, A.8.8 due 2026-11-22 }',
                    '}')
            },
            expected: [['test.isms', 3, 60, '2026-11-22']],
            message: /was due on 2026-11-22, but A\.8\.7 \(partial\), A\.8\.8 \(no status\) are not implemented\./
        }],
        nearMisses: [
            {
                title: 'due today',
                files: { 'soa.isms': lines('apply A.8.7 { status partial }'), 'test.isms': lines('risk R-1 { likelihood 2 impact 2 owner CISO treatment mitigate { controls A.8.7 due 2026-11-23 } }') }
            },
            {
                title: 'past due with every control implemented',
                files: { 'soa.isms': lines('apply A.8.7 { status implemented }'), 'test.isms': lines('risk R-1 { likelihood 2 impact 2 owner CISO treatment mitigate { controls A.8.7 due 2026-01-01 } }') }
            },
            { title: 'no due date', files: { 'test.isms': lines('risk R-1 { likelihood 2 impact 2 owner CISO treatment mitigate { controls A.8.7 } }') } }
        ]
    },
    'acceptance-too-long': {
        raises: [{
            title: 'a treatment accept and an accept inside mitigate beyond 12 months: on until',
            base: false,
            files: {
                'test.isms': lines(
                    'isms "Test ISMS" { methodology L scope { description "Everything" } }',
                    'methodology L { acceptance at most 12 months }',
                    'role CISO',
                    'risk R-1 "Long" {',
                    '    likelihood 1 impact 2 owner CISO',
                    '    treatment accept { by CISO on 2026-01-31 until 2027-02-01 because "Low" }',
                    '}',
                    'risk R-2 "Longer" {',
                    '    likelihood 4 impact 4 owner CISO',
                    '    treatment mitigate { controls A.8.1 residual likelihood 2 impact 5 accept { by CISO on 2026-06-01 until 2028-01-01 because "Roll-out" } }',
                    '}')
            },
            expected: [['test.isms', 6, 52, '2027-02-01'], ['test.isms', 10, 109, '2028-01-01']],
            message: /^The acceptance of risk 'R-(1' runs from 2026-01-31 until 2027-02-01|2' runs from 2026-06-01 until 2028-01-01), longer than the 12 months methodology L allows\. End it on 2027-0(1-31|6-01) at the latest/
        }],
        nearMisses: [
            {
                title: 'exactly the limit',
                base: false,
                files: {
                    'test.isms': lines(
                        'isms "Test ISMS" { methodology L scope { description "Everything" } }',
                        'methodology L { acceptance at most 12 months }',
                        'role CISO',
                        'risk R-1 { likelihood 1 impact 2 owner CISO treatment accept { by CISO on 2026-01-31 until 2027-01-31 because "Low" } }')
                }
            },
            {
                title: 'no acceptance at most: nothing to be long against',
                files: { 'test.isms': lines('risk R-1 { likelihood 1 impact 2 owner CISO treatment accept { by CISO on 2020-01-01 until 2030-01-01 because "Low" } }') }
            }
        ]
    },
    'acceptance-in-future': {
        raises: [{
            title: 'accepted tomorrow, on the on date',
            files: { 'test.isms': lines('risk R-1 "Early" {', '    likelihood 1 impact 2 owner CISO', '    treatment accept { by CISO on 2026-11-24 because "Low" }', '}') },
            expected: [['test.isms', 3, 35, '2026-11-24']],
            message: /^The acceptance of risk 'R-1' is dated 2026-11-24, after today \(2026-11-23\)\./
        }],
        nearMisses: [{
            title: 'accepted today',
            files: { 'test.isms': lines('risk R-1 { likelihood 1 impact 2 owner CISO treatment accept { by CISO on 2026-11-23 because "Low" } }') }
        }]
    },
    'score-mismatch': {
        raises: [{
            title: 'a stated score and level that differ from 3 × 4 = 12 (high): on each stated value',
            files: {
                'test.isms': lines(
                    'risk R-1 "Mis-stated" {',
                    '    likelihood 3 impact 4 owner CISO',
                    '    stated-score 16 stated-level critical',
                    '    treatment avoid { because "Activity stopped" }',
                    '}')
            },
            expected: [['test.isms', 3, 18, '16'], ['test.isms', 3, 34, 'critical']],
            message: /^Risk 'R-1' states (score 16, but its inherent score is 12 \(likelihood 3 × impact 4\)|level critical, but its inherent score 12 is high under methodology M)\./
        }],
        nearMisses: [
            {
                title: 'the computed score and level',
                files: { 'test.isms': lines('risk R-1 { likelihood 3 impact 4 owner CISO stated-score 12 stated-level high treatment avoid { because "Activity stopped" } }') }
            },
            {
                title: 'an unscored risk: nothing to compare with',
                files: { 'test.isms': lines('risk R-1 { likelihood 3 owner CISO stated-score 12 treatment avoid { because "Activity stopped" } }') }
            }
        ]
    },
    'justification-placeholder': {
        raises: [{
            title: 'placeholders in an exclude, an apply, an avoid, an acceptance and a transfer: on the reason string',
            files: {
                'test.isms': lines(
                    'exclude A.7.4 because "N/A"',
                    'apply A.5.1 { because legal "TBD" }',
                    'risk R-1 "Avoided" { likelihood 1 impact 1 owner CISO treatment avoid { because "  " } }',
                    'risk R-2 "Accepted" { likelihood 1 impact 1 owner CISO treatment accept { by CISO on 2026-10-01 because "See Above" } }',
                    'supplier Insurer',
                    'risk R-3 "Insured" { likelihood 1 impact 1 owner CISO treatment transfer { to Insurer because " n.a. " } }')
            },
            expected: [
                ['test.isms', 1, 23, '"N/A"'], ['test.isms', 2, 29, '"TBD"'], ['test.isms', 3, 81, '"  "'],
                ['test.isms', 4, 105, '"See Above"'], ['test.isms', 6, 95, '" n.a. "']
            ],
            message: /^The reason for the (exclusion of A\.7\.4|application of A\.5\.1|avoidance of risk 'R-1'|acceptance of risk 'R-2'|transfer of risk 'R-3') (is only "(N\/A|TBD|See Above|n\.a\.)"|is empty), which says nothing\. Write the actual reason\.$/
        }, {
            title: 'placeholders in a scope exclusion and in climate not-relevant',
            base: false,
            files: {
                'isms.isms': lines(
                    'isms "Test ISMS" {',
                    '    scope { description "Everything" excludes Laptop because "none" }',
                    '    climate not-relevant because "-"',
                    '}',
                    'asset Laptop')
            },
            expected: [['isms.isms', 2, 62, '"none"'], ['isms.isms', 3, 34, '"-"']],
            message: /^The reason for (the exclusion of Laptop from the scope is only "none"|the determination that climate change is not relevant is only "-")/
        }],
        nearMisses: [
            {
                title: 'real reasons, including ones that contain a placeholder word',
                files: {
                    'test.isms': lines(
                        'exclude A.7.4 because "None of our staff work on site"',
                        'apply A.5.1 { because legal "GDPR Art. 32" }',
                        'risk R-1 { likelihood 1 impact 1 owner CISO treatment avoid { because "Service retired" } }')
                }
            },
            {
                title: 'blank exclude, apply, acceptance and transfer reasons: reported as missing by their own codes',
                files: {
                    'test.isms': lines(
                        'exclude A.7.4 because ""',
                        'apply A.5.1 { because legal " " }',
                        'risk R-1 { likelihood 1 impact 1 owner CISO treatment accept { by CISO on 2026-10-01 because "" } }',
                        'supplier Insurer',
                        'risk R-2 { likelihood 1 impact 1 owner CISO treatment transfer { to Insurer because "" } }')
                }
            }
        ]
    },
    'nonconformity-incomplete': {
        raises: [{
            title: 'a major nonconformity without root cause (on its name) and a closed action not verified (on the action)',
            files: {
                'test.isms': lines(
                    'audit IA-1 "Audit" { date 2026-06-10 }',
                    'nonconformity NC-1 "No reviews" {',
                    '    source IA-1 severity major',
                    '    corrective-action "Quarterly reviews" { owner CISO status closed closed 2026-07-28 effective yes }',
                    '}')
            },
            expected: [['test.isms', 2, 15, 'NC-1'], ['test.isms', 4, 23, '"Quarterly reviews" { owner CISO status closed closed 2026-07-28 effective yes }']],
            message: /^(Major nonconformity 'NC-1' records no root cause \(clause 10\.2 b\)|Corrective action "Quarterly reviews" of nonconformity 'NC-1' is closed but does not record who verified it \(verified-by ROLE\), when \(on DATE\) \(clause 10\.2 d\))\./
        }],
        nearMisses: [
            {
                title: 'a major nonconformity with its root cause and a verified closed action',
                files: {
                    'test.isms': lines(
                        'audit IA-1 { date 2026-06-10 }',
                        'nonconformity NC-1 {',
                        '    source IA-1 severity major root-cause "No owner after a re-organisation"',
                        '    corrective-action "Quarterly reviews" { owner CISO status closed closed 2026-07-28 effective yes verified-by CISO on 2026-10-15 }',
                        '}')
                }
            },
            {
                title: 'a minor nonconformity without root cause and an open action; a finding\'s closed inline action',
                files: {
                    'test.isms': lines(
                        'audit IA-1 { finding F-1 { severity minor corrective-action "Fixed" { owner CISO status closed } } }',
                        'nonconformity NC-1 { source IA-1 severity minor corrective-action "Review" { owner CISO due 2027-01-31 status open } }')
                }
            }
        ]
    },
    'supplier-review-overdue': {
        raises: [{
            title: 'a review due yesterday (on reviewed) and an interval never reviewed against (on the interval)',
            files: {
                'test.isms': lines(
                    'supplier AWS "Amazon Web Services" { reviewed 2025-11-22 review every 12 months }',
                    'supplier Stripe "Stripe" { review every 6 months }')
            },
            expected: [['test.isms', 1, 47, '2025-11-22'], ['test.isms', 2, 35, 'every 6 months']],
            message: /^Supplier '(AWS' was last reviewed on 2025-11-22; it is to be reviewed every 12 months \(due 2026-11-22\)|Stripe' is to be reviewed every 6 months but records no review)\./
        }],
        nearMisses: [
            { title: 'reviewed a year ago today', files: { 'test.isms': lines('supplier AWS { reviewed 2025-11-23 review every 12 months }') } },
            { title: 'no review interval', files: { 'test.isms': lines('supplier AWS { reviewed 2020-01-01 }', 'supplier Stripe') } }
        ]
    },
    'training-overdue': {
        raises: [{
            title: 'a yearly training last held more than a year ago, on its date',
            files: { 'test.isms': lines('training AW-1 "Awareness" {', '    date 2025-11-22 audience "All staff" every 12 months', '}') },
            expected: [['test.isms', 2, 10, '2025-11-22']],
            message: /^Training 'AW-1' was last held on 2025-11-22; it recurs every 12 months \(due 2026-11-22\)\./
        }],
        nearMisses: [
            { title: 'held a year ago today', files: { 'test.isms': lines('training AW-1 { date 2025-11-23 every 12 months }') } },
            { title: 'a one-off training', files: { 'test.isms': lines('training AW-1 { date 2020-01-01 }') } }
        ]
    },
    ...CONTEXT_AND_EVALUATION_CASES
};

function range(from: number, to: number): number[] {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Codes whose fixtures must otherwise parse and link. */
const SANITY_CODES = ['syntax-error', 'unresolved-reference'];

describe('diagnostics: every code, its severity and its range', () => {

    it('has cases for exactly the codes of the language, with the contract\'s default severities', () => {
        assert.deepEqual(Object.keys(CASES).sort(), [...DIAGNOSTIC_RULES.keys()].sort());
        for (const [code, rule] of DIAGNOSTIC_RULES) {
            assert.equal(rule.defaultSeverity, CONTRACT_SEVERITY[code], code);
            assert.ok(CASES[code].raises.length > 0 && CASES[code].nearMisses.length > 0, code);
        }
    });

    it('the base model raises nothing but control-undecided', async () => {
        const workspace = await validated({});
        assert.deepEqual([...new Set(workspace.codes(undefined, true))], ['control-undecided']);
    });

    for (const [code, cases] of Object.entries(CASES)) {
        describe(code, () => {
            for (const raise of cases.raises) {
                it(`raises: ${raise.title}`, async () => {
                    const workspace = await validated(raise.files, { base: raise.base });
                    const found = ofCode(workspace, code);
                    assert.deepEqual(placesOf(found), [...raise.expected].sort(byPosition));
                    for (const diagnostic of found) {
                        assert.equal(diagnostic.severity, CONTRACT_SEVERITY[code], `${code} severity`);
                        if (raise.message) assert.match(diagnostic.message, raise.message);
                    }
                    const broken = workspace.diagnostics(undefined, true).filter(d => SANITY_CODES.includes(d.code) && d.code !== code);
                    assert.deepEqual(broken, [], 'the fixture is otherwise well-formed');
                });
            }
            for (const nearMiss of cases.nearMisses) {
                it(`does not raise: ${nearMiss.title}`, async () => {
                    const workspace = await validated(nearMiss.files, { base: nearMiss.base });
                    assert.deepEqual(ofCode(workspace, code), []);
                    const broken = workspace.diagnostics(undefined, true).filter(d => SANITY_CODES.includes(d.code));
                    assert.deepEqual(broken, [], 'the fixture is well-formed');
                });
            }
        });
    }

    it('control-undecided: one warning for all built-in controls with no decision, on the framework reference, counting and naming them in catalog order', async () => {
        const workspace = await validated({ 'test.isms': lines('apply A.5.1 { because legal "x" }', 'exclude A.7.4 because "Remote"', 'risk R-1 { likelihood 1 impact 1 treatment mitigate { controls A.8.13 } }') });
        const undecided = ofCode(workspace, 'control-undecided');
        assert.deepEqual(placesOf(undecided), [['base.isms', 3, 15, 'ISO27001_2022']]);
        assert.equal(undecided[0].severity, 'warning');
        assert.equal(undecided[0].message, '90 Annex A controls have no SoA decision: A.5.2, A.5.3, A.5.4, A.5.5, A.5.6, A.5.7, A.5.8, A.5.9, A.5.10, A.5.11 (and 80 more). '
            + 'Apply each (apply A.x.y { … } or treat a risk with it) or exclude it with a reason.');
        const [diagnostic] = workspace.document('base.isms').diagnostics!.filter(d => d.code === 'control-undecided');
        const controls = (diagnostic.data as { controls: string[] }).controls;
        assert.equal(controls.length, 90);
        assert.deepEqual([controls[0], controls[1], controls.at(-1)], ['A.5.2', 'A.5.3', 'A.8.34']);
        for (const decided of ['A.5.1', 'A.7.4', 'A.8.13']) assert.ok(!controls.includes(decided), decided);
        // Each control is related at its id in the built-in catalog, in the same order.
        const related = diagnostic.relatedInformation ?? [];
        assert.deepEqual(related.map(info => info.message.split(' ')[0]), controls);
        assert.match(related[0].message, /^A\.5\.2 "Information security roles and responsibilities" has no SoA decision: apply it \(apply A\.5\.2 \{ … \} or treat a risk with it\) or exclude it with a reason\.$/);
        const catalog = workspace.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(related[0].location.uri))!;
        assert.equal(catalog.uri.scheme, 'isms-builtin');
        assert.deepEqual(related.map(info => catalog.textDocument.getText(info.location.range)), controls);
    });

    it('control-undecided names every control when there are at most ten', async () => {
        const workspace = await validated({
            'base.isms': BASE.replace('framework ISO27001_2022', 'framework Mini'),
            'test.isms': lines('framework Mini "Mini catalog" { control M.1 "One" control M.2 "Two" control M.3 "Three" }', 'apply M.2 { because legal "x" }')
        });
        assert.deepEqual(ofCode(workspace, 'control-undecided').map(d => d.message),
            ['2 controls of Mini have no SoA decision: M.1, M.3. Apply each (apply A.x.y { … } or treat a risk with it) or exclude it with a reason.']);
    });
});

describe('diagnostics: bidi-control-character outside strings and comments', () => {

    it('is reported on the character itself, besides the syntax error', async () => {
        const workspace = await validated({ 'test.isms': lines('role Admin "Admin" \u202e', 'role Clerk "Clerk"') });
        assert.deepEqual(placesOf(ofCode(workspace, 'bidi-control-character')), [['test.isms', 1, 20, '\u202e']]);
        assert.ok(workspace.codes('test.isms', true).includes('syntax-error'));
    });
});

describe('diagnostics: evidence-not-found in an untrusted workspace', () => {

    it('looks up no file while the workspace is untrusted, and again once it is trusted', async () => {
        const workspace = await validated({ 'soa.isms': MISSING_PATHS });
        assert.equal(ofCode(workspace, 'evidence-not-found').length, 3);
        const trust = workspace.services.config.WorkspaceTrust;
        trust.initialize({ trusted: false });
        await revalidate(workspace);
        assert.deepEqual(ofCode(workspace, 'evidence-not-found'), []);
        trust.initialize({ trusted: true });
        await revalidate(workspace);
        assert.equal(ofCode(workspace, 'evidence-not-found').length, 3);
    });
});

describe('diagnostics: severity settings', () => {

    const files = {
        'test.isms': lines(
            'asset DB "Database"',
            'risk R-1 "Stale" { assets DB likelihood 1 impact 1 owner Ghost treatment avoid reviewed 2025-01-01 }',
            'asset Spare "Spare laptop" { owner CISO }')
    };
    const severities = (workspace: ModelWorkspace) => workspace.diagnostics('test.isms', true)
        .map(d => `${d.code}:${d.severity}`).sort();

    it('applies the defaults without settings', async () => {
        const workspace = await validated(files);
        assert.deepEqual(severities(workspace), ['asset-without-owner:warning', 'review-overdue:warning', 'unassessed-asset:warning', 'unresolved-reference:error']);
    });

    it('raises, lowers and turns off codes, the document validator\'s own codes included', async () => {
        const workspace = await validated(files, {
            settings: { diagnostics: { severity: { 'review-overdue': 'error', 'asset-without-owner': 'off', 'unassessed-asset': 'info', 'unresolved-reference': 'hint' } } }
        });
        assert.deepEqual(severities(workspace), ['review-overdue:error', 'unassessed-asset:info', 'unresolved-reference:hint']);
    });

    it('takes effect on the next validation after Settings.update', async () => {
        const workspace = await validated(files);
        const problems = workspace.services.config.Settings.update({ today: TODAY, diagnostics: { severity: { 'review-overdue': 'error', 'asset-without-owner': 'off' } } });
        assert.deepEqual(problems, []);
        await revalidate(workspace);
        assert.deepEqual(severities(workspace), ['review-overdue:error', 'unassessed-asset:warning', 'unresolved-reference:error']);
    });

    it('reports a bad setting and keeps the previous settings', async () => {
        const workspace = await validated(files, { settings: { diagnostics: { severity: { 'review-overdue': 'error', 'asset-without-owner': 'off' } } } });
        const settings = workspace.services.config.Settings;
        const before = severities(workspace);
        const bad: Array<[unknown, string, RegExp]> = [
            [{ today: TODAY, diagnostics: { severity: { 'review-overdu': 'error' } } }, 'isms.diagnostics.severity.review-overdu', /not a diagnostic code/],
            [{ today: TODAY, diagnostics: { severity: { 'review-overdue': 'fatal' } } }, 'isms.diagnostics.severity.review-overdue', /must be one of error, warning, info, hint, off/],
            [{ today: '2026-02-30' }, 'isms.today', /YYYY-MM-DD/],
            [{ today: '23.11.2026', diagnostics: { severity: { 'review-overdue': 'warning' } } }, 'isms.today', /YYYY-MM-DD/]
        ];
        for (const [raw, setting, message] of bad) {
            const problems = settings.update(raw);
            assert.equal(problems.length, 1, JSON.stringify(raw));
            assert.equal(problems[0].setting, setting);
            assert.match(problems[0].message, message);
            assert.equal(settings.today(), TODAY, 'today is kept');
            assert.equal(settings.severityOverride('review-overdue'), 'error', 'severities are kept');
            assert.equal(settings.severityOverride('asset-without-owner'), 'off');
            await revalidate(workspace);
            assert.deepEqual(severities(workspace), before);
        }
    });

    it('moves date rules with the pinned today', async () => {
        const workspace = await validated({ 'test.isms': lines('risk R-1 { likelihood 1 impact 1 treatment accept { by CISO on 2026-01-01 until 2026-11-23 because "x" } }') });
        assert.deepEqual(workspace.codesAmong('test.isms', ['acceptance-expired']), []);
        assert.deepEqual(workspace.services.config.Settings.update({ today: '2026-11-24' }), []);
        await revalidate(workspace);
        assert.deepEqual(workspace.codesAmong('test.isms', ['acceptance-expired']), ['acceptance-expired']);
    });
});

describe('diagnostics: refresh of unchanged files after an edit elsewhere', () => {

    const isms = (framework: string) => lines(
        'isms "Test ISMS" {',
        `    framework ${framework}`,
        '    methodology M',
        '    scope { description "Everything" }',
        '}',
        'role CISO',
        'role CEO');
    const methodology = (appetite: number) => lines(
        'methodology M {',
        '    levels { low 1..4 medium 5..9 high 10..16 accepted-by CISO critical 17..25 accepted-by CEO }',
        `    appetite ${appetite}`,
        '}');

    it('excluding a control in soa.isms errors the risk in risks.isms that treats with it; removing the exclude clears it', async () => {
        const risks = lines('risk R-1 "Uses A.8.1" {', '    likelihood 2 impact 2', '    treatment mitigate { controls A.8.1 }', '}');
        const workspace = await validated({ 'isms.isms': isms('ISO27001_2022'), 'methodology.isms': methodology(9), 'soa.isms': lines('apply A.5.1 { because legal "x" }'), 'risks.isms': risks }, { base: false });
        assert.deepEqual(ofCode(workspace, 'excluded-control-used'), []);
        const riskDocument = workspace.document('risks.isms');

        await workspace.edit({ 'soa.isms': lines('apply A.5.1 { because legal "x" }', 'exclude A.8.1 because "Not relevant"') });
        assert.equal(workspace.document('risks.isms'), riskDocument, 'risks.isms was not changed');
        assert.deepEqual(placesOf(ofCode(workspace, 'excluded-control-used')), [['risks.isms', 3, 35, 'A.8.1']]);

        await workspace.edit({ 'soa.isms': lines('apply A.5.1 { because legal "x" }') });
        assert.deepEqual(ofCode(workspace, 'excluded-control-used'), []);
    });

    it('adding the last missing decision clears control-undecided on the isms block', async () => {
        const framework = lines('framework Mini { control M.1 "One" control M.2 "Two" control M.3 "Three" }');
        const workspace = await validated({
            'isms.isms': isms('Mini'), 'methodology.isms': methodology(9), 'controls.isms': framework,
            'soa.isms': lines('apply M.1 { because legal "x" }', 'exclude M.2 because "y"')
        }, { base: false });
        const undecided = ofCode(workspace, 'control-undecided');
        assert.deepEqual(placesOf(undecided), [['isms.isms', 2, 15, 'Mini']]);
        assert.match(undecided[0].message, /^M\.3 "Three"/);

        await workspace.edit({ 'soa.isms': lines('apply M.1 { because legal "x" }', 'exclude M.2 because "y"', 'apply M.3 { because business "z" }') });
        assert.deepEqual(ofCode(workspace, 'control-undecided'), []);

        await workspace.edit({ 'controls.isms': lines('framework Mini { control M.1 "One" control M.2 "Two" control M.3 "Three" control M.4 "Four" }') });
        assert.deepEqual(ofCode(workspace, 'control-undecided').map(d => d.message.split(' ')[0]), ['M.4'], 'a new control of the framework is undecided');
    });

    it('deleting the only risk covering an asset raises unassessed-asset in the asset\'s file', async () => {
        const assets = lines('// assets', 'asset DB "Database" { owner CISO }');
        const covering = lines('risk R-1 "Covers DB" { assets DB likelihood 1 impact 1 treatment avoid }');
        const workspace = await validated({ 'isms.isms': isms('ISO27001_2022'), 'methodology.isms': methodology(9), 'assets.isms': assets, 'risks.isms': covering }, { base: false });
        assert.deepEqual(ofCode(workspace, 'unassessed-asset'), []);

        await workspace.edit({ 'risks.isms': lines('risk R-2 "Covers nothing" { likelihood 1 impact 1 treatment avoid }') });
        assert.deepEqual(placesOf(ofCode(workspace, 'unassessed-asset')), [['assets.isms', 2, 7, 'DB']]);

        await workspace.edit({ 'risks.isms': covering });
        assert.deepEqual(ofCode(workspace, 'unassessed-asset'), []);

        await workspace.edit({ 'risks.isms': null });
        assert.deepEqual(placesOf(ofCode(workspace, 'unassessed-asset')), [['assets.isms', 2, 7, 'DB']], 'deleting the file counts too');
    });

    it('excluding an asset from the scope in isms.isms clears unassessed-asset in assets.isms', async () => {
        const workspace = await validated({ 'isms.isms': isms('ISO27001_2022'), 'assets.isms': lines('asset DB { owner CISO }') }, { base: false });
        assert.deepEqual(workspace.codesAmong('assets.isms', ['unassessed-asset']), ['unassessed-asset']);
        await workspace.edit({ 'isms.isms': isms('ISO27001_2022').replace('scope { description "Everything" }', 'scope { description "Everything" excludes DB because "Supplier-run" }') });
        assert.deepEqual(workspace.codesAmong('assets.isms', ['unassessed-asset']), []);
    });

    it('changing the appetite in methodology.isms changes residual-above-appetite in risks.isms', async () => {
        const risks = lines('risk R-1 "Residual 10" {', '    likelihood 4 impact 4', '    treatment mitigate { controls A.8.1 residual likelihood 2 impact 5 }', '}');
        const workspace = await validated({ 'isms.isms': isms('ISO27001_2022'), 'methodology.isms': methodology(9), 'risks.isms': risks }, { base: false });
        assert.deepEqual(placesOf(ofCode(workspace, 'residual-above-appetite')), [['risks.isms', 3, 50, 'likelihood 2 impact 5']]);

        await workspace.edit({ 'methodology.isms': methodology(10) });
        assert.deepEqual(ofCode(workspace, 'residual-above-appetite'), [], 'a residual at the new appetite is within it');

        await workspace.edit({ 'methodology.isms': methodology(8) });
        const above = ofCode(workspace, 'residual-above-appetite');
        assert.deepEqual(placesOf(above), [['risks.isms', 3, 50, 'likelihood 2 impact 5']]);
        assert.match(above[0].message, /above the risk appetite \(8\)/);
    });
});

/**
 * Product defects found while writing these tests. Each test asserts the correct behaviour and
 * fails until the defect is fixed; see the report that came with this file.
 */
describe('known defects', () => {

    it('isms-missing moves to the new first file when the first file is deleted (IsmsDocumentBuilder)', async () => {
        const workspace = await validated({ 'a.isms': lines('role A'), 'b.isms': lines('role B'), 'c.isms': lines('role C') }, { base: false });
        assert.deepEqual(placesOf(ofCode(workspace, 'isms-missing')), [['a.isms', 1, 1, '']]);
        await workspace.edit({ 'a.isms': null });
        assert.deepEqual(placesOf(ofCode(workspace, 'isms-missing')), [['b.isms', 1, 1, '']], 'the workspace still has no isms block');
    });

    it('a user framework named ISO27001_2022 does not replace the built-in catalog in force (frameworkInForce)', async () => {
        const workspace = await validated({ 'mine.isms': lines('framework ISO27001_2022 "My copy" { control X.1 "Mine" }') });
        assert.deepEqual(placesOf(ofCode(workspace, 'duplicate-id')), [['mine.isms', 1, 11, 'ISO27001_2022']]);
        const undecided = ofCode(workspace, 'control-undecided');
        assert.equal(undecided.length, 1);
        assert.match(undecided[0].message, /^93 Annex A controls have no SoA decision: A\.5\.1, /, 'the 93 Annex A controls are still undecided');
        assert.ok(!undecided[0].message.includes('X.1'), 'the duplicate\'s controls are not asked for');
    });

    it('review-overdue counts a policy\'s approval after its last review as the last review (GovernanceChecks.checkPolicyReviewed)', async () => {
        // docs/diagnostics.md: the last review is the `reviewed` date, or the approval date if it has not been reviewed since.
        const workspace = await validated({ 'test.isms': lines('policy P "Re-approved" { approved-by CEO on 2026-10-01 review every 12 months reviewed 2025-06-01 }') });
        assert.deepEqual(ofCode(workspace, 'review-overdue'), []);
    });

    it('levels-inconsistent does not report a gap that a wider level covers (levelProblems)', async () => {
        const workspace = await validated({ 'test.isms': lines('methodology Nested { levels { wide 1..20 inner 5..9 top 12..25 } }') });
        const found = ofCode(workspace, 'levels-inconsistent');
        assert.deepEqual(placesOf(found), [['test.isms', 1, 22, 'levels']]);
        assert.doesNotMatch(found[0].message, /leave scores 10\.\.11 without a level/, found[0].message);
        assert.match(found[0].message, /overlap: wide 1\.\.20 and inner 5\.\.9/);
        assert.match(found[0].message, /overlap: wide 1\.\.20 and top 12\.\.25/);
    });
});
