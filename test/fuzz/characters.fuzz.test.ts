/**
 * Whole models damaged character by character (issue #13): every file of the acme example, or
 * of a workspace of the benchmark's generator, loses 1–5 % of its characters, gains as many
 * from the language's alphabet, or is cut off. Parse recovery then leaves partial syntax trees
 * everywhere (required properties missing, strings without text), and each must go through the
 * whole pipeline in process (build, every LSP provider on the damaged files, every report in
 * every format, the heat map) and through the real CLI, which must end with 0, 1 or 2 and print
 * no stack trace. A failure is reduced to one small file and kept in regressions/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporaryWorkspace } from '../helpers/project.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';
import type { DamagedModel } from './characters.js';
import { damagedFiles, damagedModelArbitrary, describeDamage } from './characters.js';
import { everyCommand, isms, problems } from './cli-run.js';
import { exerciseOptions } from './cases.js';
import { announceSeed, runs, timeoutFor } from './fuzz-config.js';
import type { Finding } from './harness.js';
import { checkDiagnostics, exercise, exerciseGenerators, Probe } from './harness.js';
import { minimiseToOneFile } from './minimise.js';
import { fuzz } from './property.js';

/** Damaged files that get every LSP request, a different few each run (the build, validation and reports cover all of them). */
const REQUESTED_FILES = 4;

/** The damaged model in process: build, requests on its files, every report. */
async function inProcess(probe: Probe, input: DamagedModel, damaged: Record<string, string>): Promise<void> {
    const workspace = await probe.step('build', () => ModelWorkspace.create(damaged));
    if (!workspace) return;
    checkDiagnostics(probe, workspace);
    const names = Object.keys(damaged).sort();
    const start = input.seed % names.length;
    const requested = [...names.slice(start), ...names.slice(0, start)].slice(0, REQUESTED_FILES);
    for (const name of requested) {
        const document = workspace.services.shared.workspace.LangiumDocuments.getDocument(workspace.uri(name));
        // A file that lost everything but NUL-free text is still a document; only binary files are left out.
        if (!document) continue;
        await exercise(probe, workspace, document, { ...exerciseOptions(damaged[name], { offsets: [input.seed, input.seed >>> 3, input.seed >>> 7, input.seed >>> 11] }), reports: false, maxDiagnostics: 5 });
    }
    await exerciseGenerators(probe, workspace.services);
}

/** The damaged model written to disk and given to the CLI: validate, and one report command (a different one each run). */
async function throughCli(input: DamagedModel, damaged: Record<string, string>): Promise<Finding[]> {
    const workspace = temporaryWorkspace(damaged);
    try {
        fs.mkdirSync(path.join(workspace.dir, 'out'));
        const commands = everyCommand(workspace.dir, '.');
        const chosen = [commands[0], commands[3 + input.seed % (commands.length - 3)]];
        const found: Finding[] = [];
        for (const args of chosen) {
            const run = await isms(args, workspace.dir);
            found.push(...problems(run).map((message): Finding => ({ kind: 'exception', step: `cli ${args[0]}`, message })));
        }
        return found;
    } finally {
        workspace.dispose();
    }
}

describe('fuzz: whole models damaged character by character', function () {

    before(() => announceSeed());

    const property = (models: ReadonlyArray<DamagedModel['model']>, name: string, numRuns: number, msPerRun: number) => async function (this: Mocha.Context) {
        this.timeout(timeoutFor(numRuns, msPerRun));
        await fuzz(damagedModelArbitrary(models), async input => {
            const { damaged } = await damagedFiles(input);
            const probe = new Probe().open();
            try {
                await inProcess(probe, input, damaged);
            } finally {
                probe.close();
            }
            return [...probe.findings, ...await throughCli(input, damaged)];
        }, {
            name,
            numRuns,
            describe: describeDamage,
            minimise: async (input, signatures) => {
                const { original, damaged } = await damagedFiles(input);
                return minimiseToOneFile(damaged, original, input.model === 'acme', signatures, describeDamage(input));
            }
        });
    };

    const acmeRuns = runs(4);
    it(`the acme example: in process (build, every LSP provider, every report) and the CLI (${acmeRuns} runs)`,
        property(['acme'], 'characters-acme', acmeRuns, 8000));

    const generatedRuns = runs(1);
    it(`a generated workspace (the benchmark's S size): in process and the CLI (${generatedRuns} runs)`,
        property(['generated'], 'characters-generated', generatedRuns, 20000));
});
