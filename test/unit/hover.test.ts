import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LangiumDocument } from 'langium';
import { BUILTIN_DOCUMENTS } from '../../language/builtin/builtin-documents.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const model = {
    'isms.isms': `isms "Acme Cloud ISMS" {
    organization "Acme Ltd"
    framework ISO27001_2022
    methodology FiveByFive
    top-management CEO
    scope {
        description "The SaaS platform"
        includes CustomerDB, Laptops
        excludes MarketingSite because "Run by an agency"
    }
}
`,
    'methodology.isms': `methodology FiveByFive {
    likelihood 1 "Rare" 2 "Unlikely" 3 "Possible" 4 "Likely" 5 "Almost certain"
    impact     1 "Negligible" 2 "Minor" 3 "Moderate" 4 "Major" 5 "Severe"
    levels { low 1..4  medium 5..9  high 10..16 accepted-by CISO  critical 17..25 accepted-by CEO }
    appetite 9
    review every 12 months
}
`,
    'roles.isms': `role CISO "Chief Information Security Officer" { person "Jane Doe" }
role CEO "Chief Executive Officer"
role ITOps "IT Operations"
`,
    'assets.isms': `asset CustomerDB "Customer database" {
    kind data
    owner CISO
    classification confidential
    confidentiality high  integrity high  availability medium
    hosted-by AWS
}
asset Laptops "Staff laptops" { kind hardware  owner ITOps }
asset MarketingSite "Marketing web site" { kind service  owner CEO }
/** Our cloud provider. */
supplier AWS "Amazon Web Services" { criticality high }
threat Ransomware "Ransomware" { category malicious  source external }
`,
    'risks.isms': `risk R-001 "Ransomware encrypts the customer database" {
    assets CustomerDB
    threat Ransomware
    likelihood 4  impact 5
    owner CISO
    treatment mitigate {
        controls A.8.7, A.8.13
        residual likelihood 2  impact 4
    }
    reviewed 2026-09-01
}

risk R-002 "Loss of an unencrypted laptop" {
    assets Laptops  likelihood 3  impact 2  owner CISO
    treatment accept { by CEO on 2026-10-01 until 2027-10-01 because "Disk encryption enforced" }
}

risk R-003 "Malware reaches the customer database" {
    assets CustomerDB  likelihood 4  impact 4  owner CISO
    treatment mitigate {
        controls A.8.7
        residual likelihood 3  impact 4
        accept { by CISO on 2026-10-01 until 2027-04-01 because "EDR roll-out completes in Q2" }
    }
}
`,
    'soa.isms': `apply A.8.13 {
    status implemented
    owner ITOps
    because contractual "Backups are an obligation of the customer MSA"
}

exclude A.7.4 because "No company premises"
`,
    'audit.isms': `audit IA-2026 "Internal audit 2026" {
    date 2026-06-10
    finding F-1 "No access reviews in Q1" {
        severity major  controls A.5.18
        corrective-action "Quarterly access reviews" { owner CISO  due 2026-08-01  status closed }
    }
}
incident INC-12 "Ransomware attempt" { date 2026-03-02  severity high  risks R-001 }
`,
    'acme.isms': `framework AcmeControls "Acme internal controls" {
    control AC-7 "Quarterly access review" { maps A.5.18, A.8.2 }
}
`
};

/**
 * The hover's markdown at the `occurrence`-th place `marker` occurs in `document`, `delta`
 * characters into it; undefined when there is no hover.
 */
async function hoverIn(workspace: ModelWorkspace, document: LangiumDocument, marker: string, delta = 0, occurrence = 1): Promise<string | undefined> {
    const text = document.textDocument.getText();
    let offset = -1;
    for (let i = 0; i < occurrence; i++) {
        offset = text.indexOf(marker, offset + 1);
        assert.ok(offset >= 0, `marker ${JSON.stringify(marker)} (#${i + 1}) in ${document.uri.toString()}`);
    }
    const position = document.textDocument.positionAt(offset + delta);
    const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position
    });
    if (!hover) return undefined;
    const contents = hover.contents;
    assert.ok(typeof contents === 'object' && 'kind' in contents && contents.kind === 'markdown', 'markdown hover');
    return contents.value;
}

async function hover(workspace: ModelWorkspace, file: string, marker: string, delta = 0, occurrence = 1): Promise<string | undefined> {
    return hoverIn(workspace, workspace.document(file), marker, delta, occurrence);
}

function includesAll(markdown: string | undefined, pieces: readonly string[]): void {
    assert.ok(markdown !== undefined, 'a hover');
    for (const piece of pieces) {
        assert.ok(markdown.includes(piece), `hover has ${JSON.stringify(piece)}:\n${markdown}`);
    }
}

describe('hovers', () => {

    let workspace: ModelWorkspace;

    before(async () => {
        workspace = await ModelWorkspace.create(model);
        workspace.services.config.Settings.update({ today: '2026-12-01' });
    });

    describe('risks', () => {

        it('shows scores with labels, appetite, treatment, controls, owner and review on the declaration', async () => {
            const markdown = await hover(workspace, 'risks.isms', 'R-001', 2);
            includesAll(markdown, [
                '**R-001** Ransomware encrypts the customer database',
                'Inherent: Likely (4) × Severe (5) = 20, critical',
                'Residual: Unlikely (2) × Major (4) = 8, medium — within appetite (9)',
                'Treatment: mitigate',
                'A.8.7 Protection against malware',
                'A.8.13 Information backup',
                'Owner: CISO (Chief Information Security Officer)',
                'Last reviewed: 2026-09-01'
            ]);
            assert.ok(!markdown!.includes('review overdue'), 'reviewed within the last 12 months');
        });

        it('shows the same on a reference to the risk', async () => {
            const markdown = await hover(workspace, 'audit.isms', 'risks R-001', 'risks '.length);
            includesAll(markdown, ['**R-001** Ransomware encrypts the customer database', 'Likely (4) × Severe (5) = 20, critical']);
        });

        it('says whether a residual above appetite is accepted, by whom and until when', async () => {
            const markdown = await hover(workspace, 'risks.isms', 'R-003');
            includesAll(markdown, [
                'Residual: Possible (3) × Major (4) = 12, high — above appetite (9)',
                'accepted by CISO (Chief Information Security Officer) on 2026-10-01 until 2027-04-01'
            ]);
        });

        it('says "not reduced" when the treatment has no residual', async () => {
            const markdown = await hover(workspace, 'risks.isms', 'R-002');
            includesAll(markdown, [
                'Inherent: Possible (3) × Minor (2) = 6, medium',
                'Residual: not reduced (6, medium)',
                'accepted by CEO (Chief Executive Officer) on 2026-10-01 until 2027-10-01',
                'Treatment: accept',
                'Last reviewed: never'
            ]);
        });

        it('marks a residual above appetite that nobody accepted, and an expired acceptance', async () => {
            const scaled = await ModelWorkspace.create({
                'm.isms': 'methodology M { levels { low 1..8 high 9..25 } appetite 4 }\n',
                'r.isms': 'risk R-9 "Outage" { likelihood 3 impact 3 treatment mitigate { controls A.8.14 } }\n'
                    + 'risk R-10 "Leak" { likelihood 2 impact 3 treatment accept { by Nobody on 2020-01-01 until 2021-01-01 because "old" } }\n'
            });
            includesAll(await hover(scaled, 'r.isms', 'R-9'), ['Residual: not reduced (9, high) — above appetite (4), not accepted']);
            includesAll(await hover(scaled, 'r.isms', 'R-10'), ['accepted by Nobody on 2020-01-01 until 2021-01-01 (expired)']);
        });

        it('shows the factor when it is not 1', async () => {
            const scaled = await ModelWorkspace.create({
                'm.isms': 'methodology Scaled {\n    levels { low 1..100 medium 101..300 critical 301..500 }\n    appetite 200\n    factor 20\n}\n',
                'r.isms': 'risk R-1 "Ransomware" { likelihood 4 impact 5 treatment mitigate { controls A.8.13 residual likelihood 1 impact 5 } }\n'
            });
            includesAll(await hover(scaled, 'r.isms', 'R-1'), [
                'Inherent: Likely (4) × Severe (5) × 20 = 400, critical',
                'Residual: Rare (1) × Severe (5) × 20 = 100, low — within appetite (200)'
            ]);
        });
    });

    describe('controls', () => {

        it('shows theme, title, SoA decision, apply status and owner, and the risks it treats', async () => {
            const markdown = await hover(workspace, 'risks.isms', 'A.8.13');
            includesAll(markdown, [
                '**A.8.13** Information backup',
                'Control of ISO27001_2022, theme technological',
                'SoA: **applicable** — implemented, owner ITOps (IT Operations)',
                'contractual: Backups are an obligation of the customer MSA',
                'Treats 1 risk:',
                '- R-001 Ransomware encrypts the customer database'
            ]);
        });

        it('works on every kind of control reference and on the catalog declaration', async () => {
            includesAll(await hover(workspace, 'soa.isms', 'A.8.13', 3), ['**A.8.13** Information backup', 'implemented']);
            const a87 = await hover(workspace, 'risks.isms', 'A.8.7', 4, 2);
            includesAll(a87, ['**A.8.7** Protection against malware', 'SoA: **applicable** through its risks', 'Treats 2 risks:', 'R-001', 'R-003']);
            const catalog = workspace.services.shared.workspace.LangiumDocuments.getDocument(BUILTIN_DOCUMENTS[0].uri)!;
            includesAll(await hoverIn(workspace, catalog, 'A.8.13'), ['**A.8.13** Information backup', 'Treats 1 risk:']);
            includesAll(await hover(workspace, 'audit.isms', 'A.5.18'), ['**A.5.18** Access rights', 'SoA: **undecided** — an audit gap', 'Treats no risk']);
        });

        it('shows the reason of an exclusion', async () => {
            includesAll(await hover(workspace, 'soa.isms', 'A.7.4', 2), [
                '**A.7.4** Physical security monitoring',
                'theme physical',
                'SoA: **excluded** — No company premises'
            ]);
        });

        it('shows the catalog controls a user control maps to', async () => {
            const markdown = await hover(workspace, 'acme.isms', 'AC-7');
            includesAll(markdown, [
                '**AC-7** Quarterly access review',
                'Control of AcmeControls',
                'SoA: **undecided**',
                '- intersects ISO27001_2022::A.5.18 Access rights — declared with AcmeControls::AC-7\n'
                    + '- intersects ISO27001_2022::A.8.2 Privileged access rights — declared with AcmeControls::AC-7'
            ]);
            assert.ok(!markdown!.includes('audit gap'), 'only controls of the framework in force need a decision');
            includesAll(await hover(workspace, 'acme.isms', 'A.8.2'), ['**A.8.2** Privileged access rights']);
        });

        it('lists at most 10 risks, then says how many more', async () => {
            const risks = Array.from({ length: 12 }, (_, i) => `risk R-${i + 1} "Risk ${i + 1}" { likelihood 2 impact 2 treatment mitigate { controls A.8.13 } }`);
            const many = await ModelWorkspace.create({ 'r.isms': risks.join('\n') + '\n' });
            const markdown = await hover(many, 'r.isms', 'A.8.13');
            includesAll(markdown, ['Treats 12 risks:', '- R-1 Risk 1', '- R-10 Risk 10', '- and 2 more']);
            assert.ok(!markdown!.includes('R-11'), markdown);
        });
    });

    describe('assets', () => {

        it('shows kind, owner, classification, C/I/A, scope and its risks, highest residual first', async () => {
            const markdown = await hover(workspace, 'assets.isms', 'CustomerDB');
            includesAll(markdown, [
                '**CustomerDB** Customer database',
                'Asset, data, confidential',
                'Owner: CISO (Chief Information Security Officer)',
                'C/I/A: high / high / medium',
                'In scope',
                '2 risks, highest residual first:',
                '- R-003 Malware reaches the customer database — residual 12, high',
                '- R-001 Ransomware encrypts the customer database — residual 8, medium'
            ]);
            assert.ok(markdown!.indexOf('R-003') < markdown!.indexOf('R-001'), 'highest residual first');
            // and on a reference
            includesAll(await hover(workspace, 'risks.isms', 'assets CustomerDB', 'assets '.length), ['**CustomerDB** Customer database']);
        });

        it('shows an asset out of scope, with the reason', async () => {
            includesAll(await hover(workspace, 'assets.isms', 'MarketingSite'), ['Out of scope — Run by an agency', 'No risk covers it']);
        });

        it('lists at most 5 risks', async () => {
            const risks = Array.from({ length: 7 }, (_, i) => `risk R-${i + 1} "Risk ${i + 1}" { assets DB likelihood ${i % 5 + 1} impact 2 }`);
            const many = await ModelWorkspace.create({ 'r.isms': 'asset DB "Database"\n' + risks.join('\n') + '\n' });
            const markdown = await hover(many, 'r.isms', 'DB');
            includesAll(markdown, ['7 risks, highest residual first:', '- R-5 Risk 5 — residual 10, high', '- and 2 more']);
            assert.ok(markdown!.indexOf('R-5') < markdown!.indexOf('R-4'), markdown);
        });
    });

    describe('scales and levels', () => {

        it('labels a likelihood or impact of a risk', async () => {
            includesAll(await hover(workspace, 'risks.isms', 'likelihood 4  impact 5', 'likelihood '.length), [
                'Likelihood 4: **Likely** (methodology FiveByFive)',
                'R-001 inherent: Likely (4) × Severe (5) = 20, critical'
            ]);
            includesAll(await hover(workspace, 'risks.isms', 'likelihood 4  impact 5', 'likelihood 4  impact '.length), [
                'Impact 5: **Severe** (methodology FiveByFive)'
            ]);
        });

        it('labels a likelihood or impact of a residual', async () => {
            includesAll(await hover(workspace, 'risks.isms', 'residual likelihood 2  impact 4', 'residual likelihood 2  impact '.length), [
                'Impact 4: **Major** (methodology FiveByFive)',
                'R-001 residual: Unlikely (2) × Major (4) = 8, medium'
            ]);
        });

        it('says when a number is not on the scale', async () => {
            const off = await ModelWorkspace.create({ 'r.isms': 'risk R-1 "X" { likelihood 7 impact 2 }\n' });
            includesAll(await hover(off, 'r.isms', '7'), ['Likelihood 7: not on the scale 1..5']);
        });

        it('labels a value of a methodology scale', async () => {
            includesAll(await hover(workspace, 'methodology.isms', '4 "Likely"'), ['Likelihood 4: **Likely** (methodology FiveByFive)']);
        });

        it('shows the range and who accepts on a level name', async () => {
            includesAll(await hover(workspace, 'methodology.isms', 'critical 17'), [
                '**critical**', 'scores 17..25', 'Accepted by CEO (Chief Executive Officer)', 'Above appetite (9)'
            ]);
            includesAll(await hover(workspace, 'methodology.isms', 'high 10'), [
                'scores 10..16', 'Accepted by CISO (Chief Information Security Officer) or a role named for a higher level (CEO)'
            ]);
            includesAll(await hover(workspace, 'methodology.isms', 'low 1'), ['scores 1..4', 'any role may accept', 'Within appetite (9)']);
        });
    });

    describe('roles', () => {

        it('shows title, person and what the role owns and accepted', async () => {
            const markdown = await hover(workspace, 'roles.isms', 'CISO');
            includesAll(markdown, [
                '**CISO** Chief Information Security Officer',
                'Role: Jane Doe',
                'Accepts risks up to level high',
                'Owns 1 asset: CustomerDB',
                'Owns 3 risks: R-001, R-002, R-003',
                'Accepted 1 risk: R-003'
            ]);
        });

        it('counts applied controls and acceptances, also on a reference', async () => {
            includesAll(await hover(workspace, 'soa.isms', 'ITOps'), ['**ITOps** IT Operations', 'Owns 1 asset: Laptops', 'Owns 1 applied control: A.8.13']);
            includesAll(await hover(workspace, 'risks.isms', 'by CEO', 3), ['**CEO** Chief Executive Officer', 'Top management', 'Accepts risks up to level critical', 'Accepted 1 risk: R-002']);
        });
    });

    describe('other elements', () => {

        it('shows title and kind, with the documentation comment', async () => {
            includesAll(await hover(workspace, 'assets.isms', 'hosted-by AWS', 'hosted-by '.length), [
                '**AWS** Amazon Web Services', 'Supplier', 'Our cloud provider.'
            ]);
            includesAll(await hover(workspace, 'assets.isms', 'threat Ransomware', 'threat '.length), ['**Ransomware** Ransomware', 'Threat']);
            includesAll(await hover(workspace, 'audit.isms', 'F-1'), ['**F-1** No access reviews in Q1', 'Finding']);
            includesAll(await hover(workspace, 'isms.isms', 'ISO27001_2022'), ['**ISO27001_2022** ISO/IEC 27001:2022 Annex A', '93 controls', 'the SoA is built against it']);
            includesAll(await hover(workspace, 'isms.isms', 'FiveByFive'), ['**FiveByFive**', 'Methodology (in force)', 'Appetite: 9']);
        });

        it('shows nothing on keywords without documentation, strings and blanks', async () => {
            assert.equal(await hover(workspace, 'risks.isms', 'treatment mitigate'), undefined);
            assert.equal(await hover(workspace, 'risks.isms', '"Ransomware encrypts', 3), undefined);
            assert.equal(await hover(workspace, 'risks.isms', '\n\nrisk R-002', 1), undefined);
        });
    });

    describe('robustness', () => {

        it('never fails the request when computing a hover throws', async () => {
            const broken = await ModelWorkspace.create({ 'r.isms': model['risks.isms'] });
            const scoring = broken.services.model.RiskScoring;
            scoring.assess = () => { throw new Error('boom'); };
            scoring.methodology = () => { throw new Error('boom'); };
            const errors: unknown[] = [];
            const original = console.error;
            console.error = (...args: unknown[]) => { errors.push(args); };
            try {
                assert.equal(await hover(broken, 'r.isms', 'R-001'), undefined);
                assert.equal(await hover(broken, 'r.isms', 'likelihood 4', 'likelihood '.length), undefined);
            } finally {
                console.error = original;
            }
            assert.ok(errors.length > 0, 'the failure is logged');
        });

        it('hovers in a document with syntax errors and on unresolved references', async () => {
            const partial = await ModelWorkspace.create({ 'r.isms': 'risk R-1 "Half" { likelihood 3 impact\nasset A "X" { owner Nobody }\nrisk R-2 { treatment mitigate { controls A.9.99 } }\n' });
            includesAll(await hover(partial, 'r.isms', 'R-1'), ['**R-1** Half', 'Inherent: not scored']);
            assert.equal(await hover(partial, 'r.isms', 'Nobody'), undefined);
            includesAll(await hover(partial, 'r.isms', 'R-2'), ['**R-2**', 'A.9.99 (unresolved)', 'Owner: none']);
        });
    });

    describe('Part 2 elements', () => {

        let sample: ModelWorkspace;
        before(async () => {
            const text = readFileSync(new URL('../../../test/fixtures/language-sample-part2.isms', import.meta.url), 'utf8');
            sample = await ModelWorkspace.create({ 'sample.isms': text.replace('measured 2026-10-01 value 12', 'measured 2026-10-01 value 12\n    measured 2026-08-01 value 20')
                .replace('audit-results, objectives, feedback, risk-assessment, improvement', 'audit-results, objectives') });
        });

        it('shows an objective\'s target, its measurements with the trend, and whether the latest meets the target', async () => {
            const markdown = await hover(sample, 'sample.isms', 'O-1');
            assert.equal(markdown?.split('\n\n---\n\n')[0], '**O-1** Patch critical vulnerabilities within 14 days\n\n'
                + 'Objective, owner ITOps  \nMetric: Median days to patch critical CVEs  \nTarget: \\<= 14 days  \nMeasured every 3 months\n\n'
                + '- 2026-07-01: 18 days\n- 2026-08-01: 20 days ↑\n- 2026-10-01: 12 days ↓\n\nLatest (2026-10-01) meets the target');
        });

        it('shows a nonconformity\'s source, severity, root cause and its actions with their state', async () => {
            includesAll(await hover(sample, 'sample.isms', 'NC-3 "'), [
                '**NC-3** Access reviews not performed in Q1', 'Nonconformity, major, clause 9.1', 'Source: audit IA-2026 (Internal audit 2026)',
                'Root cause: No owner for the quarterly review after a re-organisation', '1 corrective action:',
                '- Quarterly access reviews with a named owner — closed, owner CISO, due 2026-08-01, closed 2026-07-28, effective yes, verified by CISO on 2026-10-15'
            ]);
        });

        it('shows an opportunity, a planned change, a training and a supplier with their dates and what they concern', async () => {
            includesAll(await hover(sample, 'sample.isms', 'OP-1 "'), ['**OP-1** Move to a second cloud region', 'Opportunity (6.1.1)', 'Owner: CTO', 'Due: 2027-03-31']);
            includesAll(await hover(sample, 'sample.isms', 'CH-7 "'), [
                'Planned change (6.3) on 2026-12-01', 'Approved by CISO (Chief Information Security Officer) on 2026-11-20',
                'Affects: risk R-014 (Regional outage of the primary cloud region), CustomerDB (unresolved)'
            ]);
            includesAll(await hover(sample, 'sample.isms', 'AW-2026 "'), ['Training (7.2, 7.3) held on 2026-03-01', 'Audience: All staff', 'Completion: 96%', 'Every 12 months; next due 2027-03-01']);
            includesAll(await hover(sample, 'sample.isms', 'AWS "'), [
                'Supplier, criticality high', 'Contract: MSA-2024-01', 'Certifications: ISO/IEC 27001, SOC 2 Type II', 'Reviewed 2026-05-01; next review due 2027-05-01'
            ]);
        });

        it('shows which of the ten 9.3.2 inputs a management review lacks', async () => {
            includesAll(await hover(sample, 'sample.isms', 'MR-2026 "'), [
                'Management review on 2026-11-15', 'Attendees: CEO, CISO', 'Inputs: 7 of 10', 'Missing: feedback, risk-assessment, improvement'
            ]);
        });

        it('shows a party\'s requirements and what addresses an issue or a requirement', async () => {
            includesAll(await hover(sample, 'sample.isms', 'Regulator'), [
                'Interested party, 1 requirement', '- REQ-1 Security of processing (GDPR Art. 32) — control A.5.34 (Privacy and protection of PII), InfoSecPolicy (unresolved)'
            ]);
            includesAll(await hover(sample, 'sample.isms', 'ISS-1'), ['Issue, external, climate', 'Addressed by: risk R-014 (Regional outage of the primary cloud region), opportunity OP-1 (Move to a second cloud region)']);
            includesAll(await hover(sample, 'sample.isms', 'REQ-1'), ['Requirement of Regulator', 'Addressed by: control A.5.34']);
        });

        it('shows a control\'s mappings with their relationship', async () => {
            includesAll(await hover(sample, 'sample.isms', 'PR.AA-01'), [
                '- intersects ISO27001_2022::A.5.16 Identity management — declared with CSF2::PR.AA-01\n'
                + '- intersects ISO27001_2022::A.5.17 Authentication information — declared with CSF2::PR.AA-01'
            ]);
        });
    });
});
