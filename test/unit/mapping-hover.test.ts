import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { BUILTIN_DOCUMENTS, OPTIONAL_CATALOGS } from '../../language/builtin/builtin-documents.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

/**
 * Annex A is the primary framework; NIS2 (shipped) and Own are listed, Unlisted is not. Edges
 * come from a mapping with a source, one of them from the Annex A side, and from `maps`.
 */
const model = {
    'isms.isms': 'isms "T" { organization "O" frameworks NIS2, Own scope { description "All" } }\nrole CISO\n',
    'soa.isms': [
        'apply A.5.1 { status implemented owner CISO because "Policies" }',
        'apply A.5.24 { status planned owner CISO because "Incident planning" }',
        'apply A.5.26 { status implemented owner CISO because "Incident response" }',
        'exclude A.7.4 because "No premises"',
        ''
    ].join('\n'),
    'mapping.isms': [
        'mapping NIS2_READING "Our NIS2 reading" {',
        '    source "Internal analysis, 2026"',
        '    NIS2::Art.21(2)(a) maps A.5.1 subset',
        '    NIS2::Art.21(2)(b) maps A.5.24 subset, A.5.26',
        '    A.7.4 maps NIS2::Art.21(2)(c) superset',
        '}',
        'mapping BARE { Own::OC-1 maps NIS2::Art.21(2)(a) equal }',
        ''
    ].join('\n'),
    'own.isms': [
        'framework Own "Own controls" {',
        '    control OC-1 "Policy set" { maps A.5.1 subset }',
        '}',
        'framework Unlisted "Not listed" {',
        '    control UL-1 "Anything" { maps A.5.1 superset }',
        '}',
        ''
    ].join('\n')
};

const NIS2_URI = OPTIONAL_CATALOGS.find(catalog => catalog.framework === 'NIS2')!.uri;
const ANNEX_A_URI = BUILTIN_DOCUMENTS[0].uri;

describe('hovers on controls show their mappings and, for a listed framework, the profile state', function () {
    this.timeout(60000);

    let workspace: ModelWorkspace;
    before(async () => { workspace = await ModelWorkspace.create(model); });

    /** The hover's markdown at the first place `marker` occurs in `document`, `delta` characters into it. */
    async function hoverAt(document: LangiumDocument, marker: string, delta = 0): Promise<string> {
        const offset = document.textDocument.getText().indexOf(marker);
        assert.ok(offset >= 0, `marker ${marker} in ${document.uri.toString()}`);
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset + delta)
        });
        const contents = hover?.contents;
        assert.ok(contents && typeof contents === 'object' && 'value' in contents, 'a markdown hover');
        return contents.value;
    }
    const builtin = (uri: typeof NIS2_URI) => workspace.services.shared.workspace.LangiumDocuments.getDocument(uri)!;

    const includesAll = (markdown: string, pieces: readonly string[]) => {
        for (const piece of pieces) assert.ok(markdown.includes(piece), `${JSON.stringify(piece)} in:\n${markdown}`);
    };

    it('has no error in the model it works on', () => {
        assert.deepEqual(workspace.diagnostics().filter(d => d.severity === 'error'), []);
    });

    it('on a requirement declared in a shipped catalog: its profile state and why, and its mappings with relationship and source', async () => {
        const markdown = await hoverAt(builtin(NIS2_URI), 'Art.21(2)(b)');
        includesAll(markdown, [
            '**Art.21(2)(b)** Incident handling',
            'Profile against ISO27001_2022: **partial** — Partly met: A.5.24 contains it but is planned; A.5.26 is implemented but overlaps it only in part.',
            '2 mappings:',
            '- is a subset of ISO27001_2022::A.5.24 Information security incident management planning and preparation — Internal analysis, 2026 (mapping NIS2_READING)',
            '- intersects ISO27001_2022::A.5.26 Response to information security incidents — Internal analysis, 2026 (mapping NIS2_READING)'
        ]);
    });

    it('on a reference to a requirement: the edge written from the other side, inverted', async () => {
        const markdown = await hoverAt(workspace.document('mapping.isms'), 'NIS2::Art.21(2)(c)', 7);
        includesAll(markdown, [
            '**Art.21(2)(c)**',
            'Profile against ISO27001_2022: **not-applicable** — Every mapped control is excluded: A.7.4.',
            '- is a subset of ISO27001_2022::A.7.4 Physical security monitoring — Internal analysis, 2026 (mapping NIS2_READING)'
        ]);
    });

    it('on a requirement mapped from two frameworks: every mapping, the primary framework\'s first', async () => {
        const markdown = await hoverAt(builtin(NIS2_URI), 'Art.21(2)(a)');
        includesAll(markdown, [
            'Profile against ISO27001_2022: **covered** — Met by A.5.1 (contains it): applicable and implemented.',
            '2 mappings:\n\n- is a subset of ISO27001_2022::A.5.1 Policies for information security — Internal analysis, 2026 (mapping NIS2_READING)\n'
                + '- is equal to Own::OC-1 Policy set — mapping BARE'
        ]);
    });

    it('on a control of the primary framework, in the built-in catalog or a reference: the mappings onto it, read from its side, and no profile', async () => {
        for (const markdown of [await hoverAt(builtin(ANNEX_A_URI), 'A.5.1 '), await hoverAt(workspace.document('soa.isms'), 'A.5.1', 2)]) {
            includesAll(markdown, [
                '**A.5.1** Policies for information security',
                'SoA: **applicable** — implemented, owner CISO',
                '3 mappings:',
                '- is a superset of NIS2::Art.21(2)(a) Policies on risk analysis and information system security — Internal analysis, 2026 (mapping NIS2_READING)',
                '- is a superset of Own::OC-1 Policy set — declared with Own::OC-1',
                '- is a subset of Unlisted::UL-1 Anything — declared with Unlisted::UL-1'
            ]);
            assert.ok(!markdown.includes('Profile against'), markdown);
        }
    });

    it('on a control of a framework of the user\'s: its profile when the framework is listed, none when it is not', async () => {
        includesAll(await hoverAt(workspace.document('own.isms'), 'OC-1'), [
            'Control of Own',
            'Profile against ISO27001_2022: **covered** — Met by A.5.1 (contains it): applicable and implemented.',
            '- is a subset of ISO27001_2022::A.5.1 Policies for information security — declared with Own::OC-1',
            '- is equal to NIS2::Art.21(2)(a) Policies on risk analysis and information system security — mapping BARE'
        ]);
        const unlisted = await hoverAt(workspace.document('own.isms'), 'UL-1');
        includesAll(unlisted, ['Control of Unlisted', '1 mapping:', '- is a superset of ISO27001_2022::A.5.1 Policies for information security — declared with Unlisted::UL-1']);
        assert.ok(!unlisted.includes('Profile against'), unlisted);
    });

    it('on a control without mappings: no mapping block', async () => {
        const markdown = await hoverAt(builtin(NIS2_URI), 'Art.21(2)(d)');
        includesAll(markdown, ['Profile against ISO27001_2022: **gap** — No control of ISO27001\\_2022 is mapped to it.']);
        assert.ok(!markdown.includes('mapping'), markdown);
    });
});
