import * as assert from 'node:assert/strict';
import type { RequirementProfile } from '../../language/frameworks/framework-profile.js';
import { deriveProfile } from '../../language/frameworks/framework-profile.js';
import { findFramework, listedFrameworks, primaryFramework } from '../../language/frameworks/listed-frameworks.js';
import { DECLARED_WITH_CONTROL, MappingIndex, qualifiedId } from '../../language/frameworks/mapping-index.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/**
 * A framework `Other` whose requirements are each mapped to Annex A (the primary framework) in
 * one way, and the SoA decisions that give each its state. The comment on each says what it shows.
 */
const model = {
    'isms.isms': 'isms "T" { organization "O" framework ISO27001_2022 frameworks Other scope { description "All" } }\nrole CISO\n',
    'other.isms': [
        'framework Other "Another framework" {',
        '    control OT-GAP "Nothing maps to it" { theme "Govern" }',
        // Written from the requirement: OT-COV is a subset of A.5.1, which is implemented.
        '    control OT-COV "Contained in an implemented control" { theme "Govern" maps A.5.1 subset }',
        // Equal to an implemented control.
        '    control OT-EQ "Equal to an implemented control" { theme "Govern" maps A.5.6 equal }',
        // Contained in a control that is only planned.
        '    control OT-PLAN "Contained in a planned control" { theme "Protect" maps A.5.4 subset }',
        // Overlaps an implemented control only in part (intersect is the default).
        '    control OT-PART "Overlaps an implemented control" { theme "Protect" maps A.5.1 }',
        // Every mapped control is excluded.
        '    control OT-NA "Only excluded controls" { theme "Protect" maps A.7.4 subset, A.7.5 intersect }',
        // One excluded, one undecided: nothing applicable.
        '    control OT-UND "Nothing applicable" { theme "Protect" maps A.7.4, A.5.10 subset }',
        // Contained in a control that a risk makes applicable, without an apply that gives a status.
        '    control OT-RISK "Contained in a control applicable through a risk" { maps A.8.7 subset }',
        '    control OT-REV "Mapped from the Annex A side"',
        '    control OT-INV "Mapped from the Annex A side, the other way"',
        // Two sources that disagree about the pair: one says subset, the other intersect.
        '    control OT-DIS "Sources disagree" { maps A.5.2 subset }',
        // The crosswalk names the pair without a relationship; the organisation states subset.
        '    control OT-CW "Refined by the organisation" { maps A.5.6 subset }',
        '}',
        ''
    ].join('\n'),
    'mapping.isms': [
        'mapping CROSSWALK "Our crosswalk" {',
        '    source "Internal analysis, 2026"',
        // A.5.3 is a superset of OT-REV: read the other way, OT-REV is a subset of A.5.3 (implemented): covered.
        '    A.5.3 maps Other::OT-REV superset',
        // A.5.5 is a subset of OT-INV: OT-INV is a superset of A.5.5, which covers only part of it: partial.
        '    A.5.5 maps Other::OT-INV subset',
        '    Other::OT-DIS maps A.5.2 intersect',
        '    Other::OT-CW maps A.5.6',
        '}',
        ''
    ].join('\n'),
    'soa.isms': [
        'apply A.5.1 { status implemented owner CISO because "Policies" }',
        'apply A.5.2 { status implemented owner CISO because "Roles" }',
        'apply A.5.3 { status implemented owner CISO because "Segregation" }',
        'apply A.5.4 { status planned owner CISO because "Management responsibilities" }',
        'apply A.5.5 { status implemented owner CISO because "Contact with authorities" }',
        'apply A.5.6 { status implemented owner CISO because "Special interest groups" }',
        'exclude A.7.4 because "No premises"',
        'exclude A.7.5 because "No premises"',
        'risk R-1 "Malware" { likelihood 2 impact 2 treatment mitigate { controls A.8.7 } }',
        ''
    ].join('\n')
};

describe('framework profiles derived from the primary framework\'s SoA', function () {
    this.timeout(60000);

    let workspace: ModelWorkspace;
    let requirements: Map<string, RequirementProfile>;
    before(async () => {
        workspace = await ModelWorkspace.create(model);
        const index = workspace.services.model.ModelIndex;
        const profile = deriveProfile(workspace.services, findFramework(index, 'Other')!, primaryFramework(index)!);
        requirements = new Map(profile.requirements.map(requirement => [requirement.id, requirement]));
    });

    const entry = (id: string) => {
        const requirement = requirements.get(id);
        assert.ok(requirement, id);
        return requirement;
    };

    it('has no error in the model it works on', () => {
        assert.deepEqual(workspace.diagnostics().filter(d => d.severity === 'error'), []);
    });

    it('lists every requirement in catalog order, with its theme', () => {
        assert.deepEqual([...requirements.keys()], ['OT-GAP', 'OT-COV', 'OT-EQ', 'OT-PLAN', 'OT-PART', 'OT-NA', 'OT-UND', 'OT-RISK', 'OT-REV', 'OT-INV', 'OT-DIS', 'OT-CW']);
        assert.equal(entry('OT-COV').theme, 'Govern');
        assert.equal(entry('OT-RISK').theme, null);
    });

    it('is a gap where no control of the primary framework is mapped', () => {
        assert.deepEqual([entry('OT-GAP').state, entry('OT-GAP').why], ['gap', 'No control of ISO27001_2022 is mapped to it.']);
        assert.deepEqual(entry('OT-GAP').mappings, []);
    });

    it('is covered by an applicable, implemented control that contains it (subset) or equals it', () => {
        assert.deepEqual([entry('OT-COV').state, entry('OT-COV').why], ['covered', 'Met by A.5.1 (contains it): applicable and implemented.']);
        const [mapping] = entry('OT-COV').mappings;
        assert.deepEqual({ ...mapping, edges: mapping.edges.length }, {
            id: 'A.5.1', title: 'Policies for information security', relationship: 'subset',
            decision: 'applicable', status: 'implemented', implemented: true, edges: 1
        });
        assert.deepEqual([entry('OT-EQ').state, entry('OT-EQ').why], ['covered', 'Met by A.5.6 (equal to it): applicable and implemented.']);
    });

    it('is only partial while the control that contains it is planned, not implemented', () => {
        assert.deepEqual([entry('OT-PLAN').state, entry('OT-PLAN').why], ['partial', 'Partly met: A.5.4 contains it but is planned.']);
        assert.deepEqual(entry('OT-PLAN').mappings.map(m => [m.status, m.implemented]), [['planned', false]]);
    });

    it('is only partial when an implemented control merely overlaps it (intersect, the default)', () => {
        assert.deepEqual([entry('OT-PART').state, entry('OT-PART').why], ['partial', 'Partly met: A.5.1 is implemented but overlaps it only in part.']);
        assert.equal(entry('OT-PART').mappings[0].relationship, 'intersect');
    });

    it('is not applicable when every mapped control is excluded', () => {
        assert.deepEqual([entry('OT-NA').state, entry('OT-NA').why], ['not-applicable', 'Every mapped control is excluded: A.7.4, A.7.5.']);
        assert.deepEqual(entry('OT-NA').mappings.map(m => [m.id, m.decision, m.status]), [['A.7.4', 'excluded', null], ['A.7.5', 'excluded', null]]);
    });

    it('is a gap when the mapped controls are excluded or undecided, none applicable', () => {
        assert.deepEqual([entry('OT-UND').state, entry('OT-UND').why], ['gap', 'No mapped control is applicable: A.5.10 is undecided; A.7.4 is excluded.']);
    });

    it('counts a control applicable through a risk, but without an implemented status, as not implemented', () => {
        assert.deepEqual([entry('OT-RISK').state, entry('OT-RISK').why], ['partial', 'Partly met: A.8.7 contains it but is without a status.']);
        assert.deepEqual(entry('OT-RISK').mappings.map(m => [m.decision, m.status]), [['applicable', null]]);
    });

    it('reads an edge written from the primary side the other way, with the inverse relationship', () => {
        // A.5.3 superset OT-REV is OT-REV subset A.5.3.
        assert.deepEqual([entry('OT-REV').state, entry('OT-REV').why], ['covered', 'Met by A.5.3 (contains it): applicable and implemented.']);
        assert.deepEqual(entry('OT-REV').mappings.map(m => [m.id, m.relationship]), [['A.5.3', 'subset']]);
        // A.5.5 subset OT-INV is OT-INV superset A.5.5: the control meets only part of the requirement.
        assert.deepEqual([entry('OT-INV').state, entry('OT-INV').why], ['partial', 'Partly met: A.5.5 is implemented but covers only part of it.']);
        assert.deepEqual(entry('OT-INV').mappings.map(m => [m.id, m.relationship]), [['A.5.5', 'superset']]);
    });

    it('names each edge\'s source, and takes the weaker claim where two sources disagree', () => {
        const [mapping] = entry('OT-DIS').mappings;
        assert.deepEqual(mapping.edges, [
            { relationship: 'subset', stated: true, source: { mapping: null, label: DECLARED_WITH_CONTROL } },
            { relationship: 'intersect', stated: true, source: { mapping: 'CROSSWALK', label: 'Internal analysis, 2026' } }
        ]);
        assert.equal(mapping.relationship, 'intersect');
        assert.deepEqual([entry('OT-DIS').state, entry('OT-DIS').why], ['partial', 'Partly met: A.5.2 is implemented but overlaps it only in part.']);
        assert.deepEqual(entry('OT-REV').mappings[0].edges.map(edge => edge.source.label), ['Internal analysis, 2026']);
    });

    it('lets a stated relationship refine an edge that states none, which alone reads as intersect', () => {
        assert.deepEqual(entry('OT-CW').mappings[0].edges, [
            { relationship: 'subset', stated: true, source: { mapping: null, label: DECLARED_WITH_CONTROL } },
            { relationship: 'intersect', stated: false, source: { mapping: 'CROSSWALK', label: 'Internal analysis, 2026' } }
        ]);
        assert.deepEqual([entry('OT-CW').mappings[0].relationship, entry('OT-CW').state], ['subset', 'covered']);
        assert.deepEqual(entry('OT-PART').mappings[0].edges.map(edge => [edge.relationship, edge.stated]), [['intersect', false]]);
    });

    it('counts the states per theme and in all, and the percent covered of the requirements that apply', () => {
        const index = workspace.services.model.ModelIndex;
        const profile = deriveProfile(workspace.services, findFramework(index, 'Other')!, primaryFramework(index)!);
        assert.deepEqual({ ...profile.summary, themes: undefined }, {
            requirements: 12, covered: 4, partial: 5, gap: 2, notApplicable: 1, coveredPercent: 36, themes: undefined
        });
        assert.deepEqual(profile.summary.themes['Govern'], { requirements: 3, covered: 2, partial: 0, gap: 1, notApplicable: 0, coveredPercent: 67 });
        assert.deepEqual(profile.summary.themes['Protect'], { requirements: 4, covered: 0, partial: 2, gap: 1, notApplicable: 1, coveredPercent: 0 });
        assert.deepEqual(Object.keys(profile.summary.themes), ['Govern', 'Protect', 'none']);
        assert.deepEqual(profile.sources, [
            { mapping: null, label: DECLARED_WITH_CONTROL, edges: 11 },
            { mapping: 'CROSSWALK', label: 'Internal analysis, 2026', edges: 4 }
        ]);
    });

    it('lists the frameworks of the isms block other than the primary one', () => {
        const index = workspace.services.model.ModelIndex;
        assert.deepEqual(listedFrameworks(index).map(framework => framework.name), ['Other']);
        assert.equal(primaryFramework(index)?.name, 'ISO27001_2022');
    });
});

describe('the index of mapping edges', function () {
    this.timeout(60000);

    it('holds the edges of both sources by control in both directions, each with its source', async () => {
        const workspace = await ModelWorkspace.create({
            'a.isms': [
                'framework Other { control OT-1 "One" { maps A.5.1 subset } control OT-2 "Two" }',
                'mapping TITLED "A titled mapping" { Other::OT-2 maps A.5.1 equal }',
                'mapping BARE { A.5.1 maps Other::OT-2 superset }',
                ''
            ].join('\n')
        });
        const mappings = MappingIndex.of(workspace.services);
        assert.deepEqual(mappings.edges.map(edge => `${qualifiedId(edge.from)} ${edge.relationship} ${qualifiedId(edge.to)} (${edge.source.label})`), [
            'Other::OT-1 subset ISO27001_2022::A.5.1 (declared with the control)',
            'Other::OT-2 equal ISO27001_2022::A.5.1 (A titled mapping)',
            'ISO27001_2022::A.5.1 superset Other::OT-2 (BARE)'
        ]);
        const a51 = findFramework(workspace.services.model.ModelIndex, 'ISO27001_2022')!.controls.find(control => control.name === 'A.5.1')!;
        assert.deepEqual(mappings.linksOf(a51).map(link => `${link.relationship} ${qualifiedId(link.other)}${link.inverted ? ' (inverted)' : ''}`), [
            'superset Other::OT-1 (inverted)',
            'equal Other::OT-2 (inverted)',
            'superset Other::OT-2'
        ]);
    });
});
