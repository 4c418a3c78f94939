import type { LangiumDocument, WorkspaceFolder } from 'langium';
import { URI, UriUtils } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInsideFolder, isPathWithin } from './regular-file.js';

export { isRelativePath } from './relative-path.js';

/** An address with a scheme (`https:`, `file:`, `C:`): not a path relative to the workspace. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Paths in the model (evidence locations, policy documents) are relative to the workspace
 * folder that holds the `.isms` file; without announced workspace folders (the CLI), to the
 * folder of the file itself.
 */
export function baseFolderOf(document: LangiumDocument, folders: readonly WorkspaceFolder[] | undefined): URI {
    const containing = folders?.map(folder => URI.parse(folder.uri)).find(folder => isPathWithin(folder.fsPath, document.uri.fsPath));
    return containing ?? UriUtils.dirname(document.uri);
}

/**
 * The file `value` names below `base` (a `/`-separated path; a leading `/` and a `#fragment`
 * are ignored), or undefined when it leads outside `base`. A model may come from anyone: no
 * path may reach a file outside the workspace, by `..` or by a symbolic link.
 */
export function resolveBelow(base: URI, value: string): URI | undefined {
    if (SCHEME.test(value) || value.includes('\0')) return undefined;
    const [file] = value.split('#');
    const target = path.join(base.fsPath, ...file.split('/').filter(part => part.length > 0));
    if (!isPathWithin(base.fsPath, target)) return undefined;
    if (fs.existsSync(base.fsPath) && !isInsideFolder(base.fsPath, target)) return undefined;
    return URI.file(target);
}
