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
}

export type ReportKind = 'soa' | 'risk-register' | 'treatment-plan';

export interface ReportDocument {
    readonly kind: ReportKind;
    readonly title: string;
    /** Header facts in order: ISMS, organisation, framework or methodology, date, commit. */
    readonly meta: ReadonlyArray<readonly [label: string, value: string]>;
    /** The main table first; CSV holds only that one. */
    readonly tables: readonly ReportTable[];
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
    // A risk still being typed may have no id yet: it sorts first.
    a ??= '';
    b ??= '';
    const split = (text: string) => text.split(/(\d+)/).map((part, index) => index % 2 === 1 ? Number(part) : part);
    const left = split(a);
    const right = split(b);
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
        const x = left[i];
        const y = right[i];
        if (x === y) continue;
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        return String(x) < String(y) ? -1 : 1;
    }
    return left.length - right.length || (a < b ? -1 : a > b ? 1 : 0);
}
