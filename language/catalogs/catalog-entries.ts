import type { OscalCatalog, OscalControl, OscalGroup, OscalProp } from './oscal-schema.js';

/**
 * The controls of an OSCAL catalog as a flat list in document order: each control and each of
 * its enhancements (nested controls), with the group it is in and the control it enhances.
 * Withdrawn controls are left out (their enhancements are judged one by one).
 */

export interface CatalogEntry {
    /** The id the catalog shows: the `label` property when it is one word (`AC-2(1)`), else the OSCAL id. */
    readonly id: string;
    /** The OSCAL id (`ac-2.1`), which mappings refer to. */
    readonly oscalId: string;
    readonly title: string;
    /** The prose of the control's `statement` part, when it has one of its own. */
    readonly statement: string | undefined;
    /** The OSCAL class, such as `SP800-53-enhancement` or `subcategory`. */
    readonly class: string | undefined;
    /** The innermost group the control is in. */
    readonly group: OscalGroup | undefined;
    /** The control it is nested in, when it is an enhancement (withdrawn or not). */
    readonly parent: OscalControl | undefined;
    /** 0 for a control directly in a group or the catalog, 1 for its enhancements, … */
    readonly depth: number;
}

export function catalogEntries(catalog: OscalCatalog): CatalogEntry[] {
    const entries: CatalogEntry[] = [];
    const visitControls = (controls: readonly OscalControl[] | undefined, group: OscalGroup | undefined, parent: OscalControl | undefined, depth: number): void => {
        for (const control of controls ?? []) {
            if (!isWithdrawn(control)) {
                entries.push({
                    id: displayId(control),
                    oscalId: control.id,
                    title: control.title,
                    statement: statementOf(control),
                    class: control.class,
                    group,
                    parent,
                    depth
                });
            }
            visitControls(control.controls, group, control, depth + 1);
        }
    };
    const visitGroups = (groups: readonly OscalGroup[] | undefined): void => {
        for (const group of groups ?? []) {
            visitControls(group.controls, group, undefined, 0);
            visitGroups(group.groups);
        }
    };
    visitControls(catalog.controls, undefined, undefined, 0);
    visitGroups(catalog.groups);
    return entries;
}

/** Whether the control carries the status `withdrawn`. */
export function isWithdrawn(control: OscalControl): boolean {
    return (control.props ?? []).some(prop => prop.name === 'status' && prop.value.trim().toLowerCase() === 'withdrawn');
}

/**
 * The label OSCAL shows for a control: the `label` property without a class (SP 800-53 also
 * gives a zero-padded one, `AC-02`), else the first; used when it is one word. CSF's categories
 * are labelled "Organizational Context (GV.OC)", which is a caption, not an id.
 */
export function displayId(control: OscalControl): string {
    const labels = (control.props ?? []).filter((prop: OscalProp) => prop.name === 'label');
    const label = (labels.find(prop => prop.class === undefined) ?? labels[0])?.value.trim();
    return label && !/\s/.test(label) ? label : control.id;
}

function statementOf(control: OscalControl): string | undefined {
    const statement = (control.parts ?? []).find(part => part.name === 'statement');
    const prose = statement?.prose?.trim();
    return prose ? prose : undefined;
}
