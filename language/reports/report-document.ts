/**
 * A report in a form every renderer understands: a title, header facts, and tables. The
 * Markdown, HTML, CSV and XLSX renderers work on this alone; JSON carries the report's own
 * documented shape.
 */
export type CellValue = string | number | null;

export interface ReportColumn {
    readonly key: string;
    readonly header: string;
    /** Width in characters for spreadsheets. */
    readonly width: number;
}

export interface ReportTable {
    /** Also the sheet name in spreadsheets (at most 31 characters). */
    readonly title: string;
    readonly columns: readonly ReportColumn[];
    readonly rows: ReadonlyArray<Readonly<Record<string, CellValue>>>;
    /** Shown folded where the format can fold (Markdown), under a summary with the row count. */
    readonly folded?: boolean;
    /** Per row, where its element is written: HTML rows carry it so that a viewer can open the place. */
    readonly rowLocations?: ReadonlyArray<RowLocation | null>;
}

/** A place in the model: a path relative to the model's folder, and a 1-based line. */
export interface RowLocation {
    readonly file: string;
    readonly line: number;
}

export type ReportKind = 'soa' | 'risk-register' | 'treatment-plan' | 'review-pack' | 'framework-profile' | 'coverage';

export interface ReportDocument {
    /** A report, or the comparison of two states of the model (`isms diff`). */
    readonly kind: ReportKind | 'model-diff';
    readonly title: string;
    /** Header facts in order: ISMS, organisation, framework or methodology, date, commit. */
    readonly meta: ReadonlyArray<readonly [label: string, value: string]>;
    /**
     * A warning every format shows before the tables (the model has errors), if any. JSON has it
     * as a field of the report's own shape instead.
     */
    readonly notice?: string;
    /** The main table first; CSV holds only that one, unless `csvTable` names another. */
    readonly tables: readonly ReportTable[];
    /** The table a CSV file holds, when it is not the first: a summary that comes first to read is not the data to sort. */
    readonly csvTable?: ReportTable;
    /** The report's JSON form, as documented for other tools. */
    readonly json: unknown;
    /** An SVG picture to show above the tables in HTML (the risk heat map), if any. */
    readonly figureSvg?: string;
}

export function column(key: string, header: string, width: number): ReportColumn {
    return { key, header, width };
}

/** Compares ids so that R-2 comes before R-10, the same on every machine. */
export function compareIds(a: string | undefined, b: string | undefined): number {
    return compareIdKeys(idKey(a), idKey(b));
}

/** An id cut into its text and number parts once, for sorts that compare it many times. */
export interface IdKey {
    readonly id: string;
    readonly parts: ReadonlyArray<string | number>;
}

export function idKey(id: string | undefined): IdKey {
    // A risk still being typed may have no id yet: it sorts first.
    const text = id ?? '';
    return { id: text, parts: text.split(/(\d+)/).map((part, index) => index % 2 === 1 ? Number(part) : part) };
}

/** The order of `compareIds`. */
export function compareIdKeys(a: IdKey, b: IdKey): number {
    const left = a.parts;
    const right = b.parts;
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
        const x = left[i];
        const y = right[i];
        if (x === y) continue;
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        return String(x) < String(y) ? -1 : 1;
    }
    return left.length - right.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `items` in the order of their ids (`compareIds`), each id cut into parts once. */
export function sortByIds<T>(items: readonly T[], idOf: (item: T) => string | undefined): T[] {
    return items.map(item => ({ item, key: idKey(idOf(item)) }))
        .sort((a, b) => compareIdKeys(a.key, b.key))
        .map(entry => entry.item);
}
