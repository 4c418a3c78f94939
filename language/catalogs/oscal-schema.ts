import { z } from 'zod';

/**
 * The parts of the OSCAL JSON models that `isms import-catalog` reads: a catalog (metadata,
 * groups, controls and their enhancements, back-matter) and a mapping collection (metadata,
 * provenance, the maps between controls). Only what is read is checked; every other field of
 * the models is let through as it is, so a valid OSCAL file of any version 1.x passes.
 */

const prop = z.looseObject({
    name: z.string(),
    value: z.string(),
    class: z.string().optional(),
    ns: z.string().optional(),
    remarks: z.string().optional()
});

export type OscalProp = z.infer<typeof prop>;

interface PartShape {
    name: string;
    prose?: string;
    parts?: PartShape[];
}

const part: z.ZodType<PartShape> = z.looseObject({
    name: z.string(),
    prose: z.string().optional(),
    get parts() { return z.array(part).optional(); }
});

export interface OscalControl {
    id: string;
    class?: string;
    title: string;
    props?: OscalProp[];
    parts?: PartShape[];
    controls?: OscalControl[];
}

const control: z.ZodType<OscalControl> = z.looseObject({
    id: z.string(),
    class: z.string().optional(),
    title: z.string(),
    props: z.array(prop).optional(),
    parts: z.array(part).optional(),
    get controls() { return z.array(control).optional(); }
});

export interface OscalGroup {
    id?: string;
    class?: string;
    title: string;
    props?: OscalProp[];
    groups?: OscalGroup[];
    controls?: OscalControl[];
}

const group: z.ZodType<OscalGroup> = z.looseObject({
    id: z.string().optional(),
    class: z.string().optional(),
    title: z.string(),
    props: z.array(prop).optional(),
    get groups() { return z.array(group).optional(); },
    controls: z.array(control).optional()
});

const metadata = z.looseObject({
    title: z.string(),
    published: z.string().optional(),
    'last-modified': z.string().optional(),
    version: z.string().optional(),
    'oscal-version': z.string().optional(),
    props: z.array(prop).optional(),
    remarks: z.string().optional()
});

export type OscalMetadata = z.infer<typeof metadata>;

const resource = z.looseObject({
    title: z.string().optional(),
    description: z.string().optional(),
    props: z.array(prop).optional(),
    citation: z.looseObject({ text: z.string() }).optional(),
    rlinks: z.array(z.looseObject({ href: z.string() })).optional()
});

export type OscalResource = z.infer<typeof resource>;

const backMatter = z.looseObject({ resources: z.array(resource).optional() });

export const oscalCatalogSchema = z.looseObject({
    catalog: z.looseObject({
        uuid: z.string().optional(),
        metadata,
        controls: z.array(control).optional(),
        groups: z.array(group).optional(),
        'back-matter': backMatter.optional()
    })
});

export type OscalCatalog = z.infer<typeof oscalCatalogSchema>['catalog'];

/** The relationships of OSCAL's control mapping model. */
export const OSCAL_RELATIONSHIPS = ['equivalent-to', 'equal-to', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship'] as const;

export type OscalRelationship = typeof OSCAL_RELATIONSHIPS[number];

const mappingItem = z.looseObject({ type: z.string(), 'id-ref': z.string() });

const map = z.looseObject({
    relationship: z.enum(OSCAL_RELATIONSHIPS),
    sources: z.array(mappingItem),
    targets: z.array(mappingItem),
    remarks: z.string().optional()
});

export type OscalMap = z.infer<typeof map>;

export const oscalMappingCollectionSchema = z.looseObject({
    'mapping-collection': z.looseObject({
        uuid: z.string().optional(),
        metadata,
        provenance: z.looseObject({
            method: z.string().optional(),
            'matching-rationale': z.string().optional(),
            status: z.string().optional(),
            'mapping-description': z.string().optional()
        }).optional(),
        mappings: z.array(z.looseObject({ maps: z.array(map) })),
        'back-matter': backMatter.optional()
    })
});

export type OscalMappingCollection = z.infer<typeof oscalMappingCollectionSchema>['mapping-collection'];
