import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANNEX_A_2022_FRAMEWORK } from '../../language/builtin/annex-a-2022.js';
import { catalogToIsms } from '../../language/catalogs/catalog-to-isms.js';
import { isElementName } from '../../language/catalogs/isms-text.js';
import { mappingToIsms } from '../../language/catalogs/mapping-to-isms.js';
import { NewFileError, writeNewFile } from '../../language/catalogs/new-file.js';
import { DEFAULT_MAX_OSCAL_FILE_SIZE, OscalInputError, readOscalFile } from '../../language/catalogs/oscal-document.js';
import { parseByteSize } from '../../language/config/byte-size.js';
import { escapeControlCharacters } from '../../language/text/control-characters.js';
import { EXIT_OK, UsageError } from './cli-error.js';

export interface ImportCatalogOptions {
    name?: string;
    out?: string;
    sourceFramework?: string;
    targetFramework?: string;
    maxFileSize?: string;
}

/**
 * `isms import-catalog FILE`: an OSCAL catalog becomes a `framework`, an OSCAL mapping
 * collection a `mapping`, as `.isms` text on standard output or in a new file (`--out`), which
 * is never written over an existing one.
 */
export async function runImportCatalog(file: string, options: ImportCatalogOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const maxBytes = options.maxFileSize === undefined ? DEFAULT_MAX_OSCAL_FILE_SIZE : parseByteSize(options.maxFileSize);
    if (maxBytes === undefined) throw new UsageError(`--max-file-size ${options.maxFileSize}: must be a size such as 32MB, 512KB or a number of bytes`);
    for (const [flag, value] of [['--name', options.name], ['--source-framework', options.sourceFramework], ['--target-framework', options.targetFramework]] as const) {
        if (value !== undefined && !isElementName(value)) {
            throw new UsageError(`${flag} ${value}: must be an identifier (a letter or _, then letters, digits, _ and -) that is not a keyword`);
        }
    }
    if (options.name === ANNEX_A_2022_FRAMEWORK) {
        throw new UsageError(`--name ${options.name}: is the built-in Annex A catalog; choose another name`);
    }

    if (options.out !== undefined && !isFolderTarget(options.out) && path.extname(options.out) !== '.isms') {
        throw new UsageError(`--out ${options.out}: must be a folder or a file name ending in .isms, so that the model reads it`);
    }

    let document;
    try {
        document = readOscalFile(file, maxBytes);
    } catch (error) {
        if (error instanceof OscalInputError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
    }
    const sourceFile = path.basename(file);
    let text: string;
    let name: string;
    let nameDerived: boolean;
    let summary: string;
    // Said once the text is out: a refusal is the only line of a run that fails.
    const notes: string[] = [];
    if (document.kind === 'catalog') {
        if (options.sourceFramework !== undefined || options.targetFramework !== undefined) {
            throw new UsageError(`${file}: a catalog; --source-framework and --target-framework are for mapping collections`);
        }
        const result = catalogToIsms(document.catalog, { sourceFile, name: options.name });
        ({ text, name, nameDerived } = result);
        summary = `framework ${name}: ${result.controls} controls in ${result.themes} themes`;
        if (result.duplicates.length > 0) {
            notes.push(`${result.duplicates.length} control(s) left out, their ids taken by other controls of the catalog: ${result.duplicates.join(', ')}`);
        }
    } else {
        const result = mappingToIsms(document.collection, { sourceFile, name: options.name, sourceFramework: options.sourceFramework, targetFramework: options.targetFramework });
        ({ text, name, nameDerived } = result);
        summary = `mapping ${name}: ${result.edges} edges`;
        if (result.withoutRelationship > 0) notes.push(`${result.withoutRelationship} map(s) with no-relationship left out`);
        if (result.notControls > 0) notes.push(`${result.notControls} source(s) or target(s) that are not controls left out`);
    }
    if (nameDerived) notes.push(`named ${name} after the title; choose another name with --name`);
    const writeNotes = () => notes.forEach(note => err.write(`isms: note: ${escapeControlCharacters(note)}\n`));

    if (options.out === undefined) {
        out.write(text);
        writeNotes();
        return EXIT_OK;
    }
    const target = isFolderTarget(options.out) ? path.join(options.out, `${name}.isms`) : options.out;
    try {
        await writeNewFile(target, text);
    } catch (error) {
        if (error instanceof NewFileError) throw new UsageError(error.message);
        throw error;
    }
    err.write(`isms: wrote ${escapeControlCharacters(target)} (${summary})\n`);
    writeNotes();
    return EXIT_OK;
}

function isFolderTarget(out: string): boolean {
    if (out.endsWith('/') || out.endsWith(path.sep)) return true;
    try {
        return fs.statSync(out, { throwIfNoEntry: false })?.isDirectory() === true;
    } catch {
        // Unreadable: taken as a file name, which the writing then refuses with the reason.
        return false;
    }
}
