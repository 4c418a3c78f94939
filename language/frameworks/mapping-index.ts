import type { LangiumDocument } from 'langium';
import { isBuiltinUri } from '../builtin/builtin-documents.js';
import type { Control, ControlMapping, Mapping } from '../generated/ast.js';
import { isControl, isFramework, isMapping } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { Relationship } from './relationships.js';
import { inverse, isStated, relationshipOf } from './relationships.js';

/** Where an edge comes from: a `mapping` element (its `source`, else its title or name), or a control's own `maps`. */
export interface MappingSource {
    /** The `mapping` element's name; null for an edge written with `maps` inside a control. */
    readonly mapping: string | null;
    /** What a reader is told: the mapping's `source`, else its title, else its name; or {@link DECLARED_WITH_CONTROL}. */
    readonly label: string;
}

export const DECLARED_WITH_CONTROL = 'declared with the control';

/** One edge between two controls, as written: `from` stands in `relationship` to `to`. */
export interface MappingEdge {
    readonly from: Control;
    readonly to: Control;
    readonly relationship: Relationship;
    /** Whether the relationship is written; one left out reads as `intersect`, the claim of least. */
    readonly stated: boolean;
    readonly source: MappingSource;
    /** The `maps` item that states it. */
    readonly node: ControlMapping;
}

/** An edge as one of its two controls sees it: `control` stands in `relationship` to `other`. */
export interface ControlLink {
    readonly control: Control;
    readonly other: Control;
    readonly relationship: Relationship;
    readonly stated: boolean;
    readonly source: MappingSource;
    /** Whether the edge was written from the other control's side, and is read here inverted. */
    readonly inverted: boolean;
    readonly edge: MappingEdge;
}

/**
 * Every mapping edge of the model, from both sources (the `maps` of controls and `mapping`
 * elements, the shipped catalogs' included), indexed by control in both directions. Built from
 * the per-document facts of the model index; edges whose controls do not resolve are left out,
 * as they are errors of their own.
 */
export class MappingIndex {

    private readonly links = new Map<Control, ControlLink[]>();

    private constructor(readonly edges: readonly MappingEdge[]) {
        for (const edge of edges) {
            this.add({ control: edge.from, other: edge.to, relationship: edge.relationship, stated: edge.stated, source: edge.source, inverted: false, edge });
            if (edge.to !== edge.from) {
                this.add({ control: edge.to, other: edge.from, relationship: inverse(edge.relationship), stated: edge.stated, source: edge.source, inverted: true, edge });
            }
        }
    }

    /** The edges of the model as it is now. */
    static of(services: IsmsServices): MappingIndex {
        const index = services.model.ModelIndex;
        const builtin = services.shared.workspace.LangiumDocuments.all
            .filter(document => isBuiltinUri(document.uri))
            .toArray()
            .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()))
            .flatMap((document: LangiumDocument) => index.facts(document).declarations);
        const declarations = [...builtin, ...index.userDeclarations('Control'), ...index.userDeclarations('Mapping')];
        const edges: MappingEdge[] = [];
        const seen = new Set<string>();
        const add = (from: Control | undefined, map: ControlMapping, source: MappingSource) => {
            const to = map.target?.ref;
            if (!from || !to || !isControl(to)) return;
            const edge: MappingEdge = { from, to, relationship: relationshipOf(map.relationship), stated: isStated(map.relationship), source, node: map };
            const key = [qualifiedId(from), qualifiedId(to), edge.relationship, source.mapping ?? '', source.label].join('\u0000');
            if (seen.has(key)) return;
            seen.add(key);
            edges.push(edge);
        };
        // Controls first (built-in, then the user's), then mappings, each in document order.
        for (const { node } of declarations.filter(declaration => declaration.type === 'Control')) {
            if (!isControl(node)) continue;
            const source = { mapping: null, label: DECLARED_WITH_CONTROL };
            node.maps.forEach(map => add(node, map, source));
        }
        for (const { node } of declarations.filter(declaration => declaration.type === 'Mapping')) {
            if (!isMapping(node)) continue;
            const source = mappingSource(node);
            for (const edge of node.edges) {
                const from = edge.from?.ref;
                edge.maps.forEach(map => add(isControl(from) ? from : undefined, map, source));
            }
        }
        return new MappingIndex(edges);
    }

    /** The edges of `control`, both those written from it and those written to it (inverted). */
    linksOf(control: Control): readonly ControlLink[] {
        return this.links.get(control) ?? [];
    }

    /** The distinct sources of `edges`, in order of first use. */
    static sourcesOf(edges: Iterable<{ readonly source: MappingSource }>): MappingSource[] {
        const found = new Map<string, MappingSource>();
        for (const { source } of edges) {
            const key = `${source.mapping ?? ''}\u0000${source.label}`;
            if (!found.has(key)) found.set(key, source);
        }
        return [...found.values()];
    }

    private add(link: ControlLink): void {
        const list = this.links.get(link.control);
        if (list) list.push(link);
        else this.links.set(link.control, [link]);
    }
}

function mappingSource(mapping: Mapping): MappingSource {
    const label = mapping.source[0]?.trim() || mapping.title?.trim() || mapping.name;
    return { mapping: mapping.name, label };
}

/** The framework that declares a control; undefined for a control outside a framework (a broken tree). */
export function frameworkNameOf(control: Control): string | undefined {
    const container = control.$container as unknown;
    return isFramework(container) ? container.name : undefined;
}

/** `CSF2::PR.AA-01`: the control's id with its framework, as a reference can be written. */
export function qualifiedId(control: Control): string {
    const framework = frameworkNameOf(control);
    return framework ? `${framework}::${control.name}` : control.name;
}
