import type { z } from 'zod';
import { formatBytes, isReadRefusal, readRegularFile } from '../files/regular-file.js';
import type { OscalCatalog, OscalMappingCollection } from './oscal-schema.js';
import { oscalCatalogSchema, oscalMappingCollectionSchema } from './oscal-schema.js';

/**
 * Reading an OSCAL JSON file that the user names: a regular file of bounded size (a FIFO or a
 * device is refused without blocking), JSON, and one of the two models `isms import-catalog`
 * converts. Every refusal is one line for the user; a malformed file is named by the JSON path
 * of its first problem, such as `$.catalog.groups[3].controls[0].id: expected a string`.
 */

/** The largest OSCAL file read by default, well above the catalogs NIST publishes; `--max-file-size` changes it. */
export const DEFAULT_MAX_OSCAL_FILE_SIZE = 32 * 1024 * 1024;

/** Why a file cannot be converted; the message is one line, without the file's name. */
export class OscalInputError extends Error { }

export type OscalDocument =
    | { readonly kind: 'catalog', readonly catalog: OscalCatalog }
    | { readonly kind: 'mapping-collection', readonly collection: OscalMappingCollection };

/** Reads and checks `file`; throws OscalInputError. */
export function readOscalFile(file: string, maxBytes: number): OscalDocument {
    const bytes = readRegularFile(file, { maxBytes });
    if (isReadRefusal(bytes)) {
        throw new OscalInputError(bytes.size !== undefined ? `larger than ${formatBytes(maxBytes)} (raise the limit with --max-file-size)` : bytes.refused);
    }
    return parseOscalText(bytes.toString('utf8'));
}

/** Checks the text of an OSCAL JSON file; throws OscalInputError. */
export function parseOscalText(text: string): OscalDocument {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    let json: unknown;
    try {
        json = JSON.parse(body);
    } catch (error) {
        const start = body.trimStart().charAt(0);
        if (start === '<') throw new OscalInputError('not JSON: this looks like XML; convert the OSCAL XML to JSON first (OSCAL publishes both)');
        throw new OscalInputError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    return identify(json);
}

function identify(json: unknown): OscalDocument {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new OscalInputError(`$: expected an object with "catalog" or "mapping-collection", found ${describe(json)}`);
    }
    if ('catalog' in json) {
        return { kind: 'catalog', catalog: check(oscalCatalogSchema, json).catalog };
    }
    if ('mapping-collection' in json) {
        return { kind: 'mapping-collection', collection: check(oscalMappingCollectionSchema, json)['mapping-collection'] };
    }
    const model = Object.keys(json).find(key => OTHER_MODELS.includes(key));
    throw new OscalInputError(model
        ? `$: an OSCAL ${model}, not a catalog or a mapping collection${model === 'profile' ? ' (resolve the profile to a catalog first)' : ''}`
        : '$: expected an OSCAL catalog ("catalog") or mapping collection ("mapping-collection")');
}

const OTHER_MODELS = ['profile', 'component-definition', 'system-security-plan', 'assessment-plan', 'assessment-results', 'plan-of-action-and-milestones'];

function check<T extends z.ZodType>(schema: T, json: unknown): z.infer<T> {
    let result: ReturnType<T['safeParse']>;
    try {
        result = schema.safeParse(json) as ReturnType<T['safeParse']>;
    } catch (error) {
        // Only a pathological nesting gets here (the checks recurse).
        if (error instanceof RangeError) throw new OscalInputError('nested too deeply to be read');
        throw error;
    }
    if (result.success) return result.data as z.infer<T>;
    const issue = result.error.issues[0];
    throw new OscalInputError(`${jsonPath(issue.path)}: ${problem(issue, json)}`);
}

/** `$.catalog.groups[3].controls[0].id`, `$.catalog["odd key"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
    return '$' + path.map(segment => typeof segment === 'number' ? `[${segment}]`
        : /^[A-Za-z_][\w-]*$/.test(String(segment)) ? `.${String(segment)}` : `[${JSON.stringify(String(segment))}]`).join('');
}

function problem(issue: z.core.$ZodIssue, json: unknown): string {
    const found = describe(valueAt(json, issue.path));
    switch (issue.code) {
        case 'invalid_type':
            return `expected ${article(issue.expected)}, found ${found}`;
        case 'invalid_value':
            return `expected one of ${issue.values.map(value => String(value)).join(', ')}, found ${found}`;
        default:
            return issue.message;
    }
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
    let value = json;
    for (const segment of path) {
        if (typeof value !== 'object' || value === null) return undefined;
        value = (value as Record<PropertyKey, unknown>)[segment];
    }
    return value;
}

function article(type: string): string {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
    if (value === undefined) return 'nothing';
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'string') return value.length <= 40 ? `the string ${JSON.stringify(value)}` : 'a string';
    return article(typeof value);
}
