import type { AstNodeDescription } from 'langium';
import type { NodeDescription } from '../references/node-descriptions.js';

/** What rebuilt documents' exports mean for the references of the other documents. */
export interface ExportChange {
    /** Names exported before or after a rebuild but not both (or not as often): references to them are linked again. */
    readonly changedNames: Set<string>;
    /** Names still exported, by elements at another place of their syntax tree: descriptions of references to them name outdated paths. */
    readonly movedNames: Set<string>;
}

/**
 * The exports of a rebuilt document, reusing the description objects of its previous exports for
 * the elements it still exports (same type and name), pointed at the new syntax tree. References
 * linked to a kept description therefore reach the new element without being visited; what the
 * others need is recorded in `change`. `changed` tells whether any element joined or left the exports.
 */
export function keepDescriptions(before: readonly AstNodeDescription[], after: readonly AstNodeDescription[], change: ExportChange): { exports: AstNodeDescription[], changed: boolean } {
    const previous = new Map<string, AstNodeDescription[]>();
    for (const description of before) {
        const key = exportKey(description);
        const same = previous.get(key);
        if (same) same.push(description);
        else previous.set(key, [description]);
    }
    let changed = false;
    const exports = after.map(fresh => {
        const kept = previous.get(exportKey(fresh))?.shift();
        if (!kept) {
            changed = true;
            change.changedNames.add(fresh.name);
            return fresh;
        }
        if (kept.path !== fresh.path) change.movedNames.add(fresh.name);
        (kept as NodeDescription).moveTo(fresh);
        return kept;
    });
    for (const left of previous.values()) {
        left.forEach(description => change.changedNames.add(description.name));
        changed ||= left.length > 0;
    }
    return { exports, changed };
}

function exportKey(description: AstNodeDescription): string {
    return `${description.type}\u0000${description.name}`;
}
