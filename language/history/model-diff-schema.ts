import { z } from 'zod';
import { riskHistorySchema } from './risk-history.js';

/**
 * The JSON shape of `isms diff`: what changed between two states of the model, by element id.
 * Published as docs/schemas/model-diff.schema.json; tests check every output against it.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const score = z.strictObject({ score: z.number(), level: z.string().nullable() });
const location = z.strictObject({ file: z.string(), line: z.number().int().min(1) });
const direction = z.enum(['up', 'down', 'same']);
const commit = z.strictObject({ id: z.string(), date, subject: z.string() });
const change = <T extends z.ZodTypeAny>(value: T) => z.strictObject({ from: value, to: value });

export const diffStateSchema = z.strictObject({
    /** As given: a revision such as `HEAD~1`, `working tree`, or a folder. */
    label: z.string(),
    commit: commit.nullable(),
    files: z.number().int().min(0),
    /** Model files that could not be read (links, binary content) and were left out. */
    leftOut: z.array(z.strictObject({ file: z.string(), reason: z.string() }))
});

export const diffRiskSchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    owner: z.string().nullable(),
    treatment: z.string().nullable(),
    controls: z.array(z.string()),
    inherent: score.nullable(),
    residual: score.nullable(),
    location
});

export const scoreChangeSchema = z.strictObject({
    from: score.nullable(),
    to: score.nullable(),
    /** By score. */
    direction,
    /** By the methodology's order of levels. */
    level: direction
});

export const changedRiskSchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    /** The id the risk had before, when it was renamed and changed. */
    renamedFrom: z.string().nullable(),
    location,
    inherent: scoreChangeSchema.nullable(),
    residual: scoreChangeSchema.nullable(),
    retitled: change(z.string()).nullable(),
    owner: change(z.string().nullable()).nullable(),
    treatment: change(z.string().nullable()).nullable(),
    controls: z.strictObject({ added: z.array(z.string()), removed: z.array(z.string()) }).nullable()
});

const rename = z.strictObject({ from: z.string(), to: z.string(), title: z.string(), location: location.nullable() });

const controlChange = z.strictObject({ id: z.string(), framework: z.string(), title: z.string(), from: z.string().nullable(), to: z.string().nullable() });

const acceptance = z.strictObject({
    risk: z.string(), title: z.string(), by: z.string().nullable(), on: date.nullable(), until: date.nullable(), location: location.nullable()
});

export const staleAcceptanceSchema = acceptance.extend({
    /** The first change after the acceptance's date: a commit, or null for the working tree. */
    changedIn: commit.nullable(),
    /** What changed: `inherent`, `residual`, `level`, `treatment`. */
    changed: z.array(z.enum(['inherent', 'residual', 'level', 'treatment'])),
    accepted: z.strictObject({ inherent: score.nullable(), residual: score.nullable(), treatment: z.string().nullable() }),
    now: z.strictObject({ inherent: score.nullable(), residual: score.nullable(), treatment: z.string().nullable() })
});

const nonconformity = z.strictObject({
    id: z.string(), title: z.string(), severity: z.string().nullable(), location: location.nullable()
});

const action = z.strictObject({
    source: z.string(), title: z.string(), status: z.string().nullable(), closed: date.nullable()
});

const diagnostic = z.strictObject({
    file: z.string(), line: z.number().int(), column: z.number().int(),
    severity: z.enum(['error', 'warning', 'info', 'hint']), code: z.string(), message: z.string()
});

export const diffSummarySchema = z.strictObject({
    risksAdded: z.number().int(), risksRemoved: z.number().int(), risksChanged: z.number().int(), risksRenamed: z.number().int(),
    levelIncreases: z.number().int(), levelDecreases: z.number().int(),
    decisionsChanged: z.number().int(), statusChanged: z.number().int(),
    acceptancesAdded: z.number().int(), acceptancesRemoved: z.number().int(), acceptancesRenewed: z.number().int(),
    acceptancesExpiring: z.number().int(), staleAcceptances: z.number().int(),
    nonconformitiesOpened: z.number().int(), nonconformitiesClosed: z.number().int(),
    actionsOpened: z.number().int(), actionsClosed: z.number().int(),
    measurementsAdded: z.number().int(),
    diagnosticsIntroduced: z.number().int(), diagnosticsResolved: z.number().int(),
    errorsIntroduced: z.number().int(), errorsResolved: z.number().int()
});

export const modelDiffSchema = z.strictObject({
    from: diffStateSchema,
    to: diffStateSchema,
    /** The date taken as today: for acceptances expiring, and for the date rules on both sides. */
    date,
    expiringDays: z.number().int().min(0),
    /** Nothing in the model changed that the diff looks at. */
    unchanged: z.boolean(),
    summary: diffSummarySchema,
    risks: z.strictObject({
        added: z.array(diffRiskSchema),
        removed: z.array(diffRiskSchema),
        renamed: z.array(rename),
        changed: z.array(changedRiskSchema)
    }),
    controls: z.strictObject({
        /** SoA decisions that flipped: applicable, excluded, undecided (declared for own controls). */
        decisions: z.array(controlChange),
        /** Implementation status changes. */
        status: z.array(controlChange)
    }),
    acceptances: z.strictObject({
        added: z.array(acceptance),
        removed: z.array(acceptance),
        /** Accepted again: a new `on` or `until`. */
        renewed: z.array(acceptance.extend({ previous: z.strictObject({ on: date.nullable(), until: date.nullable() }) })),
        /** Ending within `expiringDays` of `date`, or ended; `days` is negative once ended. */
        expiring: z.array(acceptance.extend({ days: z.number().int() })),
        /** Accepted, then the risk's score, level or treatment changed in a later commit. */
        stale: z.array(staleAcceptanceSchema),
        /** Why stale acceptances were not looked for (no git history), or null. */
        staleUnavailable: z.string().nullable()
    }),
    nonconformities: z.strictObject({
        opened: z.array(nonconformity),
        closed: z.array(nonconformity),
        reopened: z.array(nonconformity),
        removed: z.array(nonconformity),
        renamed: z.array(rename)
    }),
    correctiveActions: z.strictObject({
        opened: z.array(action),
        closed: z.array(action),
        removed: z.array(action)
    }),
    objectives: z.strictObject({
        measurements: z.array(z.strictObject({
            id: z.string(), title: z.string(), date, value: z.number(), target: z.string().nullable(), met: z.boolean().nullable(),
            location: location.nullable()
        })),
        renamed: z.array(rename)
    }),
    diagnostics: z.strictObject({
        byCode: z.array(z.strictObject({ code: z.string(), introduced: z.number().int(), resolved: z.number().int() })),
        introduced: z.array(diagnostic),
        resolved: z.array(diagnostic)
    })
});

export type ModelDiff = z.infer<typeof modelDiffSchema>;
export type DiffRisk = z.infer<typeof diffRiskSchema>;
export type ChangedRisk = z.infer<typeof changedRiskSchema>;
export type ScoreChange = z.infer<typeof scoreChangeSchema>;
export type StaleAcceptance = z.infer<typeof staleAcceptanceSchema>;
export type DiffSummary = z.infer<typeof diffSummarySchema>;
export type DiffState = z.infer<typeof diffStateSchema>;

/** The schemas of `isms diff` and `isms history`, as published in docs/schemas/. */
export const HISTORY_JSON_SCHEMAS = {
    'model-diff': modelDiffSchema,
    'risk-history': riskHistorySchema
} as const;
