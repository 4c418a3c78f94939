import { firstSentence, oneLine } from './isms-text.js';
import type { OscalMetadata, OscalResource } from './oscal-schema.js';

/**
 * What an OSCAL file says about itself that a reader of the converted text needs: its title,
 * version and dates, and any licence, rights or terms it states (in metadata properties or
 * remarks, or as a back-matter resource). OSCAL has no field of its own for a licence, so this
 * is a search by name; when nothing is found, the header says so.
 */

export interface SourceFacts {
    readonly title: string;
    readonly version: string | undefined;
    readonly published: string | undefined;
    readonly lastModified: string | undefined;
    /** Each statement of licence or rights found, on one line. */
    readonly rights: readonly string[];
}

const RIGHTS_NAME = /licen[cs]e|rights|copyright|terms|marking/i;
const RIGHTS_TEXT = /licen[cs]e|copyright|public domain|all rights|terms of use|cc0|creative commons/i;

export function sourceFacts(metadata: OscalMetadata, resources: readonly OscalResource[] = []): SourceFacts {
    const rights: string[] = [];
    for (const prop of metadata.props ?? []) {
        if (RIGHTS_NAME.test(prop.name)) rights.push(`${prop.name}: ${prop.value}`);
    }
    if (metadata.remarks && RIGHTS_TEXT.test(metadata.remarks)) rights.push(firstSentence(metadata.remarks));
    for (const resource of resources) {
        const text = [resource.title, resource.description, resource.citation?.text].filter(Boolean).join(' ');
        const named = (resource.props ?? []).some(prop => RIGHTS_NAME.test(prop.name) || RIGHTS_TEXT.test(prop.value));
        if (!named && !RIGHTS_TEXT.test(text)) continue;
        const href = resource.rlinks?.[0]?.href;
        rights.push(firstSentence([resource.title ?? resource.description ?? resource.citation?.text ?? 'a resource', href ? `(${href})` : ''].join(' ')));
    }
    return {
        title: oneLine(metadata.title),
        version: present(metadata.version),
        published: present(metadata.published),
        lastModified: present(metadata['last-modified']),
        rights: [...new Set(rights.map(oneLine))]
    };
}

/** The lines of a header comment naming the source file and what it says about itself. */
export function sourceHeader(file: string, what: string, facts: SourceFacts): string[] {
    return [
        `Imported by isms import-catalog from ${oneLine(file)} (${what}).`,
        `Title: ${facts.title}`,
        `Version: ${facts.version ?? 'not stated'}; published: ${facts.published ?? 'not stated'}; last modified: ${facts.lastModified ?? 'not stated'}`,
        ...(facts.rights.length > 0
            ? facts.rights.map(statement => `Licence or rights stated: ${statement}`)
            : ['Licence or rights stated: none; check the publisher\'s terms before sharing this file.'])
    ];
}

function present(value: string | undefined): string | undefined {
    const line = value === undefined ? '' : oneLine(value);
    return line === '' ? undefined : line;
}
