import { firstSentence, nameFromTitle, oneLine } from './isms-text.js';
import type { OscalMappingCollection, OscalRelationship } from './oscal-schema.js';
import type { MappingEdgeText, MappingTarget, Relationship } from './render-isms.js';
import { renderMapping } from './render-isms.js';
import { sourceFacts, sourceHeader } from './source-facts.js';

/**
 * An OSCAL mapping collection as one `mapping`: each map becomes an edge from each of its
 * source controls to its target controls, with the relationship in the language's words.
 * Maps that state no relationship are left out, and so are sources and targets that are not
 * controls (statements).
 */

export interface MappingImportOptions {
    readonly sourceFile: string;
    /** The mapping's name; derived from the collection's title when not given. */
    readonly name?: string;
    /** The framework of the sources and of the targets; their references are qualified with it. */
    readonly sourceFramework?: string;
    readonly targetFramework?: string;
}

export interface MappingImport {
    readonly text: string;
    readonly name: string;
    readonly nameDerived: boolean;
    readonly edges: number;
    /** Maps whose relationship is `no-relationship`. */
    readonly withoutRelationship: number;
    /** Sources and targets left out for not being controls. */
    readonly notControls: number;
}

const RELATIONSHIPS: Readonly<Record<OscalRelationship, Relationship | undefined>> = {
    'equivalent-to': 'equal',
    'equal-to': 'equal',
    'subset-of': 'subset',
    'superset-of': 'superset',
    'intersects-with': 'intersect',
    'no-relationship': undefined
};

export function mappingToIsms(collection: OscalMappingCollection, options: MappingImportOptions): MappingImport {
    const facts = sourceFacts(collection.metadata, collection['back-matter']?.resources);
    const name = options.name ?? nameFromTitle(facts.title);
    const edges: MappingEdgeText[] = [];
    let withoutRelationship = 0;
    let notControls = 0;
    for (const map of collection.mappings.flatMap(mapping => mapping.maps)) {
        const relationship = RELATIONSHIPS[map.relationship];
        if (!relationship) {
            withoutRelationship++;
            continue;
        }
        const controls = (items: typeof map.sources) => items.filter(item => {
            const control = item.type === 'control' && idRef(item['id-ref']) !== '';
            if (!control) notControls++;
            return control;
        }).map(item => idRef(item['id-ref']));
        const sources = controls(map.sources);
        const targets = [...new Set(controls(map.targets))];
        if (targets.length === 0) continue;
        const to: MappingTarget[] = targets.map(id => ({ id, framework: options.targetFramework, relationship }));
        for (const id of new Set(sources)) edges.push({ from: { id, framework: options.sourceFramework }, to });
    }
    const text = renderMapping({
        name,
        title: facts.title,
        source: sourceStatement(facts, collection.provenance?.['mapping-description']),
        header: sourceHeader(options.sourceFile, 'an OSCAL mapping collection', facts),
        edges
    });
    return { text, name, nameDerived: options.name === undefined, edges: edges.length, withoutRelationship, notControls };
}

/** `ac-2` of `#ac-2` (a fragment reference, as some mappings write them). */
function idRef(value: string): string {
    return oneLine(value).replace(/^#/, '');
}

function sourceStatement(facts: ReturnType<typeof sourceFacts>, description: string | undefined): string {
    const dated = facts.published ?? facts.lastModified;
    const parts = [
        `${facts.title}${facts.version ? `, version ${facts.version}` : ''}${dated ? ` (${dated})` : ''}`,
        ...(description ? [firstSentence(description)] : []),
        facts.rights.length > 0 ? `Licence or rights: ${facts.rights.join('; ')}` : 'No licence or rights stated'
    ];
    return parts.map(part => part.replace(/\.$/, '')).join('. ');
}
