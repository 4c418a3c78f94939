import { commentText, controlIdText, controlRefText, stringLiteral } from './isms-text.js';

/**
 * A framework and a mapping as text of the language: what `isms import-catalog` prints and the
 * shipped catalogs are made of.
 */

export type Relationship = 'equal' | 'subset' | 'superset' | 'intersect';

export interface FrameworkControl {
    readonly id: string;
    readonly title?: string;
    /** A catalog's own grouping, written as a string theme. */
    readonly theme?: string;
}

export interface FrameworkText {
    /** The framework's name, an ID. */
    readonly name: string;
    readonly title: string;
    /** Lines of the comment above the framework, without `//`. */
    readonly header: readonly string[];
    readonly controls: readonly FrameworkControl[];
}

export interface MappingTarget {
    readonly id: string;
    /** The framework that declares the control; the reference is then qualified, `FRAMEWORK::ID`. */
    readonly framework?: string;
    readonly relationship: Relationship;
}

export interface MappingEdgeText {
    readonly from: { readonly id: string, readonly framework?: string };
    readonly to: readonly MappingTarget[];
}

export interface MappingText {
    readonly name: string;
    readonly title: string;
    /** Where the edges come from, with the licence. */
    readonly source: string;
    readonly header: readonly string[];
    readonly edges: readonly MappingEdgeText[];
}

const INDENT = '    ';

/** `framework NAME "Title" { control … }`, a blank line between themes, with its header comment. */
export function renderFramework(framework: FrameworkText): string {
    const lines = framework.header.map(line => `// ${commentText(line)}`.trimEnd());
    lines.push(`framework ${framework.name} ${stringLiteral(framework.title)} {`);
    let theme: string | undefined;
    framework.controls.forEach((control, index) => {
        if (index > 0 && control.theme !== theme) lines.push('');
        theme = control.theme;
        const title = control.title ? ` ${stringLiteral(control.title)}` : '';
        const block = control.theme !== undefined ? ` { theme ${stringLiteral(control.theme)} }` : '';
        lines.push(`${INDENT}control ${controlIdText(control.id)}${title}${block}`);
    });
    lines.push('}');
    return lines.join('\n') + '\n';
}

/**
 * `mapping NAME "Title" { source "…"  FROM maps TO rel, … }`, with its header comment. `intersect`,
 * the default, is left out: it claims least, and the shipped catalogs load faster without it.
 */
export function renderMapping(mapping: MappingText): string {
    const lines = mapping.header.map(line => `// ${commentText(line)}`.trimEnd());
    lines.push(`mapping ${mapping.name} ${stringLiteral(mapping.title)} {`);
    lines.push(`${INDENT}source ${stringLiteral(mapping.source)}`);
    for (const edge of mapping.edges) {
        const targets = edge.to.map(target => `${controlRefText(target.id, target.framework)}${target.relationship === 'intersect' ? '' : ` ${target.relationship}`}`);
        lines.push(`${INDENT}${controlRefText(edge.from.id, edge.from.framework)} maps ${targets.join(', ')}`);
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}
