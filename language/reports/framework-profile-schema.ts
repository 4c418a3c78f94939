import { z } from 'zod';

/**
 * The JSON shapes of a framework's profile (`isms soa --framework X` for a framework other than
 * the primary one) and of the coverage matrix (`isms coverage`): the requirements of another
 * framework, met through its mappings onto the primary framework's SoA.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const relationship = z.enum(['equal', 'subset', 'superset', 'intersect']);

export const frameworkRefSchema = z.strictObject({ name: z.string(), title: z.string() });

/** Where mapping edges come from: a `mapping` element, or (`mapping` null) a control's own `maps`. */
export const mappingSourceSchema = z.strictObject({
    mapping: z.string().nullable(),
    label: z.string()
});

export const profileMappingSchema = z.strictObject({
    /** The control of the primary framework. */
    id: z.string(),
    title: z.string(),
    /** `requirement RELATIONSHIP control`: of the relationships the edges state, the one that claims least; intersect when none does. */
    relationship,
    decision: z.enum(['applicable', 'excluded', 'undecided']),
    status: z.enum(['not-started', 'planned', 'partial', 'implemented']).nullable(),
    implemented: z.boolean(),
    /** Every edge between the two; `stated` false where the source gives no relationship (read as intersect). */
    edges: z.array(z.strictObject({ relationship, stated: z.boolean(), source: mappingSourceSchema }))
});

export const profileRequirementSchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    theme: z.string().nullable(),
    state: z.enum(['covered', 'partial', 'gap', 'not-applicable']),
    why: z.string(),
    mappings: z.array(profileMappingSchema)
});

const stateCounts = z.strictObject({
    requirements: z.number().int().min(0),
    covered: z.number().int().min(0),
    partial: z.number().int().min(0),
    gap: z.number().int().min(0),
    notApplicable: z.number().int().min(0),
    /** Covered, in percent of the requirements that are not `not-applicable`; null when none is. */
    coveredPercent: z.number().int().min(0).max(100).nullable()
});

export const profileSummarySchema = stateCounts.extend({ themes: z.record(z.string(), stateCounts) });

/** One framework's profile, without the report's header. */
export const profileBodySchema = z.strictObject({
    framework: frameworkRefSchema,
    sources: z.array(mappingSourceSchema.extend({ edges: z.number().int().min(0) })),
    summary: profileSummarySchema,
    requirements: z.array(profileRequirementSchema)
});

const header = {
    isms: z.string(),
    organization: z.string(),
    primaryFramework: frameworkRefSchema,
    generatedAt: date,
    commit: z.string().nullable(),
    modelErrors: z.number().int().min(0)
};

export const frameworkProfileJsonSchema = z.strictObject({
    ...header,
    ...profileBodySchema.shape
});

export const coverageJsonSchema = z.strictObject({
    ...header,
    frameworks: z.array(profileBodySchema)
});

export type ProfileBodyJson = z.infer<typeof profileBodySchema>;
export type FrameworkProfileJson = z.infer<typeof frameworkProfileJsonSchema>;
export type CoverageJson = z.infer<typeof coverageJsonSchema>;
