import { z } from 'zod';
import type { JsonNode } from './json-with-positions.js';
import { deepestNodeAt, jsonValue, JsonSyntaxError, lineAndColumn, parseJsonWithPositions } from './json-with-positions.js';

/** The project file's name; it sits at the root of the workspace (the editor) or above the paths checked (the CLI). */
export const PROJECT_FILE_NAME = 'isms.json';

/** The report formats, listed here so that reading the project file does not load the renderers. */
const REPORT_FORMAT_NAMES = ['md', 'html', 'csv', 'xlsx', 'docx', 'json'] as const;

/** A path pattern relative to the project file's folder, written with `/`. */
const relativePattern = z.string()
    .min(1, { message: 'must not be empty' })
    .refine(value => !value.includes('\\'), { message: 'must use / between folders, not \\' })
    .refine(value => !/^([a-zA-Z]:)?\//.test(value), { message: 'must be relative to the folder of isms.json' })
    .refine(value => !value.split('/').includes('..'), { message: 'must not leave the folder of isms.json (no ..)' });

export const projectFileSchema = z.strictObject({
    $schema: z.string().optional(),
    include: z.array(relativePattern).optional()
        .describe('Globs of the .isms files that belong to the model, relative to this file\'s folder (default: every .isms file below it). A pattern that names a folder takes everything below it.'),
    exclude: z.array(relativePattern).optional()
        .describe('Globs of files and folders left out of the model, relative to this file\'s folder, such as "test/**". `**` is any number of folders, `*` any name part, `?` one character.'),
    framework: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { message: 'must be a framework id, such as ISO27001_2022 or CSF2' }).optional()
        .describe('The framework the soa, risks and treatment-plan reports answer for when --framework is not given: the isms block\'s framework (the SoA itself) or another framework it lists (that framework\'s profile).'),
    reports: z.strictObject({
        folder: relativePattern.optional()
            .describe('The folder, relative to this file\'s folder, that reports go into when --out is not given (the CLI) and that the editor\'s Generate commands write into.'),
        format: z.enum(REPORT_FORMAT_NAMES).optional()
            .describe('The format of a report when neither --format nor the --out file name gives one (default: md).')
    }).optional().describe('Defaults of the report commands.')
}).describe('The ISMS as Code project file: which .isms files make up the model, and the defaults of the reports.');

export type ProjectSettings = z.output<typeof projectFileSchema>;

/** A problem in the project file, located 1-based like every diagnostic the tools print. */
export interface ProjectFileProblem {
    readonly line: number;
    readonly column: number;
    readonly message: string;
}

export type ProjectFileReading =
    | { readonly settings: ProjectSettings, readonly problems?: undefined }
    | { readonly settings?: undefined, readonly problems: readonly ProjectFileProblem[] };

/**
 * Reads the text of a project file: strict JSON (no comments, no trailing commas, no key given
 * twice) that the schema accepts. Problems point at the offending value or key, so an editor
 * or a terminal can take the user to it.
 */
export function parseProjectFile(text: string): ProjectFileReading {
    let tree: JsonNode;
    try {
        tree = parseJsonWithPositions(text);
    } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        return { problems: [{ ...lineAndColumn(text, error.offset), message: `invalid JSON: ${error.message}` }] };
    }
    const result = projectFileSchema.safeParse(jsonValue(tree));
    if (result.success) return { settings: result.data };
    return {
        problems: result.error.issues.map(issue => {
            const node = deepestNodeAt(tree, issue.path);
            const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
            const offset = issue.code === 'unrecognized_keys' && node.kind === 'object'
                ? node.properties.find(property => issue.keys.includes(property.key))?.keyOffset ?? node.offset
                : node.offset;
            return { ...lineAndColumn(text, offset), message: where + issueMessage(issue) };
        })
    };
}

/** `file:line:column: message`, the shape every tool prints a project-file problem in. */
export function formatProjectFileProblem(file: string, problem: ProjectFileProblem): string {
    return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
    if (issue.code === 'unrecognized_keys') {
        return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map(key => `"${key}"`).join(', ')}; expected ${knownKeys(issue.path)}`;
    }
    if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
    if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
    return issue.message;
}

function knownKeys(path: PropertyKey[]): string {
    const shape = path.length === 0 ? projectFileSchema.shape : path[0] === 'reports' ? projectFileSchema.shape.reports.unwrap().shape : {};
    return Object.keys(shape).filter(key => key !== '$schema').join(', ');
}
