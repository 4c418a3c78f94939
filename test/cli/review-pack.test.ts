import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReviewPackJson } from '../../language/reports/review-pack-schema.js';
import { reviewPackJsonSchema } from '../../language/reports/review-pack-schema.js';
import { CLI_BUNDLE, temporaryWorkspace } from '../helpers/project.js';

const TODAY = '2026-11-23';

interface Run { status: number | null, stdout: string, stderr: string }

function isms(args: string[], cwd: string): Run {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * A model that uses every element of Part 2, spread over files. The previous review as of
 * TODAY is MR-2025 (2025-11-20); MR-2026 is dated after TODAY. Things dated before MR-2025,
 * after TODAY, or closed before MR-2025 must stay out of the "since" lists.
 */
const MODEL: Record<string, string> = {
    'isms.isms': `
isms "Acme <Cloud> & Co ISMS" {
    organization "Acme Ltd"
    methodology FiveByFive
    top-management CEO
    policy InfoSecPolicy
    scope { description "The SaaS platform" includes CustomerDB, AppServers }
    climate not-relevant because "All systems run in cloud regions with no climate exposure"
    audits every 12 months
    management-reviews every 12 months
    soa { version "4" approved-by CISO on 2026-11-01 classification internal }
}
methodology FiveByFive {
    likelihood 1 "Rare" 2 "Unlikely" 3 "Possible" 4 "Likely" 5 "Almost certain"
    impact 1 "Negligible" 2 "Minor" 3 "Moderate" 4 "Major" 5 "Severe"
    levels { low 1..4  medium 5..9  high 10..16 accepted-by CISO  critical 17..25 accepted-by CEO }
    appetite 9
    review every 12 months
    version "2.3" approved-by CEO on 2026-01-15
    acceptance at most 12 months
}
role CISO "Chief Information Security Officer" { person "Jane Doe" competence "CISSP; 8 years in security operations" }
role CEO "Chief Executive Officer"
role CTO "Chief Technology Officer"
role ITOps "IT operations"
policy InfoSecPolicy "Information Security Policy" { version "2.1" approved-by CEO on 2026-01-15 review every 12 months reviewed 2026-01-15 }
training AW-2026 "Annual security awareness" { date 2026-03-01 audience "All staff" completion 96 every 12 months }
framework CSF2 "NIST Cybersecurity Framework 2.0" {
    control PR.AA-01 "Identities and credentials are managed" { maps A.5.16 intersect, A.5.17 subset }
}
`,
    'context.isms': `
issue ISS-1 "Heat waves <script>alert(1)</script> | threaten the office" { origin external topic climate addressed-by R-1, OP-1 owner CISO }
issue ISS-2 "Staff turnover in operations" { origin internal topic people }
party Regulator "Data protection authority" {
    requirement REQ-1 "Security of processing (GDPR Art. 32)" { addressed-by A.5.34, InfoSecPolicy }
    requirement REQ-2 "Breach notification within 72 hours"
}
party Customers "Enterprise customers"
opportunity OP-1 "Move to a second cloud region" { owner CTO due 2027-03-31 status in-progress }
opportunity OP-2 "Automate access reviews" { owner CISO due 2026-10-01 status open }
opportunity OP-3 "Adopt passkeys" { owner CISO due 2025-06-01 status closed }
change CH-5 "Old VPN retired" { date 2025-10-01 owner CTO }
change CH-6 "New office firewall" { date 2026-09-01 owner CTO }
change CH-7 "Second cloud region goes live" { date 2026-12-01 owner CTO approved-by CISO on 2026-11-20 affects R-1, CustomerDB }
`,
    'objectives.isms': `
objective O-1 "Patch critical vulnerabilities within 14 days" {
    metric "Median days to patch critical CVEs" target <= 14 unit "days" owner ITOps measure every 3 months
    measured 2026-07-01 value 18
    measured 2026-10-01 value 12
}
objective O-2 "Few phishing clicks" {
    metric "Click rate in phishing tests" target "<= 5" unit "%" owner CISO due 2027-06-30
    measured 2026-10-01 value 7
    measured 2026-04-01 value 3
    measured 2026-12-01 value 2
}
objective O-3 "Backups restore" { metric "Restore tests passed" target >= 99 unit "%" measure every 3 months }
objective O-4 "Everyone trained" { target "All staff trained" }
`,
    'risks.isms': `
asset CustomerDB "Customer database" { kind data owner CISO }
asset AppServers "Application servers" { kind hardware owner ITOps }
threat Outage "Regional outage"
threat Ransomware "Ransomware"
risk R-1 "Regional outage of the primary cloud region" {
    assets CustomerDB threat Outage likelihood 3 impact 4 owner CTO
    treatment mitigate { controls A.5.30, A.8.14 residual likelihood 2 impact 3 due 2026-10-01 }
}
risk R-2 "Backups lost" {
    assets CustomerDB threat Ransomware likelihood 2 impact 4 owner CISO
    treatment mitigate { controls A.8.13 residual likelihood 1 impact 4 due 2027-01-31 }
}
risk R-3 "Ransomware on the application servers" {
    assets AppServers threat Ransomware likelihood 4 impact 4 owner CISO
    treatment mitigate { controls A.8.7 residual likelihood 3 impact 4 }
}
risk R-4 "Legacy admin console" {
    assets AppServers threat Ransomware likelihood 4 impact 3 owner CISO
    treatment accept { by CISO on 2026-10-01 until 2027-01-15 because "Replaced in Q1" }
}
risk R-5 "Printer in the office" {
    assets AppServers threat Outage likelihood 2 impact 2 owner ITOps
    treatment accept { by CISO on 2026-10-01 until 2027-09-01 because "Low value" }
}
risk R-6 "Shared admin account" {
    assets AppServers threat Ransomware likelihood 4 impact 4 owner CISO
    treatment mitigate { controls A.5.30 residual likelihood 3 impact 4 accept { by CISO on 2026-05-01 until 2026-11-01 because "Until the PAM roll-out" } }
}
apply A.5.30 { status implemented owner ITOps because business "Continuity plan" }
apply A.8.14 { status planned owner ITOps due 2026-12-31 }
apply A.8.13 { status implemented owner ITOps evidence "Nightly backup job logs" at "evidence/backups.md" collected 2026-11-02 valid 3 months }
`,
    'evaluation.isms': `
supplier AWS "Amazon Web Services" { criticality high contract "MSA-2024-01" certifications "ISO/IEC 27001", "SOC 2 Type II" reviewed 2026-05-01 review every 12 months }
supplier Stripe "Stripe" { criticality medium reviewed 2025-06-01 review every 12 months }
supplier Agency "Marketing agency" { criticality low }
incident INC-9 "Lost laptop" { date 2025-08-01 severity low }
incident INC-12 "Phishing compromise of the support mailbox" { date 2026-03-02 severity high risks R-1 lessons "MFA for all shared mailboxes" }
incident INC-13 "Future drill" { date 2026-12-01 severity medium }
audit IA-2025 "Internal audit 2025" {
    date 2025-06-10 auditor "Internal"
    finding F-0 "Old observation" { severity observation }
}
audit IA-2026 "Internal audit 2026" {
    date 2026-06-10 auditor "External consultant" covers A.5, A.8, "Clauses 4-10"
    finding F-1 "No access reviews in Q1" { severity major controls A.5.18 nonconformity NC-3 }
    finding F-2 "Access review evidence kept in personal folders" { severity observation }
    finding F-3 "Removable media not labelled" {
        severity minor controls A.7.10
        corrective-action "Label removable media" { owner ITOps due 2026-09-30 status open }
    }
}
nonconformity NC-1 "Visitors not logged" {
    source IA-2025 date 2025-10-15 clause "7.5" severity minor
    corrective-action "Visitor log at reception" { owner CISO due 2025-11-01 status open }
    corrective-action "Brief the reception staff" { owner CISO due 2025-10-20 status closed closed 2025-10-19 effective yes verified-by CISO on 2025-11-01 }
}
nonconformity NC-3 "Access reviews not performed in Q1" {
    source IA-2026 date 2026-06-12 clause "9.1" controls A.5.18 severity major
    root-cause "No owner for the quarterly review after a re-organisation"
    correction "Q1 review performed late on 2026-06-20"
    corrective-action "Quarterly access reviews with a named owner" {
        owner CISO due 2026-08-01 status closed closed 2026-07-28 effective yes verified-by CISO on 2026-10-15
    }
}
nonconformity NC-4 "Shared mailbox without MFA" {
    source INC-12 date 2026-03-05 severity minor root-cause "Shared mailboxes were out of the MFA policy"
    corrective-action "MFA for shared mailboxes" { owner ITOps due 2026-12-15 status in-progress }
}
management-review MR-2025 "Management review 2025" {
    date 2025-11-20 attendees CEO, CISO
    inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,
           audit-results, objectives, feedback, risk-assessment, improvement
    decisions "Budget for EDR approved", "Hire a second security engineer"
}
management-review MR-2026 "Management review 2026" {
    date 2026-12-10 attendees CEO, CISO
    inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,
           audit-results, objectives, feedback, risk-assessment, improvement
    decisions "Second region approved"
}
`
};

describe('the management-review pack from the CLI', function () {
    this.timeout(120000);

    let workspace: ReturnType<typeof temporaryWorkspace>;
    before(() => { workspace = temporaryWorkspace(MODEL); });
    after(() => workspace.dispose());

    // Each report is generated once per format and date: the model does not change between tests.
    const generated = new Map<string, string>();
    const pack = (format: string, date = TODAY) => {
        const key = `${format} ${date}`;
        if (!generated.has(key)) {
            const run = isms(['review-pack', '.', '--date', date, '--format', format], workspace.dir);
            assert.equal(run.status, 0, run.stderr);
            generated.set(key, run.stdout);
        }
        return generated.get(key)!;
    };
    const json = (date = TODAY): ReviewPackJson => reviewPackJsonSchema.parse(JSON.parse(pack('json', date)));

    it('starts from a model without errors', () => {
        const run = isms(['validate', '.', '--date', TODAY, '--format', 'json'], workspace.dir);
        // Observations, and findings that name their nonconformity, need no action of their own (Part 2).
        const errors = (JSON.parse(run.stdout) as Array<{ severity: string, code: string, message: string }>).filter(d => d.severity === 'error');
        assert.deepEqual(errors, []);
        assert.equal(json().modelErrors, 0);
    });

    it('names the previous review, the latest one dated on or before the report date', () => {
        const report = json();
        assert.equal(report.isms, 'Acme <Cloud> & Co ISMS');
        assert.equal(report.organization, 'Acme Ltd');
        assert.equal(report.methodology, 'FiveByFive');
        assert.equal(report.generatedAt, TODAY);
        assert.equal(report.commit, null);
        assert.deepEqual(report.previousReview, { id: 'MR-2025', title: 'Management review 2025', date: '2025-11-20' });
        assert.deepEqual(json('2026-12-10').previousReview, { id: 'MR-2026', title: 'Management review 2026', date: '2026-12-10' });
        assert.equal(json('2025-11-19').previousReview, null);
    });

    it('a) lists the previous review\'s decisions and the actions due since, and those still open from before', () => {
        const input = json().inputs['actions-status'];
        assert.deepEqual(input.decisions, ['Budget for EDR approved', 'Hire a second security engineer']);
        assert.deepEqual(input.actions, [
            { kind: 'corrective-action', source: 'NC-1', title: 'Visitor log at reception', owner: 'CISO', due: '2025-11-01', status: 'open', closed: null, overdue: true },
            { kind: 'corrective-action', source: 'NC-3', title: 'Quarterly access reviews with a named owner', owner: 'CISO', due: '2026-08-01', status: 'closed', closed: '2026-07-28', overdue: false },
            { kind: 'corrective-action', source: 'IA-2026/F-3', title: 'Label removable media', owner: 'ITOps', due: '2026-09-30', status: 'open', closed: null, overdue: true },
            { kind: 'opportunity', source: 'OP-2', title: 'Automate access reviews', owner: 'CISO', due: '2026-10-01', status: 'open', closed: null, overdue: true }
        ]);
    });

    it('b) gives the context issues, the climate determination and the changes dated after the previous review', () => {
        const input = json().inputs['context-changes'];
        assert.deepEqual(input.climate, { relevance: 'not-relevant', reason: 'All systems run in cloud regions with no climate exposure' });
        assert.deepEqual(input.issues, [
            { id: 'ISS-1', title: 'Heat waves <script>alert(1)</script> | threaten the office', origin: 'external', topic: 'climate', owner: 'CISO', addressedBy: ['R-1', 'OP-1'] },
            { id: 'ISS-2', title: 'Staff turnover in operations', origin: 'internal', topic: 'people', owner: null, addressedBy: [] }
        ]);
        assert.deepEqual(input.changes.map(change => change.id), ['CH-6', 'CH-7']);
        assert.deepEqual(input.changes[1], {
            id: 'CH-7', title: 'Second cloud region goes live', date: '2026-12-01', owner: 'CTO', approvedBy: 'CISO', approvedOn: '2026-11-20', affects: ['R-1', 'CustomerDB']
        });
        // After MR-2026, no change is dated later.
        assert.deepEqual(json('2026-12-15').inputs['context-changes'].changes, []);
    });

    it('c) gives each interested party with its requirements and what addresses them', () => {
        assert.deepEqual(json().inputs['interested-parties'].parties, [
            { id: 'Customers', title: 'Enterprise customers', requirements: [] },
            { id: 'Regulator', title: 'Data protection authority', requirements: [
                { id: 'REQ-1', title: 'Security of processing (GDPR Art. 32)', addressedBy: ['A.5.34', 'InfoSecPolicy'] },
                { id: 'REQ-2', title: 'Breach notification within 72 hours', addressedBy: [] }
            ] }
        ]);
    });

    it('d 1) gives every nonconformity with its state, whether it is new, and its corrective actions', () => {
        const nonconformities = json().inputs['nonconformities'].nonconformities;
        assert.deepEqual(nonconformities.map(nc => [nc.id, nc.state, nc.new]), [['NC-1', 'open', false], ['NC-3', 'closed', true], ['NC-4', 'open', true]]);
        assert.deepEqual(nonconformities[1], {
            id: 'NC-3', title: 'Access reviews not performed in Q1', date: '2026-06-12', source: 'IA-2026', clause: '9.1', severity: 'major',
            rootCause: 'No owner for the quarterly review after a re-organisation', correction: 'Q1 review performed late on 2026-06-20',
            state: 'closed', new: true,
            actions: [{
                title: 'Quarterly access reviews with a named owner', owner: 'CISO', due: '2026-08-01', status: 'closed', closed: '2026-07-28',
                effective: 'yes', verifiedBy: 'CISO', verifiedOn: '2026-10-15', overdue: false
            }]
        });
        assert.deepEqual(nonconformities[2].actions, [{
            title: 'MFA for shared mailboxes', owner: 'ITOps', due: '2026-12-15', status: 'in-progress', closed: null,
            effective: null, verifiedBy: null, verifiedOn: null, overdue: false
        }]);
        assert.equal(nonconformities[2].source, 'INC-12');
    });

    it('d 2) gives the measurements of each objective with its trend against the target, and the incidents since the previous review', () => {
        const monitoring = json().inputs['monitoring'];
        const byId = new Map(monitoring.measurements.map(objective => [objective.id, objective]));
        assert.deepEqual(byId.get('O-1'), {
            id: 'O-1', title: 'Patch critical vulnerabilities within 14 days', metric: 'Median days to patch critical CVEs', target: '<= 14',
            comparison: { comparison: '<=', value: 14 }, unit: 'days', owner: 'ITOps', due: null,
            measurements: [{ date: '2026-07-01', value: 18 }, { date: '2026-10-01', value: 12 }], latest: { date: '2026-10-01', value: 12 },
            met: true, trend: 'improving'
        });
        // Measurements in date order; the one dated after the report is not known yet.
        assert.deepEqual(byId.get('O-2')!.measurements, [{ date: '2026-04-01', value: 3 }, { date: '2026-10-01', value: 7 }]);
        assert.deepEqual([byId.get('O-2')!.comparison, byId.get('O-2')!.met, byId.get('O-2')!.trend], [{ comparison: '<=', value: 5 }, false, 'worsening']);
        assert.deepEqual([byId.get('O-3')!.latest, byId.get('O-3')!.met, byId.get('O-3')!.trend], [null, null, null]);
        assert.deepEqual([byId.get('O-4')!.target, byId.get('O-4')!.comparison], ['All staff trained', null]);
        // After 2026-12-01 the phishing rate is back under the target and improving.
        const later = json('2026-12-15').inputs['monitoring'].measurements.find(objective => objective.id === 'O-2')!;
        assert.deepEqual([later.latest, later.met, later.trend], [{ date: '2026-12-01', value: 2 }, true, 'improving']);
        assert.deepEqual(monitoring.incidents, [{
            id: 'INC-12', title: 'Phishing compromise of the support mailbox', date: '2026-03-02', severity: 'high', risks: ['R-1'], lessons: 'MFA for all shared mailboxes'
        }]);
    });

    it('d 3) gives the audits since the previous review with their findings', () => {
        const audits = json().inputs['audit-results'].audits;
        assert.deepEqual(audits.map(audit => audit.id), ['IA-2026']);
        assert.deepEqual(audits[0].covers, ['A.5', 'A.8', 'Clauses 4-10']);
        assert.deepEqual(audits[0].findings.map(finding => [finding.id, finding.severity, finding.controls, finding.nonconformity, finding.actions.length]), [
            ['F-1', 'major', ['A.5.18'], 'NC-3', 0], ['F-2', 'observation', [], null, 0], ['F-3', 'minor', ['A.7.10'], null, 1]
        ]);
        assert.equal(audits[0].findings[2].actions[0].overdue, true);
    });

    it('d 4) tells for each objective whether its target is met', () => {
        assert.deepEqual(json().inputs['objectives'].objectives, [
            { id: 'O-1', title: 'Patch critical vulnerabilities within 14 days', target: '<= 14', latest: 12, status: 'met', owner: 'ITOps', due: null },
            { id: 'O-2', title: 'Few phishing clicks', target: '<= 5', latest: 7, status: 'missed', owner: 'CISO', due: '2027-06-30' },
            { id: 'O-3', title: 'Backups restore', target: '>= 99', latest: null, status: 'unmeasured', owner: null, due: null },
            { id: 'O-4', title: 'Everyone trained', target: 'All staff trained', latest: null, status: 'no-numeric-target', owner: null, due: null }
        ]);
    });

    it('e) gives the supplier reviews: done, overdue or never done', () => {
        assert.deepEqual(json().inputs['feedback'].suppliers, [
            { id: 'AWS', title: 'Amazon Web Services', criticality: 'high', reviewed: '2026-05-01', nextReview: '2027-05-01', status: 'reviewed', certifications: ['ISO/IEC 27001', 'SOC 2 Type II'] },
            { id: 'Agency', title: 'Marketing agency', criticality: 'low', reviewed: null, nextReview: null, status: 'never-reviewed', certifications: [] },
            { id: 'Stripe', title: 'Stripe', criticality: 'medium', reviewed: '2025-06-01', nextReview: '2026-06-01', status: 'overdue', certifications: [] }
        ]);
    });

    it('f) sums up the risks: levels, above appetite, acceptances running out within 90 days, treatment progress', () => {
        const risks = json().inputs['risk-assessment'];
        assert.equal(risks.appetite, 9);
        // Inherent: R-1 12, R-2 8, R-3 16, R-4 12, R-5 4, R-6 16. Residual: 6, 4, 12, 12, 4, 12.
        assert.deepEqual(risks.levels, [
            { level: 'low', inherent: 1, residual: 2 }, { level: 'medium', inherent: 1, residual: 1 },
            { level: 'high', inherent: 4, residual: 3 }, { level: 'critical', inherent: 0, residual: 0 }
        ]);
        assert.deepEqual(risks.aboveAppetite, [{ id: 'R-3', title: 'Ransomware on the application servers', owner: 'CISO', residual: { score: 12, level: 'high' } }]);
        // R-5's acceptance runs to 2027-09-01, beyond the 90 days.
        assert.deepEqual(risks.acceptances, [
            { id: 'R-4', title: 'Legacy admin console', by: 'CISO', until: '2027-01-15', state: 'expiring' },
            { id: 'R-6', title: 'Shared admin account', by: 'CISO', until: '2026-11-01', state: 'expired' }
        ]);
        assert.deepEqual(risks.treatments.map(t => [t.id, t.treatment, t.due, t.controls, t.implemented, t.state]), [
            ['R-1', 'mitigate', '2026-10-01', 2, 1, 'overdue'], ['R-2', 'mitigate', '2027-01-31', 1, 1, 'done'],
            ['R-3', 'mitigate', null, 1, 0, 'in-progress'], ['R-6', 'mitigate', null, 1, 1, 'done']
        ]);
    });

    it('g) gives the opportunities for improvement with their state', () => {
        assert.deepEqual(json().inputs['improvement'].opportunities, [
            { id: 'OP-1', title: 'Move to a second cloud region', owner: 'CTO', due: '2027-03-31', status: 'in-progress', overdue: false },
            { id: 'OP-2', title: 'Automate access reviews', owner: 'CISO', due: '2026-10-01', status: 'open', overdue: true },
            { id: 'OP-3', title: 'Adopt passkeys', owner: 'CISO', due: '2025-06-01', status: 'closed', overdue: false }
        ]);
    });

    it('writes Markdown with a summary of the ten inputs and a table per input, model text escaped', () => {
        const md = pack('md');
        assert.match(md, /^# Management review pack$/m);
        assert.match(md, /^- \*\*Previous review:\*\* MR-2025 \(2025-11-20\)$/m);
        assert.match(md, /^- \*\*ISMS:\*\* Acme &lt;Cloud&gt; & Co ISMS$/m);
        const inputs = ['actions-status', 'context-changes', 'interested-parties', 'nonconformities', 'monitoring', 'audit-results', 'objectives', 'feedback', 'risk-assessment', 'improvement'];
        const summaryRows = md.split('\n').filter(line => inputs.some(input => line.startsWith(`| ${input} |`)));
        assert.deepEqual(summaryRows.map(line => line.split(' | ')[0].slice(2)), inputs);
        assert.ok(summaryRows.includes('| objectives | 9.3.2 d 4 | 4 objectives: 1 met, 1 missed, 1 unmeasured |'), summaryRows.join('\n'));
        for (const heading of ['a) Decisions of the previous review', 'a) Actions due', 'b) Context issues', 'b) Changes', 'c) Interested parties',
            'd) Nonconformities', 'd) Measurements', 'd) Incidents', 'd) Audit results', 'd) Objectives', 'e) Supplier reviews',
            'f) Risk levels', 'f) Above appetite', 'f) Acceptances running out', 'f) Treatment progress', 'g) Opportunities']) {
            assert.ok(md.includes(`\n## ${heading}\n`), heading);
        }
        assert.ok(md.includes('| ISS-1 | Heat waves &lt;script&gt;alert(1)&lt;/script&gt; \\| threaten the office | external | climate | CISO | R-1, OP-1 |'));
        assert.ok(md.includes('| O-2 | Click rate in phishing tests | &lt;= 5 | % | 2026-04-01: 3<br>2026-10-01: 7 | 7 | no | worsening |'));
        assert.ok(md.includes('| R-4 | Legacy admin console | CISO | 2027-01-15 | expiring |'));
        assert.doesNotMatch(md, /<script>/);
    });

    it('writes self-contained HTML with every table and model text escaped', () => {
        const html = pack('html');
        assert.match(html, /<body class="report report-review-pack">/);
        assert.match(html, /<title>Management review pack<\/title>/);
        assert.ok(html.includes('<dt>Previous review</dt><dd>MR-2025 (2025-11-20)</dd>'));
        // Long words get break opportunities (`<wbr>`) after punctuation; the markup stays escaped.
        assert.ok(html.includes('Heat waves &lt;script&gt;alert(1)&lt;/'));
        assert.ok(html.includes('<dd>Acme &lt;Cloud&gt; &amp; Co ISMS</dd>'));
        assert.doesNotMatch(html, /<script/);
        assert.equal((html.match(/<section class="report-table"/g) ?? []).length, 18);
        assert.match(html, /<td class="col-status nowrap status-open">open<\/td>/);
    });

    it('gives byte-identical files for the same model and date, in each of its formats', () => {
        for (const format of ['md', 'html', 'json']) {
            const files = ['a', 'b'].map(run => {
                const result = isms(['review-pack', '.', '--date', TODAY, '--format', format, '--out', `det-${run}/`], workspace.dir);
                assert.equal(result.status, 0, result.stderr);
                return fs.readFileSync(path.join(workspace.dir, `det-${run}`, `management-review-pack.${format}`));
            });
            assert.ok(files[0].equals(files[1]), `${format} is deterministic`);
            assert.equal(files[0].toString('utf8'), pack(format), `${format}: the file holds what standard output gives`);
        }
    });

    it('writes to --out safely: its own file again, never a file it did not write', () => {
        const foreign = path.join(workspace.dir, 'mine', 'management-review-pack.md');
        fs.mkdirSync(path.dirname(foreign), { recursive: true });
        fs.writeFileSync(foreign, 'my notes\n');
        const refused = isms(['review-pack', '.', '--date', TODAY, '--out', 'mine/'], workspace.dir);
        assert.equal(refused.status, 2);
        assert.match(refused.stderr, /exists and was not generated by isms/);
        assert.equal(fs.readFileSync(foreign, 'utf8'), 'my notes\n');
        assert.equal(isms(['review-pack', '.', '--date', TODAY, '--out', 'pack.html'], workspace.dir).status, 0);
        assert.equal(isms(['review-pack', '.', '--date', TODAY, '--out', 'pack.html'], workspace.dir).status, 0);
        assert.equal(fs.readFileSync(path.join(workspace.dir, 'pack.html'), 'utf8'), pack('html'), 'the format follows the file name');
    });

    it('is written only as md, html, docx or json', () => {
        for (const args of [['--format', 'csv'], ['--format', 'xlsx', '--out', 'x/'], ['--out', 'pack.xlsx']]) {
            const run = isms(['review-pack', '.', '--date', TODAY, ...args], workspace.dir);
            assert.equal(run.status, 2, args.join(' '));
        }
        assert.match(isms(['review-pack', '.', '--out', 'pack.csv'], workspace.dir).stderr,
            /the management-review-pack is not written as csv; choose md, html, docx, json with --format or the --out file name/);
        assert.equal(fs.existsSync(path.join(workspace.dir, 'pack.csv')), false);
    });

    it('is built from a model still being typed, without a crash', () => {
        const partial = temporaryWorkspace({
            'a.isms': `isms "Half" {
management-review MR-1 { date
objective O-1 "x" { target <= measured 2026-01-01
nonconformity NC-1 { corrective-action "Fix" { status
supplier S-1 { review every
audit A-1 { finding F-1 { corrective-action
risk R-1 { treatment mitigate { accept {
opportunity OP-1 { due
issue ISS-1 { addressed-by
party P-1 { requirement
change CH-1 { affects`
        });
        try {
            for (const format of ['md', 'html', 'json']) {
                const run = isms(['review-pack', '.', '--date', TODAY, '--format', format], partial.dir);
                assert.equal(run.status, 0, run.stderr);
                assert.doesNotMatch(run.stderr, /internal error|at .*\.cjs:\d+/);
                if (format === 'json') {
                    const pack = reviewPackJsonSchema.parse(JSON.parse(run.stdout));
                    // The half-typed model has errors, and the pack says so inside itself.
                    assert.ok(pack.modelErrors > 0);
                } else {
                    assert.match(run.stdout, /error/i);
                    assert.match(run.stdout, new RegExp(`${JSON.parse(isms(['review-pack', '.', '--date', TODAY, '--format', 'json'], partial.dir).stdout).modelErrors} errors`));
                }
            }
        } finally {
            partial.dispose();
        }
    });
});
