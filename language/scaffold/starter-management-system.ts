import type { StarterOptions } from './starter-workspace.js';

/** Something of the starter ISMS that only its user can fill in, and where. */
export interface StarterPlaceholder {
    /** The file of the starter it is in. */
    readonly file: string;
    /** What to write there, in a line of the CLI's output. */
    readonly task: string;
}

/**
 * The placeholders of the starter. Each is marked `FILL IN` in its
 * file; most are also reported by a diagnostic until filled in (climate-undetermined,
 * requirement-unaddressed, objective-unmeasured, audit-overdue, management-review-overdue,
 * document-unapproved for the SoA, evidence-not-found for the policy document).
 */
export const STARTER_PLACEHOLDERS: readonly StarterPlaceholder[] = [
    { file: 'isms.isms', task: 'decide whether climate change is relevant: climate relevant, or climate not-relevant because "…"' },
    { file: 'isms.isms', task: 'approve the SoA once every control is decided: approved-by ROLE on DATE in the soa block' },
    { file: 'policies.isms', task: 'write the policy in policies/information-security.md, or point document at where it is' },
    { file: 'context.isms', task: 'replace the example issues and parties with yours; name what addresses each requirement (addressed-by)' },
    { file: 'objectives.isms', task: 'set your objectives and record each measurement: measured DATE value N' },
    { file: 'training.isms', task: 'record the date and completion of the awareness training when it is held' },
    { file: 'audits.isms', task: 'run the first internal audit and record it (audits every 12 months)' },
    { file: 'management-review.isms', task: 'hold the first management review and record its date and decisions' }
];

/**
 * The starter's records of clauses 4 to 10: context issues and an interested party, an
 * objective, a training, the audit programme, a management review with its ten inputs and
 * the nonconformity register. Examples and placeholders are marked as such in the files.
 */
export function starterManagementSystem(options: StarterOptions): Record<string, string> {
    return {
        'context.isms': `// The context of the ISMS (clause 4): the issues that shape it (4.1) and the interested
// parties with their requirements (4.2). EXAMPLES: replace them with yours.

issue ISS-1 "Climate change (example)" {
    origin external
    topic climate
    owner CEO
    description "FILL IN: how heat, storms or floods could reach your sites, staff and suppliers; then decide climate in isms.isms"
}

issue ISS-2 "Customers expect their data to be protected (example)" {
    origin external
    topic business
    owner CEO
    addressed-by InfoSecPolicy
}

party Customers "Customers (example)" {
    // FILL IN: name what meets the requirement: a risk, control, policy, objective or opportunity,
    // for example  addressed-by InfoSecPolicy, A.5.34
    requirement REQ-1 "Their data is kept confidential (example)"
}
`,
        'objectives.isms': `// Information security objectives (clause 6.2), measured as clause 9.1 requires. EXAMPLE:
// replace it with yours. The latest measurement is held against the target.

objective O-1 "Patch critical vulnerabilities within 14 days (example)" {
    metric "Median days from disclosure to fix for critical vulnerabilities"
    target <= 14
    unit "days"
    owner CISO
    measure every 3 months
    // FILL IN: record each measurement, for example  measured ${options.today} value 12
}
`,
        'training.isms': `// Awareness and training (clauses 7.2 and 7.3, control A.6.3).

training AW-1 "Security awareness for all staff" {
    audience "All staff"
    every 12 months
    owner CISO
    // FILL IN when it is held:  date YYYY-MM-DD  completion PERCENT
}
`,
        'audits.isms': `// Internal audits (clause 9.2), at least as often as the isms block's \`audits every\`.
// FILL IN: record the first audit when it is done, for example:
//     audit IA-1 "Internal audit" {
//         date YYYY-MM-DD  auditor "…"  covers "Clauses 4-10", A.5, A.8
//         finding F-1 "…" { severity minor  controls A.5.18  nonconformity NC-1 }
//     }
// A major or minor finding needs a corrective action or a nonconformity (improvement.isms);
// an observation needs neither.
`,
        'management-review.isms': `// Management review (clause 9.3), at least as often as the isms block's \`management-reviews every\`.

management-review MR-1 "First management review" {
    // FILL IN when it is held:  date YYYY-MM-DD  and its  decisions "…", "…"
    attendees CEO, CISO
    inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,
           audit-results, objectives, feedback, risk-assessment, improvement
}
`,
        'improvement.isms': `// Nonconformities and corrective actions (clause 10.2). Record each one found by an audit,
// an incident or a management review, for example:
//     nonconformity NC-1 "…" {
//         source IA-1  clause "9.1"  severity major
//         root-cause "…"
//         correction "…"
//         corrective-action "…" {
//             owner CISO  due YYYY-MM-DD  status closed  closed YYYY-MM-DD
//             effective yes  verified-by CEO on YYYY-MM-DD
//         }
//     }
// A major nonconformity needs its root cause; a closed corrective action needs its
// verification: effective yes or no, verified-by ROLE on DATE.
`
    };
}
