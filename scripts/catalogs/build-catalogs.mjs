#!/usr/bin/env node
// Writes the shipped catalogs of other frameworks, language/builtin/catalogs/*.ts, from the
// sources in scripts/catalogs/sources/ (see the README there), with the converter of
// `isms import-catalog`. Run it after `npm run build`, which compiles that converter into out/:
//
//     npm run build && node scripts/catalogs/build-catalogs.mjs
//
// It fails, writing nothing, when a source does not hold what the catalogs promise (106 CSF
// subcategories, 114 ISO/IEC 27001:2013 controls, mapping targets that exist). The unit tests
// call catalogModules() and compare with the committed modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SOURCES = path.join(ROOT, 'scripts', 'catalogs', 'sources');
export const CATALOGS = path.join(ROOT, 'language', 'builtin', 'catalogs');

const compiled = file => import(pathToFileURL(path.join(ROOT, 'out', 'language', file)).href);
const { catalogEntries } = await compiled('catalogs/catalog-entries.js');
const { controlTitle } = await compiled('catalogs/catalog-to-isms.js');
const { oneLine } = await compiled('catalogs/isms-text.js');
const { parseOscalText } = await compiled('catalogs/oscal-document.js');
const { renderFramework, renderMapping } = await compiled('catalogs/render-isms.js');
const { ANNEX_A_2022_FRAMEWORK, ANNEX_A_2022_SOURCE } = await compiled('builtin/annex-a-2022.js');

const SCRIPT = 'scripts/catalogs/build-catalogs.mjs';
const BUILT_IN = 'Built into ISMS as Code: read-only.';

/** The text of every generated module, by file name in language/builtin/catalogs/. */
export function catalogModules(sources = SOURCES) {
    const annexA2022 = new Set([...ANNEX_A_2022_SOURCE.matchAll(/^\s*control (A\.\d+\.\d+) /gm)].map(match => match[1]));
    return {
        'csf-2.0.ts': csf2Module(sources, annexA2022),
        'iso27001-2013.ts': iso2013Module(sources, annexA2022),
        'nis2.ts': nis2Module(sources)
    };
}

// ---------------------------------------------------------------- NIST CSF 2.0

function csf2Module(sources, annexA2022) {
    const file = 'NIST_CSF_v2.0_catalog-min.json';
    const document = parseOscalText(fs.readFileSync(path.join(sources, file), 'utf8'));
    if (document.kind !== 'catalog') fail(`${file}: not an OSCAL catalog`);
    const { metadata } = document.catalog;
    const subcategories = catalogEntries(document.catalog).filter(entry => entry.class === 'subcategory');
    const categories = new Set(subcategories.map(entry => entry.parent?.id));
    expect(subcategories.length === 106 && categories.size === 22, `${file}: ${subcategories.length} subcategories in ${categories.size} categories, expected 106 in 22`);
    const controls = subcategories.map(entry => ({
        id: entry.id,
        title: controlTitle(entry),
        theme: `${entry.parent.id} ${oneLine(entry.parent.title)}`
    }));
    const ids = new Set(controls.map(control => control.id));

    const refsFile = 'nist-csf2-cprt-informative-refs_iso27001-2022.tsv';
    const targets = new Map();
    for (const row of readTsv(sources, refsFile)) {
        if (row.csf_level !== 'subcategory' || row.iso27001_2022_kind !== 'annex_a') continue;
        expect(ids.has(row.csf_id), `${refsFile}: ${row.csf_id} is not a CSF 2.0 subcategory in force`);
        expect(annexA2022.has(row.iso27001_2022_id), `${refsFile}: ${row.iso27001_2022_id} is not an ISO/IEC 27001:2022 Annex A control`);
        const list = targets.get(row.csf_id) ?? [];
        if (!list.includes(row.iso27001_2022_id)) list.push(row.iso27001_2022_id);
        targets.set(row.csf_id, list);
    }
    const edges = controls.filter(control => targets.has(control.id)).map(control => ({
        from: { id: control.id, framework: 'CSF2' },
        to: targets.get(control.id).map(id => ({ id, framework: ANNEX_A_2022_FRAMEWORK, relationship: 'intersect' }))
    }));

    const version = `version ${metadata.version} of NIST's OSCAL catalog, last modified ${metadata['last-modified'].slice(0, 10)}`;
    const isms = renderFramework({
        name: 'CSF2',
        title: 'NIST Cybersecurity Framework 2.0',
        header: [
            BUILT_IN,
            `NIST Cybersecurity Framework 2.0 (NIST CSWP 29), the 106 subcategories, from ${version}.`,
            'Work of the US government: public domain in the US, and CC0 1.0 elsewhere.'
        ],
        controls
    }) + '\n' + renderMapping({
        name: 'CSF2_TO_ISO27001_2022',
        title: 'NIST CSF 2.0 informative references to ISO/IEC 27001:2022 Annex A',
        source: 'NIST CSF 2.0 Reference Tool (CPRT), informative references from the subcategories to ISO/IEC 27001:2022 Annex A controls. '
            + 'NIST states no relationship type, so each edge is intersect. Work of the US government: public domain',
        header: [],
        edges
    });
    return module({
        from: [file, refsFile],
        doc: [
            'NIST Cybersecurity Framework 2.0: the 106 subcategories as controls, titled with their',
            'outcome statements and themed by their category ("GV.OC Organizational Context"), and the',
            'informative references NIST gives from them to ISO/IEC 27001:2022 Annex A controls',
            `(${edges.reduce((sum, edge) => sum + edge.to.length, 0)} edges, all intersect: NIST states no relationship type). Loaded only when the`,
            'isms block lists the framework (`frameworks CSF2`).',
            '',
            `Source: ${version}`,
            '(usnistgov/oscal-content), and the informative references to ISO/IEC 27001:2022 of the',
            'CSF 2.0 Reference Tool. Licence: works of the US government, public domain in the US; NIST',
            'waives its rights elsewhere under CC0 1.0.'
        ],
        constants: [['CSF2_FRAMEWORK', 'CSF2'], ['CSF2_SOURCE', isms]]
    });
}

// ---------------------------------------------------------------- ISO/IEC 27001:2013

function iso2013Module(sources, annexA2022) {
    const controlsFile = 'annexA-2013-controls.tsv';
    const areasFile = 'annexA-2013-areas.tsv';
    const transitionFile = 'annexA-2013-to-2022.tsv';
    const areas = new Map(readTsv(sources, areasFile).map(row => [row.id, row.title]));
    const controls = readTsv(sources, controlsFile).map(row => {
        const area = /^A\.\d+/.exec(row.id)?.[0];
        expect(/^A\.\d+\.\d+\.\d+$/.test(row.id) && areas.has(area), `${controlsFile}: ${row.id} is not in a control area of ${areasFile}`);
        return { id: row.id, title: row.title, theme: `${area} ${areas.get(area)}` };
    });
    const ids = new Set(controls.map(control => control.id));
    expect(controls.length === 114 && ids.size === 114 && areas.size === 14, `${controlsFile}: ${ids.size} controls in ${areas.size} areas, expected 114 in 14`);

    const pairs = readTsv(sources, transitionFile).map(row => [row.iso27001_2013_id, row.iso27001_2022_id]);
    for (const [from, to] of pairs) {
        expect(ids.has(from), `${transitionFile}: ${from} is not an ISO/IEC 27001:2013 control`);
        expect(annexA2022.has(to), `${transitionFile}: ${to} is not an ISO/IEC 27001:2022 Annex A control`);
    }
    expect(controls.every(control => pairs.some(([from]) => from === control.id)), `${transitionFile}: not every 2013 control has a 2022 counterpart`);
    const targetsOf = id => [...new Set(pairs.filter(([from]) => from === id).map(([, to]) => to))];
    const sourcesOf = id => new Set(pairs.filter(([, to]) => to === id).map(([from]) => from));
    const edges = controls.map(control => {
        const targets = targetsOf(control.id);
        return {
            from: { id: control.id, framework: 'ISO27001_2013' },
            to: targets.map(id => ({ id, framework: ANNEX_A_2022_FRAMEWORK, relationship: transitionRelationship(targets.length, sourcesOf(id).size) }))
        };
    });

    const isms = renderFramework({
        name: 'ISO27001_2013',
        title: 'ISO/IEC 27001:2013 Annex A',
        header: [
            BUILT_IN,
            'ISO/IEC 27001:2013 Annex A: control ids and short titles only, themed by control area. The standard is ISO\'s: https://www.iso.org/standard/54534.html'
        ],
        controls
    }) + '\n' + renderMapping({
        name: 'ISO27001_2013_TO_2022',
        title: 'ISO/IEC 27001:2013 Annex A to ISO/IEC 27001:2022 Annex A',
        source: 'ISO/IEC 27002:2022 Annex B, correspondence of control ids (ids only). '
            + 'Relationships from its shape: one 2013 control to a 2022 control of its own is equal, several merged into one are subset, one split into several is superset, the rest intersect',
        header: [],
        edges
    });
    return module({
        from: [controlsFile, areasFile, transitionFile],
        doc: [
            'ISO/IEC 27001:2013 Annex A: the 114 controls by id and short title, themed by the 14 control',
            'areas ("A.9 Access control"), and the correspondence of ISO/IEC 27002:2022 Annex B from each',
            'onto ISO/IEC 27001:2022 Annex A (ids only; it reaches 82 of the 93 controls, the other 11 are',
            'new in 2022). Loaded only when the isms block lists the framework (`frameworks ISO27001_2013`).',
            '',
            'Source: ISO/IEC 27001:2013 Annex A and ISO/IEC 27002:2022 Annex B. Licence: the standards are',
            'ISO\'s and their text is not free; only ids and short titles are shipped.'
        ],
        constants: [['ISO27001_2013_FRAMEWORK', 'ISO27001_2013'], ['ISO27001_2013_SOURCE', isms]]
    });
}

/**
 * How a 2013 control relates to a 2022 control by the shape of the correspondence: one to one
 * is equal, several 2013 controls merged into one is subset, one split into several is
 * superset, anything else intersect.
 */
function transitionRelationship(targetsOfSource, sourcesOfTarget) {
    if (targetsOfSource === 1 && sourcesOfTarget === 1) return 'equal';
    if (targetsOfSource === 1) return 'subset';
    if (sourcesOfTarget === 1) return 'superset';
    return 'intersect';
}

// ---------------------------------------------------------------- NIS2

function nis2Module(sources) {
    const file = 'nis2-article21.tsv';
    const controls = readTsv(sources, file).map(row => {
        expect(/^[a-z]$/.test(row.point), `${file}: ${row.point} is not a point of Article 21(2)`);
        const text = oneLine(row.text).replace(/[;.]$/, '');
        return { id: `Art.21(2)(${row.point})`, title: text.charAt(0).toUpperCase() + text.slice(1) };
    });
    expect(controls.length === 10, `${file}: ${controls.length} points, expected (a) to (j)`);
    const isms = renderFramework({
        name: 'NIS2',
        title: 'NIS2 Directive (EU) 2022/2555, Article 21(2)',
        header: [
            BUILT_IN,
            'Directive (EU) 2022/2555 (NIS2), Article 21(2), points (a) to (j). © European Union, https://eur-lex.europa.eu/',
            '(reuse authorised by Commission Decision 2011/833/EU).'
        ],
        controls
    });
    return module({
        from: [file],
        doc: [
            'NIS2 Directive (EU) 2022/2555, Article 21(2), points (a) to (j): the cybersecurity',
            'risk-management measures every essential and important entity takes. Loaded only when the',
            'isms block lists the framework (`frameworks NIS2`).',
            '',
            'Source: Directive (EU) 2022/2555 of 14 December 2022, Official Journal of the European Union',
            'L 333, 27.12.2022, p. 80 (CELEX 32022L2555), English text of Article 21(2). Licence: the reuse',
            'of EU legal texts is authorised by Commission Decision 2011/833/EU, © European Union,',
            'https://eur-lex.europa.eu/; only the printed Official Journal is authentic. No mapping onto',
            'ISO/IEC 27001:2022 ships with it: no published mapping under a licence that allows it was at',
            'hand; declare your own with `maps` or a `mapping`.'
        ],
        constants: [['NIS2_FRAMEWORK', 'NIS2'], ['NIS2_SOURCE', isms]]
    });
}

// ---------------------------------------------------------------- module text

function module({ from, doc, constants }) {
    const [framework, source] = constants;
    return [
        `// Generated by ${SCRIPT} from scripts/catalogs/sources/`,
        `// ${from.length === 1 ? from[0] : `${from.slice(0, -1).join(', ')} and ${from[from.length - 1]}`}.`,
        '// Do not edit: change the sources or the script, then run `npm run build && node ' + SCRIPT + '`.',
        '',
        '/**',
        ...doc.map(line => ` * ${line}`.trimEnd()),
        ' */',
        `export const ${framework[0]} = '${framework[1]}';`,
        '',
        `export const ${source[0]} = \`${templateText(source[1])}\`;`,
        ''
    ].join('\n');
}

/** `text` inside a template literal: backslashes, backquotes and `${` escaped. */
function templateText(text) {
    return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function readTsv(sources, file) {
    const [header, ...lines] = fs.readFileSync(path.join(sources, file), 'utf8').split(/\r?\n/).filter(line => line.trim() !== '');
    const columns = header.split('\t').map(column => column.trim());
    return lines.map(line => Object.fromEntries(line.split('\t').map((value, index) => [columns[index], value.trim()])));
}

function expect(condition, message) {
    if (!condition) fail(message);
}

function fail(message) {
    throw new Error(`build-catalogs: ${message}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const modules = catalogModules();
    for (const [file, text] of Object.entries(modules)) {
        const target = path.join(CATALOGS, file);
        const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
        if (before === text) {
            console.log(`unchanged ${path.relative(ROOT, target)}`);
            continue;
        }
        fs.writeFileSync(target, text);
        console.log(`wrote ${path.relative(ROOT, target)}`);
    }
}
