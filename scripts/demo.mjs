// The README's main job: check the example ISMS, then write its Statement of Applicability in
// every format (and its risk register and treatment plan as HTML) into demo-output/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = 'examples/acme';
const out = 'demo-output/';

function isms(...args) {
    console.log(`$ isms ${args.join(' ')}`);
    const run = spawnSync(process.execPath, ['dist/cli.cjs', ...args], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
}

isms('validate', example);
for (const format of ['md', 'html', 'csv', 'xlsx', 'json']) {
    isms('soa', example, '--format', format, '--out', out);
}
isms('risks', example, '--format', 'html', '--out', out);
isms('treatment-plan', example, '--format', 'html', '--out', out);
console.log(`\nThe reports are in ${out}`);
