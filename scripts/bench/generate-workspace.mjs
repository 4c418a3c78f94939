#!/usr/bin/env node
// Generates a realistic, valid ISMS workspace of a named size for the performance benchmark.
//
//   node scripts/bench/generate-workspace.mjs --size S|M|L --out DIR [--seed N] [--risks N]
//
// The output is deterministic for a given size (or risk count) and seed: the same bytes on
// every machine. The model is clean (no errors, no warnings as of 2026-11-23): every risk is
// scored and treated with controls and a residual within the appetite or accepted by a role
// allowed to accept it, every asset is owned and covered by a risk, every Annex A control is
// decided exactly once, every date lies after 2026-01-01 and acceptances run past 2027-06-01.
//
// Layout (one ISMS concern per file, files of a few hundred lines, references across files):
//   isms.isms, methodology.isms, roles.isms, suppliers.isms, policies.isms, objectives.isms,
//   controls.isms, management-review.isms, soa/<theme>.isms, assets/<unit>-NNN.isms,
//   threats/threats-NNN.isms, threats/vulnerabilities-NNN.isms, risks/<unit>-NNN.isms,
//   audits/audit-NNN.isms, incidents/incidents-NNN.isms, and workspace.json (a manifest
//   the benchmark reads; not an .isms file).
import { mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIZES = {
    S: { risks: 500 },
    M: { risks: 5000 },
    L: { risks: 50000 },
    // Measured with the CLI only: the largest model the command line is expected to take.
    XL: { risks: 100000 }
};

const RISKS_PER_FILE = 20;
const ASSETS_PER_FILE = 30;
const THREATS_PER_FILE = 60;
const VULNERABILITIES_PER_FILE = 40;
const INCIDENTS_PER_FILE = 20;

// ------------------------------------------------------------------ deterministic randomness

export function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6D2B79F5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

class Random {
    constructor(seed) { this.next = mulberry32(seed); }
    /** Integer in [min, max]. */
    int(min, max) { return min + Math.floor(this.next() * (max - min + 1)); }
    pick(list) { return list[Math.floor(this.next() * list.length)]; }
    chance(p) { return this.next() < p; }
    /** `count` distinct items of `list` (or all of them). */
    sample(list, count) {
        const copy = [...list];
        const out = [];
        while (out.length < count && copy.length > 0) {
            out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
        }
        return out;
    }
    /** A real date between two YYYY-MM-DD dates (days 1..28 only, so every date exists). */
    date(from, to) {
        const [fy, fm] = from.split('-').map(Number);
        const [ty, tm] = to.split('-').map(Number);
        const months = (ty - fy) * 12 + (tm - fm);
        const offset = this.int(0, months);
        const year = fy + Math.floor((fm - 1 + offset) / 12);
        const month = ((fm - 1 + offset) % 12) + 1;
        let day = this.int(1, 28);
        if (offset === 0) day = Math.max(day, Number(from.split('-')[2]));
        if (offset === months) day = Math.min(day, Number(to.split('-')[2]));
        return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    }
}

function pad(n, width) {
    return String(n).padStart(width, '0');
}

// ------------------------------------------------------------------ vocabulary

const ANNEX_A = [
    ...range(1, 37).map(n => `A.5.${n}`),
    ...range(1, 8).map(n => `A.6.${n}`),
    ...range(1, 14).map(n => `A.7.${n}`),
    ...range(1, 34).map(n => `A.8.${n}`)
];
/** No premises: the physical perimeter controls are excluded, with a reason. */
const EXCLUDED = new Map([
    ['A.7.1', 'No company premises: the organisation works remotely and runs no office or server room; data-centre perimeters are the cloud provider\'s (A.5.23)'],
    ['A.7.2', 'No company premises: there is no physical entry point under the organisation\'s control; data-centre entry is covered by the provider\'s SOC 2 report'],
    ['A.7.3', 'No offices, rooms or facilities: staff work from home or co-working spaces, covered by A.6.7 and A.7.9'],
    ['A.7.4', 'No company premises to monitor; data-centre monitoring is the provider\'s under the shared responsibility model'],
    ['A.7.6', 'No secure areas: the organisation operates no facility, and provider data centres are not accessible to staff']
]);
const APPLIED = ANNEX_A.filter(id => !EXCLUDED.has(id));

const BASE_ROLES = [
    ['CEO', 'Chief Executive Officer', 'Maria Alvarez'],
    ['CTO', 'Chief Technology Officer', 'Tom Becker'],
    ['COO', 'Chief Operating Officer', 'Priya Nair'],
    ['CISO', 'Chief Information Security Officer', 'Jane Doe'],
    ['DPO', 'Data Protection Officer', 'Lena Vogel'],
    ['CFO', 'Chief Financial Officer', 'Henrik Dahl'],
    ['PlatformLead', 'Platform Engineering Lead', 'Kwame Mensah'],
    ['EngManager', 'Engineering Manager', 'Sofia Rossi'],
    ['ITOps', 'IT Operations Lead', 'Lukas Novak'],
    ['HeadOfPeople', 'Head of People', 'Emma Clarke'],
    ['HeadOfSupport', 'Head of Customer Support', 'Daniel Okafor'],
    ['MarketingLead', 'Head of Marketing', 'Chloe Martin'],
    ['LegalCounsel', 'General Counsel', 'Amira Haddad'],
    ['SecurityEngineer', 'Lead Security Engineer', 'Jonas Berg'],
    ['SRELead', 'Site Reliability Lead', 'Ines Duarte'],
    ['DataLead', 'Head of Data', 'Oliver Grant'],
    ['ProductLead', 'Head of Product', 'Yuki Tanaka'],
    ['QALead', 'Quality Assurance Lead', 'Marta Kowalska'],
    ['ProcurementLead', 'Procurement Lead', 'Samuel Osei'],
    ['FacilitiesLead', 'Workplace and Facilities Lead', 'Nora Lindqvist']
];

const UNITS = ['payments', 'logistics', 'retail', 'analytics', 'identity', 'platform', 'support', 'corporate', 'mobile', 'partners', 'billing', 'search'];
const UNIT_TITLES = {
    payments: 'Payments', logistics: 'Logistics', retail: 'Retail storefront', analytics: 'Analytics', identity: 'Identity and access',
    platform: 'Core platform', support: 'Customer support', corporate: 'Corporate IT', mobile: 'Mobile apps', partners: 'Partner integrations',
    billing: 'Billing', search: 'Search and recommendations'
};

const ASSET_KINDS = [
    { kind: 'data', prefix: 'Data', titles: ['customer records', 'order history', 'payment references', 'event stream', 'audit trail', 'analytics warehouse tables', 'document store', 'user profiles', 'pricing tables', 'support attachments'] },
    { kind: 'service', prefix: 'Svc', titles: ['PostgreSQL cluster', 'Kubernetes cluster', 'message broker', 'object storage bucket', 'API gateway', 'Redis cache', 'search cluster', 'CDN distribution', 'batch scheduler', 'identity provider tenant'] },
    { kind: 'software', prefix: 'App', titles: ['web application', 'backend service', 'mobile app', 'data pipeline', 'internal admin console', 'reporting service', 'integration adapter', 'CI pipeline definitions'] },
    { kind: 'hardware', prefix: 'Hw', titles: ['staff laptops', 'build agents', 'network appliances', 'hardware security modules', 'test devices'] },
    { kind: 'process', prefix: 'Proc', titles: ['release process', 'on-call process', 'access request process', 'change approval process', 'vendor onboarding process'] },
    { kind: 'people', prefix: 'Team', titles: ['engineering team', 'support agents', 'contractors', 'data analysts'] }
];
const RATINGS = ['low', 'medium', 'high', 'critical'];
const CLASSIFICATIONS = ['internal', 'confidential', 'restricted'];
const LOCATIONS = ['AWS eu-west-1', 'AWS eu-central-1', 'GCP europe-west4', 'Azure West Europe', 'Staff homes in the UK and EU', 'Colocation rack, Frankfurt'];

/** Title, category, source, and the short label that risk titles use. */
const THREATS = [
    ['Phishing and credential theft', 'malicious', 'external', 'Phishing'],
    ['Ransomware and destructive extortion', 'malicious', 'external', 'Ransomware'],
    ['Malware on an endpoint', 'malicious', 'external', 'Malware'],
    ['Exploitation of a software vulnerability', 'malicious', 'external', 'Exploited vulnerability'],
    ['Compromise through a supplier or third-party code', 'malicious', 'external', 'Supply-chain compromise'],
    ['Denial-of-service attack', 'malicious', 'external', 'Denial of service'],
    ['Payment fraud and business email compromise', 'malicious', 'external', 'Payment fraud'],
    ['Misuse of legitimate access', 'malicious', 'internal', 'Misuse of access'],
    ['Cloud or SaaS misconfiguration', 'accidental', 'internal', 'Misconfiguration'],
    ['Human error in operation or change', 'accidental', 'internal', 'Human error'],
    ['Accidental disclosure of credentials or keys', 'accidental', 'internal', 'Leaked credentials'],
    ['Loss or theft of a device', 'accidental', 'external', 'Lost device'],
    ['Cloud region or service outage', 'environmental', 'external', 'Cloud outage'],
    ['Supplier failure, insolvency or termination', 'accidental', 'external', 'Supplier failure'],
    ['Loss of key personnel', 'accidental', 'internal', 'Loss of key staff'],
    ['Processing of personal data in breach of GDPR', 'accidental', 'internal', 'Unlawful processing'],
    ['Data corruption by a faulty deployment', 'accidental', 'internal', 'Faulty deployment'],
    ['Credential stuffing against customer accounts', 'malicious', 'external', 'Credential stuffing'],
    ['Insider data exfiltration', 'malicious', 'internal', 'Insider exfiltration'],
    ['Power or cooling failure at a facility', 'environmental', 'external', 'Power failure']
];
const VULNERABILITIES = [
    'Tenant isolation enforced only by application-level filters', 'Outdated third-party libraries and base images',
    'CI actions and packages not pinned to digests', 'Engineers hold standing administrator access',
    'No preventive guardrails on new cloud resources', 'MFA not phishing-resistant', 'Nothing stops secrets from being committed',
    'Single-region deployment', 'Restores not rehearsed on a schedule', 'Logs kept for 14 days only',
    'Offboarding is a manual checklist', 'EDR not deployed on every device', 'Customers attach data extracts to tickets',
    'Shared service accounts', 'Link sharing allowed to anyone with the link', 'Supplier holds standing admin rights',
    'Deletion after contract end is manual', 'Knowledge held by two engineers', 'No rate limiting on the public API',
    'Unencrypted internal traffic between services'
];
const TREATMENT_NOTES = [
    'Residual assessed after the control owner confirmed the controls operate as designed.',
    'Treatment agreed at the quarterly risk review with the asset owner.',
    'Controls verified by the internal audit sample; evidence linked in the SoA.',
    'Residual re-scored after the last penetration test.',
    'Monitoring alerts route to the on-call rota; reviewed monthly.'
];
const ACCEPT_REASONS = [
    'Planned controls land next year; compensating monitoring in place',
    'Needs a platform migration scheduled for 2027; reviewed quarterly',
    'Further treatment costs more than the expected loss',
    'Vendor roadmap closes the gap within the acceptance period'
];

// ------------------------------------------------------------------ generation

function range(from, to) {
    const out = [];
    for (let i = from; i <= to; i++) out.push(i);
    return out;
}

function quote(text) {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function list(items, indent, perLine = 6) {
    const lines = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
    return lines.join(`,\n${indent}`);
}

/** Splits `items` into chunks of `size`. */
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

/**
 * Builds the model in memory: returns a map from relative path to text, and a manifest.
 */
export function generateWorkspace({ risks: riskCount, seed = 1 }) {
    const rng = new Random(seed * 7919 + riskCount);
    const files = new Map();

    const assetCount = Math.max(Math.min(30, riskCount), Math.ceil(riskCount / 4));
    const threatCount = Math.max(20, Math.ceil(riskCount / 50));
    const vulnerabilityCount = Math.max(20, Math.ceil(riskCount / 20));
    const roleCount = Math.min(100, 20 + Math.floor(riskCount / 250));
    const supplierCount = Math.min(60, 10 + Math.floor(riskCount / 250));
    const auditCount = Math.max(2, Math.ceil(riskCount / 500));
    const incidentCount = Math.max(5, Math.ceil(riskCount / 25));
    const internalControlCount = 20;

    // ---- roles
    const roles = BASE_ROLES.map(([id, title, person]) => ({ id, title, person }));
    for (let i = roles.length; i < roleCount; i++) {
        const unit = UNITS[i % UNITS.length];
        roles.push({ id: `Lead-${pad(i, 3)}`, title: `${UNIT_TITLES[unit]} team lead ${Math.floor(i / UNITS.length)}`, person: `Person ${pad(i, 3)}` });
    }
    const roleIds = roles.map(role => role.id);
    const ownerRole = () => rng.chance(0.6) ? rng.pick(roleIds.slice(0, BASE_ROLES.length)) : rng.pick(roleIds);
    {
        const out = ['// Roles (A.5.2). People change; the model references roles only.', ''];
        for (const role of roles) {
            out.push(`role ${role.id} ${quote(role.title)} {`);
            out.push(`    person ${quote(role.person)}`);
            out.push(`    email ${quote(`${role.person.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`)}`);
            if (rng.chance(0.3)) out.push(`    description ${quote(`Accountable for ${rng.pick(Object.values(UNIT_TITLES)).toLowerCase()} security decisions`)}`);
            out.push('}', '');
        }
        files.set('roles.isms', out.join('\n'));
    }

    // ---- methodology
    files.set('methodology.isms', `// Risk assessment methodology (clause 6.1.2). Approved by the CEO with the ISMS in January 2026.

methodology Risk5x5 "5x5 risk matrix" {
    likelihood 1 "Rare (less than once in 10 years)"
               2 "Unlikely (once in 3-10 years)"
               3 "Possible (once in 1-3 years)"
               4 "Likely (about once a year)"
               5 "Almost certain (several times a year)"
    impact     1 "Negligible (no customer impact)"
               2 "Minor (single customer, under 4h outage)"
               3 "Moderate (several customers, or personal data of a few people)"
               4 "Major (notifiable breach, or outage of 1-3 days)"
               5 "Severe (cross-tenant breach, loss of customer data, or outage over 3 days)"
    levels {
        low      1..4
        medium   5..9
        high     10..16 accepted-by CISO
        critical 17..25 accepted-by CEO
    }
    appetite 9
    review every 12 months
    approved-by CEO on 2026-01-15
}
`);

    // ---- suppliers
    const suppliers = [];
    const supplierNames = ['Amazon Web Services EMEA SARL', 'GitHub Inc.', 'Google Cloud EMEA Ltd', 'Stripe Payments Europe Ltd', 'Zendesk Inc.',
        'Northgate Managed IT Ltd', 'Datadog Inc.', 'Atlassian Pty Ltd', 'Cloudflare Inc.', 'Okta Inc.'];
    {
        const out = ['// Supplier register (A.5.19-A.5.22). `reviewed` is the last annual security review.', ''];
        for (let i = 0; i < supplierCount; i++) {
            const id = `SUP-${pad(i + 1, 3)}`;
            suppliers.push(id);
            out.push(`supplier ${id} ${quote(supplierNames[i] ?? `Supplier ${pad(i + 1, 3)} Ltd`)} {`);
            out.push(`    criticality ${rng.pick(['low', 'medium', 'high'])}`);
            out.push(`    contract ${quote(`Master services agreement ${2024 + (i % 3)}-${pad(i * 7 % 1000, 3)} + DPA`)}`);
            out.push(`    owner ${ownerRole()}`);
            out.push(`    reviewed ${rng.date('2026-01-05', '2026-11-15')}`);
            out.push('}', '');
        }
        files.set('suppliers.isms', out.join('\n'));
    }

    // ---- policies
    // The files the policies' `document` paths name (not model files: not counted in the manifest).
    const documents = new Map();
    const policyDefs = [
        ['InfoSecPolicy', 'Information Security Policy'], ['AcceptableUsePolicy', 'Acceptable Use Policy'],
        ['AccessControlPolicy', 'Access Control Policy'], ['CryptographyPolicy', 'Cryptography and Key Management Policy'],
        ['SecureDevelopmentPolicy', 'Secure Development Policy'], ['SupplierSecurityPolicy', 'Supplier Security Policy'],
        ['IncidentResponsePolicy', 'Incident Response Policy and Plan'], ['BusinessContinuityPolicy', 'Business Continuity Policy'],
        ['DataProtectionPolicy', 'Data Protection Policy'], ['RemoteWorkingPolicy', 'Remote Working Policy']
    ];
    {
        const out = ['// Policy set (clause 5.2 and A.5.1). `document` paths are relative to the ISMS repository root.', ''];
        for (const [id, title] of policyDefs) {
            const approved = rng.date('2026-01-05', '2026-06-28');
            out.push(`policy ${id} ${quote(title)} {`);
            out.push(`    version ${quote(`${rng.int(1, 3)}.${rng.int(0, 9)}`)}`);
            out.push(`    owner ${rng.pick(['CISO', 'CTO', 'COO', 'DPO', 'ITOps'])}`);
            out.push(`    approved-by ${rng.pick(['CEO', 'CTO', 'CISO'])} on ${approved}`);
            out.push('    review every 12 months');
            out.push(`    reviewed ${rng.date('2026-07-01', '2026-11-15')}`);
            const document = `policies/${id.replace(/Policy$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.md`;
            out.push(`    document ${quote(document)}`);
            documents.set(document, `# ${title}\n`);
            out.push('}', '');
        }
        files.set('policies.isms', out.join('\n'));
    }

    // ---- internal controls
    const internalControls = range(1, internalControlCount).map(n => `OC-${pad(n, 2)}`);
    {
        const out = ['// Internal controls, mapped onto Annex A. The Annex A decisions are in soa/.', '',
            'framework OrgControls "Internal controls" {'];
        for (const id of internalControls) {
            out.push(`    control ${id} ${quote(`Internal control ${id}: ${rng.pick(['automated access review', 'quarterly restore rehearsal', 'hardware keys for admins', 'tenant isolation tests', 'secret scanning gate', 'offboarding automation'])}`)} {`);
            out.push(`        theme ${rng.pick(['organizational', 'technological', 'people'])}`);
            out.push(`        maps ${rng.sample(APPLIED, 3).join(', ')}`);
            out.push('    }');
        }
        out.push('}', '');
        files.set('controls.isms', out.join('\n'));
    }

    // ---- assets
    const assets = [];
    const assetFiles = [];
    for (let i = 0; i < assetCount; i++) {
        const kind = ASSET_KINDS[i % ASSET_KINDS.length];
        const unit = UNITS[Math.floor(i / ASSETS_PER_FILE) % UNITS.length];
        assets.push({ id: `${kind.prefix}-${pad(i + 1, 5)}`, kind, unit, title: `${UNIT_TITLES[unit]} ${rng.pick(kind.titles)} ${Math.floor(i / ASSET_KINDS.length) + 1}` });
    }
    chunks(assets, ASSETS_PER_FILE).forEach((group, f) => {
        const unit = group[0].unit;
        const path = `assets/${unit}-${pad(f + 1, 3)}.isms`;
        assetFiles.push(path);
        const out = [`// Asset inventory (A.5.9), ${UNIT_TITLES[unit]}. Classification: public < internal < confidential < restricted.`, ''];
        group.forEach((asset, k) => {
            const index = f * ASSETS_PER_FILE + k;
            out.push(`asset ${asset.id} ${quote(asset.title)} {`);
            out.push(`    kind ${asset.kind.kind}`);
            out.push(`    owner ${ownerRole()}`);
            out.push(`    classification ${rng.pick(CLASSIFICATIONS)}`);
            out.push(`    confidentiality ${rng.pick(RATINGS)}  integrity ${rng.pick(RATINGS)}  availability ${rng.pick(RATINGS)}`);
            if (index > 0 && rng.chance(0.4)) {
                const dependsOn = rng.sample(assets.slice(Math.max(0, index - 20), index).map(a => a.id), rng.int(1, 2));
                out.push(`    depends-on ${dependsOn.join(', ')}`);
            }
            if (asset.kind.kind === 'service' || asset.kind.kind === 'data') out.push(`    hosted-by ${rng.pick(suppliers.slice(0, 10))}`);
            if (rng.chance(0.3)) out.push(`    location ${quote(rng.pick(LOCATIONS))}`);
            if (rng.chance(0.35)) out.push(`    description ${quote(`Used by the ${UNIT_TITLES[asset.unit].toLowerCase()} team; restored from backups within 24 hours`)}`);
            out.push('}', '');
        });
        files.set(path, out.join('\n'));
    });
    const assetIds = assets.map(asset => asset.id);

    // ---- threats and vulnerabilities
    const threats = range(1, threatCount).map(n => `TH-${pad(n, 4)}`);
    chunks(threats, THREATS_PER_FILE).forEach((group, f) => {
        const out = ['// Threat catalogue used by the risk register.', ''];
        for (const id of group) {
            const n = Number(id.slice(3)) - 1;
            const [title, category, source] = THREATS[n % THREATS.length];
            const variant = Math.floor(n / THREATS.length);
            out.push(`threat ${id} ${quote(variant === 0 ? title : `${title} (variant ${variant})`)} { category ${category}  source ${source} }`);
        }
        out.push('');
        files.set(`threats/threats-${pad(f + 1, 3)}.isms`, out.join('\n'));
    });
    const vulnerabilities = range(1, vulnerabilityCount).map(n => `VU-${pad(n, 5)}`);
    chunks(vulnerabilities, VULNERABILITIES_PER_FILE).forEach((group, f) => {
        const out = ['// Vulnerabilities found by assessments, scans and audits.', ''];
        for (const id of group) {
            const n = Number(id.slice(3)) - 1;
            const near = Math.floor(n * assetCount / vulnerabilityCount);
            const affects = rng.sample(assetIds.slice(near, Math.min(assetCount, near + 6)), rng.int(1, 3));
            out.push(`vulnerability ${id} ${quote(`${VULNERABILITIES[n % VULNERABILITIES.length]} (${n + 1})`)} {`);
            out.push(`    affects ${affects.join(', ')}`);
            out.push('}');
        }
        out.push('');
        files.set(`threats/vulnerabilities-${pad(f + 1, 3)}.isms`, out.join('\n'));
    });

    // ---- risks
    const riskIds = range(1, riskCount).map(n => `R-${pad(n, 5)}`);
    const riskFiles = [];
    const usedControls = new Set();
    chunks(riskIds, RISKS_PER_FILE).forEach((group, f) => {
        const unit = assets[Math.floor(f * RISKS_PER_FILE * assetCount / riskCount)].unit;
        const path = `risks/${unit}-${pad(f + 1, 4)}.isms`;
        riskFiles.push(path);
        const out = [`// Risk register, ${UNIT_TITLES[unit]}: risks ${group[0]} to ${group[group.length - 1]}.`, ''];
        group.forEach((id, k) => {
            const j = f * RISKS_PER_FILE + k;
            const primary = assetIds[Math.floor(j * assetCount / riskCount)];
            const riskAssets = [primary];
            if (rng.chance(0.5)) {
                const near = Math.floor(j * assetCount / riskCount);
                const other = assetIds[Math.min(assetCount - 1, Math.max(0, near + rng.int(-40, 40)))];
                if (!riskAssets.includes(other)) riskAssets.push(other);
            }
            if (rng.chance(0.15)) {
                const other = rng.pick(assetIds);
                if (!riskAssets.includes(other)) riskAssets.push(other);
            }
            const threatIndex = rng.int(0, threatCount - 1);
            const threat = threats[threatIndex];
            const threatLabel = THREATS[threatIndex % THREATS.length][3];
            const assetTitle = assets[assetIds.indexOf(primary)]?.title ?? primary;
            const controls = [APPLIED[j % APPLIED.length], ...rng.sample(APPLIED, rng.int(1, 3))].filter((c, i, all) => all.indexOf(c) === i);
            if (rng.chance(0.2)) controls.push(rng.pick(internalControls));

            let likelihood = rng.int(2, 5);
            let impact = rng.int(2, 5);
            const roll = rng.next();
            const lines = [];
            lines.push(`risk ${id} ${quote(`${threatLabel}: ${assetTitle}`)} {`);
            lines.push(`    assets ${riskAssets.join(', ')}`);
            lines.push(`    threat ${threat}`);
            if (rng.chance(0.7)) lines.push(`    vulnerability ${rng.pick(vulnerabilities)}`);
            const owner = ownerRole();
            let treatment;
            if (roll < 0.62) {
                // Mitigated into the appetite.
                let rl = Math.max(1, likelihood - rng.int(1, 2));
                let ri = Math.max(1, impact - rng.int(0, 2));
                while (rl * ri > 9) { if (rl >= ri) rl--; else ri--; }
                treatment = [`    treatment mitigate {`, `        controls ${controls.join(', ')}`, `        residual likelihood ${rl}  impact ${ri}`];
                controls.forEach(c => usedControls.add(c));
                if (rng.chance(0.25)) treatment.push(`        due ${rng.date('2027-01-05', '2027-12-20')}`);
                treatment.push('    }');
            } else if (roll < 0.74) {
                // Mitigated, but what remains is high and accepted by the CISO (who may accept high risks).
                likelihood = rng.int(4, 5); impact = rng.int(4, 5);
                let rl = likelihood - 1;
                let ri = impact - rng.int(0, 1);
                while (rl * ri > 16) ri--;
                if (rl * ri < 10) ri = Math.ceil(10 / rl);
                controls.forEach(c => usedControls.add(c));
                treatment = [`    treatment mitigate {`, `        controls ${controls.join(', ')}`, `        residual likelihood ${rl}  impact ${ri}`,
                    `        accept {`, `            by CISO`, `            on ${rng.date('2026-03-01', '2026-11-20')}`,
                    `            until ${rng.date('2027-06-05', '2028-06-28')}`, `            because ${quote(rng.pick(ACCEPT_REASONS))}`, `        }`,
                    `        due ${rng.date('2027-01-05', '2027-12-20')}`, '    }'];
            } else if (roll < 0.84) {
                // Transferred to a supplier (insurance, managed service) with supplier controls.
                let rl = Math.max(1, likelihood - 1);
                let ri = Math.max(1, impact - rng.int(1, 2));
                while (rl * ri > 9) { if (rl >= ri) rl--; else ri--; }
                const supplierControls = [rng.pick(['A.5.19', 'A.5.20', 'A.5.21', 'A.5.22']), ...controls.slice(0, 2)].filter((c, i, all) => all.indexOf(c) === i);
                supplierControls.forEach(c => usedControls.add(c));
                treatment = [`    treatment transfer {`, `        to ${rng.pick(suppliers)}`,
                    `        because ${quote('Insured; the supplier carries the loss under contract')}`,
                    `        controls ${supplierControls.join(', ')}`, `        residual likelihood ${rl}  impact ${ri}`, '    }'];
            } else if (roll < 0.92) {
                treatment = [`    treatment avoid {`, `        because ${quote('The activity is stopped: the feature is withdrawn and the data deleted')}`,
                    `        due ${rng.date('2027-01-05', '2027-06-28')}`, '    }'];
            } else {
                // Accepted as it is, by a role allowed to accept its level.
                const score = likelihood * impact;
                const by = score >= 17 ? 'CEO' : score >= 10 ? 'CISO' : owner;
                treatment = [`    treatment accept {`, `        by ${by}`, `        on ${rng.date('2026-02-01', '2026-11-20')}`,
                    `        until ${rng.date('2027-06-05', '2028-06-28')}`, `        because ${quote(rng.pick(ACCEPT_REASONS))}`, '    }'];
            }
            lines.push(`    likelihood ${likelihood}  impact ${impact}`);
            lines.push(`    owner ${owner}`);
            lines.push(...treatment);
            lines.push(`    reviewed ${rng.date('2026-01-05', '2026-11-20')}`);
            if (rng.chance(0.15)) lines.push(`    description ${quote(rng.pick(TREATMENT_NOTES))}`);
            lines.push('}', '');
            out.push(...lines);
        });
        files.set(path, out.join('\n'));
    });

    // ---- Statement of Applicability: every Annex A control decided once, by theme.
    const themes = [['5', 'organizational'], ['6', 'people'], ['7', 'physical'], ['8', 'technological']];
    const reasons = ['legal', 'contractual', 'business', 'best-practice'];
    for (const [clause, theme] of themes) {
        const out = [`// Statement of Applicability (clause 6.1.3 d): ${theme} controls (A.${clause}).`, ''];
        for (const id of ANNEX_A.filter(c => c.startsWith(`A.${clause}.`))) {
            if (EXCLUDED.has(id)) {
                out.push(`exclude ${id} because ${quote(EXCLUDED.get(id))}`, '');
                continue;
            }
            const status = rng.pick(['implemented', 'implemented', 'implemented', 'partial', 'planned']);
            out.push(`apply ${id} {`);
            out.push(`    status ${status}`);
            out.push(`    owner ${rng.pick(roleIds.slice(0, BASE_ROLES.length))}`);
            out.push(`    evidence ${quote(`Operating evidence for ${id}, reviewed at the last internal audit`)} at ${quote(`https://wiki.example.com/isms/controls/${id.toLowerCase()}`)}`);
            // Every applied control gets a reason unless risks are treated with it.
            if (!usedControls.has(id) || rng.chance(0.5)) out.push(`    because ${rng.pick(reasons)} ${quote(`Required to keep ${id} effective for the services in scope`)}`);
            if (status !== 'implemented') out.push(`    due ${rng.date('2027-01-05', '2027-12-20')}`);
            out.push('}', '');
        }
        files.set(`soa/${theme}.isms`, out.join('\n'));
    }

    // ---- audits (clause 9.2) with findings and corrective actions (clause 10.2)
    for (let a = 0; a < auditCount; a++) {
        const id = `IA-${pad(a + 1, 3)}`;
        const out = ['// Internal audit programme (clause 9.2) and nonconformities (clause 10.2).', ''];
        out.push(`audit ${id} ${quote(`Internal audit ${a + 1}: ${UNIT_TITLES[UNITS[a % UNITS.length]]}`)} {`);
        out.push(`    date ${rng.date('2026-02-01', '2026-11-15')}`);
        out.push(`    auditor ${quote('Northwind Assurance Ltd (independent of the ISMS operation)')}`);
        out.push(`    scope ${quote(`Clauses 4 to 10 and a sample of Annex A controls for ${UNIT_TITLES[UNITS[a % UNITS.length]].toLowerCase()}`)}`);
        for (let n = 1; n <= 6; n++) {
            out.push('');
            out.push(`    finding F-${pad(a + 1, 3)}-${n} ${quote(`Finding ${n} of audit ${a + 1}`)} {`);
            out.push(`        severity ${rng.pick(['major', 'minor', 'minor', 'observation'])}`);
            out.push(`        controls ${rng.sample(APPLIED, rng.int(1, 2)).join(', ')}`);
            out.push(`        description ${quote('Evidence of operation was incomplete for part of the sample period.')}`);
            for (let c = 0; c < rng.int(1, 2); c++) {
                const closed = rng.chance(0.5);
                out.push(`        corrective-action ${quote(`Corrective action ${c + 1} for finding ${n}`)} {`);
                out.push(`            owner ${ownerRole()}`);
                out.push(`            due ${closed ? rng.date('2026-03-01', '2026-11-15') : rng.date('2026-12-01', '2027-09-28')}`);
                out.push(`            status ${closed ? 'closed' : rng.pick(['open', 'in-progress'])}`);
                out.push('        }');
            }
            out.push('    }');
        }
        out.push('}', '');
        files.set(`audits/audit-${pad(a + 1, 3)}.isms`, out.join('\n'));
    }

    // ---- incidents, referencing risks and assets across files
    const incidents = range(1, incidentCount).map(n => `INC-${pad(n, 5)}`);
    chunks(incidents, INCIDENTS_PER_FILE).forEach((group, f) => {
        const out = ['// Information security incidents (A.5.24-A.5.27). Full timelines are in the post-mortems.', ''];
        for (const id of group) {
            out.push(`incident ${id} ${quote(`Incident ${id}`)} {`);
            out.push(`    date ${rng.date('2026-01-05', '2026-11-20')}`);
            out.push(`    severity ${rng.pick(RATINGS)}`);
            out.push(`    risks ${rng.sample(riskIds, rng.int(1, 3)).join(', ')}`);
            out.push(`    assets ${rng.sample(assetIds, rng.int(1, 2)).join(', ')}`);
            out.push(`    description ${quote('Detected by monitoring; contained within the response-time objective.')}`);
            out.push(`    lessons ${quote('Runbook updated; the control owner confirmed the fix at the next review.')}`);
            out.push('}', '');
        }
        files.set(`incidents/incidents-${pad(f + 1, 3)}.isms`, out.join('\n'));
    });

    // ---- objectives and management review
    {
        const out = ['// Information security objectives for 2026-27 (clause 6.2).', ''];
        for (let n = 1; n <= 8; n++) {
            out.push(`objective O-${n} ${quote(`Objective ${n}`)} {`);
            out.push(`    metric ${quote('Share of in-scope systems meeting the control baseline')}`);
            out.push(`    target ${quote('>= 95%')}`);
            out.push(`    owner ${rng.pick(roleIds.slice(0, BASE_ROLES.length))}`);
            out.push(`    due ${rng.date('2027-01-05', '2027-12-20')}`);
            out.push('}', '');
        }
        files.set('objectives.isms', out.join('\n'));
    }
    files.set('management-review.isms', `// Management review (clause 9.3).

management-review MR-2026 "Management review 2026" {
    date 2026-11-12
    attendees CEO, CTO, COO, CISO
    inputs actions-status, context-changes, interested-parties, nonconformities, monitoring,
           audit-results, objectives, feedback, risk-assessment, improvement
    decisions "Budget approved for the 2027 security roadmap",
              "Residual risks accepted by the CISO confirmed; re-assessed at the Q2 2027 risk review",
              "Risk methodology and appetite (9) unchanged"
}
`);

    // ---- the isms block
    // Two assets out of scope, with a reason (only in workspaces with enough assets).
    const excludedAssets = assetIds.length >= 10 ? assetIds.slice(-2) : [];
    files.set('isms.isms', `// The single isms block of this workspace (clauses 4 and 5).

isms "Example Group ISMS" {
    organization "Example Group plc"
    framework ISO27001_2022
    methodology Risk5x5
    top-management CEO, CTO, COO
    climate not-relevant because "Digital services hosted in several cloud regions; no site or supply chain exposed to climate change"
    policy ${list(policyDefs.map(([id]) => id), '           ', 5)}

    scope {
        description "Design, development, operation and support of the Example Group digital services, run from the UK and EU"
        includes ${list(assetIds.slice(0, 18), '                 ')}
${excludedAssets.length > 0 ? `        excludes ${excludedAssets[0]} because "Run by a supplier under contract; holds no customer data",
                 ${excludedAssets[1]} because "Decommissioning in progress; holds no production data"
` : ''}        interface "Cloud providers under the shared responsibility model"
        interface "SaaS suppliers managed under the supplier security policy"
    }
}
`);

    const manifest = {
        generator: 'scripts/bench/generate-workspace.mjs',
        seed,
        counts: {
            risks: riskCount, assets: assetCount, threats: threatCount, vulnerabilities: vulnerabilityCount, roles: roleCount,
            suppliers: supplierCount, audits: auditCount, incidents: incidentCount, files: files.size
        },
        bytes: [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0),
        lines: [...files.values()].reduce((sum, text) => sum + text.split('\n').length, 0),
        // Files the benchmark edits: one that every other file references, one that some reference, one that few do.
        hubFile: 'roles.isms',
        assetFile: assetFiles[Math.floor(assetFiles.length / 2)],
        riskFile: riskFiles[Math.floor(riskFiles.length / 2)]
    };
    return { files, documents, manifest };
}

export function writeWorkspace(out, generated) {
    if (existsSync(out) && readdirSync(out).length > 0) {
        if (!existsSync(join(out, 'workspace.json'))) {
            throw new Error(`${out} is not empty and was not made by this generator; refusing to overwrite it`);
        }
        rmSync(out, { recursive: true, force: true });
    }
    for (const [path, text] of [...generated.files, ...generated.documents]) {
        const target = join(out, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
    }
    writeFileSync(join(out, 'workspace.json'), JSON.stringify(generated.manifest, null, 2) + '\n');
}

function parseArgs(argv) {
    const args = { size: 'S', seed: 1 };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
            return argv[++i];
        };
        if (arg === '--size') args.size = value().toUpperCase();
        else if (arg === '--out') args.out = value();
        else if (arg === '--seed') args.seed = Number(value());
        else if (arg === '--risks') args.risks = Number(value());
        else if (arg === '--help' || arg === '-h') args.help = true;
        else throw new Error(`unknown argument ${arg}`);
    }
    return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    try {
        const args = parseArgs(process.argv.slice(2));
        if (args.help || !args.out) {
            console.log('usage: node scripts/bench/generate-workspace.mjs --size S|M|L --out DIR [--seed N] [--risks N]');
            process.exit(args.help ? 0 : 2);
        }
        const risks = args.risks ?? SIZES[args.size]?.risks;
        if (!Number.isInteger(risks) || risks < 1) throw new Error(`unknown size ${args.size} (S, M, L or XL) and no --risks`);
        if (!Number.isInteger(args.seed)) throw new Error('--seed must be an integer');
        const started = Date.now();
        const generated = generateWorkspace({ risks, seed: args.seed });
        writeWorkspace(resolve(args.out), generated);
        const { counts, bytes, lines } = generated.manifest;
        console.log(`${args.out}: ${counts.files} files, ${lines} lines, ${(bytes / 1e6).toFixed(2)} MB, ${counts.risks} risks, ${counts.assets} assets (${Date.now() - started} ms)`);
    } catch (error) {
        console.error(`generate-workspace: ${error.message}`);
        process.exit(2);
    }
}
