import { columnLetter } from './import-problems.js';

/** Header words → field, per kind of sheet. Headers are compared normalised (see `normalizeHeader`). */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

export const RISK_SYNONYMS: Synonyms = {
    id: ['id', 'riskid', 'risk', 'ref', 'riskref', 'reference', 'no', 'number', 'riskno'],
    title: ['title', 'risktitle', 'description', 'riskdescription', 'name', 'riskname'],
    assets: ['asset', 'assets', 'riskasset', 'riskassets'],
    threat: ['threat', 'threats'],
    vulnerability: ['vulnerability', 'vulnerabilities', 'weakness'],
    owner: ['owner', 'riskowner'],
    likelihood: ['likelihood', 'probability', 'l', 'p', 'inherentlikelihood', 'inherentprobability', 'inherentl', 'inherentp'],
    impact: ['impact', 'consequence', 'i', 'c', 'inherentimpact', 'inherentconsequence', 'inherenti', 'inherentc'],
    score: ['score', 'inherent', 'inherentscore', 'riskscore', 'rating', 'inherentrating'],
    level: ['level', 'inherentlevel', 'risklevel'],
    treatment: ['treatment', 'treatmentoption', 'riskresponse', 'response'],
    controls: ['controls', 'control', 'mitigatingcontrols', 'annexacontrols', 'treatmentcontrols'],
    transferTo: ['transferto', 'transferredto'],
    reason: ['reason', 'rationale'],
    due: ['due', 'duedate', 'targetdate', 'treatmentdue'],
    residualLikelihood: ['residuallikelihood', 'residualprobability', 'residuall', 'residualp'],
    residualImpact: ['residualimpact', 'residualconsequence', 'residuali', 'residualc'],
    acceptance: ['acceptance', 'accepted', 'riskacceptance'],
    reviewed: ['reviewed', 'reviewdate', 'lastreviewed', 'reviewedon', 'lastreview']
};

export const SOA_SYNONYMS: Synonyms = {
    id: ['control', 'controlid', 'id', 'ref', 'annexa', 'annexacontrol'],
    applicable: ['applicable', 'decision', 'applicability', 'included'],
    justification: ['justification', 'reason', 'rationale', 'justificationforinclusionorexclusion'],
    status: ['status', 'implementationstatus', 'implemented'],
    owner: ['owner', 'controlowner']
};

/** Lower case, letters and digits only: "Risk ID", "risk_id" and "RISK-ID" are alike. */
export function normalizeHeader(header: string): string {
    return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ColumnMap {
    /** Field → 0-based column index. */
    readonly fields: ReadonlyMap<string, number>;
    /** 0-based index of the last header row; data starts below it. */
    readonly headerRow: number;
    /** Headers that name no field, as `B "Comments"`. */
    readonly ignored: readonly string[];
}

/** A `--map COLUMN=FIELD` the sheet cannot use; the message says why. */
export class MappingError extends Error { }

/** Parses `--map "Risk ID=id"` options into normalised header → field. */
export function parseOverrides(maps: readonly string[], synonyms: Synonyms): Map<string, string> {
    const overrides = new Map<string, string>();
    for (const map of maps) {
        const at = map.lastIndexOf('=');
        const column = at > 0 ? map.slice(0, at) : '';
        const field = at > 0 ? map.slice(at + 1).trim() : '';
        if (!column.trim() || !(field in synonyms)) {
            throw new MappingError(`--map ${map}: expected COLUMN=FIELD with FIELD one of ${Object.keys(synonyms).join(', ')}`);
        }
        overrides.set(normalizeHeader(column), field);
    }
    return overrides;
}

/**
 * Finds the header among the first rows: a title row above it is passed over, and a header of
 * two rows (a merged group such as "Residual" above "L" and "I") is read as the two joined.
 * The row naming the most fields wins; the first one on a tie.
 */
export function mapColumns(rows: ReadonlyArray<readonly string[]>, synonyms: Synonyms, overrides: ReadonlyMap<string, string>): ColumnMap | undefined {
    const lookup = new Map<string, string>();
    for (const [field, words] of Object.entries(synonyms)) words.forEach(word => lookup.set(word, field));
    overrides.forEach((field, header) => lookup.set(header, field));
    const fieldOf = (header: string) => lookup.get(normalizeHeader(header));

    let best: { fields: Map<string, number>, headerRow: number, headers: string[] } | undefined;
    for (let r = 0; r < Math.min(rows.length, 10); r++) {
        const lower = rows[r];
        const upper = r > 0 ? rows[r - 1] : [];
        const fields = new Map<string, number>();
        const headers: string[] = [];
        lower.forEach((cell, c) => {
            const above = upper[c] ?? '';
            const joined = above && above !== cell ? `${above} ${cell}` : cell;
            const field = (cell && fieldOf(joined)) || (cell && fieldOf(cell)) || (!cell && above ? fieldOf(above) : undefined);
            headers.push(cell || above);
            if (field && !fields.has(field)) fields.set(field, c);
        });
        if (fields.has('id') && (!best || fields.size > best.fields.size)) best = { fields, headerRow: r, headers };
    }
    if (!best) return undefined;
    const used = new Set(best.fields.values());
    const ignored = best.headers.flatMap((header, c) => header && !used.has(c) ? [`${columnLetter(c)} "${header}"`] : []);
    return { fields: best.fields, headerRow: best.headerRow, ignored };
}
