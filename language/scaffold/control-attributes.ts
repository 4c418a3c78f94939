/**
 * The five attributes ISO/IEC 27002:2022 (clause 4.2) classifies controls by, with their values:
 * the vocabulary only, as `attribute` declarations a model owns and may change. Which values the
 * standard gives each of its controls is its own table, which is not free and does not ship.
 */
export const CONTROL_ATTRIBUTES = `// Attributes to classify controls by (ISO/IEC 27002:2022, clause 4.2): the vocabulary.
// Give them to your decisions, such as  apply A.8.7 { attributes Preventive, Detective, Integrity }
// and group or filter the Statement of Applicability by them:  isms soa --attribute Preventive

attribute ControlType "Control type" {
    value Preventive "Preventive"
    value Detective "Detective"
    value Corrective "Corrective"
}

attribute SecurityProperty "Information security property" {
    value Confidentiality "Confidentiality"
    value Integrity "Integrity"
    value Availability "Availability"
}

attribute CybersecurityConcept "Cybersecurity concept" {
    value Identify "Identify"
    value Protect "Protect"
    value Detect "Detect"
    value Respond "Respond"
    value Recover "Recover"
}

attribute OperationalCapability "Operational capability" {
    value Governance "Governance"
    value Asset_management "Asset management"
    value Information_protection "Information protection"
    value Human_resource_security "Human resource security"
    value Physical_security "Physical security"
    value System_and_network_security "System and network security"
    value Application_security "Application security"
    value Secure_configuration "Secure configuration"
    value Identity_and_access_management "Identity and access management"
    value Threat_and_vulnerability_management "Threat and vulnerability management"
    value Continuity "Continuity"
    value Supplier_relationships_security "Supplier relationships security"
    value Legal_and_compliance "Legal and compliance"
    value Information_security_event_management "Information security event management"
    value Information_security_assurance "Information security assurance"
}

attribute SecurityDomain "Security domain" {
    value Governance_and_Ecosystem "Governance and ecosystem"
    value Protection "Protection"
    value Defence "Defence"
    value Resilience "Resilience"
}
`;
