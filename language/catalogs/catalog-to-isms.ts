import type { CatalogEntry } from './catalog-entries.js';
import { catalogEntries } from './catalog-entries.js';
import { firstSentence, nameFromTitle, oneLine } from './isms-text.js';
import type { OscalCatalog } from './oscal-schema.js';
import type { FrameworkControl } from './render-isms.js';
import { renderFramework } from './render-isms.js';
import { sourceFacts, sourceHeader } from './source-facts.js';

/**
 * An OSCAL catalog as one `framework`: each control and enhancement that is not withdrawn
 * becomes a control with the id the catalog shows (`AC-2(1)`), its title, and as theme the
 * title of the group it is in.
 */

export interface CatalogImportOptions {
    /** The file name shown in the header comment. */
    readonly sourceFile: string;
    /** The framework's name; derived from the catalog's title when not given. */
    readonly name?: string;
}

export interface CatalogImport {
    readonly text: string;
    readonly name: string;
    readonly nameDerived: boolean;
    readonly controls: number;
    readonly themes: number;
    /** Controls left out because another control of the catalog already has their id. */
    readonly duplicates: readonly string[];
}

export function catalogToIsms(catalog: OscalCatalog, options: CatalogImportOptions): CatalogImport {
    const facts = sourceFacts(catalog.metadata, catalog['back-matter']?.resources);
    const name = options.name ?? nameFromTitle(facts.title);
    const { controls, duplicates } = frameworkControls(catalogEntries(catalog));
    const text = renderFramework({
        name,
        title: facts.title,
        header: sourceHeader(options.sourceFile, 'an OSCAL catalog', facts),
        controls
    });
    return {
        text,
        name,
        nameDerived: options.name === undefined,
        controls: controls.length,
        themes: new Set(controls.map(control => control.theme).filter(theme => theme !== undefined)).size,
        duplicates
    };
}

/** The controls of the framework, each id once: a label taken already falls back to the OSCAL id. */
export function frameworkControls(entries: readonly CatalogEntry[]): { controls: FrameworkControl[], duplicates: string[] } {
    const taken = new Set<string>();
    const controls: FrameworkControl[] = [];
    const duplicates: string[] = [];
    for (const entry of entries) {
        const id = [oneLine(entry.id), oneLine(entry.oscalId)].find(candidate => candidate !== '' && !taken.has(candidate));
        if (id === undefined) {
            duplicates.push(entry.id);
            continue;
        }
        taken.add(id);
        const group = entry.group ? oneLine(entry.group.title) : '';
        controls.push({ id, title: controlTitle(entry), theme: group === '' ? undefined : group });
    }
    return { controls, duplicates };
}

/**
 * The control's title, or, where the title only repeats the id (as CSF 2.0's subcategories'
 * do), the first sentence of its statement.
 */
export function controlTitle(entry: CatalogEntry): string | undefined {
    const title = oneLine(entry.title);
    const repeatsId = [entry.id, entry.oscalId].some(id => id.toLowerCase() === title.toLowerCase());
    if ((title === '' || repeatsId) && entry.statement) return firstSentence(entry.statement);
    return title === '' ? undefined : title;
}
