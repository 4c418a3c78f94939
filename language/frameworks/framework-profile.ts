import type { Control, Framework } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import type { Decision } from '../soa/soa-decisions.js';
import type { MappingSource } from './mapping-index.js';
import { MappingIndex } from './mapping-index.js';
import type { Relationship } from './relationships.js';
import { containsRequirement, DEFAULT_RELATIONSHIP, weaker } from './relationships.js';

/** How far the primary framework's SoA meets one requirement of another framework. */
export type CoverageState = 'covered' | 'partial' | 'gap' | 'not-applicable';

export const COVERAGE_STATES: readonly CoverageState[] = ['covered', 'partial', 'gap', 'not-applicable'];

export type ImplementationStatus = 'not-started' | 'planned' | 'partial' | 'implemented';

/** A control of the primary framework mapped to the requirement, with what the SoA says of it. */
export interface MappedControl {
    readonly id: string;
    readonly title: string;
    /**
     * `requirement RELATIONSHIP control`: of the relationships the edges state, the one that
     * claims least; `intersect` when none states one.
     */
    readonly relationship: Relationship;
    readonly decision: Decision;
    /** The `status` of the control's first `apply`, for an applicable control; null otherwise. */
    readonly status: ImplementationStatus | null;
    /** Applicable, and its `apply` says `status implemented`. */
    readonly implemented: boolean;
    /** Every edge between the two, each as `requirement RELATIONSHIP control`, whether the relationship is written, and its source. */
    readonly edges: ReadonlyArray<MappedEdge>;
}

export interface MappedEdge {
    readonly relationship: Relationship;
    readonly stated: boolean;
    readonly source: MappingSource;
}

export interface RequirementProfile {
    readonly id: string;
    readonly title: string;
    readonly theme: string | null;
    readonly state: CoverageState;
    /** One line saying why the state is what it is. */
    readonly why: string;
    /** In the primary framework's catalog order. */
    readonly mappings: readonly MappedControl[];
}

export interface StateCounts {
    readonly requirements: number;
    readonly covered: number;
    readonly partial: number;
    readonly gap: number;
    readonly notApplicable: number;
    /** Covered, in percent of the requirements that are not `not-applicable`; null when none is. */
    readonly coveredPercent: number | null;
}

export interface FrameworkProfile {
    readonly framework: Framework;
    readonly primary: Framework;
    /** The sources of the edges between the two frameworks, in order of first use, with how many edges each gives. */
    readonly sources: ReadonlyArray<MappingSource & { readonly edges: number }>;
    /** Every control of the framework, in catalog order. */
    readonly requirements: readonly RequirementProfile[];
    readonly summary: StateCounts & { readonly themes: Readonly<Record<string, StateCounts>> };
}

/**
 * The profile of `framework` derived from the primary framework's SoA: for each of its
 * controls (requirements), the primary controls mapped to it in either direction, and the
 * state that follows (see {@link rollUp}).
 */
export function deriveProfile(services: IsmsServices, framework: Framework, primary: Framework, mappings = MappingIndex.of(services)): FrameworkProfile {
    const order = catalogOrder(primary);
    const requirements = framework.controls.map(control => profileRequirement(services, control, primary, mappings, order));
    const edges = framework.controls.flatMap(control => mappings.linksOf(control).filter(link => link.other.$container === primary));
    const sources = MappingIndex.sourcesOf(edges).map(source => ({
        ...source,
        edges: new Set(edges.filter(link => sameSource(link.source, source)).map(link => link.edge)).size
    }));
    return { framework, primary, sources, requirements, summary: summarize(requirements) };
}

/** The profile entry of one requirement: its mapped primary controls, its state and why. */
export function profileRequirement(services: IsmsServices, requirement: Control, primary: Framework,
    mappings = MappingIndex.of(services), order = catalogOrder(primary)): RequirementProfile {
    const byControl = new Map<Control, MappedEdge[]>();
    for (const link of mappings.linksOf(requirement)) {
        if (link.other.$container !== primary) continue;
        const list = byControl.get(link.other) ?? [];
        list.push({ relationship: link.relationship, stated: link.stated, source: link.source });
        byControl.set(link.other, list);
    }
    const soa = services.model.SoaDecisions;
    const mapped = [...byControl.entries()]
        .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
        .map(([control, edges]): MappedControl => {
            const decision = soa.decisionOf(control.name);
            const status = decision === 'applicable' ? statusOf(soa.applyOf(control.name)?.status[0]) : null;
            return {
                id: control.name,
                title: control.title ?? '',
                relationship: pairRelationship(edges),
                decision,
                status,
                implemented: status === 'implemented',
                edges
            };
        });
    const { state, why } = rollUp(primary.name, mapped);
    return { id: requirement.name, title: requirement.title ?? '', theme: requirement.theme[0] ?? null, state, why, mappings: mapped };
}

/**
 * The state of a requirement from its mapped primary controls, as an auditor would accept it:
 *
 * - `gap` when no control of the primary framework is mapped to it;
 * - `not-applicable` when every mapped control is excluded;
 * - `covered` when a mapped control is applicable, implemented, and contains the requirement
 *   (the requirement is `equal` to it or a `subset` of it, by every source that states how the
 *   pair relates: see {@link pairRelationship});
 * - `gap` when no mapped control is applicable (each is excluded or undecided);
 * - `partial` otherwise: something applicable is mapped, but nothing that both contains the
 *   requirement and is implemented.
 *
 * Several controls that each meet part of a requirement are never added up to `covered`: a
 * mapping states how one pair of controls relates, not that a set of them meets the whole.
 */
export function rollUp(primary: string, mapped: readonly MappedControl[]): { state: CoverageState, why: string } {
    if (mapped.length === 0) {
        return { state: 'gap', why: `No control of ${primary} is mapped to it.` };
    }
    if (mapped.every(control => control.decision === 'excluded')) {
        return { state: 'not-applicable', why: `Every mapped control is excluded: ${mapped.map(control => control.id).join(', ')}.` };
    }
    const meeting = mapped.filter(control => control.implemented && containsRequirement(control.relationship));
    if (meeting.length > 0) {
        const which = meeting.map(control => `${control.id} (${control.relationship === 'equal' ? 'equal to it' : 'contains it'})`);
        return { state: 'covered', why: `Met by ${which.join(', ')}: applicable and implemented.` };
    }
    const reasons = mapped.map(control => shortfall(control));
    if (mapped.every(control => control.decision !== 'applicable')) {
        return { state: 'gap', why: `No mapped control is applicable: ${reasons.join('; ')}.` };
    }
    return { state: 'partial', why: `Partly met: ${reasons.join('; ')}.` };
}

/**
 * How a requirement relates to a control that several edges may join: of the relationships the
 * edges state, the one that claims least, so that the pair contains the requirement only if
 * every source that states a relationship says so. An edge that states none (a published
 * crosswalk that gives no relationship type) claims nothing of its own: it gives `intersect`
 * only when no edge states one.
 */
export function pairRelationship(edges: readonly MappedEdge[]): Relationship {
    const stated = edges.filter(edge => edge.stated).map(edge => edge.relationship);
    return stated.length > 0 ? stated.reduce(weaker) : DEFAULT_RELATIONSHIP;
}

/** Why one mapped control does not meet the requirement on its own. */
function shortfall(control: MappedControl): string {
    if (control.decision !== 'applicable') return `${control.id} is ${control.decision}`;
    const status = control.status ?? 'without a status';
    if (containsRequirement(control.relationship)) {
        return `${control.id} ${control.relationship === 'equal' ? 'is equal to it' : 'contains it'} but is ${status}`;
    }
    const part = control.relationship === 'superset' ? 'covers only part of it' : 'overlaps it only in part';
    return control.implemented ? `${control.id} is implemented but ${part}` : `${control.id} ${part} and is ${status}`;
}

function summarize(requirements: readonly RequirementProfile[]): FrameworkProfile['summary'] {
    const themes: Record<string, StateCounts> = {};
    for (const theme of new Set(requirements.map(requirement => requirement.theme ?? 'none'))) {
        themes[theme] = countStates(requirements.filter(requirement => (requirement.theme ?? 'none') === theme));
    }
    return { ...countStates(requirements), themes };
}

export function countStates(requirements: readonly RequirementProfile[]): StateCounts {
    const count = (state: CoverageState) => requirements.filter(requirement => requirement.state === state).length;
    const covered = count('covered');
    const notApplicable = count('not-applicable');
    const applying = requirements.length - notApplicable;
    return {
        requirements: requirements.length,
        covered,
        partial: count('partial'),
        gap: count('gap'),
        notApplicable,
        coveredPercent: applying > 0 ? Math.round(100 * covered / applying) : null
    };
}

function catalogOrder(framework: Framework): Map<Control, number> {
    return new Map(framework.controls.map((control, index) => [control, index]));
}

function statusOf(status: string | undefined): ImplementationStatus | null {
    return status === 'not-started' || status === 'planned' || status === 'partial' || status === 'implemented' ? status : null;
}

function sameSource(a: MappingSource, b: MappingSource): boolean {
    return a.mapping === b.mapping && a.label === b.label;
}
