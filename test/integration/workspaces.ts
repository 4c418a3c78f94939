// The workspaces the integration suite opens in a real VS Code: a copy of examples/acme, clean,
// and a copy with mistakes seeded into files the suite never opens. The runners (scripts/e2e/run.mjs,
// scripts/test-vscode.mjs) make them; the suite reads SEEDED_MISTAKES for what to expect.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEEDED_MISTAKES, WORKSPACE_SETTINGS } from './workspace-contents.js';

export * from './workspace-contents.js';

/** Copies examples/acme to `<parent>/<name>`, with the seeded mistakes when `broken`. */
export function copyAcme(projectRoot: string, parent: string, name: string, broken: boolean): string {
    const target = path.join(parent, name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(path.join(projectRoot, 'examples', 'acme'), target, { recursive: true });
    if (broken) {
        for (const mistake of SEEDED_MISTAKES) {
            const file = path.join(target, mistake.file);
            const text = fs.readFileSync(file, 'utf8');
            const first = text.indexOf(mistake.find);
            if (first < 0 || text.indexOf(mistake.find, first + 1) >= 0) {
                throw new Error(`cannot seed ${mistake.code} into ${mistake.file}: the text to replace is not there exactly once (has examples/acme changed?)`);
            }
            fs.writeFileSync(file, text.replace(mistake.find, mistake.replace));
        }
    }
    fs.mkdirSync(path.join(target, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(target, '.vscode', 'settings.json'), `${JSON.stringify(WORKSPACE_SETTINGS, null, 4)}\n`);
    return target;
}
