import { buildHeatMap } from '../../language/reports/heat-map.js';
import { renderHeatMapSvg } from '../../language/reports/heat-map-svg.js';
import { escapeJsonControlCharacters } from '../../language/text/control-characters.js';
import { UsageError } from './cli-error.js';
import { countErrors, emitOutput, outputFormat } from './cli-output.js';
import type { ModelOptions } from './cli-workspace.js';
import { openWorkspace } from './cli-workspace.js';
import { validateHint } from './invocation.js';

export const HEATMAP_FORMATS = ['svg', 'json'] as const;
export type HeatmapFormat = typeof HEATMAP_FORMATS[number];

/** The file name `--out FOLDER` gets, without extension. */
export const HEATMAP_FILE_NAME = 'risk-heat-map';

export interface HeatmapOptions extends ModelOptions {
    format?: HeatmapFormat;
    out?: string;
}

/**
 * `isms heatmap`: the risk heat map (inherent and residual) as an SVG picture, or its data as
 * JSON, to `--out` (a file, or a folder that gets `risk-heat-map.svg`/`.json`), else to
 * standard output. Files are written as reports are: atomically, and never over a file that
 * isms did not write.
 */
export async function runHeatmap(paths: string[], options: HeatmapOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    if (options.format !== undefined && !(HEATMAP_FORMATS as readonly string[]).includes(options.format)) {
        throw new UsageError(`--format ${options.format}: expected one of ${HEATMAP_FORMATS.join(', ')}`);
    }
    const format = outputFormat(options.format, options.out, { svg: 'svg', json: 'json' }, 'svg');
    const workspace = await openWorkspace(paths, options);
    const errors = countErrors(workspace.documents);
    if (errors > 0) {
        err.write(`isms: note: the model has ${errors} error(s); the heat map may be incomplete. ${validateHint(paths)}\n`);
    }
    const map = buildHeatMap(workspace.services);
    const unplaced = new Set([...map.unplaced.inherent, ...map.unplaced.residual].map(risk => risk.id));
    if (unplaced.size > 0) {
        err.write(`isms: note: ${unplaced.size} risk(s) not on the heat map (no likelihood and impact on the scale): ${[...unplaced].join(', ')}\n`);
    }
    const isms = workspace.services.model.ModelIndex.ismsBlock()?.title;
    const content = format === 'json'
        ? escapeJsonControlCharacters(JSON.stringify(map, null, 2)) + '\n'
        : renderHeatMapSvg(map, { title: isms ? `Risk heat map \u2014 ${isms}` : 'Risk heat map' });
    return emitOutput(content, options.out, `${HEATMAP_FILE_NAME}.${format}`, out, err);
}
