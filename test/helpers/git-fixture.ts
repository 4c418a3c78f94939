import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** git as a user with no configuration of their own: the tests see the same git on every machine. */
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** A real git repository in a temporary folder, with commits dated as asked. */
export class GitFixture {

    readonly dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'isms-git-')));

    constructor() {
        this.git('init', '-q', '-b', 'main');
    }

    /** Writes files (relative paths); `null` deletes one. */
    write(files: Record<string, string | null>): this {
        for (const [name, text] of Object.entries(files)) {
            const file = path.join(this.dir, name);
            if (text === null) {
                fs.rmSync(file, { force: true });
            } else {
                fs.mkdirSync(path.dirname(file), { recursive: true });
                fs.writeFileSync(file, text);
            }
        }
        return this;
    }

    read(name: string): string {
        return fs.readFileSync(path.join(this.dir, name), 'utf8');
    }

    /** Replaces `from` by `to` in a file; fails when `from` is not there, so a fixture cannot silently go stale. */
    edit(name: string, from: string, to: string): this {
        const text = this.read(name);
        if (!text.includes(from)) throw new Error(`${name} does not contain ${JSON.stringify(from)}`);
        return this.write({ [name]: text.replace(from, to) });
    }

    /** Commits everything with author and committer date `date` (YYYY-MM-DD, noon UTC); returns the commit id. */
    commit(message: string, date: string): string {
        this.git('add', '-A');
        const stamp = `${date}T12:00:00+00:00`;
        execFileSync('git', ['-c', 'user.name=Auditor', '-c', 'user.email=auditor@example.com', 'commit', '-q', '--allow-empty', '-m', message], {
            cwd: this.dir, env: { ...GIT_ENV, GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp }
        });
        return this.git('rev-parse', 'HEAD').trim();
    }

    git(...args: string[]): string {
        return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: GIT_ENV });
    }

    dispose(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}
