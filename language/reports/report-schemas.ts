import { z } from 'zod';
import { coverageJsonSchema, frameworkProfileJsonSchema } from './framework-profile-schema.js';
import { reviewPackJsonSchema } from './review-pack-schema.js';

/**
 * The JSON shapes of the reports: the contract with other tools. The report builders are typed
 * by these schemas, tests check every output against them, and `docs/schemas/` publishes them
 * as JSON Schema.
 */

const decision = z.enum(['applicable', 'excluded', 'undecided']);

export const soaControlSchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    theme: z.string().nullable(),
    applicable: z.boolean(),
    decision,
    justification: z.string(),
    risks: z.array(z.strictObject({ id: z.string(), title: z.string() })),
    status: z.enum(['not-started', 'planned', 'partial', 'implemented']).nullable(),
    owner: z.string().nullable(),
    evidence: z.array(z.strictObject({ description: z.string(), location: z.string().nullable() })),
    /** Attribute values: the control's own (a catalog's), then its decision's. */
    attributes: z.array(z.string())
});

/** An organisation's own control needs no decision: without one it is `declared`, never `undecided`. */
export const soaOrganizationControlSchema = soaControlSchema.extend({
    decision: z.enum(['applicable', 'excluded', 'declared']),
    framework: z.string(),
    maps: z.array(z.string()),
    mappings: z.array(z.strictObject({
        id: z.string(),
        title: z.string(),
        relationship: z.enum(['equal', 'subset', 'superset', 'intersect'])
    }))
});

const soaCounts = z.strictObject({
    controls: z.number().int(),
    applicable: z.number().int(),
    excluded: z.number().int(),
    undecided: z.number().int()
});

export const soaSummarySchema = soaCounts.extend({
    themes: z.record(z.string(), soaCounts),
    implementation: z.strictObject({
        'implemented': z.number().int(), 'partial': z.number().int(), 'planned': z.number().int(),
        'not-started': z.number().int(), 'unknown': z.number().int()
    }),
    implementedPercent: z.number().int().min(0).max(100)
});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The `soa` block of the isms block: the SoA as a controlled document (clause 7.5). */
export const soaDocumentControlSchema = z.strictObject({
    version: z.string().nullable(),
    approvedBy: z.string().nullable(),
    approvedOn: date.nullable(),
    classification: z.string().nullable()
});

export const soaJsonSchema = z.strictObject({
    isms: z.string(),
    organization: z.string(),
    framework: z.string(),
    generatedAt: date,
    commit: z.string().nullable(),
    modelErrors: z.number().int().min(0),
    documentControl: soaDocumentControlSchema.nullable(),
    methodology: z.string(),
    methodologyVersion: z.string().nullable(),
    summary: soaSummarySchema,
    controls: z.array(soaControlSchema),
    organizationControls: z.array(soaOrganizationControlSchema)
});

const scoreSchema = z.strictObject({ score: z.number(), level: z.string().nullable() });
const treatmentKind = z.enum(['mitigate', 'transfer', 'avoid', 'accept']);

/**
 * What both risk reports say of a treatment: the party of a `transfer`, the reason of a
 * `transfer` or `avoid`, whether the residual is the target or reached, and the score now.
 */
const treatmentFields = {
    transferTo: z.string().nullable(),
    reason: z.string().nullable(),
    residualIs: z.enum(['target', 'current']).nullable(),
    current: scoreSchema.nullable()
};

export const registerRiskSchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    assets: z.array(z.string()),
    threat: z.string().nullable(),
    vulnerability: z.string().nullable(),
    owner: z.string().nullable(),
    likelihood: z.number().nullable(),
    impact: z.number().nullable(),
    inherent: scoreSchema.nullable(),
    treatment: treatmentKind.nullable(),
    controls: z.array(z.string()),
    residual: scoreSchema.extend({ likelihood: z.number(), impact: z.number() }).nullable(),
    acceptance: z.strictObject({ by: z.string().nullable(), on: date.nullable(), until: date.nullable(), because: z.string().nullable() }).nullable(),
    reviewed: date.nullable(),
    ...treatmentFields,
    due: date.nullable()
});

/** The header fields both risk reports share. */
const riskReportHeader = {
    isms: z.string(),
    organization: z.string(),
    methodology: z.string(),
    methodologyVersion: z.string().nullable(),
    generatedAt: date,
    commit: z.string().nullable(),
    modelErrors: z.number().int().min(0)
};

export const riskRegisterJsonSchema = z.strictObject({
    ...riskReportHeader,
    risks: z.array(registerRiskSchema)
});

export const plannedActionSchema = z.strictObject({
    risk: z.strictObject({ id: z.string(), title: z.string() }),
    riskOwner: z.string().nullable(),
    treatment: treatmentKind.nullable(),
    inherent: scoreSchema.nullable(),
    residual: scoreSchema.nullable(),
    action: z.string(),
    control: z.strictObject({ id: z.string(), title: z.string() }).nullable(),
    status: z.string().nullable(),
    owner: z.string().nullable(),
    due: date.nullable(),
    ...treatmentFields,
    treatmentDue: date.nullable()
});

export const treatmentPlanJsonSchema = z.strictObject({
    ...riskReportHeader,
    actions: z.array(plannedActionSchema)
});

export type SoaControl = z.infer<typeof soaControlSchema>;
export type SoaOrganizationControl = z.infer<typeof soaOrganizationControlSchema>;
export type SoaDocumentControl = z.infer<typeof soaDocumentControlSchema>;
export type SoaSummary = z.infer<typeof soaSummarySchema>;
export type SoaCounts = z.infer<typeof soaCounts>;
export type SoaJson = z.infer<typeof soaJsonSchema>;
export type ScoreJson = z.infer<typeof scoreSchema>;
export type RegisterRisk = z.infer<typeof registerRiskSchema>;
export type RiskRegisterJson = z.infer<typeof riskRegisterJsonSchema>;
export type PlannedAction = z.infer<typeof plannedActionSchema>;
export type TreatmentPlanJson = z.infer<typeof treatmentPlanJsonSchema>;

/** The schemas by report, as published in docs/schemas/. */
export const REPORT_JSON_SCHEMAS = {
    'statement-of-applicability': soaJsonSchema,
    'risk-register': riskRegisterJsonSchema,
    'risk-treatment-plan': treatmentPlanJsonSchema,
    'management-review-pack': reviewPackJsonSchema,
    'framework-profile': frameworkProfileJsonSchema,
    'coverage-matrix': coverageJsonSchema
} as const;
