/**
 * NIS2 Directive (EU) 2022/2555, Article 21(2), points (a) to (j): the cybersecurity
 * risk-management measures every essential and important entity takes. Loaded only when the
 * isms block lists the framework (`frameworks NIS2`).
 *
 * Source: Directive (EU) 2022/2555 of 14 December 2022, Official Journal of the European Union
 * L 333, 27.12.2022, p. 80 (CELEX 32022L2555), English text of Article 21(2). Licence: the reuse
 * of EU legal texts is authorised by Commission Decision 2011/833/EU, © European Union,
 * https://eur-lex.europa.eu/; only the printed Official Journal is authentic. No mapping onto
 * ISO/IEC 27001:2022 ships with it: no published mapping under a licence that allows it was at
 * hand; declare your own with `maps` or a `mapping`.
 */
export const NIS2_FRAMEWORK = 'NIS2';

export const NIS2_SOURCE = `// Built into ISMS as Code: read-only.
// Directive (EU) 2022/2555 (NIS2), Article 21(2), points (a) to (j). © European Union, https://eur-lex.europa.eu/
// (reuse authorised by Commission Decision 2011/833/EU).
framework NIS2 "NIS2 Directive (EU) 2022/2555, Article 21(2)" {
    control Art.21(2)(a) "Policies on risk analysis and information system security"
    control Art.21(2)(b) "Incident handling"
    control Art.21(2)(c) "Business continuity, such as backup management and disaster recovery, and crisis management"
    control Art.21(2)(d) "Supply chain security, including security-related aspects concerning the relationships between each entity and its direct suppliers or service providers"
    control Art.21(2)(e) "Security in network and information systems acquisition, development and maintenance, including vulnerability handling and disclosure"
    control Art.21(2)(f) "Policies and procedures to assess the effectiveness of cybersecurity risk-management measures"
    control Art.21(2)(g) "Basic cyber hygiene practices and cybersecurity training"
    control Art.21(2)(h) "Policies and procedures regarding the use of cryptography and, where appropriate, encryption"
    control Art.21(2)(i) "Human resources security, access control policies and asset management"
    control Art.21(2)(j) "The use of multi-factor authentication or continuous authentication solutions, secured voice, video and text communications and secured emergency communication systems within the entity, where appropriate"
}
`;
