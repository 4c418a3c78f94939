/**
 * The real CLI (dist/cli.cjs) on folders of hostile files (issue #8): a binary file named
 * x.isms, invalid UTF-8, an empty file, a BOM, CRLF, and mutated example files. Every command
 * must end with exit code 0 or 1, or 2 with one line saying why (the CLI's contract for input
 * it cannot use: a binary .isms file, a model the SoA cannot be built for), and never print a
 * stack trace or an internal error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { temporaryWorkspace } from '../helpers/project.js';
import { everyCommand, isms, pool, problems } from './cli-run.js';
import { announceSeed, runs, timeoutFor } from './fuzz-config.js';
import type { Finding } from './harness.js';
import { ACME_FILES, binaryFileArbitrary, encodeUtf8, mutatedAcmeFileArbitrary, mutatedText, describeInput } from './mutations.js';
import { fuzz } from './property.js';

function fixedRandomBytes(length: number, seed: number): Buffer {
    let state = seed;
    return Buffer.from(Uint8Array.from({ length }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24));
}

describe('fuzz: the CLI on hostile files', function () {

    before(() => announceSeed());

    it('a folder with invalid UTF-8, an empty file, a BOM, CRLF and a truncated file, and one with a binary x.isms: every command, every format', async function () {
        this.timeout(180_000);
        const risks = ACME_FILES.find(file => file.name === 'risks/platform.isms')!.text;
        const workspace = temporaryWorkspace({});
        try {
            const write = (name: string, bytes: Uint8Array) => {
                fs.mkdirSync(path.dirname(path.join(workspace.dir, name)), { recursive: true });
                fs.writeFileSync(path.join(workspace.dir, name), bytes);
            };
            for (const folder of ['text', 'binary']) {
                for (const file of ACME_FILES.filter(candidate => !candidate.name.startsWith('risks/'))) write(`${folder}/${file.name}`, encodeUtf8(file.text));
            }
            const encoded = encodeUtf8(risks);
            const at = encoded.indexOf(0x22) + 3;
            write('text/invalid-utf8.isms', Buffer.concat([encoded.subarray(0, at), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f]), encoded.subarray(at)]));
            write('text/empty.isms', new Uint8Array());
            write('text/bom.isms', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encodeUtf8('role AUDITOR "Internal auditor"\n')]));
            write('text/crlf.isms', encodeUtf8('role DPO "Data protection officer"\r\nrole HR "Head of HR" { person "A. B." }\r\n'));
            write('text/truncated.isms', encodeUtf8(risks.slice(0, Math.floor(risks.length / 2))));
            write('text/garbage.isms', Buffer.from(fixedRandomBytes(4096, 27001).map(byte => byte === 0 ? 1 : byte)));
            write('binary/x.isms', fixedRandomBytes(4096, 27001));
            write('binary/png.isms', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
            fs.mkdirSync(path.join(workspace.dir, 'out'));

            const text = path.join(workspace.dir, 'text');
            const binary = path.join(workspace.dir, 'binary');
            const runsOnText = [
                ...everyCommand(workspace.dir, '.'),
                ['validate', 'invalid-utf8.isms', 'empty.isms', 'bom.isms', 'garbage.isms', '--date', '2026-11-23']
            ];
            // A binary .isms file: the CLI refuses it in one line (exit 2), whatever the command.
            const runsOnBinary = [['validate', '.'], ['validate', 'png.isms', '--format', 'sarif'], ['soa', 'x.isms']];
            const all = await pool([
                ...runsOnText.map(args => () => isms(args, text)),
                ...runsOnBinary.map(args => () => isms(args, binary))
            ]);
            const found = all.flatMap(run => problems(run));
            for (const run of all.slice(runsOnText.length)) {
                if (run.status !== 2 || !/cannot be read \(binary content/.test(run.stderr)) found.push(`isms ${run.args.join(' ')} on a binary file: exit ${run.status}, ${JSON.stringify(run.stderr)}`);
            }
            const statuses = all.map(run => run.status);
            process.stdout.write(`      ${statuses.length} CLI runs; exit codes ${[...new Set(statuses)].sort().map(code => `${code}×${statuses.filter(status => status === code).length}`).join(', ')}\n`);
            assert.deepEqual(found, []);
        } finally {
            workspace.dispose();
        }
    });

    const cliRuns = runs(3, 0.05);
    it(`mutated example files and random bytes in a copy of the acme model: validate and the risk register (${cliRuns} runs)`, async function () {
        this.timeout(timeoutFor(cliRuns, 5000));
        await fuzz(fc.tuple(mutatedAcmeFileArbitrary, binaryFileArbitrary), async ([input, bytes]) => {
            const workspace = temporaryWorkspace(Object.fromEntries(ACME_FILES.map(file => [file.name, file.text])));
            try {
                fs.writeFileSync(path.join(workspace.dir, ACME_FILES[input.file].name), mutatedText(input));
                // Random bytes without NUL, so that the file is read as (garbled) text rather than refused as binary.
                fs.writeFileSync(path.join(workspace.dir, 'random.isms'), Buffer.from(bytes).map(byte => byte === 0 ? 1 : byte));
                const found = (await Promise.all([
                    isms(['validate', '.', '--format', 'json', '--date', '2026-11-23'], workspace.dir),
                    isms(['risks', '.', '--format', 'csv', '--date', '2026-11-23'], workspace.dir)
                ])).flatMap(run => problems(run));
                return found.map((message): Finding => ({ kind: 'exception', step: 'cli', message }));
            } finally {
                workspace.dispose();
            }
        }, {
            name: 'cli',
            numRuns: cliRuns,
            describe: ([input, bytes]) => `${describeInput(input)} and random.isms = ${Buffer.from(bytes).toString('hex').slice(0, 120)}…`,
            regression: ([input]) => ({ text: mutatedText(input), context: 'acme', origin: ACME_FILES[input.file].name, note: input.mutations })
        });
    });
});
