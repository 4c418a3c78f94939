/**
 * Reading syntax trees that parse recovery built from broken text. The generated types
 * (`generated/ast.ts`) mark a property required when the grammar always assigns it, but a
 * recovered node can lack any of them: `because "` with the string not closed yet is a Reason
 * without `text`, `risk {` a Risk without `name`. Code that reads a node of the user's model
 * reads such properties through these helpers (or checks them) instead of trusting the types.
 */

/** The text of a string property, trimmed; empty when recovery left it out. */
export function trimmedText(value: string | undefined): string {
    return typeof value === 'string' ? value.trim() : '';
}

/**
 * The value of `property` of a node whose type is not known statically: the first of a
 * single-valued property the grammar collects into a list, or the value itself.
 */
export function firstValue(node: object | undefined, property: string): unknown {
    const value = (node as Record<string, unknown> | undefined)?.[property];
    return Array.isArray(value) ? value[0] : value;
}
