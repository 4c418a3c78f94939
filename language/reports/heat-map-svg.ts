import type { ScaleStep } from '../risk/methodology.js';
import { showControlCharacters } from '../text/control-characters.js';
import type { HeatMap, HeatMapCell, HeatMapLevel } from './heat-map.js';
import { risksOnGrid } from './heat-map.js';

export interface HeatMapSvgOptions {
    /** The picture's title (its accessible name); "Risk heat map" by default. */
    readonly title?: string;
}

/*
 * Layout, in SVG user units (about pixels at 100 %). Text cannot be measured here, so widths are
 * estimated from the number of characters; labels are wrapped and, past a few lines, shortened
 * with an ellipsis (the whole label is then in a tooltip and in the description).
 */
const FONT = 'Arial, Helvetica, sans-serif';
const MARGIN = 16;
const HEADER_H = 48;
const PANEL_GAP = 40;
const PANEL_TITLE_H = 26;
const AXIS_TITLE_W = 22;
const Y_LABEL_W = 132;
const CELL_W = 80;
const CELL_H = 48;
const LABEL_SIZE = 11;
const LINE_H = 13;
const X_LABEL_LINES = 3;
const X_LABELS_H = X_LABEL_LINES * LINE_H + 8;
const AXIS_TITLE_H = 20;
const LEGEND_ROW_H = 20;
const NOTE_H = 15;
const TEXT = '#111111';
const GRID_STROKE = '#5f5f5f';
const APPETITE_STROKE = '#111111';

/**
 * Fills for the usual level names: light enough for dark text, and darker as the level rises, so
 * that the order still reads when printed in grey.
 */
const NAMED_FILLS: Readonly<Record<string, string>> = {
    'very-low': '#eef7ea', 'negligible': '#eef7ea', 'minimal': '#eef7ea',
    'low': '#dcefd3', 'minor': '#dcefd3',
    'medium': '#fbdc83', 'moderate': '#fbdc83',
    'high': '#f8ae6b', 'major': '#f8ae6b',
    'very-high': '#f0967a',
    'critical': '#e98080', 'extreme': '#e98080', 'severe': '#e98080'
};
/** For other names: a ramp from green to red, by the level's rank among the methodology's levels. */
const RAMP = ['#e6f4e0', '#d2ebc6', '#eee6a0', '#fbd27e', '#f8ae6b', '#f0967a', '#e07a7a'];
/** A score that no level covers (the levels leave a gap: `levels-inconsistent`). */
const NO_LEVEL_FILL = '#f2f2f2';

/**
 * The heat map as a standalone SVG picture: the inherent and the residual grid side by side,
 * likelihood up the vertical axis, impact along the horizontal one, each cell filled by its
 * level and showing how many risks it holds; then a legend of the levels with their score
 * ranges, the risk appetite (also drawn as a heavy line between the scores within it and those
 * above it) and what was left out. Accessible (`role="img"`, a title and a description that
 * lists the risks of every cell), deterministic, with every model text escaped, and scalable
 * (a `viewBox`). It has no XML declaration, so that it can also be embedded in HTML as it is.
 */
export function renderHeatMapSvg(map: HeatMap, options: HeatMapSvgOptions = {}): string {
    const title = options.title ?? 'Risk heat map';
    const rowsCount = map.likelihood.length;
    const columnsCount = map.impact.length;
    const panelW = AXIS_TITLE_W + Y_LABEL_W + columnsCount * CELL_W;
    const panelH = PANEL_TITLE_H + rowsCount * CELL_H + X_LABELS_H + AXIS_TITLE_H;
    const width = 2 * MARGIN + 2 * panelW + PANEL_GAP;
    const panelsTop = MARGIN + HEADER_H;

    const body: string[] = [];
    body.push(
        `<text x="${MARGIN}" y="${MARGIN + 16}" font-size="16" font-weight="700">${escapeXml(title)}</text>`,
        `<text x="${MARGIN}" y="${MARGIN + 36}" font-size="${LABEL_SIZE}">${escapeXml(subtitle(map))}</text>`
    );
    const fills = levelFills(map.levels);
    body.push(...renderPanel(map, map.inherent, 'Inherent', MARGIN, panelsTop, fills));
    body.push(...renderPanel(map, map.residual, 'Residual', MARGIN + panelW + PANEL_GAP, panelsTop, fills));

    const legendTop = panelsTop + panelH + 8;
    const legend = renderLegend(map, fills, MARGIN, legendTop, width - 2 * MARGIN);
    body.push(...legend.parts);
    const notesTop = legendTop + legend.height + 6;
    const notes = notesOf(map).flatMap(note => wrap(note, charsFitting(width - 2 * MARGIN, LABEL_SIZE), 6).lines);
    notes.forEach((line, index) => body.push(`<text x="${MARGIN}" y="${notesTop + index * NOTE_H + 10}" font-size="${LABEL_SIZE}">${escapeXml(line)}</text>`));
    const height = notesTop + notes.length * NOTE_H + MARGIN;

    const description = describe(map);
    const id = `isms-heat-map-${fnv1a(`${title}\n${description}`)}`;
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ` +
        `aria-labelledby="${id}-title" aria-describedby="${id}-desc" font-family="${FONT}" fill="${TEXT}" ` +
        'style="-webkit-print-color-adjust: exact; print-color-adjust: exact">',
        `<title id="${id}-title">${escapeXml(title)}</title>`,
        `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
        `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
        ...body,
        '</svg>'
    ].join('\n') + '\n';
}

function subtitle(map: HeatMap): string {
    return `Methodology ${map.methodology} \u00b7 score = likelihood \u00d7 impact${map.factor !== 1 ? ` \u00d7 ${map.factor}` : ''} \u00b7 risk appetite ${map.appetite}`;
}

function renderPanel(map: HeatMap, grid: HeatMap['inherent'], name: string, x0: number, y0: number, fills: LevelFills): string[] {
    const parts: string[] = ['<g>'];
    const gridX = x0 + AXIS_TITLE_W + Y_LABEL_W;
    const gridY = y0 + PANEL_TITLE_H;
    const rows = map.likelihood.length;
    const columns = map.impact.length;
    const total = risksOnGrid(grid);
    parts.push(`<text x="${gridX}" y="${y0 + 16}" font-size="13"><tspan font-weight="700">${escapeXml(name)}</tspan> \u2014 ${total} ${total === 1 ? 'risk' : 'risks'}</text>`);

    // Cells: the highest likelihood at the top, the lowest impact on the left.
    for (let row = 0; row < rows; row++) {
        const cellsRow = grid[rows - 1 - row] ?? [];
        for (let column = 0; column < columns; column++) {
            const cell = cellsRow[column];
            if (!cell) continue;
            const x = gridX + column * CELL_W;
            const y = gridY + row * CELL_H;
            const count = cell.risks.length;
            parts.push('<g>',
                `<title>${escapeXml(cellTooltip(map, cell))}</title>`,
                `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" fill="${fills.of(cell.level)}" stroke="${GRID_STROKE}" stroke-width="1"/>`);
            if (count > 0) {
                parts.push(`<text x="${x + CELL_W / 2}" y="${y + CELL_H / 2}" dy="0.35em" text-anchor="middle" font-size="16" font-weight="700">${count}</text>`);
            }
            parts.push('</g>');
        }
    }
    const appetiteLine = appetitePath(grid, map.appetite, gridX, gridY, rows, columns);
    if (appetiteLine) {
        parts.push(`<path d="${appetiteLine}" fill="none" stroke="${APPETITE_STROKE}" stroke-width="3" stroke-linecap="square"/>`);
    }

    // Likelihood labels on the left, from the top row down.
    const yChars = charsFitting(Y_LABEL_W - 8, LABEL_SIZE);
    const yLines = Math.max(1, Math.floor((CELL_H - 4) / LINE_H));
    for (let row = 0; row < rows; row++) {
        const step = map.likelihood[rows - 1 - row];
        const centre = gridY + row * CELL_H + CELL_H / 2;
        parts.push(...multilineLabel(stepText(step), gridX - 6, centre, yChars, yLines, 'end'));
    }
    // Impact labels below, from the left.
    const xChars = charsFitting(CELL_W - 6, LABEL_SIZE);
    const labelsTop = gridY + rows * CELL_H + 6;
    for (let column = 0; column < columns; column++) {
        const wrapped = wrap(stepText(map.impact[column]), xChars, X_LABEL_LINES);
        const x = gridX + column * CELL_W + CELL_W / 2;
        parts.push(...labelText(wrapped, stepText(map.impact[column]), wrapped.lines.map((line, index) =>
            `<tspan x="${x}" y="${labelsTop + 10 + index * LINE_H}">${escapeXml(line)}</tspan>`), 'middle'));
    }
    // Axis titles.
    const axisX = x0 + AXIS_TITLE_W / 2 + 4;
    const axisY = gridY + (rows * CELL_H) / 2;
    parts.push(`<text x="${axisX}" y="${axisY}" transform="rotate(-90 ${axisX} ${axisY})" text-anchor="middle" font-size="12" font-weight="700">Likelihood \u2192</text>`);
    parts.push(`<text x="${gridX + (columns * CELL_W) / 2}" y="${labelsTop + X_LABELS_H + 8}" text-anchor="middle" font-size="12" font-weight="700">Impact \u2192</text>`);
    parts.push('</g>');
    return parts;
}

/** A label of a few lines, vertically centred on `centre`, aligned by `anchor` at `x`. */
function multilineLabel(text: string, x: number, centre: number, chars: number, maxLines: number, anchor: 'end' | 'middle'): string[] {
    const wrapped = wrap(text, chars, maxLines);
    const first = centre - ((wrapped.lines.length - 1) * LINE_H) / 2 + 4;
    return labelText(wrapped, text, wrapped.lines.map((line, index) => `<tspan x="${x}" y="${first + index * LINE_H}">${escapeXml(line)}</tspan>`), anchor);
}

function labelText(wrapped: Wrapped, full: string, spans: string[], anchor: 'end' | 'middle'): string[] {
    const text = `<text text-anchor="${anchor}" font-size="${LABEL_SIZE}">${spans.join('')}</text>`;
    return wrapped.truncated ? ['<g>', `<title>${escapeXml(full)}</title>`, text, '</g>'] : [text];
}

function stepText(step: ScaleStep): string {
    return step.label ? `${step.value} ${step.label}` : String(step.value);
}

/**
 * The edges between cells within the appetite (score ≤ appetite) and cells above it, as one
 * path; undefined when every cell is on the same side.
 */
function appetitePath(grid: HeatMap['inherent'], appetite: number, gridX: number, gridY: number, rows: number, columns: number): string | undefined {
    const within = (row: number, column: number) => (grid[rows - 1 - row]?.[column]?.score ?? 0) <= appetite;
    const segments: string[] = [];
    for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
            const x = gridX + column * CELL_W;
            const y = gridY + row * CELL_H;
            if (column + 1 < columns && within(row, column) !== within(row, column + 1)) {
                segments.push(`M${x + CELL_W} ${y}V${y + CELL_H}`);
            }
            if (row + 1 < rows && within(row, column) !== within(row + 1, column)) {
                segments.push(`M${x} ${y + CELL_H}H${x + CELL_W}`);
            }
        }
    }
    return segments.length > 0 ? segments.join('') : undefined;
}

function cellTooltip(map: HeatMap, cell: HeatMapCell): string {
    const head = `${cellName(map, cell)}: score ${cell.score}${cell.level ? `, ${cell.level}` : ', no level'}`;
    if (cell.risks.length === 0) return `${head}. No risk.`;
    return `${head}. ${cell.risks.length} ${cell.risks.length === 1 ? 'risk' : 'risks'}:\n${cell.risks.map(risk => risk.title ? `${risk.id} ${risk.title}` : risk.id).join('\n')}`;
}

function cellName(map: HeatMap, cell: HeatMapCell): string {
    const label = (steps: readonly ScaleStep[], value: number) => {
        const found = steps.find(step => step.value === value)?.label;
        return found ? ` (${found})` : '';
    };
    return `Likelihood ${cell.likelihood}${label(map.likelihood, cell.likelihood)} \u00d7 impact ${cell.impact}${label(map.impact, cell.impact)}`;
}

interface LevelFills {
    readonly of: (level: string | null) => string;
}

function levelFills(levels: readonly HeatMapLevel[]): LevelFills {
    const byName = new Map<string, string>();
    levels.forEach((level, rank) => {
        const named = NAMED_FILLS[normalise(level.name)];
        const ramp = RAMP[levels.length <= 1 ? 0 : Math.round((rank * (RAMP.length - 1)) / (levels.length - 1))];
        if (!byName.has(level.name)) byName.set(level.name, named ?? ramp);
    });
    return { of: level => (level !== null ? byName.get(level) : undefined) ?? NO_LEVEL_FILL };
}

function normalise(name: string): string {
    return name.toLowerCase().replace(/[\s_]+/g, '-');
}

function renderLegend(map: HeatMap, fills: LevelFills, x0: number, y0: number, available: number): { parts: string[], height: number } {
    const items: Array<{ width: number, parts: (x: number, y: number) => string[] }> = [];
    const heading = 'Levels:';
    const headingWidth = estimateWidth(heading, LABEL_SIZE, true) + 10;
    const swatch = (fill: string, text: string) => ({
        width: 14 + 6 + estimateWidth(text, LABEL_SIZE) + 18,
        parts: (x: number, y: number) => [
            `<rect x="${x}" y="${y}" width="14" height="14" fill="${fill}" stroke="${GRID_STROKE}" stroke-width="1"/>`,
            `<text x="${x + 20}" y="${y + 11}" font-size="${LABEL_SIZE}">${escapeXml(text)}</text>`
        ]
    });
    for (const level of map.levels) {
        items.push(swatch(fills.of(level.name), `${level.name} ${level.min === level.max ? level.min : `${level.min}\u2013${level.max}`}`));
    }
    const gaps = [...map.inherent, ...map.residual].some(row => row.some(cell => cell.level === null));
    if (gaps) items.push(swatch(NO_LEVEL_FILL, 'no level'));
    const lineDrawn = [...map.inherent].some(row => row.some(cell => cell.score <= map.appetite))
        && [...map.inherent].some(row => row.some(cell => cell.score > map.appetite));
    if (lineDrawn) {
        const text = `appetite ${map.appetite}: scores beyond the line, to the upper right, are above it`;
        items.push({
            width: 24 + 6 + estimateWidth(text, LABEL_SIZE) + 18,
            parts: (x, y) => [
                `<path d="M${x} ${y + 7}H${x + 24}" stroke="${APPETITE_STROKE}" stroke-width="3" stroke-linecap="square"/>`,
                `<text x="${x + 30}" y="${y + 11}" font-size="${LABEL_SIZE}">${escapeXml(text)}</text>`
            ]
        });
    }
    const parts: string[] = [`<text x="${x0}" y="${y0 + 11}" font-size="${LABEL_SIZE}" font-weight="700">${heading}</text>`];
    let x = x0 + headingWidth;
    let y = y0;
    for (const item of items) {
        if (x + item.width > x0 + available && x > x0 + headingWidth) {
            x = x0 + headingWidth;
            y += LEGEND_ROW_H;
        }
        parts.push(...item.parts(x, y));
        x += item.width;
    }
    return { parts, height: y - y0 + LEGEND_ROW_H };
}

function notesOf(map: HeatMap): string[] {
    const notes = [
        `Risk appetite ${map.appetite}: a residual score above it needs further treatment or formal acceptance.`,
        'Each cell shows how many risks it holds. Inherent: before treatment. Residual: after treatment; avoided risks are not shown there.'
    ];
    const unplaced = [...new Set([...map.unplaced.inherent, ...map.unplaced.residual].map(risk => risk.id))];
    if (unplaced.length > 0) {
        const shown = unplaced.slice(0, 12).join(', ') + (unplaced.length > 12 ? `, and ${unplaced.length - 12} more` : '');
        notes.push(`Not shown: ${unplaced.length} ${unplaced.length === 1 ? 'risk' : 'risks'} without a likelihood and an impact on the scale (${shown}).`);
    }
    return notes;
}

/** The text equivalent of the picture: what a screen reader reads instead of it. */
function describe(map: HeatMap): string {
    const scale = (steps: readonly ScaleStep[]) => steps.map(stepText).join(', ');
    const levels = map.levels.map(level => `${level.name} ${level.min} to ${level.max}`).join(', ');
    const grid = (name: string, cells: HeatMap['inherent']) => {
        const filled = cells.flat().filter(cell => cell.risks.length > 0)
            .sort((a, b) => b.score - a.score || b.likelihood - a.likelihood || b.impact - a.impact)
            .map(cell => `likelihood ${cell.likelihood}, impact ${cell.impact} (score ${cell.score}${cell.level ? `, ${cell.level}` : ''}): ${cell.risks.map(risk => risk.id).join(', ')}`);
        const total = risksOnGrid(cells);
        return `${name}: ${total} ${total === 1 ? 'risk' : 'risks'}${filled.length > 0 ? `; ${filled.join('; ')}` : ''}.`;
    };
    const unplaced = [...new Set([...map.unplaced.inherent, ...map.unplaced.residual].map(risk => risk.id))];
    return [
        `Risk heat map under the methodology ${map.methodology}: likelihood on the vertical axis (${scale(map.likelihood)}), impact on the horizontal axis (${scale(map.impact)}).`,
        `Score = likelihood \u00d7 impact${map.factor !== 1 ? ` \u00d7 ${map.factor}` : ''}; levels: ${levels}; risk appetite ${map.appetite}.`,
        grid('Inherent, before treatment', map.inherent),
        grid('Residual, after treatment, avoided risks left out', map.residual),
        ...(unplaced.length > 0 ? [`Not shown, without a likelihood and an impact on the scale: ${unplaced.join(', ')}.`] : [])
    ].join(' ');
}

interface Wrapped {
    readonly lines: string[];
    readonly truncated: boolean;
}

/**
 * Greedy word wrap to lines of at most `maxChars` characters; a word too long for a line breaks
 * after a hyphen, else anywhere. Past `maxLines`, the last line ends with an ellipsis.
 */
export function wrap(text: string, maxChars: number, maxLines: number): Wrapped {
    const limit = Math.max(2, maxChars);
    // Each piece with what joins it to the piece before on the same line.
    const pieces: Array<{ glue: string, characters: string[] }> = [];
    for (const word of text.split(/\s+/).filter(word => word.length > 0)) {
        const parts = [...word].length <= limit ? [word] : word.split(/(?<=-)(?=.)/);
        parts.forEach((part, index) => chunks([...part], limit).forEach((characters, chunk) =>
            pieces.push({ glue: index === 0 && chunk === 0 ? ' ' : '', characters })));
    }
    const lines: string[][] = [];
    let current: string[] = [];
    for (const piece of pieces) {
        const candidate = current.length === 0 ? piece.characters : [...current, ...piece.glue, ...piece.characters];
        if (candidate.length <= limit) {
            current = candidate;
        } else {
            lines.push(current);
            current = piece.characters;
        }
    }
    if (current.length > 0 || lines.length === 0) lines.push(current);
    if (lines.length <= maxLines) return { lines: lines.map(line => line.join('')), truncated: false };
    const kept = lines.slice(0, Math.max(1, maxLines));
    const last = kept[kept.length - 1];
    kept[kept.length - 1] = [...(last.length >= limit ? last.slice(0, limit - 1) : last), '\u2026'];
    return { lines: kept.map(line => line.join('')), truncated: true };
}

function chunks(characters: string[], size: number): string[][] {
    const result: string[][] = [];
    for (let i = 0; i < characters.length; i += size) result.push(characters.slice(i, i + size));
    return result;
}

/** About how many characters of a sans-serif font of `size` fit in `width`. */
function charsFitting(width: number, size: number): number {
    return Math.max(4, Math.floor(width / (size * 0.56)));
}

function estimateWidth(text: string, size: number, bold = false): number {
    return Math.ceil([...text].length * size * (bold ? 0.62 : 0.56));
}

/**
 * Text for XML content and attribute values: control and bidi characters shown as code points
 * (`<U+202E>`), the characters XML 1.0 does not allow that remain (lone surrogates, U+FFFE,
 * U+FFFF) left out, and the five special characters escaped.
 */
export function escapeXml(text: string): string {
    return showControlCharacters(text)
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
        .replace(/[&<>"']/g, character => XML_ESCAPES[character]);
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A short stable hash (FNV-1a, 32 bits) that makes ids unique to the picture, the same on every run. */
function fnv1a(text: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
}
