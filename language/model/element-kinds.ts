/** How users call each kind of element: the keyword that declares it. */
const KIND_LABELS: Record<string, string> = {
    IsmsBlock: 'isms block',
    Methodology: 'methodology',
    Role: 'role',
    Asset: 'asset',
    Supplier: 'supplier',
    Threat: 'threat',
    Vulnerability: 'vulnerability',
    Risk: 'risk',
    Apply: 'apply',
    Exclude: 'exclude',
    Policy: 'policy',
    Objective: 'objective',
    Audit: 'audit',
    Finding: 'finding',
    Incident: 'incident',
    ManagementReview: 'management review',
    Framework: 'framework',
    Control: 'control',
    ControlMapping: 'mapping',
    Mapping: 'mapping',
    MappingEdge: 'mapping edge',
    Attribute: 'attribute',
    AttributeValue: 'attribute value',
    ContextIssue: 'issue',
    Party: 'party',
    Requirement: 'requirement',
    Opportunity: 'opportunity',
    Change: 'change',
    Training: 'training',
    Nonconformity: 'nonconformity',
    CorrectiveAction: 'corrective action',
    // Reference targets that may be one of several kinds:
    Addressable: 'risk, opportunity, control, policy or objective',
    ChangeTarget: 'risk or asset',
    NonconformitySource: 'audit, incident or management review'
};

export function kindLabel(type: string): string {
    return KIND_LABELS[type] ?? type.toLowerCase();
}

