import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/**
 * Syntax errors in the language's words, and silence of every other rule on an element whose own
 * text failed to parse. Each slip goes through the real parser, linker and validator; the file
 * holding it must show exactly one diagnostic: the syntax error, with its message and range.
 */

const TODAY = '2026-11-23';

/** What the slips refer to. */
const DECLARATIONS = 'role CISO "CISO"\nrole CEO "CEO"\nasset CustomerDB "Customer database" { owner CISO }\n';

const lines = (...text: string[]) => text.join('\n') + '\n';

async function validated(files: Record<string, string>): Promise<ModelWorkspace> {
    const workspace = await ModelWorkspace.create({ 'declarations.isms': DECLARATIONS, ...files });
    assert.deepEqual(workspace.services.config.Settings.update({ today: TODAY }), []);
    await workspace.services.shared.workspace.DocumentBuilder.build(workspace.services.shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
    return workspace;
}

interface Slip {
    readonly title: string;
    readonly text: readonly string[];
    readonly message: string;
    /** Line, column (1-based) and text of the range. */
    readonly at: readonly [number, number, string];
}

const SCALE = 'a risk takes assets, threat, vulnerability, likelihood, impact, owner, treatment, reviewed, stated-score, stated-level or description.';

const SLIPS: readonly Slip[] = [{
    title: 'isms block: a misspelt property',
    text: ['isms "Acme" {', '    organization "Acme"', '    climat relevant', '}'],
    message: '`climat` is not a property of an isms block; an isms block takes organization, framework, frameworks, methodology, top-management, policy, scope, climate, audits, management-reviews or soa.',
    at: [3, 5, 'climat']
}, {
    title: 'isms block: a word that is not a climate relevance',
    text: ['isms "Acme" {', '    climate maybe', '}'],
    message: '`climate` takes relevant or not-relevant; found `maybe`.',
    at: [2, 13, 'maybe']
}, {
    title: '`scope` block: a misspelt property',
    text: ['isms "Acme" {', '    scope { descrption "All" }', '}'],
    message: '`descrption` is not a property of a `scope` block; a `scope` block takes description, includes, excludes or interface.',
    at: [2, 13, 'descrption']
}, {
    title: 'methodology: a scale without values',
    text: ['methodology M {', '    likelihood', '}'],
    message: '`likelihood` needs a whole number and a string in double quotes; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'role: a property without its string',
    text: ['role Auditor "Auditor" {', '    person "Jane"  competence', '}'],
    message: '`competence` needs a string in double quotes; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'asset: a word that is not a classification',
    text: ['asset Laptop "Laptops" {', '    owner CISO  classification secret', '}'],
    message: '`classification` takes public, internal, confidential or restricted; found `secret`.',
    at: [2, 32, 'secret']
}, {
    title: 'asset: the block not closed before the next element',
    text: ['asset Laptop "Laptops" {', '    owner CISO', 'asset Phone "Phones" { owner CISO }', 'risk R-1 "Theft" {', '    assets Laptop, Phone  likelihood 2  impact 2  owner CISO  treatment avoid { because "Sold" }', '}'],
    message: 'The asset is not closed: add `}` before `asset`.',
    at: [3, 1, 'asset']
}, {
    title: 'supplier: a month where a date belongs',
    text: ['supplier AWS "Amazon" {', '    criticality high  reviewed May', '}'],
    message: '`reviewed` needs a date as YYYY-MM-DD; found `May`.',
    at: [2, 32, 'May']
}, {
    title: 'threat: a property of a risk (misplaced)',
    text: ['threat Theft "Theft" {', '    category malicious  likelihood 3', '}'],
    message: '`likelihood` is not a property of a threat; a threat takes category, source or description.',
    at: [2, 25, 'likelihood']
}, {
    title: 'vulnerability: a list that ends in a comma',
    text: ['vulnerability Weak "Weak passwords" {', '    affects CustomerDB,', '}'],
    message: 'Expected the id of an asset after `,`; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'risk: `contract` says where it belongs',
    text: ['risk R-1 "Ransomware" {', '    assets CustomerDB  contract "MSA"', '}'],
    message: `\`contract\` is not a property of a risk; ${SCALE} \`contract\` belongs to a supplier.`,
    at: [2, 24, 'contract']
}, {
    title: 'risk: `likelihood` without its number',
    text: ['risk R-2 "Outage" {', '    likelihood  impact 4', '}'],
    message: '`likelihood` needs a number on the methodology\'s scale; found `impact`.',
    at: [2, 17, 'impact']
}, {
    title: 'risk: a list that lacks a comma, in a `mitigate` block',
    text: ['risk R-3 "Outage" {', '    likelihood 2  impact 3  owner CISO', '    treatment mitigate { controls A.5.30 A.8.14 }', '}'],
    message: 'Unexpected `A.8.14` in the `mitigate` block; a `mitigate` block takes controls, residual, accept or due. If `A.8.14` continues a list, put a comma before it.',
    at: [3, 42, 'A.8.14']
}, {
    title: 'risk: a treatment that is none of the four',
    text: ['risk R-4 "Outage" {', '    treatment reduce', '}'],
    message: '`treatment` takes mitigate, transfer, avoid or accept; found `reduce`.',
    at: [2, 15, 'reduce']
}, {
    title: 'apply: a word that is not an implementation status',
    text: ['apply A.8.13 {', '    status done', '}'],
    message: '`status` takes not-started, planned, partial or implemented; found `done`.',
    at: [2, 12, 'done']
}, {
    title: 'exclude: a block where the reason belongs',
    text: ['exclude A.7.4 {'],
    message: 'Unexpected `{`: the element before it takes no block `{ … }` here.',
    at: [1, 15, '{']
}, {
    title: 'policy: an approval without its date',
    text: ['policy P-1 "Security policy" {', '    version "1"  approved-by CEO on', '}'],
    message: '`on` needs a date as YYYY-MM-DD; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'objective: a unit without quotes',
    text: ['objective O-1 "Patch in time" {', '    target <= 14  unit days', '}'],
    message: '`unit` needs a string in double quotes; found `days`.',
    at: [2, 24, 'days']
}, {
    title: 'objective: a target without its value',
    text: ['objective O-2 "Patch in time" {', '    target', '}'],
    message: '`target` needs one of <=, >=, <, > or = and a number or a string in double quotes; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'audit: `sevrity` in a finding',
    text: ['audit IA-1 "Internal audit" {', '    date 2026-06-10', '    finding F-1 "No reviews" { sevrity major }', '}'],
    message: '`sevrity` is not a property of a finding; a finding takes severity, controls, description, corrective-action or nonconformity.',
    at: [3, 32, 'sevrity']
}, {
    title: 'audit: a corrective action with an unknown status',
    text: ['audit IA-2 "Internal audit" {', '    finding F-1 "No reviews" {', '        severity minor', '        corrective-action "Reviews" { owner CISO  status done }', '    }', '}'],
    message: '`status` takes open, in-progress or closed; found `done`.',
    at: [4, 58, 'done']
}, {
    title: 'incident: a word that is not a rating',
    text: ['incident INC-1 "Phishing" {', '    date 2026-03-02  severity severe', '}'],
    message: '`severity` takes low, medium, high or critical; found `severe`.',
    at: [2, 31, 'severe']
}, {
    title: 'management review: a word that is not one of the inputs',
    text: ['management-review MR-1 "Review" {', '    date 2026-11-15  inputs feedback, budget', '}'],
    message: 'Expected actions-status, context-changes, interested-parties, nonconformities, monitoring, audit-results, objectives, feedback, risk-assessment or improvement after `,`; found `budget`.',
    at: [2, 39, 'budget']
}, {
    title: 'framework: a control with an unknown theme',
    text: ['framework Acme "Acme controls" {', '    control AC-1 "Access review" { theme admin }', '}'],
    message: '`theme` needs a string in double quotes or one of organizational, people, physical or technological; found `admin`.',
    at: [2, 42, 'admin']
}, {
    title: 'issue: an unknown origin',
    text: ['issue ISS-1 "Heat waves" {', '    origin outside', '}'],
    message: '`origin` takes external or internal; found `outside`.',
    at: [2, 12, 'outside']
}, {
    title: 'party: a misspelt property of a requirement',
    text: ['party Regulator "Authority" {', '    requirement REQ-1 "Art. 32" { adressed-by A.5.34 }', '}'],
    message: '`adressed-by` is not a property of a requirement; a requirement takes addressed-by or description.',
    at: [2, 35, 'adressed-by']
}, {
    title: 'opportunity: a due date in words',
    text: ['opportunity OP-1 "Second region" {', '    owner CISO  due next-year', '}'],
    message: '`due` needs a date as YYYY-MM-DD; found `next-year`.',
    at: [2, 21, 'next-year']
}, {
    title: 'change: `affects` without its ids',
    text: ['change CH-1 "Second region" {', '    date 2026-12-01  affects', '}'],
    message: '`affects` needs the id of a risk or asset; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'training: a recurrence without its number',
    text: ['training AW-1 "Awareness" {', '    date 2026-03-01  every year', '}'],
    message: '`every` needs a whole number and one of days, weeks, months or years; found `year`.',
    at: [2, 28, 'year']
}, {
    title: 'nonconformity: a root cause without its string',
    text: ['nonconformity NC-1 "No reviews" {', '    severity major  root-cause', '}'],
    message: '`root-cause` needs a string in double quotes; found `}`.',
    at: [3, 1, '}']
}, {
    title: 'nonconformity: a corrective action that is neither effective nor not',
    text: ['nonconformity NC-2 "No reviews" {', '    severity major  root-cause "No owner"', '    corrective-action "Owner named" { effective maybe }', '}'],
    message: '`effective` takes yes or no; found `maybe`.',
    at: [3, 49, 'maybe']
}, {
    title: 'between elements: a misspelt element keyword',
    text: ['riks R-5 "Outage"'],
    message: '`riks` does not start an element; an element starts with isms, methodology, role, asset, supplier, threat, vulnerability, risk, apply, exclude, policy, objective, audit, incident, management-review, framework, issue, party, opportunity, change, training, nonconformity, mapping or attribute.',
    at: [1, 1, 'riks']
}, {
    title: 'a risk not closed at the end of the file, at the end of its last token',
    text: ['risk R-6 "Outage" {', '    likelihood 2  impact 3'],
    message: 'The risk is not closed: add `}` at its end.',
    at: [2, 27, '']
}, {
    title: 'a character the language does not know',
    text: ['role Auditor "Auditor" { person "Jane" ; }'],
    message: 'Unexpected `;`: outside a string in double quotes it is not part of the language; remove it or quote the text.',
    at: [1, 40, ';']
}];

/** Slips whose element, written without the slip, raises rules of its own: the silence above is not for lack of them. */
const WITHOUT_SLIP: ReadonlyArray<{ readonly text: readonly string[], readonly codes: readonly string[] }> = [
    { text: ['risk R-1 "Ransomware" {', '    assets CustomerDB', '}'], codes: ['risk-unscored', 'risk-without-owner', 'untreated-risk'] },
    { text: ['exclude A.7.4'], codes: ['exclusion-unjustified'] },
    { text: ['policy P-1 "Security policy" {', '    version "1"  approved-by CEO', '}'], codes: ['policy-unapproved'] },
    { text: ['audit IA-1 "Internal audit" {', '    date 2026-06-10', '    finding F-1 "No reviews" { severity major }', '}'], codes: ['finding-without-action'] },
    { text: ['asset Laptop "Laptops" {', '    owner CISO', '}'], codes: ['unassessed-asset'] }
];

describe('syntax errors', function () {
    this.timeout(30000);

    describe('say what the language expects there, on the word that does not fit; the element raises nothing else', function () {
        for (const slip of SLIPS) {
            it(slip.title, async () => {
                const workspace = await validated({ 'test.isms': lines(...slip.text) });
                const diagnostics = workspace.diagnostics('test.isms').map(d => [d.code, d.line, d.column, d.text, d.message]);
                assert.deepEqual(diagnostics, [['syntax-error', ...slip.at, slip.message]]);
            });
        }
    });

    it('a string that runs over the end of its line: the quote, then the value it leaves missing', async () => {
        const workspace = await validated({ 'test.isms': lines('role Auditor "Auditor" { person "Jane', '}') });
        assert.deepEqual(workspace.diagnostics('test.isms').map(d => [d.code, d.line, d.column, d.text, d.message]), [
            ['syntax-error', 1, 33, '"', 'This string has no closing `"` on its line: close it, or escape a `"` inside it as `\\"`.'],
            ['syntax-error', 1, 34, 'Jane', '`person` needs a string in double quotes; found `Jane`.']
        ]);
    });

    describe('the same elements without their slip raise their rules', function () {
        for (const { text, codes } of WITHOUT_SLIP) {
            it(text[0], async () => {
                const workspace = await validated({ 'test.isms': lines(...text) });
                assert.deepEqual(workspace.codes('test.isms'), [...codes].sort());
            });
        }
    });

    describe('only the broken element is silent', function () {
        it('the rest of the file is checked: a policy after a broken risk still needs its approval', async () => {
            const workspace = await validated({
                'test.isms': lines('risk R-1 "Ransomware" {', '    assets CustomerDB  contract "MSA"', '}', 'policy P-1 "Security policy" { version "1" }')
            });
            assert.deepEqual(workspace.diagnostics('test.isms').map(d => [d.code, d.line]), [['syntax-error', 2], ['policy-unapproved', 4]]);
        });

        it('a broken finding is silent while the other finding of its audit is checked', async () => {
            const workspace = await validated({
                'test.isms': lines(
                    'audit IA-1 "Internal audit" {',
                    '    finding F-1 "No reviews" { sevrity major }',
                    '    finding F-2 "No logs" { severity minor }',
                    '}')
            });
            assert.deepEqual(workspace.diagnostics('test.isms').map(d => [d.code, d.text]), [['syntax-error', 'sevrity'], ['finding-without-action', 'F-2']]);
        });

        it('the element after an unclosed one is checked', async () => {
            const workspace = await validated({ 'test.isms': lines('asset Laptop "Laptops" {', '    owner CISO', 'risk R-1 "Theft" { assets Laptop }') });
            assert.deepEqual(workspace.diagnostics('test.isms').map(d => [d.code, d.text]),
                [['syntax-error', 'risk'], ['risk-unscored', 'R-1'], ['untreated-risk', 'R-1'], ['risk-without-owner', 'R-1']]);
        });

        it('what was read word by word is still reported on it: a name that resolves to nothing, a date not in the calendar', async () => {
            const workspace = await validated({ 'test.isms': lines('risk R-1 "Ransomware" {', '    owner Ghost  reviewed 2026-02-30  contract "MSA"', '}') });
            assert.deepEqual(workspace.codes('test.isms'), ['invalid-date', 'syntax-error', 'unresolved-reference']);
        });
    });

    describe('a broken element still counts for the workspace', function () {
        it('its id resolves in other files, and is still counted as declared twice', async () => {
            const workspace = await validated({
                'roles.isms': lines('role Auditor "Auditor" {', '    persn "Jane"', '}'),
                'assets.isms': lines('asset Laptop "Laptops" { owner Auditor }', 'role Auditor "Second auditor"'),
                'risks.isms': lines('risk R-1 "Theft" { assets Laptop  likelihood 1  impact 1  owner Auditor  treatment avoid { because "Sold" } }')
            });
            assert.deepEqual(workspace.codes('roles.isms'), ['duplicate-id', 'syntax-error']);
            assert.deepEqual(workspace.codes('assets.isms'), ['duplicate-id']);
            assert.deepEqual(workspace.codes('risks.isms'), []);
        });
    });

    describe('in the language samples, a slip adds its syntax error and nothing else', function () {
        const cases = [{
            sample: 'test/fixtures/language-sample.isms',
            from: 'exclude A.7.4 because "No company premises: the company is fully remote"',
            to: 'exclude A.7.4 {',
            word: '{',
            message: 'Unexpected `{`: the element before it takes no block `{ … }` here.'
        }, {
            sample: 'test/fixtures/language-sample-part2.isms',
            from: '{ severity major  controls A.5.18  nonconformity NC-3 }',
            to: '{ sevrity major  controls A.5.18  nonconformity NC-3 }',
            word: 'sevrity',
            message: '`sevrity` is not a property of a finding; a finding takes severity, controls, description, corrective-action or nonconformity.'
        }, {
            sample: 'test/fixtures/language-sample-part2.isms',
            from: 'stated-score 12  stated-level high',
            to: 'stated-score 12  contract "MSA"',
            word: 'contract',
            message: `\`contract\` is not a property of a risk; ${SCALE} \`contract\` belongs to a supplier.`
        }];
        for (const { sample, from, to, word, message } of cases) {
            it(`${sample}: ${to}`, async () => {
                const text = fs.readFileSync(sample, 'utf8');
                assert.ok(text.includes(from), from);
                const described = async (model: string) => (await validated({ 'sample.isms': model })).diagnostics('sample.isms')
                    .map(d => `${d.line}:${d.column} ${d.code} ${d.message}`);
                const slipped = text.replace(from, to);
                const slipLine = text.slice(0, text.indexOf(from)).split('\n').length;
                const slipColumn = slipped.split('\n')[slipLine - 1].indexOf(word) + 1;
                const before = new Set(await described(text));
                const added = (await described(slipped)).filter(diagnostic => !before.delete(diagnostic));
                assert.deepEqual(added, [`${slipLine}:${slipColumn} syntax-error ${message}`]);
                const gone = [...before].filter(diagnostic => !diagnostic.startsWith(`${slipLine}:`));
                assert.deepEqual(gone, [], 'only diagnostics on the broken element\'s line go away');
            });
        }
    });
});
