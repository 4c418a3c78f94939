/**
 * The risk heat map: its data from a small known model (which risks land in which cell, with
 * which level, before and after treatment; the methodology's factor; what is left out), and its
 * SVG picture (well-formed XML read back by a small scanner, counts and labels present, model
 * text and titles escaped, the same bytes on every render).
 */
import * as assert from 'node:assert/strict';
import type { HeatMap, HeatMapCell } from '../../language/reports/heat-map.js';
import { buildHeatMap } from '../../language/reports/heat-map.js';
import { escapeXml, renderHeatMapSvg, wrap } from '../../language/reports/heat-map-svg.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const ISMS = [
    'isms "Heat <Test> & Co" {',
    '    organization "Test Ltd"',
    '    methodology M',
    '    scope { description "Everything" }',
    '}',
    'methodology M "Test 3x3" {',
    '    likelihood 1 "Rare" 2 "Possible" 3 "Likely"',
    '    impact 1 "Small" 2 "Big" 3 "Huge <&> \\"x\\""',
    '    levels { low 1..2 medium 3..4 high 5..9 accepted-by CISO }',
    '    appetite 4',
    '}',
    'role CISO "Chief Information Security Officer"',
    'role CEO "Chief Executive Officer"',
    ''
].join('\n');

const RISKS = [
    'risk R-10 "Mitigated down" {',                                                // line 0
    '    likelihood 3 impact 3 owner CISO',
    '    treatment mitigate { controls A.8.7 residual likelihood 1 impact 2 }',
    '}',
    'risk R-2 "Accepted as it is" {',                                               // line 4
    '    likelihood 3 impact 3 owner CISO',
    '    treatment accept { by CEO on 2026-01-01 until 2027-01-01 because "Cheap" }',
    '}',
    'risk R-3 "Avoided" { likelihood 2 impact 2 owner CISO treatment avoid { because "Stopped" } }', // line 8
    'risk R-4 "Not scored yet" { owner CISO treatment avoid { because "Stopped" } }',
    'risk R-5 "Mitigated, no residual" { likelihood 2 impact 3 owner CISO treatment mitigate { controls A.8.1 } }',
    ''
].join('\n');

const MORE = [
    '// another file',
    '',
    'risk R-1 "<script>alert(1)</script>" {',                                       // line 2
    '    likelihood 1 impact 1 owner CISO',
    '    treatment mitigate { controls A.8.2 }',
    '}',
    ''
].join('\n');

function cell(grid: HeatMap['inherent'], likelihood: number, impact: number): HeatMapCell {
    const found = grid.flat().find(c => c.likelihood === likelihood && c.impact === impact);
    assert.ok(found, `a cell for likelihood ${likelihood}, impact ${impact}`);
    return found;
}

function ids(grid: HeatMap['inherent'], likelihood: number, impact: number): string[] {
    return cell(grid, likelihood, impact).risks.map(risk => risk.id);
}

/** Every non-empty cell as "L×I: ids", to compare a whole grid at once. */
function occupied(grid: HeatMap['inherent']): string[] {
    return grid.flat().filter(c => c.risks.length > 0).map(c => `${c.likelihood}x${c.impact}: ${c.risks.map(r => r.id).join(' ')}`);
}

describe('risk heat map data', function () {
    this.timeout(30000);

    let workspace: ModelWorkspace;
    let map: HeatMap;
    before(async () => {
        workspace = await ModelWorkspace.create({ 'isms.isms': ISMS, 'risks.isms': RISKS, 'more.isms': MORE });
        map = buildHeatMap(workspace.services);
    });

    it('states the methodology in force, its ascending scales and its levels', () => {
        assert.equal(map.methodology, 'M');
        assert.equal(map.appetite, 4);
        assert.equal(map.factor, 1);
        assert.deepEqual(map.likelihood, [{ value: 1, label: 'Rare' }, { value: 2, label: 'Possible' }, { value: 3, label: 'Likely' }]);
        assert.deepEqual(map.impact.map(step => step.value), [1, 2, 3]);
        assert.deepEqual(map.levels, [{ name: 'low', min: 1, max: 2 }, { name: 'medium', min: 3, max: 4 }, { name: 'high', min: 5, max: 9 }]);
    });

    it('has one cell per likelihood and impact, rows by likelihood, with score and level', () => {
        for (const grid of [map.inherent, map.residual]) {
            assert.equal(grid.length, 3);
            grid.forEach((row, l) => {
                assert.equal(row.length, 3);
                row.forEach((c, i) => {
                    assert.equal(c.likelihood, map.likelihood[l].value);
                    assert.equal(c.impact, map.impact[i].value);
                    assert.equal(c.score, c.likelihood * c.impact);
                });
            });
        }
        assert.deepEqual([1, 2, 3, 4, 6, 9].map(score => map.inherent.flat().find(c => c.score === score)?.level),
            ['low', 'low', 'medium', 'medium', 'high', 'high']);
    });

    it('places every scored risk at its inherent likelihood and impact, in id order', () => {
        assert.deepEqual(occupied(map.inherent), ['1x1: R-1', '2x2: R-3', '2x3: R-5', '3x3: R-2 R-10']);
        assert.deepEqual(ids(map.inherent, 3, 3), ['R-2', 'R-10'], 'R-2 before R-10');
        assert.equal(cell(map.inherent, 3, 3).level, 'high');
        assert.equal(cell(map.inherent, 2, 2).level, 'medium');
    });

    it('places risks after treatment by their residual; avoided risks only before', () => {
        assert.deepEqual(occupied(map.residual), ['1x1: R-1', '1x2: R-10', '2x3: R-5', '3x3: R-2']);
        assert.equal(cell(map.residual, 1, 2).level, 'low');
        assert.ok(!map.residual.flat().some(c => c.risks.some(r => r.id === 'R-3')), 'the avoided R-3 is not in the residual grid');
    });

    it('leaves out unscored risks and says so', () => {
        assert.ok(!map.inherent.flat().some(c => c.risks.some(r => r.id === 'R-4')));
        assert.deepEqual(map.unplaced.inherent.map(r => [r.id, r.reason]), [['R-4', 'unscored']]);
        assert.deepEqual(map.unplaced.residual, [], 'R-4 is avoided, so not expected after treatment');
    });

    it('points at each risk\'s declaration with its URI and 0-based line', () => {
        const r10 = cell(map.inherent, 3, 3).risks.find(r => r.id === 'R-10')!;
        assert.deepEqual(r10, { id: 'R-10', title: 'Mitigated down', uri: workspace.uri('risks.isms').toString(), line: 0 });
        assert.equal(cell(map.inherent, 3, 3).risks[0].line, 4);
        assert.deepEqual(cell(map.inherent, 1, 1).risks[0], { id: 'R-1', title: '<script>alert(1)</script>', uri: workspace.uri('more.isms').toString(), line: 2 });
    });

    it('is plain JSON and does not depend on the order files were loaded in', async () => {
        assert.deepEqual(JSON.parse(JSON.stringify(map)), map);
        const reordered = await ModelWorkspace.create({ 'more.isms': MORE, 'risks.isms': RISKS, 'isms.isms': ISMS });
        assert.deepEqual(buildHeatMap(reordered.services), map);
        assert.deepEqual(buildHeatMap(workspace.services), map, 'the same on a second build');
    });

    it('scales scores by the factor and takes levels on the scaled score', async () => {
        const scaled = await ModelWorkspace.create({
            'isms.isms': ISMS.replace('levels { low 1..2 medium 3..4 high 5..9 accepted-by CISO }', 'levels { low 10..20 medium 30..40 high 50..90 }')
                .replace('appetite 4', 'appetite 40\n    factor 10'),
            'risks.isms': RISKS
        });
        const factored = buildHeatMap(scaled.services);
        assert.equal(factored.factor, 10);
        assert.equal(cell(factored.inherent, 3, 3).score, 90);
        assert.equal(cell(factored.inherent, 3, 3).level, 'high');
        assert.equal(cell(factored.inherent, 2, 2).score, 40);
        assert.equal(cell(factored.inherent, 2, 2).level, 'medium');
        assert.equal(cell(factored.residual, 1, 2).score, 20);
        assert.equal(cell(factored.residual, 1, 2).level, 'low');
        assert.deepEqual(ids(factored.residual, 1, 2), ['R-10']);
    });

    it('gives a null level where the levels leave a gap, and lists off-scale risks', async () => {
        const gappy = await ModelWorkspace.create({
            'isms.isms': ISMS.replace('medium 3..4 ', ''),
            'risks.isms': RISKS + 'risk R-9 "Off the scale" { likelihood 7 impact 1 owner CISO treatment mitigate { controls A.8.1 residual likelihood 1 impact 1 } }\n'
        });
        const gapMap = buildHeatMap(gappy.services);
        assert.equal(cell(gapMap.inherent, 2, 2).level, null);
        assert.equal(cell(gapMap.inherent, 1, 3).level, null);
        assert.deepEqual(gapMap.unplaced.inherent.map(r => [r.id, r.reason, r.likelihood, r.impact]), [['R-4', 'unscored', null, null], ['R-9', 'off-scale', 7, 1]]);
        assert.deepEqual(ids(gapMap.residual, 1, 1), ['R-9'], 'its residual is on the scale');
        assert.match(renderHeatMapSvg(gapMap), /no level/);
        assert.match(renderHeatMapSvg(gapMap), /Not shown: 2 risks[^<]*\(R-4, R-9\)/);
    });

    it('uses the default 5×5 methodology when the model declares none', async () => {
        const plain = await ModelWorkspace.create({ 'risks.isms': 'risk R-1 "Plain" { likelihood 4 impact 5 treatment avoid }\n' });
        const defaultMap = buildHeatMap(plain.services);
        assert.equal(defaultMap.inherent.length, 5);
        assert.deepEqual(defaultMap.levels.map(level => level.name), ['low', 'medium', 'high', 'critical']);
        assert.equal(cell(defaultMap.inherent, 4, 5).level, 'critical');
        assert.deepEqual(ids(defaultMap.inherent, 4, 5), ['R-1']);
        assert.deepEqual(occupied(defaultMap.residual), []);
    });
});

/** A parsed element: its name, its attributes and the text directly inside it. */
interface XmlElement { name: string, attributes: Record<string, string>, text: string, children: XmlElement[], content: Array<string | XmlElement> }

/**
 * A small, strict reader for the XML this project writes (no DOCTYPE, CDATA, comments or
 * processing instructions): every tag closes in order, attributes are quoted and unique, `<`
 * never appears in text or attribute values, and `&` only starts one of the five predefined
 * entities or a numeric one. Throws on anything else; returns the single root element.
 */
function parseXml(xml: string): XmlElement {
    let i = 0;
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    const isNameChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === ':' || c === '_' || c === '.';
    const fail = (message: string): never => { throw new Error(`${message} at offset ${i}: ${JSON.stringify(xml.slice(Math.max(0, i - 40), i + 40))}`); };
    const readName = () => {
        const start = i;
        while (i < xml.length && isNameChar(xml[i])) i++;
        if (i === start) fail('name expected');
        return xml.slice(start, i);
    };
    const skipSpace = () => { while (i < xml.length && ' \t\r\n'.includes(xml[i])) i++; };
    const decode = (raw: string) => {
        let out = '';
        for (let k = 0; k < raw.length; k++) {
            if (raw[k] === '<') fail('raw < in text');
            if (raw[k] !== '&') { out += raw[k]; continue; }
            const end = raw.indexOf(';', k);
            const entity = end < 0 ? '' : raw.slice(k + 1, end);
            const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
            if (entity in named) out += named[entity];
            else if (entity.startsWith('#') && entity.length > 1 && [...entity.slice(1)].every(c => c >= '0' && c <= '9')) out += String.fromCodePoint(Number(entity.slice(1)));
            else fail(`bad entity &${entity}`);
            k = end;
        }
        return out;
    };
    while (i < xml.length) {
        if (xml[i] !== '<') {
            const end = xml.indexOf('<', i);
            const raw = xml.slice(i, end < 0 ? xml.length : end);
            const text = decode(raw);
            if (stack.length === 0) {
                if (text.trim() !== '') fail('text outside the root');
            } else {
                stack[stack.length - 1].text += text;
                stack[stack.length - 1].content.push(text);
            }
            i += raw.length;
            continue;
        }
        i++;
        if (xml[i] === '/') {
            i++;
            const name = readName();
            skipSpace();
            if (xml[i] !== '>') fail('> expected');
            i++;
            const open = stack.pop();
            if (!open || open.name !== name) fail(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
            continue;
        }
        const element: XmlElement = { name: readName(), attributes: {}, text: '', children: [], content: [] };
        if (stack.length === 0) {
            if (root) fail('a second root element');
            root = element;
        } else {
            stack[stack.length - 1].children.push(element);
            stack[stack.length - 1].content.push(element);
        }
        for (;;) {
            const before = i;
            skipSpace();
            if (xml.startsWith('/>', i)) { i += 2; break; }
            if (xml[i] === '>') { i++; stack.push(element); break; }
            if (i === before) fail('space expected before an attribute');
            const name = readName();
            if (name in element.attributes) fail(`attribute ${name} twice`);
            if (xml[i] !== '=') fail('= expected');
            i++;
            const quote = xml[i];
            if (quote !== '"' && quote !== "'") fail('quoted value expected');
            const end = xml.indexOf(quote, i + 1);
            if (end < 0) fail('unterminated attribute');
            element.attributes[name] = decode(xml.slice(i + 1, end));
            i = end + 1;
        }
    }
    if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> never closes`);
    if (!root) fail('no root element');
    return root!;
}

function descendants(element: XmlElement): XmlElement[] {
    return element.children.flatMap(child => [child, ...descendants(child)]);
}

/** All the text of an element and its descendants, in document order. */
function textOf(element: XmlElement): string {
    return element.content.map(part => typeof part === 'string' ? part : textOf(part)).join('');
}

describe('risk heat map SVG', function () {
    this.timeout(30000);

    let map: HeatMap;
    before(async () => {
        const workspace = await ModelWorkspace.create({ 'isms.isms': ISMS, 'risks.isms': RISKS, 'more.isms': MORE });
        map = buildHeatMap(workspace.services);
    });

    it('is one well-formed, accessible SVG element that scales', () => {
        const svg = renderHeatMapSvg(map, { title: 'Heat map of Test' });
        const root = parseXml(svg);
        assert.equal(root.name, 'svg');
        assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
        assert.equal(root.attributes.role, 'img');
        assert.match(root.attributes.viewBox, /^0 0 \d+ \d+$/);
        assert.equal(root.children[0].name, 'title');
        assert.equal(root.children[0].text, 'Heat map of Test');
        assert.equal(root.children[1].name, 'desc');
        const ids = descendants(root).map(e => e.attributes.id).filter(Boolean);
        assert.deepEqual(ids, [root.attributes['aria-labelledby'], root.attributes['aria-describedby']]);
        assert.match(root.children[1].text, /Inherent, before treatment: 5 risks; likelihood 3, impact 3 \(score 9, high\): R-2, R-10;/);
        assert.ok(!svg.startsWith('<?xml'), 'no XML declaration, so that HTML can embed it as it is');
    });

    it('shows two grids with the count of each non-empty cell, and the axis labels', () => {
        const root = parseXml(renderHeatMapSvg(map));
        const texts = descendants(root).filter(e => e.name === 'text').map(textOf);
        assert.ok(texts.includes('Inherent \u2014 5 risks'), texts.join(' | '));
        assert.ok(texts.includes('Residual \u2014 4 risks'), texts.join(' | '));
        const rects = descendants(root).filter(e => e.name === 'g' && e.children.some(c => c.name === 'rect') && e.children[0]?.name === 'title');
        assert.equal(rects.length, 18, 'nine cells in each grid');
        const counts = rects.map(g => g.children.find(c => c.name === 'text')).map(t => t ? textOf(t) : '');
        // Inherent first, top row (likelihood 3) first, left to right: 3x3 holds R-2 and R-10.
        assert.deepEqual(counts.slice(0, 9), ['', '', '2', '', '1', '1', '1', '', '']);
        assert.deepEqual(counts.slice(9), ['', '', '1', '', '', '1', '1', '1', '']);
        const tooltip = rects[2].children[0].text;
        assert.match(tooltip, /^Likelihood 3 \(Likely\) × impact 3 \(Huge <&> "x"\): score 9, high\. 2 risks:\nR-2 Accepted as it is\nR-10 Mitigated down$/);
        for (const label of ['3 Likely', '2 Possible', '1 Rare', '1 Small', '2 Big', 'Likelihood \u2192', 'Impact \u2192']) {
            assert.ok(texts.includes(label), `label ${label}`);
        }
        assert.ok(texts.some(t => t.startsWith('3 Huge')), 'the impact label, with its markup characters');
    });

    it('fills cells by level and gives a legend with score ranges and the appetite', () => {
        const svg = renderHeatMapSvg(map);
        const root = parseXml(svg);
        const texts = descendants(root).filter(e => e.name === 'text').map(textOf);
        for (const entry of ['low 1\u20132', 'medium 3\u20134', 'high 5\u20139']) assert.ok(texts.includes(entry), `legend ${entry}`);
        assert.ok(texts.some(t => t.startsWith('Risk appetite 4:')), 'the appetite is noted');
        const cellFills = descendants(root).filter(e => e.name === 'rect' && e.attributes.width === '80').map(e => e.attributes.fill);
        // Top row of the inherent grid: scores 3 (medium), 6 and 9 (high); bottom row: 1, 2 (low), 3 (medium).
        assert.equal(cellFills[1], cellFills[2], 'both high');
        assert.notEqual(cellFills[0], cellFills[1]);
        assert.equal(cellFills[6], cellFills[7], 'both low');
        assert.equal(cellFills[0], cellFills[8], 'both medium');
        assert.ok(descendants(root).some(e => e.name === 'path' && e.attributes['stroke-width'] === '3'), 'the appetite line');
    });

    it('gives other level names colours by rank', async () => {
        const workspace = await ModelWorkspace.create({
            'isms.isms': ISMS.replace('levels { low 1..2 medium 3..4 high 5..9 accepted-by CISO }', 'levels { green 1..2 amber 3..4 red 5..9 }')
        });
        const root = parseXml(renderHeatMapSvg(buildHeatMap(workspace.services)));
        const swatches = descendants(root).filter(e => e.name === 'rect' && e.attributes.width === '14').map(e => e.attributes.fill);
        assert.equal(swatches.length, 3);
        assert.equal(new Set(swatches).size, 3, 'three different fills');
    });

    it('escapes every text: titles, labels and risk titles', () => {
        const svg = renderHeatMapSvg(map, { title: '<script>alert(1)</script> & "x"' });
        assert.doesNotMatch(svg, /<script/i);
        assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;'));
        assert.ok(svg.includes('Huge &lt;&amp;&gt; &quot;x&quot;'));
        const root = parseXml(svg);
        assert.equal(root.children[0].text, '<script>alert(1)</script> & "x"');
        const tooltips = descendants(root).filter(e => e.name === 'title').map(e => e.text);
        assert.ok(tooltips.some(t => t.includes('R-1 <script>alert(1)</script>')), 'the risk title, escaped in the tooltip');
        parseXml(renderHeatMapSvg(map, { title: 'bad \u0001 control \u0008 characters \uD800 and \'quotes\'' }));
        // Control and bidi characters are shown, as in the reports; what XML cannot hold at all is left out.
        assert.equal(escapeXml('a\u0000b\u001Fc\uFFFEd\u202Ee'), 'a&lt;U+0000&gt;b&lt;U+001F&gt;cd&lt;U+202E&gt;e');
        assert.equal(escapeXml('\uD83D\uDE00'), '\uD83D\uDE00', 'a surrogate pair is kept');
    });

    it('is the same on every render', () => {
        assert.equal(renderHeatMapSvg(map), renderHeatMapSvg(map));
        assert.equal(renderHeatMapSvg(map, { title: 'T' }), renderHeatMapSvg(JSON.parse(JSON.stringify(map)) as HeatMap, { title: 'T' }));
    });

    it('wraps long labels, breaking long words at hyphens, and shortens past the last line', () => {
        assert.deepEqual(wrap('Almost certain (several times a year)', 20, 3), { lines: ['Almost certain', '(several times a', 'year)'], truncated: false });
        assert.deepEqual(wrap('(cross-tenant breach', 12, 3), { lines: ['(cross-', 'tenant', 'breach'], truncated: false });
        const short = wrap('one two three four five six seven', 9, 2);
        assert.equal(short.truncated, true);
        assert.equal(short.lines.length, 2);
        assert.ok(short.lines[1].endsWith('\u2026'));
        assert.deepEqual(wrap('', 10, 2), { lines: [''], truncated: false });
    });
});
