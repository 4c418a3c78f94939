import { z } from 'zod';

/**
 * The JSON shape of the management-review pack (clause 9.3.2): one member per input of a
 * management review, named by the `inputs` keyword it answers.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const reference = z.strictObject({ id: z.string(), title: z.string() });
const scoreSchema = z.strictObject({ score: z.number(), level: z.string().nullable() });
const actionStatus = z.enum(['open', 'in-progress', 'closed']).nullable();

export const reviewActionSchema = z.strictObject({
    kind: z.enum(['corrective-action', 'opportunity']),
    /** The nonconformity, finding (`AUDIT/FINDING`) or opportunity the action belongs to. */
    source: z.string(),
    title: z.string(),
    owner: z.string().nullable(),
    due: date.nullable(),
    status: actionStatus,
    closed: date.nullable(),
    overdue: z.boolean()
});

export const correctiveActionSchema = z.strictObject({
    title: z.string(),
    owner: z.string().nullable(),
    due: date.nullable(),
    status: actionStatus,
    closed: date.nullable(),
    effective: z.enum(['yes', 'no']).nullable(),
    verifiedBy: z.string().nullable(),
    verifiedOn: date.nullable(),
    overdue: z.boolean()
});

const targetSchema = z.strictObject({ comparison: z.enum(['<', '<=', '>', '>=', '=']), value: z.number() });

export const objectiveResultSchema = z.strictObject({
    id: z.string(),
    title: z.string(),
    metric: z.string().nullable(),
    /** As written; `comparison` and `value` only when the target is a number to compare with. */
    target: z.string().nullable(),
    comparison: targetSchema.nullable(),
    unit: z.string().nullable(),
    owner: z.string().nullable(),
    due: date.nullable(),
    measurements: z.array(z.strictObject({ date, value: z.number() })),
    latest: z.strictObject({ date, value: z.number() }).nullable(),
    /** Whether the latest value meets the target; null without a measurement or a numeric target. */
    met: z.boolean().nullable(),
    /** The last two measurements compared against the target's direction. */
    trend: z.enum(['improving', 'worsening', 'steady']).nullable()
});

/**
 * Each risk's headline score (residual when it has one, else inherent) now against the last
 * commit dated on or before the previous management review.
 */
export const riskTrendSchema = z.strictObject({
    since: z.strictObject({ review: z.string(), date, commit: z.string(), commitDate: date }).nullable(),
    /** Why there is no trend, such as no previous review or no git history; null when there is one. */
    unavailable: z.string().nullable(),
    unchanged: z.number().int().min(0),
    risks: z.array(reference.extend({
        change: z.enum(['added', 'removed', 'up', 'down']),
        from: scoreSchema.nullable(),
        to: scoreSchema.nullable(),
        level: z.enum(['up', 'down', 'same'])
    }))
});

export const reviewPackJsonSchema = z.strictObject({
    isms: z.string(),
    organization: z.string(),
    methodology: z.string(),
    methodologyVersion: z.string().nullable(),
    generatedAt: date,
    commit: z.string().nullable(),
    /** Errors in the model the pack was drawn from: 0 for a pack that can be relied on. */
    modelErrors: z.number().int().min(0),
    /** The latest management review dated on or before the report's date. */
    previousReview: z.strictObject({ id: z.string(), title: z.string(), date }).nullable(),
    inputs: z.strictObject({
        'actions-status': z.strictObject({
            decisions: z.array(z.string()),
            actions: z.array(reviewActionSchema)
        }),
        'context-changes': z.strictObject({
            climate: z.strictObject({ relevance: z.enum(['relevant', 'not-relevant']), reason: z.string().nullable() }).nullable(),
            issues: z.array(z.strictObject({
                id: z.string(), title: z.string(), origin: z.enum(['external', 'internal']).nullable(), topic: z.string().nullable(),
                owner: z.string().nullable(), addressedBy: z.array(z.string())
            })),
            changes: z.array(z.strictObject({
                id: z.string(), title: z.string(), date: date.nullable(), owner: z.string().nullable(),
                approvedBy: z.string().nullable(), approvedOn: date.nullable(), affects: z.array(z.string())
            }))
        }),
        'interested-parties': z.strictObject({
            parties: z.array(z.strictObject({
                id: z.string(), title: z.string(),
                requirements: z.array(z.strictObject({ id: z.string(), title: z.string(), addressedBy: z.array(z.string()) }))
            }))
        }),
        'nonconformities': z.strictObject({
            nonconformities: z.array(z.strictObject({
                id: z.string(), title: z.string(), date: date.nullable(), source: z.string().nullable(), clause: z.string().nullable(),
                severity: z.enum(['major', 'minor']).nullable(), rootCause: z.string().nullable(), correction: z.string().nullable(),
                /** Open while it has no corrective action or one that is not closed. */
                state: z.enum(['open', 'closed']),
                /** Raised after the previous review. */
                new: z.boolean(),
                actions: z.array(correctiveActionSchema)
            }))
        }),
        'monitoring': z.strictObject({
            measurements: z.array(objectiveResultSchema),
            incidents: z.array(z.strictObject({
                id: z.string(), title: z.string(), date: date.nullable(), severity: z.enum(['low', 'medium', 'high', 'critical']).nullable(),
                risks: z.array(z.string()), lessons: z.string().nullable()
            }))
        }),
        'audit-results': z.strictObject({
            audits: z.array(z.strictObject({
                id: z.string(), title: z.string(), date: date.nullable(), auditor: z.string().nullable(), covers: z.array(z.string()),
                findings: z.array(z.strictObject({
                    id: z.string(), title: z.string(), severity: z.enum(['major', 'minor', 'observation']).nullable(),
                    controls: z.array(z.string()), nonconformity: z.string().nullable(), actions: z.array(correctiveActionSchema)
                }))
            }))
        }),
        'objectives': z.strictObject({
            objectives: z.array(z.strictObject({
                id: z.string(), title: z.string(), target: z.string().nullable(), latest: z.number().nullable(),
                status: z.enum(['met', 'missed', 'unmeasured', 'no-numeric-target']), owner: z.string().nullable(), due: date.nullable()
            }))
        }),
        'feedback': z.strictObject({
            suppliers: z.array(z.strictObject({
                id: z.string(), title: z.string(), criticality: z.enum(['low', 'medium', 'high']).nullable(),
                reviewed: date.nullable(), nextReview: date.nullable(),
                status: z.enum(['reviewed', 'overdue', 'never-reviewed']), certifications: z.array(z.string())
            }))
        }),
        'risk-assessment': z.strictObject({
            appetite: z.number(),
            levels: z.array(z.strictObject({ level: z.string(), inherent: z.number().int(), residual: z.number().int() })),
            aboveAppetite: z.array(reference.extend({ owner: z.string().nullable(), residual: scoreSchema })),
            acceptances: z.array(reference.extend({
                by: z.string().nullable(), until: date, state: z.enum(['expired', 'expiring'])
            })),
            /** The risks whose score moved since the previous review, read from the git history. */
            trend: riskTrendSchema,
            treatments: z.array(reference.extend({
                treatment: z.enum(['mitigate', 'transfer']), due: date.nullable(), controls: z.number().int(),
                implemented: z.number().int(), state: z.enum(['done', 'in-progress', 'overdue'])
            }))
        }),
        'improvement': z.strictObject({
            opportunities: z.array(z.strictObject({
                id: z.string(), title: z.string(), owner: z.string().nullable(), due: date.nullable(), status: actionStatus, overdue: z.boolean()
            }))
        })
    })
});

export type ReviewAction = z.infer<typeof reviewActionSchema>;
export type RiskTrend = z.infer<typeof riskTrendSchema>;
export type CorrectiveActionJson = z.infer<typeof correctiveActionSchema>;
export type ObjectiveResult = z.infer<typeof objectiveResultSchema>;
export type ReviewPackJson = z.infer<typeof reviewPackJsonSchema>;
export type ReviewPackInputs = ReviewPackJson['inputs'];
