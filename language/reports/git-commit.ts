import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The commit checked out in the git repository that contains `folder`, read from the
 * repository's files (no git process is started); null outside a repository.
 */
export function currentGitCommit(folder: string): string | null {
    try {
        const gitDir = findGitDir(path.resolve(folder));
        if (!gitDir) return null;
        const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
        if (/^[0-9a-f]{40}$/.test(head)) return head;
        const ref = /^ref: (.+)$/.exec(head)?.[1];
        if (!ref) return null;
        const commonDir = readCommonDir(gitDir);
        for (const dir of [gitDir, commonDir]) {
            const loose = path.join(dir, ref);
            if (fs.existsSync(loose)) return fs.readFileSync(loose, 'utf8').trim();
        }
        const packed = path.join(commonDir, 'packed-refs');
        if (fs.existsSync(packed)) {
            const line = fs.readFileSync(packed, 'utf8').split('\n').find(entry => entry.endsWith(` ${ref}`));
            if (line) return line.slice(0, 40);
        }
        return null;
    } catch {
        return null;
    }
}

function findGitDir(start: string): string | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, '.git');
        if (fs.existsSync(candidate)) {
            if (fs.statSync(candidate).isDirectory()) return candidate;
            // A worktree or submodule: `.git` is a file naming the real git directory.
            const target = /^gitdir: (.+)$/m.exec(fs.readFileSync(candidate, 'utf8'))?.[1]?.trim();
            return target ? path.resolve(dir, target) : undefined;
        }
        if (path.dirname(dir) === dir) return undefined;
    }
}

function readCommonDir(gitDir: string): string {
    const file = path.join(gitDir, 'commondir');
    return fs.existsSync(file) ? path.resolve(gitDir, fs.readFileSync(file, 'utf8').trim()) : gitDir;
}
