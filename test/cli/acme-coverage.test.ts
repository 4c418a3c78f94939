import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { FrameworkProfileJson } from '../../language/reports/framework-profile-schema.js';
import { coverageJsonSchema, frameworkProfileJsonSchema } from '../../language/reports/framework-profile-schema.js';
import { ACME_EXAMPLE, CLI_BUNDLE, copyOfFolder } from '../helpers/project.js';

const TODAY = '2026-11-23';
const CSF2_MAPPING = 'CSF2_TO_ISO27001_2022';

function isms(args: string[], cwd: string): string {
    const run = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
}

/**
 * Acme's isms block lists `frameworks CSF2, NIS2`. Its NIST CSF 2.0 profile comes from the shipped
 * mapping CSF2_TO_ISO27001_2022 (NIST's informative references, written without a relationship,
 * so each reads as intersect) and acme's SoA (examples/acme/soa.isms); acme declares no edge of
 * its own onto CSF2. The expectations below are worked out by hand from those two files.
 */
describe('acme\'s NIST CSF 2.0 profile, entry by entry', function () {
    this.timeout(120000);

    let acme: ReturnType<typeof copyOfFolder>;
    let profile: FrameworkProfileJson;
    before(() => {
        acme = copyOfFolder(ACME_EXAMPLE);
        profile = frameworkProfileJsonSchema.parse(JSON.parse(isms(['soa', '.', '--framework', 'CSF2', '--date', TODAY, '--format', 'json'], acme.dir)));
    });
    after(() => acme.dispose());

    const entry = (id: string) => {
        const requirement = profile.requirements.find(candidate => candidate.id === id);
        assert.ok(requirement, id);
        return {
            state: requirement.state,
            why: requirement.why,
            mappings: requirement.mappings.map(m => `${m.id} ${m.relationship} ${m.decision} ${m.status ?? '-'} ${m.edges.map(e => `${e.source.mapping}${e.stated ? '' : ' unstated'}`).join('+')}`)
        };
    };

    it('is derived from Annex A through the shipped mapping alone', () => {
        assert.equal(profile.primaryFramework.name, 'ISO27001_2022');
        assert.equal(profile.framework.name, 'CSF2');
        assert.deepEqual(profile.sources.map(source => source.mapping), [CSF2_MAPPING]);
        assert.equal(profile.requirements.length, 106);
    });

    it('GV.OC-01: no informative reference names it, so a gap', () => {
        // csf-2.0.ts declares GV.OC-01 and no edge of CSF2_TO_ISO27001_2022 starts from it.
        assert.deepEqual(entry('GV.OC-01'), { state: 'gap', why: 'No control of ISO27001_2022 is mapped to it.', mappings: [] });
    });

    it('GV.PO-01: A.5.1 is implemented, but an unstated reference only intersects, so partial', () => {
        // `CSF2::GV.PO-01 maps ISO27001_2022::A.5.1` states no relationship: intersect. Acme's
        // `apply A.5.1 { status implemented … }` makes it applicable and implemented, which is not
        // enough for a control that does not contain the subcategory.
        assert.deepEqual(entry('GV.PO-01'), {
            state: 'partial',
            why: 'Partly met: A.5.1 is implemented but overlaps it only in part.',
            mappings: [`A.5.1 intersect applicable implemented ${CSF2_MAPPING} unstated`]
        });
    });

    it('PR.DS-11 (backups): A.8.13 is implemented, and likewise only partial', () => {
        // `CSF2::PR.DS-11 maps ISO27001_2022::A.8.13`; acme applies A.8.13 with status implemented.
        assert.deepEqual(entry('PR.DS-11'), {
            state: 'partial',
            why: 'Partly met: A.8.13 is implemented but overlaps it only in part.',
            mappings: [`A.8.13 intersect applicable implemented ${CSF2_MAPPING} unstated`]
        });
    });

    it('ID.RA-05: its only control, A.5.7, is itself only partly implemented', () => {
        // `CSF2::ID.RA-05 maps ISO27001_2022::A.5.7`; acme's `apply A.5.7 { status partial … }`.
        assert.deepEqual(entry('ID.RA-05'), {
            state: 'partial',
            why: 'Partly met: A.5.7 overlaps it only in part and is partial.',
            mappings: [`A.5.7 intersect applicable partial ${CSF2_MAPPING} unstated`]
        });
    });

    it('DE.CM-02 (physical monitoring): its only control, A.7.4, is excluded, so not applicable', () => {
        // `CSF2::DE.CM-02 maps ISO27001_2022::A.7.4`; acme: `exclude A.7.4 because "No company premises to monitor; …"`.
        assert.deepEqual(entry('DE.CM-02'), {
            state: 'not-applicable',
            why: 'Every mapped control is excluded: A.7.4.',
            mappings: [`A.7.4 intersect excluded - ${CSF2_MAPPING} unstated`]
        });
    });

    it('DE.CM-03: A.7.4 is excluded but A.8.16 applies and is implemented, so partial, not not-applicable', () => {
        // `CSF2::DE.CM-03 maps ISO27001_2022::A.7.4, ISO27001_2022::A.8.16`; A.7.4 excluded,
        // `apply A.8.16 { status implemented … }`. One applicable control keeps it in scope.
        assert.deepEqual(entry('DE.CM-03'), {
            state: 'partial',
            why: 'Partly met: A.7.4 is excluded; A.8.16 is implemented but overlaps it only in part.',
            mappings: [`A.7.4 intersect excluded - ${CSF2_MAPPING} unstated`, `A.8.16 intersect applicable implemented ${CSF2_MAPPING} unstated`]
        });
    });

    it('has nothing covered: no edge onto CSF2 states that an Annex A control contains a subcategory', () => {
        // Every edge is NIST's unstated reference and acme adds none, so no pair contains a
        // subcategory, whatever acme implements.
        assert.equal(profile.summary.covered, 0);
        assert.equal(profile.summary.coveredPercent, 0);
        assert.ok(profile.requirements.every(requirement => requirement.mappings.every(m => m.relationship === 'intersect')));
        assert.equal(profile.summary.requirements, profile.summary.partial + profile.summary.gap + profile.summary.notApplicable);
    });

    it('matches the CSF2 entry of acme\'s coverage matrix, which has NIS2 beside it', () => {
        const coverage = coverageJsonSchema.parse(JSON.parse(isms(['coverage', '.', '--date', TODAY, '--format', 'json'], acme.dir)));
        assert.deepEqual(coverage.frameworks.map(framework => framework.framework.name), ['CSF2', 'NIS2']);
        const { isms: _isms, organization: _organization, primaryFramework: _primary, generatedAt: _date, commit: _commit, modelErrors: _errors, ...body } = profile;
        assert.deepEqual(coverage.frameworks[0], body);
    });
});
