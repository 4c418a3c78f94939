/**
 * A 10 MB single file (issue #8): the acme model copied over and over into one file, each
 * copy's ids suffixed so that the model stays valid, read as bytes the way the server reads a
 * file, then parsed, linked and validated within BOUNDS.largeFile, with the heap kept sane.
 * Parse and validate only: requests on a 10 MB document are not part of the bound.
 *
 * The build gets a cancellation token that fires at the bound, so a build that is too slow
 * fails at the bound rather than holding CI for minutes.
 */
import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { Cancellation, DocumentState, isOperationCancelled, URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { BUILTIN_DOCUMENTS } from '../../language/builtin/builtin-documents.js';
import { createIsmsServices } from '../../language/isms-module.js';
import { BOUNDS } from './fuzz-config.js';
import { ACME_FILES, decodeLikeServer, encodeUtf8, KEYWORDS, tokenize } from './mutations.js';

const TARGET_BYTES = 10 * 1024 * 1024;
/** The heap may grow by at most this much for the 10 MB file (it needs about 0.5 GB). */
const MAX_HEAP_GROWTH = 2 * 1024 * 1024 * 1024;

/** Ids that must keep their name in every copy: the built-in framework and the one methodology. */
const SHARED_IDS = new Set(['ISO27001_2022', 'FiveByFive']);

/**
 * The acme model repeated to `bytes`: the isms block and the SoA once (a control is decided
 * once per model), every other file once per copy with its ids suffixed `_<copy>`.
 */
export function largeModel(bytes: number): string {
    const parts: string[] = [];
    let size = 0;
    for (let copy = 0; size < bytes; copy++) {
        for (const file of ACME_FILES) {
            if (copy > 0 && (file.name === 'isms.isms' || file.name === 'soa.isms' || file.name === 'methodology.isms')) continue;
            const text = copy === 0 ? file.text : tokenize(file.text)
                .map(token => /^[A-Za-z_][\w-]*$/.test(token) && !KEYWORDS.includes(token) && !SHARED_IDS.has(token) ? `${token}_${copy}` : token)
                .join('');
            parts.push(text);
            size += text.length;
            if (size >= bytes) break;
        }
    }
    return parts.join('\n');
}

describe('fuzz: a 10 MB single file', function () {
    this.timeout(BOUNDS.largeFile + 60_000);

    it(`is parsed, linked and validated within ${BOUNDS.largeFile / 1000} s with the heap kept sane`, async () => {
        const text = decodeLikeServer(encodeUtf8(largeModel(TARGET_BYTES)));
        assert.ok(text.length >= TARGET_BYTES, `${text.length} characters`);

        const fileSystem = new VirtualFileSystemProvider();
        const services = createIsmsServices({ fileSystemProvider: () => fileSystem }).Isms;
        const uri = URI.file('/workspace/large.isms');
        fileSystem.insert(uri, text);
        const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;

        const phases: string[] = [];
        let phaseStart = performance.now();
        for (const state of [DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated]) {
            DocumentBuilder.onBuildPhase(state, () => {
                const now = performance.now();
                phases.push(`${DocumentState[state]} ${Math.round(now - phaseStart)} ms`);
                phaseStart = now;
            });
        }

        global.gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 100);
        const source = new Cancellation.CancellationTokenSource();
        const deadline = setTimeout(() => source.cancel(), BOUNDS.largeFile);
        const start = performance.now();
        let parsedMs = 0;
        let cancelled = false;
        let document: LangiumDocument | undefined;
        try {
            document = await LangiumDocuments.getOrCreateDocument(uri);
            parsedMs = Math.round(performance.now() - start);
            phaseStart = performance.now();
            const builtins = BUILTIN_DOCUMENTS.map(builtin => LangiumDocumentFactory.fromString(builtin.text, builtin.uri));
            builtins.forEach(builtin => LangiumDocuments.addDocument(builtin));
            await DocumentBuilder.build([...builtins, document], { validation: true }, source.token);
        } catch (error) {
            if (!isOperationCancelled(error)) throw error;
            cancelled = true;
        } finally {
            clearTimeout(deadline);
            clearInterval(sampler);
        }
        const ms = Math.round(performance.now() - start);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        const growth = heapPeak - heapBefore;
        const report = `${(text.length / 1024 / 1024).toFixed(1)} MB: parsed in ${parsedMs} ms, then ${phases.join(', ')}; `
            + `${cancelled ? `cancelled at the bound after ${ms} ms` : `built in ${ms} ms`}; heap grew by ${Math.round(growth / 1024 / 1024)} MB at most`;
        process.stdout.write(`      ${report}\n`);

        assert.ok(!cancelled && ms <= BOUNDS.largeFile, `the build must finish within ${BOUNDS.largeFile} ms: ${report}`);
        assert.ok(growth <= MAX_HEAP_GROWTH, `the heap must grow by at most ${MAX_HEAP_GROWTH / 1024 / 1024} MB: ${report}`);
        assert.ok(document, 'the document was created');
        const diagnostics = document.diagnostics ?? [];
        assert.equal(document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length, 0, 'the 10 MB model is syntactically valid');
        assert.ok(!diagnostics.some(diagnostic => /An error occurred during/.test(String(diagnostic.message))), 'no validation check threw');
    });
});
