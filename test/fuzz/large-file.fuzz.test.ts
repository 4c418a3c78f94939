/**
 * A 10 MB single file (issue #8), with `isms.maxFileSize` raised above it: the acme model
 * copied over and over into one file, each copy's ids suffixed so that the model stays valid,
 * read as bytes the way the server reads a file, then parsed, linked and validated with the heap kept sane and every copy in the syntax
 * tree. How long it takes is a figure of the benchmark (`npm run bench`), not a bound here: the
 * mocha timeout only tells a hang from a slow machine.
 */
import * as assert from 'node:assert/strict';
import { AstUtils, URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { BUILTIN_DOCUMENTS } from '../../language/builtin/builtin-documents.js';
import { createIsmsServices } from '../../language/isms-module.js';
import { largeModel } from './large-model.js';
import { decodeLikeServer, encodeUtf8 } from './mutations.js';

const TARGET_BYTES = 10 * 1024 * 1024;
/** The heap may grow by at most this much for the 10 MB file (it needs about 0.5 GB). */
const MAX_HEAP_GROWTH = 2 * 1024 * 1024 * 1024;

describe('fuzz: a 10 MB single file', function () {
    // A hang guard, not a bound: the build takes 10–40 s depending on the machine.
    this.timeout(240_000);

    it('is parsed, linked and validated, every copy of the model in the tree, with the heap kept sane', async () => {
        const model = largeModel(TARGET_BYTES);
        const text = decodeLikeServer(encodeUtf8(model));
        assert.ok(text.length >= TARGET_BYTES, `${text.length} characters`);

        const fileSystem = new VirtualFileSystemProvider();
        const services = createIsmsServices({ fileSystemProvider: () => fileSystem }).Isms;
        // Above the default isms.maxFileSize of 8 MB, which would leave the file out unparsed.
        assert.deepEqual(services.config.Settings.update({ maxFileSize: '16MB' }), []);
        const uri = URI.file('/workspace/large.isms');
        fileSystem.insert(uri, text);
        const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;

        global.gc?.();
        const heapBefore = process.memoryUsage().heapUsed;
        let heapPeak = heapBefore;
        const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 100);
        let document;
        try {
            document = await LangiumDocuments.getOrCreateDocument(uri);
            const builtins = BUILTIN_DOCUMENTS.map(builtin => LangiumDocumentFactory.fromString(builtin.text, builtin.uri));
            builtins.forEach(builtin => LangiumDocuments.addDocument(builtin));
            await DocumentBuilder.build([...builtins, document], { validation: true });
        } finally {
            clearInterval(sampler);
        }
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        const growth = heapPeak - heapBefore;
        // Counts instead of time: the whole text became a tree (a parser that gave up half way would build fewer elements).
        const elements = document.parseResult.value.$cstNode ? AstUtils.streamContents(document.parseResult.value).count() : 0;
        // Every element of acme starts a line with its keyword; nested ones are indented.
        const expectedElements = (model.match(/^[a-z][a-z-]*\s/gm) ?? []).length;
        process.stdout.write(`      ${(text.length / 1024 / 1024).toFixed(1)} MB: ${elements} top-level elements; heap grew by ${Math.round(growth / 1024 / 1024)} MB at most\n`);

        assert.ok(growth <= MAX_HEAP_GROWTH, `the heap must grow by at most ${MAX_HEAP_GROWTH / 1024 / 1024} MB: ${Math.round(growth / 1024 / 1024)} MB`);
        assert.equal(document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length, 0, 'the 10 MB model is syntactically valid');
        assert.equal(elements, expectedElements, `${elements} top-level elements in the tree, ${expectedElements} lines of the text start one`);
        const diagnostics = document.diagnostics ?? [];
        assert.ok(!diagnostics.some(diagnostic => /An error occurred during/.test(String(diagnostic.message))), 'no validation check threw');
    });
});
