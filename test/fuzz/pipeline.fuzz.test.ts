/**
 * Fuzzing of the whole pipeline in process (issue #8): mutations of the example files through
 * the parser, linker and validator, every LSP provider at a few positions, the server commands,
 * every report in every format and the heat map. No exception may escape (or be swallowed into
 * a log or a bogus diagnostic), and results must be sendable. Fixed seed and budget in CI; longer with `npm run fuzz` (see fuzz-config).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { ModelWorkspace } from '../helpers/model-workspace.js';
import { runCase } from './cases.js';
import { announceSeed, CI_SEED, runs, timeoutFor } from './fuzz-config.js';
import type { Finding } from './harness.js';
import { checkDiagnostics, exercise, formatFindings, Probe } from './harness.js';
import type { Mutation, MutatedFile } from './mutations.js';
import {
    ACME_FILES, acmeWorkspaceFiles, applyMutations, binaryFileArbitrary, CORPUS, decodeLikeServer, describeInput, encodeUtf8, mutatedAcmeFileArbitrary,
    mutatedFileArbitrary, mutatedText, mutationArbitrary, newNameArbitrary, offsetsArbitrary, offsetsIn, queryArbitrary
} from './mutations.js';
import { fuzz } from './property.js';

interface Request {
    readonly offsets: readonly number[];
    readonly newName: string;
    readonly query: string;
}

const requestArbitrary: fc.Arbitrary<Request> = fc.record({ offsets: offsetsArbitrary, newName: newNameArbitrary, query: queryArbitrary });

function describeRequest(request: Request): string {
    return `offsets ${JSON.stringify(request.offsets)}, new name ${JSON.stringify(request.newName.slice(0, 40))}, query ${JSON.stringify(request.query)}`;
}

describe('fuzz: the pipeline in process', function () {

    before(() => announceSeed());

    const aloneRuns = runs(40);
    it(`a mutated example file alone: build, every LSP provider, every report (${aloneRuns} runs)`, async function () {
        this.timeout(timeoutFor(aloneRuns, 600));
        await fuzz(fc.tuple(mutatedFileArbitrary, requestArbitrary), async ([input, request]) => {
            const text = mutatedText(input);
            return runCase(text, { context: 'alone', origin: CORPUS[input.file].name, ...request });
        }, {
            name: 'alone',
            numRuns: aloneRuns,
            describe: ([input, request]) => `${describeInput(input)}; ${describeRequest(request)}`,
            regression: ([input]) => ({ text: mutatedText(input), context: 'alone', origin: CORPUS[input.file].name, note: input.mutations })
        });
    });

    describe('in the acme model', function () {

        let workspace: ModelWorkspace;
        /** The acme file currently replaced by a mutated text, restored by the next edit. */
        let dirty: string | undefined;
        const original = (name: string) => ACME_FILES.find(file => file.name === name)!.text;

        before(async function () {
            this.timeout(60_000);
            workspace = await ModelWorkspace.create(acmeWorkspaceFiles());
            assert.deepEqual(workspace.diagnostics().filter(d => d.severity === 'error'), [], 'the acme example has no errors');
        });

        /** Replaces `name` with `text` (and restores the file mutated before) in one edit, as a save of two files does. */
        async function replace(probe: Probe, name: string, text: string | null, label = 'edit'): Promise<boolean> {
            const changes: Record<string, string | null> = { [name]: text };
            if (dirty && dirty !== name) changes[dirty] = original(dirty);
            dirty = name;
            const done = await probe.step(label, async () => { await workspace.edit(changes); return true; });
            return done === true;
        }

        after(async function () {
            this.timeout(60_000);
            if (dirty) await workspace.edit({ [dirty]: original(dirty) });
        });

        const acmeRuns = runs(30);
        it(`one mutated file in the acme model: incremental build, every LSP provider, every report (${acmeRuns} runs)`, async function () {
            this.timeout(timeoutFor(acmeRuns, 800));
            await fuzz(fc.tuple(mutatedAcmeFileArbitrary, requestArbitrary), async ([input, request]) => {
                const name = CORPUS[input.file].name;
                const text = mutatedText(input);
                const probe = new Probe().open();
                try {
                    if (await replace(probe, name, text)) {
                        checkDiagnostics(probe, workspace);
                        const document = await probe.step('document', () => workspace.document(name));
                        if (document) await exercise(probe, workspace, document, { offsets: offsetsIn(text, request.offsets), newName: request.newName, query: request.query, reports: true });
                    }
                    return probe.findings;
                } finally {
                    probe.close();
                }
            }, {
                name: 'acme',
                numRuns: acmeRuns,
                describe: ([input, request]) => `${describeInput(input)} in the acme model; ${describeRequest(request)}`,
                regression: ([input]) => ({ text: mutatedText(input), context: 'acme', origin: CORPUS[input.file].name, note: input.mutations })
            });
        });

        interface Session {
            readonly file: number;
            /** Each step mutates the file further; `null` deletes it (the next step recreates it from the original). */
            readonly steps: ReadonlyArray<readonly Mutation[] | null>;
            readonly request: Request;
        }

        const sessionArbitrary: fc.Arbitrary<Session> = fc.record({
            file: fc.nat({ max: ACME_FILES.length - 1 }),
            steps: fc.array(fc.option(fc.array(mutationArbitrary, { minLength: 1, maxLength: 2 }), { freq: 6, nil: null }), { minLength: 2, maxLength: 6 }),
            request: requestArbitrary
        });

        function sessionTexts(session: Session): Array<string | null> {
            const base = ACME_FILES[session.file].text;
            let text = base;
            return session.steps.map(step => {
                if (step === null) {
                    text = base;
                    return null;
                }
                text = applyMutations(text, step);
                return text;
            });
        }

        const sessionRuns = runs(8);
        it(`an editing session on one acme file: successive edits and deletions, requests after each (${sessionRuns} runs)`, async function () {
            this.timeout(timeoutFor(sessionRuns, 2500));
            await fuzz(sessionArbitrary, async session => {
                const name = ACME_FILES[session.file].name;
                const probe = new Probe().open();
                try {
                    const texts = sessionTexts(session);
                    for (const [i, text] of texts.entries()) {
                        const last = i === texts.length - 1;
                        if (!await replace(probe, name, text, `edit ${i + 1}${text === null ? ' (delete)' : ''}`)) break;
                        checkDiagnostics(probe, workspace);
                        const target = text === null ? 'isms.isms' : name;
                        const document = await probe.step(`document ${i + 1}`, () => workspace.document(target));
                        if (!document) break;
                        const shown = document.textDocument.getText();
                        await exercise(probe, workspace, document, { offsets: offsetsIn(shown, session.request.offsets), newName: session.request.newName, query: session.request.query, reports: last });
                    }
                    return probe.findings;
                } finally {
                    probe.close();
                }
            }, {
                name: 'session',
                numRuns: sessionRuns,
                describe: session => `editing session on ${ACME_FILES[session.file].name}: ${JSON.stringify(session.steps, (_key, value) => typeof value === 'string' && value.length > 80 ? `${value.slice(0, 40)}…` : value)}`,
                regression: session => {
                    const texts = sessionTexts(session);
                    const last = texts[texts.length - 1];
                    return {
                        text: last ?? '', context: 'acme', origin: ACME_FILES[session.file].name,
                        steps: texts.slice(0, -1).map(text => text ?? ACME_FILES[session.file].text), note: session.steps
                    };
                }
            });
        });
    });

    const bytesRuns = runs(20);
    it(`random bytes as a file, decoded the way the server reads files (${bytesRuns} runs)`, async function () {
        this.timeout(timeoutFor(bytesRuns, 400));
        await fuzz(fc.tuple(binaryFileArbitrary, requestArbitrary), async ([bytes, request]) => {
            const text = decodeLikeServer(bytes);
            return runCase(text, { context: 'alone', origin: 'x.isms', ...request });
        }, {
            name: 'bytes',
            numRuns: bytesRuns,
            describe: ([bytes, request]) => `bytes ${Buffer.from(bytes).toString('hex').slice(0, 200)}…; ${describeRequest(request)}`,
            regression: ([bytes]) => ({ text: decodeLikeServer(bytes), context: 'alone', origin: 'x.isms' })
        });
    });

    describe('the edge cases named in the issue', function () {
        this.timeout(60_000);

        const methodology = ACME_FILES.find(file => file.name === 'methodology.isms')!.text;
        const risks = ACME_FILES.find(file => file.name === 'risks/platform.isms')!.text;
        const soa = ACME_FILES.find(file => file.name === 'soa.isms')!.text;
        const withBytes = (text: string, at: number, bytes: number[]) => {
            const encoded = encodeUtf8(text);
            return decodeLikeServer(Buffer.concat([encoded.subarray(0, at), Buffer.from(bytes), encoded.subarray(at)]));
        };
        const fixedRandomBytes = (length: number, seed: number) => {
            let state = seed;
            return Uint8Array.from({ length }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24);
        };

        const cases: Array<[string, string, 'methodology.isms' | 'risks/platform.isms' | 'soa.isms' | 'isms.isms']> = [
            ['an empty file', '', 'isms.isms'],
            ['a file of whitespace and line ends only', ' \t\r\n\n\r  \u00a0\u2028', 'isms.isms'],
            ['a BOM and nothing else', decodeLikeServer(Uint8Array.from([0xef, 0xbb, 0xbf])), 'isms.isms'],
            ['a BOM before a valid file', decodeLikeServer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encodeUtf8(risks)])), 'risks/platform.isms'],
            ['a BOM in the middle of a file', risks.replace('risk ', '\ufeffrisk '), 'risks/platform.isms'],
            ['every line end CRLF', risks.replace(/\n/g, '\r\n'), 'risks/platform.isms'],
            ['old Mac line ends (CR only)', risks.replace(/\n/g, '\r'), 'risks/platform.isms'],
            ['mixed line ends', risks.split('\n').map((line, i) => line + ['\n', '\r\n', '\r', '\n\r'][i % 4]).join(''), 'risks/platform.isms'],
            ['invalid UTF-8 in a string', withBytes(risks, risks.indexOf('"') + 3, [0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), 'risks/platform.isms'],
            ['invalid UTF-8 in an id', withBytes(risks, risks.indexOf('risk ') + 6, [0xc0, 0xaf, 0xfe]), 'risks/platform.isms'],
            ['a truncated multi-byte sequence at the end', decodeLikeServer(Buffer.concat([encodeUtf8(risks), Buffer.from([0xf0, 0x9f, 0x98])])), 'risks/platform.isms'],
            ['binary garbage (4 KB, NULs included)', decodeLikeServer(fixedRandomBytes(4096, 8)), 'isms.isms'],
            ['NUL bytes only', '\0'.repeat(1000), 'isms.isms'],
            ['enormous numbers in the methodology', methodology.replace(/\b\d+\b/g, match => match + '9'.repeat(400)), 'methodology.isms'],
            ['2^53+1 and 10^309 as likelihood and impact', risks.replace(/likelihood \d/g, 'likelihood 9007199254740993').replace(/impact \d/g, 'impact 1' + '0'.repeat(309)), 'risks/platform.isms'],
            ['an enormous factor and appetite', methodology.replace('appetite 9', `appetite ${'9'.repeat(30)}\n    factor ${'9'.repeat(30)}`), 'methodology.isms'],
            ['a 90 KB string', risks.replace(/"[^"]*"/, `"${'x'.repeat(90_000)}"`), 'risks/platform.isms'],
            ['a 90 KB id, declared and referenced', soa.replace(/\bA\.8\.13\b/g, 'A.8.' + '1'.repeat(60_000)), 'soa.isms'],
            ['100 KB of opening braces', '{'.repeat(100_000), 'isms.isms'],
            ['50 000 nested balanced braces', '{'.repeat(50_000) + '}'.repeat(50_000), 'isms.isms'],
            ['10 000 nested scope blocks', 'isms "x" {' + 'scope {'.repeat(10_000) + '}'.repeat(10_001), 'isms.isms'],
            ['an unterminated block comment', `/* ${risks}`, 'risks/platform.isms'],
            ['an unterminated string', risks.replace(/"([^"]*)"/, '"$1'), 'risks/platform.isms'],
            ['100 KB of one keyword', 'risk '.repeat(20_000), 'risks/platform.isms'],
            ['a risk declared 2 000 times', 'risk R-1 "x" { likelihood 2 impact 3 }\n'.repeat(2_000), 'risks/platform.isms'],
            ['lone surrogates and bidi controls (from an editor)', risks.replace(/"([^"]*)"/g, '"\ud800$1\u202e\udfff"'), 'risks/platform.isms']
        ];

        for (const [title, text, origin] of cases) {
            it(`${title}: alone and in the acme model`, async function () {
                const findings: Finding[] = [
                    ...(await runCase(text, { context: 'alone', origin })).map(finding => ({ ...finding, step: `alone: ${finding.step}` })),
                    ...(await runCase(text, { context: 'acme', origin })).map(finding => ({ ...finding, step: `acme: ${finding.step}` }))
                ];
                assert.equal(findings.length, 0, `${title}:\n${formatFindings(findings)}`);
            });
        }
    });

    describe('the suite catches a deliberately introduced crash', function () {

        it('a hover provider that throws on CRLF documents is found by the alone property with the CI seed and budget', async function () {
            const ciRuns = 40;
            this.timeout(timeoutFor(ciRuns, 600));
            let thrown = 0;
            const crashingRun = async ([input, request]: [MutatedFile, Request]): Promise<readonly Finding[]> => {
                const text = mutatedText(input);
                const probe = new Probe().open();
                try {
                    const workspace = await probe.step('build', () => ModelWorkspace.create({ 'fuzz.isms': text }));
                    if (!workspace) return probe.findings;
                    // The deliberate defect, in this workspace's services only.
                    const hover = workspace.services.lsp.HoverProvider!;
                    const original = hover.getHoverContent.bind(hover);
                    hover.getHoverContent = (document, params) => {
                        if (document.textDocument.getText().includes('\r')) {
                            thrown++;
                            throw new TypeError('deliberate crash: cannot read properties of undefined (reading \'line\')');
                        }
                        return original(document, params);
                    };
                    checkDiagnostics(probe, workspace);
                    const document = workspace.services.shared.workspace.LangiumDocuments.getDocument(workspace.uri('fuzz.isms'));
                    if (document) await exercise(probe, workspace, document, { offsets: offsetsIn(text, request.offsets), newName: request.newName, query: request.query, reports: false });
                    // Only what the deliberate defect causes: the product's real defects are the other tests' business.
                    return probe.findings.filter(finding => finding.message.includes('deliberate crash'));
                } finally {
                    probe.close();
                }
            };
            await assert.rejects(
                fuzz(fc.tuple(mutatedFileArbitrary, requestArbitrary), crashingRun, { name: 'self-check', numRuns: ciRuns, seed: CI_SEED, describe: ([input]) => describeInput(input), stopAtFirstFailure: true }),
                (error: Error) => {
                    assert.match(error.message, /\[exception\] hover@\d+:\d+: TypeError: deliberate crash/);
                    return true;
                });
            assert.ok(thrown > 0);
        });
    });
});
