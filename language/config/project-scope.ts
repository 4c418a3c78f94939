import type { ProjectSettings } from './project-file.js';

/**
 * Which `.isms` files below a project folder belong to the model, from the project file's
 * `include` and `exclude` globs. Paths are relative to the project folder and written with `/`.
 *
 * A pattern matches a path or one of its folders, so `test`, `test/` and `test/**` all leave
 * out the folder `test` and everything below it. A folder the user names as a search root (a
 * path given to the CLI) is searched even when the project leaves it out; the patterns then
 * apply only below it.
 */
export class ProjectScope {

    private readonly include: RegExp[];
    private readonly exclude: RegExp[];

    /** `searchRoots`: the folders searched, relative to the project folder ('' is the project folder). */
    constructor(settings: Pick<ProjectSettings, 'include' | 'exclude'>, private readonly searchRoots: readonly string[] = ['']) {
        this.include = (settings.include ?? ['**']).map(globToRegExp);
        this.exclude = (settings.exclude ?? []).map(globToRegExp);
    }

    /** Whether a folder search goes into this folder. */
    admitsFolder(relativePath: string): boolean {
        return !this.matchesBelowRoot(this.exclude, relativePath);
    }

    /** Whether a file a folder search finds joins the model. */
    admitsFile(relativePath: string): boolean {
        if (this.matchesBelowRoot(this.exclude, relativePath)) return false;
        const root = this.searchRootOf(relativePath);
        // A named folder that the project leaves out is taken whole, less what is excluded below it.
        if (root !== '' && (this.matchesAnywhere(this.exclude, root) || !this.matchesAnywhere(this.include, root))) return true;
        return this.matchesAnywhere(this.include, relativePath);
    }

    /** Whether a pattern matches the path or one of its folders below the search root. */
    private matchesBelowRoot(patterns: RegExp[], relativePath: string): boolean {
        const root = this.searchRootOf(relativePath);
        return pathAndFolders(relativePath).some(candidate => candidate.length > root.length && patterns.some(pattern => pattern.test(candidate)));
    }

    private matchesAnywhere(patterns: RegExp[], relativePath: string): boolean {
        return pathAndFolders(relativePath).some(candidate => patterns.some(pattern => pattern.test(candidate)));
    }

    /** The deepest search root that holds the path. */
    private searchRootOf(relativePath: string): string {
        return this.searchRoots
            .filter(root => root === '' || relativePath === root || relativePath.startsWith(root + '/'))
            .reduce((deepest, root) => root.length > deepest.length ? root : deepest, '');
    }
}

/** `a/b/c.isms` → `a/b/c.isms`, `a/b`, `a`. */
function pathAndFolders(relativePath: string): string[] {
    const parts = relativePath.split('/');
    return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

/**
 * A glob as a regular expression over a whole relative path: `**` is any number of folders,
 * `*` any characters within one name, `?` one such character. A trailing `/` or `/**` is
 * dropped: matching a folder already takes everything below it.
 */
export function globToRegExp(glob: string): RegExp {
    const pattern = glob.replace(/^\.\//, '').replace(/(\/\*\*)+$|\/+$/, '');
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (pattern.startsWith('**/', i)) {
            source += '(?:.*/)?';
            i += 2;
        } else if (pattern.startsWith('**', i)) {
            source += '.*';
            i += 1;
        } else if (char === '*') {
            source += '[^/]*';
        } else if (char === '?') {
            source += '[^/]';
        } else {
            source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
    }
    // dotAll: a file name may hold a line break, and `**` must still match it.
    return new RegExp(`^${source}$`, 's');
}
