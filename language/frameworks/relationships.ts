/**
 * How one control relates to another, read as sets of requirements (the relationships of NIST's
 * OLIR mappings): `A subset B` says A requires part of what B does.
 */
export type Relationship = 'equal' | 'subset' | 'superset' | 'intersect';

/** What a mapping says when it names no relationship: the one that claims least. */
export const DEFAULT_RELATIONSHIP: Relationship = 'intersect';

const RELATIONSHIPS: readonly string[] = ['equal', 'subset', 'superset', 'intersect'];

/** A relationship as written (`maps A.5.16 subset`), the default when none or an unknown one is. */
export function relationshipOf(written: string | undefined): Relationship {
    return written !== undefined && RELATIONSHIPS.includes(written) ? written as Relationship : DEFAULT_RELATIONSHIP;
}

/** Whether a relationship is written out, rather than left to the default. */
export function isStated(written: string | undefined): boolean {
    return written !== undefined && RELATIONSHIPS.includes(written);
}

/** The same edge read the other way: A subset B is B superset A. */
export function inverse(relationship: Relationship): Relationship {
    switch (relationship) {
        case 'subset': return 'superset';
        case 'superset': return 'subset';
        default: return relationship;
    }
}

/**
 * Whether meeting the control meets the requirement, for `requirement RELATIONSHIP control`:
 * the requirement is equal to the control or a subset of it.
 */
export function containsRequirement(relationship: Relationship): boolean {
    return relationship === 'equal' || relationship === 'subset';
}

/**
 * Of two statements about one pair of controls from different sources, the one that claims
 * less about meeting the first through the second: equal, then subset, then superset, then
 * intersect. A pair counts as containing a requirement only if every source says so.
 */
export function weaker(a: Relationship, b: Relationship): Relationship {
    return CLAIM[a] <= CLAIM[b] ? a : b;
}

const CLAIM: Record<Relationship, number> = { equal: 3, subset: 2, superset: 1, intersect: 0 };

/** `A <phrase> B` in prose: `is a subset of`. */
export function relationshipPhrase(relationship: Relationship): string {
    switch (relationship) {
        case 'equal': return 'is equal to';
        case 'subset': return 'is a subset of';
        case 'superset': return 'is a superset of';
        case 'intersect': return 'intersects';
    }
}
