/**
 * The stable diagnostic codes of the language. Users, CI configurations and other tools rely
 * on these names: never rename one, only add.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface DiagnosticRule {
    readonly code: string;
    readonly defaultSeverity: Severity;
    /** One line: what the rule finds. */
    readonly summary: string;
    /** What to do about it. */
    readonly help: string;
}

const rules = [
    { code: 'syntax-error', defaultSeverity: 'error', summary: 'The text does not follow the language\'s syntax.', help: 'Fix the text at the position shown; the message says which words were expected.' },
    { code: 'unresolved-reference', defaultSeverity: 'error', summary: 'A name refers to no declared element of the expected kind.', help: 'Declare the element in any .isms file of the workspace, or correct the name.' },
    { code: 'ambiguous-control-id', defaultSeverity: 'error', summary: 'A control id that several frameworks declare is written without its framework.', help: 'Write FRAMEWORK::ID, such as CSF2::PR.AA-01, to say which control is meant.' },
    { code: 'duplicate-id', defaultSeverity: 'error', summary: 'Two elements of one kind share an id.', help: 'Give each element of a kind a unique id across all files of the workspace.' },
    { code: 'invalid-date', defaultSeverity: 'error', summary: 'A date does not exist in the calendar.', help: 'Write a real date as YYYY-MM-DD.' },
    { code: 'duplicate-property', defaultSeverity: 'error', summary: 'A property is given more than once in one block.', help: 'Keep one occurrence of the property; each property may appear at most once.' },
    { code: 'isms-missing', defaultSeverity: 'error', summary: 'The workspace has no isms block (clause 4).', help: 'Declare exactly one `isms "Name" { … }` block in the workspace.' },
    { code: 'isms-duplicate', defaultSeverity: 'error', summary: 'The workspace has more than one isms block.', help: 'Keep exactly one `isms` block per workspace root.' },
    { code: 'scope-missing', defaultSeverity: 'error', summary: 'The isms block has no scope (clause 4.3).', help: 'Add a `scope { description "…" includes … }` block to the isms block.' },
    { code: 'unmitigated-risk', defaultSeverity: 'error', summary: 'A risk is treated by mitigation but names no control.', help: 'List the controls that mitigate the risk: `controls A.8.7, A.8.8`.' },
    { code: 'risk-unscored', defaultSeverity: 'error', summary: 'A risk has no likelihood or no impact (clause 6.1.2 d).', help: 'Assess the risk: `likelihood N impact N` on the methodology\'s scales.' },
    { code: 'untreated-risk', defaultSeverity: 'error', summary: 'A risk has no treatment (clause 6.1.3).', help: 'Add a `treatment mitigate|transfer|avoid|accept { … }`.' },
    { code: 'residual-above-appetite', defaultSeverity: 'warning', summary: 'The residual score is above the risk appetite and not accepted.', help: 'Treat the risk further, or accept the residual risk formally with `accept { by … on … because … }`.' },
    { code: 'acceptance-authority', defaultSeverity: 'warning', summary: 'A risk is accepted by a role that may not accept risks of its level.', help: 'Have the role named by the level\'s `accepted-by` (or one of a higher level) accept it.' },
    { code: 'residual-exceeds-inherent', defaultSeverity: 'error', summary: 'The residual score is higher than the inherent score.', help: 'A treatment cannot raise a risk: check the residual likelihood and impact.' },
    { code: 'score-out-of-scale', defaultSeverity: 'error', summary: 'A likelihood or impact is not on the methodology\'s scale.', help: 'Use a value defined by the methodology\'s `likelihood` or `impact` scale.' },
    { code: 'acceptance-incomplete', defaultSeverity: 'error', summary: 'A risk acceptance lacks who, when or why.', help: 'Complete it: `accept { by ROLE on DATE because "…" }`.' },
    { code: 'acceptance-expired', defaultSeverity: 'warning', summary: 'A risk acceptance has passed its `until` date.', help: 'Review the risk and renew or withdraw the acceptance.' },
    { code: 'excluded-control-used', defaultSeverity: 'error', summary: 'A risk is treated with a control that the SoA excludes.', help: 'Remove the control from the treatment, or apply the control instead of excluding it.' },
    { code: 'exclusion-unjustified', defaultSeverity: 'error', summary: 'A control is excluded without a reason (clause 6.1.3 d).', help: 'Give the reason: `exclude A.7.4 because "…"`.' },
    { code: 'decision-conflict', defaultSeverity: 'error', summary: 'A control is both applied and excluded, or decided twice.', help: 'Keep one decision per control.' },
    { code: 'control-undecided', defaultSeverity: 'warning', summary: 'A control of the framework is neither applicable nor excluded.', help: 'Decide it: `apply A.x.y { … }`, treat a risk with it, or `exclude A.x.y because "…"`.' },
    { code: 'applicability-unjustified', defaultSeverity: 'warning', summary: 'A control is applied with no risk treated by it and no reason.', help: 'Treat a risk with it, or give a reason: `because legal "…"`.' },
    { code: 'asset-without-owner', defaultSeverity: 'warning', summary: 'An asset has no owner (A.5.9).', help: 'Name the role that owns the asset: `owner ROLE`.' },
    { code: 'unassessed-asset', defaultSeverity: 'warning', summary: 'An in-scope asset is covered by no risk.', help: 'Assess the risks to the asset, or exclude it from the scope.' },
    { code: 'review-overdue', defaultSeverity: 'warning', summary: 'The last review is older than the review interval.', help: 'Review the element and update its `reviewed` date.' },
    { code: 'policy-unapproved', defaultSeverity: 'warning', summary: 'A policy has no approval (clause 5.2).', help: 'Record the approval: `approved-by ROLE on DATE`.' },
    { code: 'finding-without-action', defaultSeverity: 'error', summary: 'A major or minor audit finding has no corrective action, directly or through its nonconformity (clause 10.2).', help: 'Add a `corrective-action "…" { owner … due … status … }` to the finding or to the nonconformity it names.' },
    { code: 'action-overdue', defaultSeverity: 'warning', summary: 'An open corrective action is past its due date.', help: 'Close the action, or agree and record a new due date.' },
    { code: 'levels-inconsistent', defaultSeverity: 'error', summary: 'The methodology\'s levels overlap or leave gaps on the score range.', help: 'Make the levels cover every score from the lowest to the highest exactly once.' },
    { code: 'bidi-control-character', defaultSeverity: 'warning', summary: 'A string or comment holds a bidirectional control character ("Trojan Source").', help: 'Remove the character: it can make the text display in another order than tools read it (CVE-2021-42574).' },
    { code: 'fill-in-marker', defaultSeverity: 'warning', summary: 'A `FILL IN` marker left by `isms init` or an import is still in the model.', help: 'Do what the marker asks (a title, a property, a declaration), then remove the marker.' },
    { code: 'file-too-large', defaultSeverity: 'error', summary: 'A file is larger than the size limit and is left out of the model.', help: 'Split the file into several .isms files, or raise the limit with isms.maxFileSize / --max-file-size.' },
    { code: 'risk-without-owner', defaultSeverity: 'warning', summary: 'A risk names no owner (clause 6.1.2 c 2).', help: 'Name the role accountable for the risk: `owner ROLE`.' },
    { code: 'transfer-incomplete', defaultSeverity: 'error', summary: 'A risk transfer names no counterparty or gives no reason (clause 6.1.3).', help: 'Complete it: `transfer { to SUPPLIER because "…" }`.' },
    { code: 'treatment-overdue', defaultSeverity: 'warning', summary: 'A mitigation is past its due date while some of its controls are not implemented (clause 6.1.3 e).', help: 'Implement the controls and record `status implemented` on their `apply`, or agree and record a new `due` date.' },
    { code: 'acceptance-too-long', defaultSeverity: 'warning', summary: 'A risk acceptance runs longer than the methodology allows (clause 6.1.2 a 1).', help: 'Shorten the acceptance\'s `until` to within the methodology\'s `acceptance at most`.' },
    { code: 'acceptance-in-future', defaultSeverity: 'warning', summary: 'A risk acceptance is dated after today (clause 6.1.3 f).', help: 'Record the date the risk owner actually accepted the risk.' },
    { code: 'score-mismatch', defaultSeverity: 'warning', summary: 'A stated score or level differs from the one the methodology computes (clause 6.1.2 b).', help: 'Correct the stated value, or the likelihood and impact it was computed from.' },
    { code: 'justification-placeholder', defaultSeverity: 'warning', summary: 'A reason says nothing, such as "N/A" or "TBD" (clause 6.1.3 d).', help: 'Write the actual reason the decision was taken.' },
    { code: 'nonconformity-incomplete', defaultSeverity: 'warning', summary: 'A major nonconformity has no root cause, or a closed corrective action records no verified effectiveness (clause 10.2).', help: 'Record `root-cause "…"`, and on each closed action `effective yes|no verified-by ROLE on DATE`.' },
    { code: 'supplier-review-overdue', defaultSeverity: 'warning', summary: 'A supplier was last reviewed longer ago than its review interval (A.5.22).', help: 'Review the supplier and update its `reviewed` date.' },
    { code: 'training-overdue', defaultSeverity: 'warning', summary: 'A recurring training is past its next due date (clause 7.2, 7.3).', help: 'Run the training again and record its new `date`.' },
    { code: 'climate-undetermined', defaultSeverity: 'warning', summary: 'The isms block does not say whether climate change is a relevant issue (clause 4.1, Amd 1:2024).', help: 'Add `climate relevant`, or `climate not-relevant because "…"`, to the isms block.' },
    { code: 'requirement-unaddressed', defaultSeverity: 'warning', summary: 'A requirement of an interested party is addressed by nothing (clause 4.2 c).', help: 'Name what addresses it: `addressed-by` a risk, opportunity, control, policy or objective.' },
    { code: 'scope-empty', defaultSeverity: 'error', summary: 'The scope has neither a description nor included assets (clause 4.3).', help: 'Describe the scope: `scope { description "…" includes … }`.' },
    { code: 'objective-unmeasured', defaultSeverity: 'warning', summary: 'An objective has no measurement within its `measure every` interval (clauses 6.2, 9.1).', help: 'Measure the objective and record it: `measured DATE value N`.' },
    { code: 'objective-missed', defaultSeverity: 'warning', summary: 'The latest measurement of an objective fails its target (clause 6.2).', help: 'Plan how to reach the target, or have management revise it.' },
    { code: 'evidence-stale', defaultSeverity: 'warning', summary: 'Evidence is older than its validity (clause 7.5.3).', help: 'Collect the evidence again and update its `collected` date.' },
    { code: 'evidence-not-found', defaultSeverity: 'warning', summary: 'A relative evidence or policy document path names no file in the workspace (clause 7.5.3).', help: 'Add the file, or correct the path; paths are relative to the workspace folder.' },
    { code: 'document-unapproved', defaultSeverity: 'warning', summary: 'The methodology or the Statement of Applicability records no approval (clause 7.5.2).', help: 'Record the approval: `approved-by ROLE on DATE`.' },
    { code: 'audit-overdue', defaultSeverity: 'warning', summary: 'No internal audit is dated within the isms block\'s `audits every` interval (clause 9.2).', help: 'Hold the internal audit and record it: `audit ID "…" { date DATE }`.' },
    { code: 'management-review-overdue', defaultSeverity: 'warning', summary: 'No management review is dated within the isms block\'s `management-reviews every` interval (clause 9.3).', help: 'Hold the management review and record it: `management-review ID "…" { date DATE }`.' },
    { code: 'review-inputs-missing', defaultSeverity: 'warning', summary: 'A management review does not consider all ten inputs of clause 9.3.2.', help: 'List every input the review considered: `inputs actions-status, context-changes, …`.' }
] as const satisfies readonly DiagnosticRule[];

export type DiagnosticCode = typeof rules[number]['code'];

export const DIAGNOSTIC_RULES: ReadonlyMap<DiagnosticCode, DiagnosticRule> = new Map(rules.map(rule => [rule.code, rule]));

export function isDiagnosticCode(code: string): code is DiagnosticCode {
    return DIAGNOSTIC_RULES.has(code as DiagnosticCode);
}
