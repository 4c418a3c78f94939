/**
 * The ISO/IEC 27001:2022 Annex A catalog, written in the ISMS language itself and loaded as a
 * read-only built-in document, so that `A.8.13` resolves, hovers and completes with no file of
 * the user's. Control titles are the standard's short titles.
 */
export const ANNEX_A_2022_FRAMEWORK = 'ISO27001_2022';

export const ANNEX_A_2022_SOURCE = `// Built into ISMS as Code: read-only.
framework ISO27001_2022 "ISO/IEC 27001:2022 Annex A" {
    // Organizational controls (clause 5)
    control A.5.1 "Policies for information security" { theme organizational }
    control A.5.2 "Information security roles and responsibilities" { theme organizational }
    control A.5.3 "Segregation of duties" { theme organizational }
    control A.5.4 "Management responsibilities" { theme organizational }
    control A.5.5 "Contact with authorities" { theme organizational }
    control A.5.6 "Contact with special interest groups" { theme organizational }
    control A.5.7 "Threat intelligence" { theme organizational }
    control A.5.8 "Information security in project management" { theme organizational }
    control A.5.9 "Inventory of information and other associated assets" { theme organizational }
    control A.5.10 "Acceptable use of information and other associated assets" { theme organizational }
    control A.5.11 "Return of assets" { theme organizational }
    control A.5.12 "Classification of information" { theme organizational }
    control A.5.13 "Labelling of information" { theme organizational }
    control A.5.14 "Information transfer" { theme organizational }
    control A.5.15 "Access control" { theme organizational }
    control A.5.16 "Identity management" { theme organizational }
    control A.5.17 "Authentication information" { theme organizational }
    control A.5.18 "Access rights" { theme organizational }
    control A.5.19 "Information security in supplier relationships" { theme organizational }
    control A.5.20 "Addressing information security within supplier agreements" { theme organizational }
    control A.5.21 "Managing information security in the ICT supply chain" { theme organizational }
    control A.5.22 "Monitoring, review and change management of supplier services" { theme organizational }
    control A.5.23 "Information security for use of cloud services" { theme organizational }
    control A.5.24 "Information security incident management planning and preparation" { theme organizational }
    control A.5.25 "Assessment and decision on information security events" { theme organizational }
    control A.5.26 "Response to information security incidents" { theme organizational }
    control A.5.27 "Learning from information security incidents" { theme organizational }
    control A.5.28 "Collection of evidence" { theme organizational }
    control A.5.29 "Information security during disruption" { theme organizational }
    control A.5.30 "ICT readiness for business continuity" { theme organizational }
    control A.5.31 "Legal, statutory, regulatory and contractual requirements" { theme organizational }
    control A.5.32 "Intellectual property rights" { theme organizational }
    control A.5.33 "Protection of records" { theme organizational }
    control A.5.34 "Privacy and protection of PII" { theme organizational }
    control A.5.35 "Independent review of information security" { theme organizational }
    control A.5.36 "Compliance with policies, rules and standards for information security" { theme organizational }
    control A.5.37 "Documented operating procedures" { theme organizational }

    // People controls (clause 6)
    control A.6.1 "Screening" { theme people }
    control A.6.2 "Terms and conditions of employment" { theme people }
    control A.6.3 "Information security awareness, education and training" { theme people }
    control A.6.4 "Disciplinary process" { theme people }
    control A.6.5 "Responsibilities after termination or change of employment" { theme people }
    control A.6.6 "Confidentiality or non-disclosure agreements" { theme people }
    control A.6.7 "Remote working" { theme people }
    control A.6.8 "Information security event reporting" { theme people }

    // Physical controls (clause 7)
    control A.7.1 "Physical security perimeters" { theme physical }
    control A.7.2 "Physical entry" { theme physical }
    control A.7.3 "Securing offices, rooms and facilities" { theme physical }
    control A.7.4 "Physical security monitoring" { theme physical }
    control A.7.5 "Protecting against physical and environmental threats" { theme physical }
    control A.7.6 "Working in secure areas" { theme physical }
    control A.7.7 "Clear desk and clear screen" { theme physical }
    control A.7.8 "Equipment siting and protection" { theme physical }
    control A.7.9 "Security of assets off-premises" { theme physical }
    control A.7.10 "Storage media" { theme physical }
    control A.7.11 "Supporting utilities" { theme physical }
    control A.7.12 "Cabling security" { theme physical }
    control A.7.13 "Equipment maintenance" { theme physical }
    control A.7.14 "Secure disposal or re-use of equipment" { theme physical }

    // Technological controls (clause 8)
    control A.8.1 "User end point devices" { theme technological }
    control A.8.2 "Privileged access rights" { theme technological }
    control A.8.3 "Information access restriction" { theme technological }
    control A.8.4 "Access to source code" { theme technological }
    control A.8.5 "Secure authentication" { theme technological }
    control A.8.6 "Capacity management" { theme technological }
    control A.8.7 "Protection against malware" { theme technological }
    control A.8.8 "Management of technical vulnerabilities" { theme technological }
    control A.8.9 "Configuration management" { theme technological }
    control A.8.10 "Information deletion" { theme technological }
    control A.8.11 "Data masking" { theme technological }
    control A.8.12 "Data leakage prevention" { theme technological }
    control A.8.13 "Information backup" { theme technological }
    control A.8.14 "Redundancy of information processing facilities" { theme technological }
    control A.8.15 "Logging" { theme technological }
    control A.8.16 "Monitoring activities" { theme technological }
    control A.8.17 "Clock synchronization" { theme technological }
    control A.8.18 "Use of privileged utility programs" { theme technological }
    control A.8.19 "Installation of software on operational systems" { theme technological }
    control A.8.20 "Networks security" { theme technological }
    control A.8.21 "Security of network services" { theme technological }
    control A.8.22 "Segregation of networks" { theme technological }
    control A.8.23 "Web filtering" { theme technological }
    control A.8.24 "Use of cryptography" { theme technological }
    control A.8.25 "Secure development life cycle" { theme technological }
    control A.8.26 "Application security requirements" { theme technological }
    control A.8.27 "Secure system architecture and engineering principles" { theme technological }
    control A.8.28 "Secure coding" { theme technological }
    control A.8.29 "Security testing in development and acceptance" { theme technological }
    control A.8.30 "Outsourced development" { theme technological }
    control A.8.31 "Separation of development, test and production environments" { theme technological }
    control A.8.32 "Change management" { theme technological }
    control A.8.33 "Test information" { theme technological }
    control A.8.34 "Protection of information systems during audit testing" { theme technological }
}
`;
