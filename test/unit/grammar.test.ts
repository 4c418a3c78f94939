import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Apply, Asset, Audit, Change, ContextIssue, Exclude, Framework, Incident, IsmsBlock, ManagementReview, Methodology, Mitigate, Model, Nonconformity, Objective, Party, Policy, Risk, Role, Supplier, Threat, Training, Transfer, Vulnerability } from '../../language/generated/ast.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

async function parseOne(text: string): Promise<{ model: Model, workspace: ModelWorkspace }> {
    const workspace = await ModelWorkspace.create({ 'model.isms': text });
    return { model: workspace.document('model.isms').parseResult.value as Model, workspace };
}

function element<T>(model: Model, type: string, index = 0): T {
    const found = model.elements.filter(e => e.$type === type);
    assert.ok(found[index], `no ${type} #${index}`);
    return found[index] as T;
}

describe('grammar', () => {

    it('parses the LANGUAGE.md sample with no syntax error', async () => {
        const { workspace } = await parseOne(fixture('language-sample.isms'));
        const syntax = workspace.diagnostics().filter(d => d.code === 'syntax-error');
        assert.deepEqual(syntax, []);
        // The sample is partial: what it leaves undeclared is reported, and only that.
        const unresolved = workspace.diagnostics().filter(d => d.code === 'unresolved-reference').map(d => d.text);
        assert.deepEqual([...new Set(unresolved)].sort(), ['AppServers', 'ITOps', 'Laptops', 'Malware', 'MarketingSite', 'R-007', 'SupportDesk', 'Theft']);
        // Its SoA decides few controls, so the rest are reported as undecided. Written before Part 2, it
        // also lacks what the Part 2 rules ask for: a climate determination, the methodology's approval,
        // the review's inputs and the policy document file. Nothing else is wrong with it.
        assert.deepEqual([...new Set(workspace.codes().filter(code => code !== 'unresolved-reference'))].sort(),
            ['climate-undetermined', 'control-undecided', 'document-unapproved', 'evidence-not-found', 'review-inputs-missing']);
    });

    it('parses the isms block with its scope', async () => {
        const { model } = await parseOne(fixture('language-sample.isms'));
        const isms = element<IsmsBlock>(model, 'IsmsBlock');
        assert.equal(isms.title, 'Acme Cloud ISMS');
        assert.equal(isms.organization[0], 'Acme Ltd');
        assert.equal(isms.framework[0]?.$refText, 'ISO27001_2022');
        assert.equal(isms.methodology[0]?.$refText, 'FiveByFive');
        assert.deepEqual(isms.topManagement.map(r => r.$refText), ['CEO']);
        assert.deepEqual(isms.scope[0]?.includes.map(r => r.$refText), ['CustomerDB', 'AppServers', 'SupportDesk']);
        assert.equal(isms.scope[0]?.excludes[0].asset.$refText, 'MarketingSite');
        assert.equal(isms.scope[0]?.excludes[0].reason, 'Run by an agency under contract; covered as a supplier');
        assert.deepEqual(isms.scope[0]?.interfaces, ['AWS eu-west-1 under the shared responsibility model']);
    });

    it('parses a methodology with scales, levels, appetite, review interval and factor', async () => {
        const { model } = await parseOne(`methodology M "Five by five" {
            likelihood 1 "Rare" 2 "Unlikely" 3 "Possible"
            impact 1 "Minor" 2 "Major"
            levels { low 1..4 medium 5..9 high 10..16 accepted-by CISO critical 17..25 accepted-by CEO }
            appetite 9  review every 12 months  factor 20
        }`);
        const m = element<Methodology>(model, 'Methodology');
        assert.deepEqual(m.likelihood.map(s => [s.value, s.label]), [[1, 'Rare'], [2, 'Unlikely'], [3, 'Possible']]);
        assert.deepEqual(m.impact.map(s => s.value), [1, 2]);
        assert.deepEqual(m.levels.map(l => [l.name, l.min, l.max, l.acceptedBy?.$refText]),
            [['low', 1, 4, undefined], ['medium', 5, 9, undefined], ['high', 10, 16, 'CISO'], ['critical', 17, 25, 'CEO']]);
        assert.equal(m.appetite[0], 9);
        assert.deepEqual([m.review[0]?.count, m.review[0]?.unit], [12, 'months']);
        assert.equal(m.factor[0], 20);
    });

    it('parses roles, assets, suppliers, threats and vulnerabilities', async () => {
        const { model } = await parseOne(`
            role CISO "Chief Information Security Officer" { person "Jane Doe" email "jane@example.com" }
            role CEO
            asset CustomerDB "Customer database" {
                kind data owner CISO classification confidential
                confidentiality high integrity high availability medium
                depends-on AppServers, Network hosted-by AWS location "eu-west-1"
            }
            supplier AWS "Amazon Web Services" { criticality high contract "MSA-2024-01" reviewed 2026-03-01 }
            threat Ransomware "Ransomware" { category malicious source external }
            vulnerability Unpatched "Unpatched servers" { affects AppServers, CustomerDB }`);
        const ciso = element<Role>(model, 'Role');
        assert.deepEqual([ciso.name, ciso.title, ciso.person[0], ciso.email[0]], ['CISO', 'Chief Information Security Officer', 'Jane Doe', 'jane@example.com']);
        assert.equal(element<Role>(model, 'Role', 1).title, undefined);
        const asset = element<Asset>(model, 'Asset');
        assert.deepEqual([asset.kind[0], asset.owner[0]?.$refText, asset.classification[0], asset.confidentiality[0], asset.integrity[0], asset.availability[0]],
            ['data', 'CISO', 'confidential', 'high', 'high', 'medium']);
        assert.deepEqual(asset.dependsOn.map(r => r.$refText), ['AppServers', 'Network']);
        assert.equal(asset.hostedBy[0]?.$refText, 'AWS');
        const supplier = element<Supplier>(model, 'Supplier');
        assert.deepEqual([supplier.criticality[0], supplier.contract[0], supplier.reviewed[0]], ['high', 'MSA-2024-01', '2026-03-01']);
        const threat = element<Threat>(model, 'Threat');
        assert.deepEqual([threat.category[0], threat.source[0]], ['malicious', 'external']);
        assert.deepEqual(element<Vulnerability>(model, 'Vulnerability').affects.map(r => r.$refText), ['AppServers', 'CustomerDB']);
    });

    it('parses risks with each of the four treatments', async () => {
        const { model } = await parseOne(`
            risk R-001 "Ransomware" {
                assets CustomerDB threat Ransomware vulnerability Unpatched likelihood 4 impact 5 owner CISO
                treatment mitigate { controls A.8.7, A.8.8, A.8.13 residual likelihood 2 impact 4 due 2027-01-31 }
                reviewed 2026-09-01
            }
            risk R-002 "Laptop" { likelihood 3 impact 2 treatment accept { by CEO on 2026-10-01 until 2027-10-01 because "FDE" } }
            risk R-003 "Cyber" { likelihood 2 impact 5 treatment transfer { to Insurer because "Policy" controls A.5.19 residual likelihood 2 impact 2 } }
            risk R-004 "Crypto" { likelihood 2 impact 3 treatment avoid { because "No crypto assets held" } }
            risk R-005 "Malware" { likelihood 4 impact 4 treatment mitigate {
                controls A.8.1 residual likelihood 3 impact 4
                accept { by CISO on 2026-10-01 until 2027-04-01 because "EDR roll-out in Q2" } } }`);
        const r1 = element<Risk>(model, 'Risk');
        assert.deepEqual([r1.name, r1.likelihood[0], r1.impact[0], r1.threat[0]?.$refText, r1.vulnerability[0]?.$refText, r1.reviewed[0]], ['R-001', 4, 5, 'Ransomware', 'Unpatched', '2026-09-01']);
        const mitigate = r1.treatment[0] as Mitigate;
        assert.equal(mitigate.kind, 'mitigate');
        assert.deepEqual(mitigate.controls.map(c => c.$refText), ['A.8.7', 'A.8.8', 'A.8.13']);
        assert.deepEqual([mitigate.residual[0]?.likelihood, mitigate.residual[0]?.impact, mitigate.due[0]], [2, 4, '2027-01-31']);
        const accept = element<Risk>(model, 'Risk', 1).treatment[0];
        assert.equal(accept?.kind, 'accept');
        assert.deepEqual(accept?.kind === 'accept' && [accept.acceptance?.by[0]?.$refText, accept.acceptance?.on[0], accept.acceptance?.until[0], accept.acceptance?.because[0]],
            ['CEO', '2026-10-01', '2027-10-01', 'FDE']);
        const transfer = element<Risk>(model, 'Risk', 2).treatment[0] as Transfer;
        assert.deepEqual([transfer.kind, transfer.to[0]?.$refText, transfer.because[0], transfer.residual[0]?.impact], ['transfer', 'Insurer', 'Policy', 2]);
        const avoid = element<Risk>(model, 'Risk', 3).treatment[0];
        assert.deepEqual([avoid?.kind, avoid?.kind === 'avoid' && avoid.because[0]], ['avoid', 'No crypto assets held']);
        const inner = (element<Risk>(model, 'Risk', 4).treatment[0] as Mitigate).acceptance[0];
        assert.deepEqual([inner?.by[0]?.$refText, inner?.until[0]], ['CISO', '2027-04-01']);
    });

    it('parses SoA decisions: apply with status, owner, evidence and reasons; exclude with reason', async () => {
        const { model } = await parseOne(`
            apply A.8.13 {
                status implemented owner ITOps
                evidence "Nightly backup job logs" at "https://wiki.example/backups"
                evidence "Restore test report"
                because contractual "Backups are an obligation of the customer MSA"
                because "Good practice"
            }
            apply A.5.1
            exclude A.7.4 because "No company premises"
            exclude A.7.5`);
        const apply = element<Apply>(model, 'Apply');
        assert.deepEqual([apply.control.$refText, apply.status[0], apply.owner[0]?.$refText], ['A.8.13', 'implemented', 'ITOps']);
        assert.deepEqual(apply.evidence.map(e => [e.description, e.location]), [['Nightly backup job logs', 'https://wiki.example/backups'], ['Restore test report', undefined]]);
        assert.deepEqual(apply.reasons.map(r => [r.kind, r.text]), [['contractual', 'Backups are an obligation of the customer MSA'], [undefined, 'Good practice']]);
        assert.equal(element<Apply>(model, 'Apply', 1).control.ref?.title, 'Policies for information security');
        assert.deepEqual([element<Exclude>(model, 'Exclude').control.$refText, element<Exclude>(model, 'Exclude').reason], ['A.7.4', 'No company premises']);
        assert.equal(element<Exclude>(model, 'Exclude', 1).reason, undefined);
    });

    it('parses policies, objectives, audits, incidents, management reviews and frameworks', async () => {
        const { model } = await parseOne(`
            policy InfoSecPolicy "Information Security Policy" {
                version "2.1" approved-by CEO on 2026-01-15 review every 12 months reviewed 2026-06-01 document "policies/infosec.md"
            }
            objective O-1 "Patch fast" { metric "Median days" target "<= 14" owner ITOps due 2026-12-31 }
            audit IA-2026 "Internal audit 2026" {
                date 2026-06-10 auditor "External consultant" scope "Whole ISMS"
                finding F-1 "No access reviews in Q1" {
                    severity major controls A.5.18
                    corrective-action "Quarterly access reviews" { owner CISO due 2026-08-01 status closed }
                    corrective-action "Automate reviews" { owner ITOps due 2027-02-01 status in-progress }
                }
                finding F-2 "Observation" { severity observation }
            }
            incident INC-12 "Phishing" { date 2026-03-02 severity high risks R-007 assets Mailbox lessons "MFA for all shared mailboxes" }
            management-review MR-2026 "Management review 2026" { date 2026-11-15 attendees CEO, CISO decisions "Budget for EDR approved", "Hire a second engineer" }
            framework AcmeControls "Acme internal controls" {
                control AC-7 "Quarterly access review" { maps A.5.18, A.8.2 description "Owners review access" }
                control AC-8
            }`);
        const policy = element<Policy>(model, 'Policy');
        assert.deepEqual([policy.version[0], policy.approvedBy[0]?.$refText, policy.approvedOn[0], policy.review[0]?.count, policy.review[0]?.unit, policy.reviewed[0], policy.document[0]],
            ['2.1', 'CEO', '2026-01-15', 12, 'months', '2026-06-01', 'policies/infosec.md']);
        const objective = element<Objective>(model, 'Objective');
        assert.deepEqual([objective.metric[0], objective.target[0]?.text, objective.due[0]], ['Median days', '<= 14', '2026-12-31']);
        const audit = element<Audit>(model, 'Audit');
        assert.deepEqual([audit.date[0], audit.auditor[0], audit.findings.length], ['2026-06-10', 'External consultant', 2]);
        assert.deepEqual(audit.findings[0].actions.map(a => [a.title, a.owner[0]?.$refText, a.due[0], a.status[0]]),
            [['Quarterly access reviews', 'CISO', '2026-08-01', 'closed'], ['Automate reviews', 'ITOps', '2027-02-01', 'in-progress']]);
        const incident = element<Incident>(model, 'Incident');
        assert.deepEqual([incident.date[0], incident.severity[0], incident.risks[0].$refText, incident.lessons[0]], ['2026-03-02', 'high', 'R-007', 'MFA for all shared mailboxes']);
        const review = element<ManagementReview>(model, 'ManagementReview');
        assert.deepEqual(review.attendees.map(a => a.$refText), ['CEO', 'CISO']);
        assert.deepEqual(review.decisions, ['Budget for EDR approved', 'Hire a second engineer']);
        const framework = element<Framework>(model, 'Framework');
        assert.deepEqual(framework.controls.map(c => c.name), ['AC-7', 'AC-8']);
        assert.deepEqual(framework.controls[0].maps.map(m => m.target.ref?.name), ['A.5.18', 'A.8.2']);
    });

    it('parses the LANGUAGE.md Part 2 sample with no syntax error, linking what it declares', async () => {
        const { model, workspace } = await parseOne(fixture('language-sample-part2.isms'));
        assert.deepEqual(workspace.diagnostics().filter(d => d.code === 'syntax-error'), []);
        const unresolved = workspace.diagnostics().filter(d => d.code === 'unresolved-reference').map(d => d.text);
        assert.deepEqual([...new Set(unresolved)].sort(), ['CEO', 'CTO', 'CustomerDB', 'ITOps', 'InfoSecPolicy', 'RegionOutage']);
        const isms = element<IsmsBlock>(model, 'IsmsBlock');
        assert.deepEqual([isms.climate[0]?.relevance, isms.auditInterval[0]?.count, isms.reviewInterval[0]?.unit], ['relevant', 12, 'months']);
        assert.deepEqual([isms.soa[0]?.version[0], isms.soa[0]?.approvedBy[0]?.$refText, isms.soa[0]?.approvedOn[0]], ['4', 'CISO', '2026-11-01']);
        const methodology = element<Methodology>(model, 'Methodology');
        assert.deepEqual([methodology.version[0], methodology.approvedBy[0]?.$refText, methodology.approvedOn[0], methodology.acceptanceLimit[0]?.count, methodology.acceptanceLimit[0]?.unit],
            ['2.3', 'CEO', '2026-01-15', 12, 'months']);
        const issue = element<ContextIssue>(model, 'ContextIssue');
        assert.deepEqual([issue.origin[0], issue.topic[0], issue.addressedBy.map(r => r.ref?.$type)], ['external', 'climate', ['Risk', 'Opportunity']]);
        const party = element<Party>(model, 'Party');
        assert.deepEqual(party.requirements.map(r => [r.name, r.addressedBy.map(a => a.ref?.$type ?? a.$refText)]), [['REQ-1', ['Control', 'InfoSecPolicy']]]);
        const objective = element<Objective>(model, 'Objective');
        assert.deepEqual([objective.target[0]?.comparison, objective.target[0]?.value, objective.unit[0], objective.measureInterval[0]?.count], ['<=', 14, 'days', 3]);
        assert.deepEqual(objective.measurements.map(m => [m.date, m.value]), [['2026-07-01', 18], ['2026-10-01', 12]]);
        const change = element<Change>(model, 'Change');
        assert.deepEqual([change.date[0], change.approvedBy[0]?.$refText, change.affects.map(a => a.ref?.$type ?? a.$refText)], ['2026-12-01', 'CISO', ['Risk', 'CustomerDB']]);
        assert.equal(element<Role>(model, 'Role').competence[0], 'CISSP; 8 years in security operations');
        const training = element<Training>(model, 'Training');
        assert.deepEqual([training.date[0], training.audience[0], training.completion[0], training.recurrence[0]?.count], ['2026-03-01', 'All staff', 96, 12]);
        const supplier = element<Supplier>(model, 'Supplier');
        assert.deepEqual([supplier.certifications, supplier.reviewed[0], supplier.review[0]?.count], [['ISO/IEC 27001', 'SOC 2 Type II'], '2026-05-01', 12]);
        const risk = element<Risk>(model, 'Risk');
        assert.deepEqual([risk.statedScore[0], risk.statedLevel[0], (risk.treatment[0] as Mitigate).due[0]], [12, 'high', '2027-03-31']);
        const evidence = element<Apply>(model, 'Apply').evidence[0];
        assert.deepEqual([evidence.location, evidence.collected, evidence.validity?.count, evidence.validity?.unit], ['evidence/backups.md', '2026-11-02', 3, 'months']);
        const audit = element<Audit>(model, 'Audit');
        assert.deepEqual(audit.covers, ['A.5', 'A.8', 'Clauses 4-10']);
        assert.equal(audit.findings[0].nonconformity[0]?.ref?.name, 'NC-3');
        const nonconformity = element<Nonconformity>(model, 'Nonconformity');
        assert.deepEqual([nonconformity.source[0]?.ref?.$type, nonconformity.clause[0], nonconformity.severity[0], nonconformity.rootCause[0] !== undefined, nonconformity.correction[0] !== undefined],
            ['Audit', '9.1', 'major', true, true]);
        const action = nonconformity.actions[0];
        assert.deepEqual([action.status[0], action.closed[0], action.effective[0], action.verifiedBy[0]?.$refText, action.verifiedOn[0]], ['closed', '2026-07-28', 'yes', 'CISO', '2026-10-15']);
        assert.equal(element<ManagementReview>(model, 'ManagementReview').inputs.length, 10);
        const csf = element<Framework>(model, 'Framework');
        assert.deepEqual(csf.controls.map(c => c.name), ['PR.AA-01', 'GV.OC-01']);
        assert.deepEqual(csf.controls[0].maps.map(m => [m.target.ref?.name, m.relationship]), [['A.5.16', 'intersect'], ['A.5.17', 'intersect']]);
    });

    it('lexes the ids of other frameworks bare or quoted, decimal values and a Part 1 target string', async () => {
        const { model, workspace } = await parseOne(`
            framework NIST "NIST SP 800-53" { control AC-2(1) "Automated account management" control CC6.1 "Logical access" }
            framework Mine "Mine" { control M-1 "Mine" { maps AC-2(1) equal, "CC6.1" subset, A.5.1 } }
            objective O-2 "Uptime" { target >= 99.9 measured 2026-01-01 value 99.95 }
            objective O-3 "Old style" { target "<= 14" }`);
        assert.deepEqual(workspace.codes().filter(code => code === 'syntax-error' || code === 'unresolved-reference'), []);
        const frameworks = model.elements.filter(e => e.$type === 'Framework') as Framework[];
        assert.deepEqual(frameworks[0].controls.map(c => c.name), ['AC-2(1)', 'CC6.1']);
        assert.deepEqual(frameworks[1].controls[0].maps.map(m => [m.target.ref?.name, m.relationship]), [['AC-2(1)', 'equal'], ['CC6.1', 'subset'], ['A.5.1', undefined]]);
        const objectives = model.elements.filter(e => e.$type === 'Objective') as Objective[];
        assert.deepEqual([objectives[0].target[0]?.comparison, objectives[0].target[0]?.value, objectives[0].measurements[0].value], ['>=', 99.9, 99.95]);
        assert.deepEqual([objectives[1].target[0]?.comparison, objectives[1].target[0]?.text], [undefined, '<= 14']);
    });

    it('lexes ids with hyphens, dotted control ids, dates, ranges and escaped quotes', async () => {
        const { model, workspace } = await parseOne(`
            /* block comment */ role R-001-x "Quote \\"inside\\" a title" // trailing comment
            methodology M { levels { low 1..4 } }
            risk INC-12 { reviewed 2026-01-15 treatment accept { by R-001-x on 2026-01-15 until 2027-01-15 because "x" } }`);
        assert.deepEqual(workspace.codes().filter(c => c === 'syntax-error'), []);
        assert.equal(element<Role>(model, 'Role').name, 'R-001-x');
        assert.equal(element<Role>(model, 'Role').title, 'Quote "inside" a title');
        assert.equal(element<Risk>(model, 'Risk').name, 'INC-12');
    });

    it('unescapes string literals as Langium does: the known escapes, and any other character as itself', async () => {
        const { model, workspace } = await parseOne([
            'role A "tab\\there, new\\nline, \\"quoted\\", back\\\\slash, \\b\\f\\r\\v\\0, \\q\\é\\😀"',
            'role B ""',
            'role C "\\\\"',
            'role D "no escape at all, long enough to be more than a few characters"'
        ].join('\n'));
        assert.deepEqual(workspace.codes().filter(c => c === 'syntax-error'), []);
        assert.deepEqual(model.elements.map(e => (e as Role).title), [
            'tab\there, new\nline, "quoted", back\\slash, \b\f\r\v\0, qé😀', '', '\\',
            'no escape at all, long enough to be more than a few characters'
        ]);
    });

    it('reports syntax errors with the syntax-error code and a position', async () => {
        const { workspace } = await parseOne('role CISO {\n    person\n}\nasset X { kind spaceship }\n');
        const syntax = workspace.diagnostics().filter(d => d.code === 'syntax-error');
        assert.ok(syntax.length >= 2, JSON.stringify(syntax));
        assert.ok(syntax.every(d => d.severity === 'error'));
        assert.ok(syntax.some(d => d.line === 3), 'the missing person string is reported where the block closes');
        assert.ok(syntax.some(d => d.line === 4 && d.text === 'spaceship'));
    });

    it('flags a property given twice in one block, and not repeatable ones', async () => {
        const { workspace } = await parseOne(`
            role CEO
            asset A { owner CEO kind data owner CEO }
            apply A.5.1 { evidence "one" evidence "two" because "a" because legal "b" }`);
        const duplicates = workspace.diagnostics().filter(d => d.code === 'duplicate-property');
        assert.deepEqual(duplicates.map(d => [d.line, d.text]), [[3, 'owner']]);
    });
});
