import { CONTROL_ATTRIBUTES } from './control-attributes.js';
import { addInterval } from '../config/calendar.js';
import { escapeControlCharacters } from '../text/control-characters.js';
import { starterManagementSystem } from './starter-management-system.js';

export type MethodologyPreset = '3x3' | '4x4' | '5x5';

export const METHODOLOGY_PRESETS: readonly MethodologyPreset[] = ['3x3', '4x4', '5x5'];

export interface StarterOptions {
    organization: string;
    scope: string;
    methodology: MethodologyPreset;
    /** The date the ISMS starts (YYYY-MM-DD): approvals and reviews are dated from it. */
    today: string;
}

interface Preset {
    likelihood: string[];
    impact: string[];
    levels: string;
    appetite: number;
}

const PRESETS: Record<MethodologyPreset, Preset> = {
    '3x3': {
        likelihood: ['Unlikely', 'Possible', 'Likely'],
        impact: ['Minor', 'Moderate', 'Severe'],
        levels: 'low 1..2  medium 3..4  high 5..9 accepted-by CEO',
        appetite: 4
    },
    '4x4': {
        likelihood: ['Rare', 'Unlikely', 'Likely', 'Almost certain'],
        impact: ['Minor', 'Moderate', 'Major', 'Severe'],
        levels: 'low 1..3  medium 4..6  high 7..11 accepted-by CISO  critical 12..16 accepted-by CEO',
        appetite: 6
    },
    '5x5': {
        likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
        impact: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
        levels: 'low 1..4  medium 5..9  high 10..16 accepted-by CISO  critical 17..25 accepted-by CEO',
        appetite: 9
    }
};

/**
 * What is wrong with an organization name or a scope for the starter, if anything. Each becomes
 * a string of the model, which has escapes for few control characters; and a control character
 * in a name is a paste accident at best, a terminal escape at worst.
 */
export function starterTextProblem(value: string): string | undefined {
    if (value.trim() === '') return 'must not be empty';
    return escapeControlCharacters(value) === value ? undefined : 'must be one line of text without control characters';
}

/**
 * The files of a new ISMS: the isms block and its scope, a methodology, roles, a policy, a
 * few assets, threats and risks marked as examples, and the records of clauses 4 to 10 with
 * their placeholders (STARTER_PLACEHOLDERS). No control is decided yet, so that the
 * `control-undecided` diagnostics lead the user through the Statement of Applicability.
 */
export function starterWorkspace(options: StarterOptions): Record<string, string> {
    const preset = PRESETS[options.methodology];
    const text = (value: string) => JSON.stringify(value);
    const scale = (labels: string[]) => labels.map((label, index) => `${index + 1} ${text(label)}`).join(' ');
    const acceptUntil = addInterval(options.today, 12, 'months');
    return {
        'isms.isms': `// The ISMS (clause 4): who, and what is in scope. Exactly one isms block per workspace.
isms ${text(`${options.organization} ISMS`)} {
    organization ${text(options.organization)}
    framework ISO27001_2022
    methodology Risk${options.methodology}
    top-management CEO
    policy InfoSecPolicy
    // FILL IN: is climate change relevant to your ISMS (clause 4.1, Amendment 1:2024)? Write
    //     climate relevant
    // or  climate not-relevant because "…why not…"
    audits every 12 months
    management-reviews every 12 months
    // FILL IN: approve the SoA once every control is decided: approved-by CEO on YYYY-MM-DD
    soa {
        version "0.1"
        classification internal
    }
    scope {
        description ${text(options.scope)}
        includes CustomerData, Laptops
    }
}
`,
        'methodology.isms': `// How risks are assessed (clause 6.1.2): scales, levels and the risk appetite.
methodology Risk${options.methodology} ${text(`${options.methodology} risk matrix`)} {
    likelihood ${scale(preset.likelihood)}
    impact     ${scale(preset.impact)}
    levels { ${preset.levels} }
    appetite ${preset.appetite}
    review every 12 months
    version "1.0"
    approved-by CEO on ${options.today}
    acceptance at most 12 months
}
`,
        'roles.isms': `// Roles and responsibilities (clause 5.3).
role CEO "Chief Executive Officer"
role CISO "Chief Information Security Officer"
`,
        'policies.isms': `// The information security policy (clause 5.2), approved by top management.
policy InfoSecPolicy "Information Security Policy" {
    version "1.0"
    owner CISO
    approved-by CEO on ${options.today}
    review every 12 months
    document "policies/information-security.md"     // FILL IN: write the policy in this file
}
`,
        'assets.isms': `// EXAMPLE assets: replace them with your own inventory (A.5.9).
asset CustomerData "Customer data (example)" {
    kind data
    owner CISO
    classification confidential
    confidentiality high  integrity high  availability medium
}

asset Laptops "Staff laptops (example)" {
    kind hardware
    owner CISO
    classification internal
    confidentiality medium  integrity medium  availability low
}
`,
        'threats.isms': `// EXAMPLE threats and vulnerabilities: replace them with your own.
threat Phishing "Phishing (example)" { category malicious  source external }
threat Theft "Theft of equipment (example)" { category malicious  source external }

vulnerability WeakPasswords "Passwords without a second factor (example)" { affects CustomerData }
`,
        'risks.isms': `// EXAMPLE risks (clause 6.1.2): replace them with your own assessment.
// They are accepted for now; treat yours with controls, for example:
//     treatment mitigate { controls A.5.17, A.8.5  residual likelihood 1  impact 2 }
// Each control a risk is treated with becomes applicable in the Statement of Applicability.

risk R-001 "Phishing captures a password to customer data (example)" {
    assets CustomerData
    threat Phishing
    vulnerability WeakPasswords
    likelihood 1  impact 2
    owner CISO
    treatment accept { by CISO on ${options.today} until ${acceptUntil} because "Example risk: replace it" }
    reviewed ${options.today}
}

risk R-002 "A stolen laptop exposes internal data (example)" {
    assets Laptops
    threat Theft
    likelihood 1  impact 1
    owner CISO
    treatment accept { by CISO on ${options.today} until ${acceptUntil} because "Example risk: replace it" }
    reviewed ${options.today}
}
`,
        'soa.isms': `// The Statement of Applicability (clause 6.1.3 d): decide every Annex A control.
// A control is applicable when a risk is treated with it, or when you apply it:
//     apply A.5.1 { status implemented  owner CISO  because best-practice "…" }
// and excluded with a reason:
//     exclude A.7.4 because "No company premises"
// Until then each undecided control is reported on the isms block: work through them.
`,
        'attributes.isms': CONTROL_ATTRIBUTES,
        ...starterManagementSystem(options)
    };
}
