#!/usr/bin/env node
// In-process measurements for the benchmark, run in a fresh process each (started with
// --expose-gc so that retained heap can be measured after a full collection):
//
//   node --expose-gc scripts/bench/inprocess.mjs parse DIR
//       The language's parser alone (lexer + parser + AST/CST), over every .isms file of DIR:
//       createIsmsServices(EmptyFileSystem) and services.Isms.parser.LangiumParser.parse(text)
//       per file, texts read into memory beforehand. Pass 1 is cold (the reference the benchmark
//       divides by), pass 2 warm. Prints JSON.
//   node --expose-gc scripts/bench/inprocess.mjs build DIR [--date YYYY-MM-DD]
//       What the CLI does: read, parse, index, link and validate the whole workspace with the
//       language services on the real file system, timing each build phase. Prints JSON.
//   node --expose-gc scripts/bench/inprocess.mjs stock DIR
//       The same files built by stock Langium services for the same grammar: Langium's default
//       modules plus the generated grammar module only (default document builder, scope
//       computation, scope provider and linker, no validation checks, no project caches), the
//       built-in catalog loaded as plain documents. Phases timed as for `build`. Prints JSON.
//   node --expose-gc scripts/bench/inprocess.mjs hostile
//       Hostile inputs the fuzz suite feeds the pipeline (it checks that they work, not how
//       fast): the build of 100 KB of one keyword, of 10 000 nested scope blocks and of the
//       acme model repeated into one 10 MB file (limit raised) and into one 50 MB file (over
//       the default limit, left out), and completion at the end of each.
//       Prints JSON.
//   --out-dir DIR: import the compiled services from DIR instead of out/.
//
// Needs `npm run build` (it imports the compiled services from out/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The compiled services: out/ of the project, or a copy of it (--out-dir) made by bench.mjs.
const outDirIndex = process.argv.indexOf('--out-dir');
const OUT = outDirIndex > 0 ? resolve(process.argv[outDirIndex + 1]) : join(ROOT, 'out');

export function listIsmsFiles(dir) {
    const out = [];
    const walk = folder => {
        for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.isFile() && entry.name.endsWith('.isms')) out.push(path);
        }
    };
    walk(dir);
    return out;
}

function gc() {
    if (globalThis.gc) {
        globalThis.gc();
        globalThis.gc();
    }
}

/** User + system CPU time of this process (all its threads, GC and compiler included), in ms. */
function cpuMs(usage) {
    return (usage.user + usage.system) / 1000;
}

function heapUsed() {
    gc();
    return process.memoryUsage().heapUsed;
}

async function importOut(path) {
    return import(pathToFileURL(join(OUT, path)).href);
}

async function parseOnly(dir) {
    const { EmptyFileSystem } = await import('langium');
    const { createIsmsServices } = await importOut('language/isms-module.js');
    const files = listIsmsFiles(dir);
    const texts = files.map(file => readFileSync(file, 'utf8'));
    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const services = createIsmsServices(EmptyFileSystem);
    const parser = services.Isms.parser.LangiumParser;
    const before = heapUsed();
    const passes = [];
    const cpu = [];
    let kept = [];
    let errors = 0;
    for (let pass = 1; pass <= 2; pass++) {
        kept = [];
        errors = 0;
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        for (const text of texts) {
            const result = parser.parse(text);
            errors += result.lexerErrors.length + result.parserErrors.length;
            kept.push(result);
        }
        passes.push(performance.now() - started);
        cpu.push(cpuMs(process.cpuUsage(cpuStarted)));
    }
    const retained = heapUsed() - before;
    return {
        files: files.length, bytes, errors,
        coldMs: passes[0], warmMs: passes[1], coldCpuMs: cpu[0], warmCpuMs: cpu[1],
        coldMBps: bytes / 1e6 / (passes[0] / 1000), warmMBps: bytes / 1e6 / (passes[1] / 1000),
        retainedHeapBytes: retained, astCount: kept.length,
        peakRssBytes: process.resourceUsage().maxRSS * 1024
    };
}

async function fullBuild(dir, date) {
    const { URI } = await import('langium');
    const { NodeFileSystem } = await import('langium/node');
    const { createIsmsServices } = await importOut('language/isms-module.js');
    const { loadWorkspace } = await importOut('language/workspace/workspace-loader.js');
    return timedBuild(() => {
        const { shared, Isms } = createIsmsServices(NodeFileSystem);
        Isms.config.Settings.update({ today: date });
        return shared;
    }, async shared => (await loadWorkspace(shared, { folders: [URI.file(resolve(dir))], files: [] })).documents);
}

/**
 * Stock Langium for the same grammar, on the same files: what the project's services are
 * measured against. Every file is read through the file system provider (asynchronously, as
 * Langium does) and built with validation, whose only checks are then Langium's built-in ones
 * (syntax and linking errors).
 */
async function stockBuild(dir) {
    const { URI, inject, createDefaultCoreModule, createDefaultSharedCoreModule } = await import('langium');
    const { NodeFileSystem } = await import('langium/node');
    const { IsmsGeneratedModule, IsmsGeneratedSharedModule } = await importOut('language/generated/module.js');
    const { BUILTIN_DOCUMENTS } = await importOut('language/builtin/builtin-documents.js');
    return timedBuild(() => {
        const shared = inject(createDefaultSharedCoreModule(NodeFileSystem), IsmsGeneratedSharedModule);
        const language = inject(createDefaultCoreModule({ shared }), IsmsGeneratedModule);
        shared.ServiceRegistry.register(language);
        return shared;
    }, async shared => {
        const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = shared.workspace;
        const documents = await Promise.all(listIsmsFiles(resolve(dir)).map(file => LangiumDocuments.getOrCreateDocument(URI.file(file))));
        const builtins = BUILTIN_DOCUMENTS.map(builtin => LangiumDocumentFactory.fromString(builtin.text, builtin.uri));
        builtins.forEach(document => LangiumDocuments.addDocument(document));
        await DocumentBuilder.build([...builtins, ...documents], { validation: true });
        return documents;
    });
}

/**
 * Creates services with `create` and builds a workspace with `build` (which returns the user's
 * documents), timing each phase of the build from the start, wall and CPU.
 */
async function timedBuild(create, build) {
    const { DocumentState } = await import('langium');
    const before = heapUsed();
    const shared = create();
    const phases = {};
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const marks = [['parsed', DocumentState.Parsed], ['indexedContent', DocumentState.IndexedContent], ['computedScopes', DocumentState.ComputedScopes],
        ['linked', DocumentState.Linked], ['indexedReferences', DocumentState.IndexedReferences], ['validated', DocumentState.Validated]];
    for (const [name, state] of marks) {
        shared.workspace.DocumentBuilder.onBuildPhase(state, () => {
            phases[name] ??= performance.now() - started;
        });
    }
    const documents = await build(shared);
    const totalMs = performance.now() - started;
    const totalCpuMs = cpuMs(process.cpuUsage(cpuStarted));
    const severities = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const document of documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            severities[['error', 'warning', 'info', 'hint'][(diagnostic.severity ?? 1) - 1]]++;
        }
    }
    const bytes = documents.reduce((sum, document) => sum + Buffer.byteLength(document.textDocument.getText()), 0);
    const retained = heapUsed() - before;
    // Phase durations: reading and parsing happen while the documents are created, before the
    // build; each later figure is the time from the end of the previous phase.
    const order = ['indexedContent', 'computedScopes', 'linked', 'indexedReferences', 'validated'];
    const durations = {};
    let previous = 0;
    const loadEnd = phases.parsed ?? phases.indexedContent ?? 0;
    durations.readAndParse = loadEnd;
    previous = loadEnd;
    for (const name of order) {
        if (phases[name] !== undefined) {
            durations[name] = phases[name] - previous;
            previous = phases[name];
        }
    }
    return {
        files: documents.length, bytes, totalMs, totalCpuMs, phases: durations, diagnostics: severities,
        retainedHeapBytes: retained, peakRssBytes: process.resourceUsage().maxRSS * 1024
    };
}

/** Builds one file in a fresh in-memory workspace under `settings`; then completion at its end. */
async function hostileCase(text, settings = {}) {
    const { URI } = await import('langium');
    const { VirtualFileSystemProvider } = await import('langium/test');
    const { createIsmsServices } = await importOut('language/isms-module.js');
    const { loadWorkspace } = await importOut('language/workspace/workspace-loader.js');
    const fileSystem = new VirtualFileSystemProvider();
    const uri = URI.file('/workspace/hostile.isms');
    fileSystem.insert(uri, text);
    const { shared, Isms } = createIsmsServices({ fileSystemProvider: () => fileSystem });
    Isms.config.Settings.update(settings);
    let started = performance.now();
    await loadWorkspace(shared, { folders: [URI.file('/workspace')], files: [] });
    const buildMs = performance.now() - started;
    const document = shared.workspace.LangiumDocuments.getDocument(uri);
    started = performance.now();
    await Isms.lsp.CompletionProvider.getCompletion(document, { textDocument: { uri: uri.toString() }, position: document.textDocument.positionAt(text.length) });
    return { bytes: Buffer.byteLength(text), buildMs, completionMs: performance.now() - started };
}

async function hostile() {
    // The text generator is a test helper of the project itself (not of a --out-dir snapshot, which holds the services only).
    const { largeModel } = await import(pathToFileURL(join(ROOT, 'out', 'test', 'fuzz', 'large-model.js')).href);
    return {
        oneKeyword100KB: await hostileCase('risk '.repeat(20_000)),
        nestedScopes10k: await hostileCase('isms "x" {' + 'scope {'.repeat(10_000) + '}'.repeat(10_001)),
        // Above the default isms.maxFileSize of 8 MB: the limit is raised to measure the parse.
        acmeRepeated10MB: await hostileCase(largeModel(10 * 1024 * 1024), { maxFileSize: '16MB' }),
        // Over the default limit: left out unparsed with file-too-large, however large.
        acmeRepeated50MBOverLimit: await hostileCase(largeModel(50 * 1024 * 1024))
    };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'hostile') {
    process.stdout.write(JSON.stringify(await hostile()) + '\n');
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const [mode, dir, ...rest] = process.argv.slice(2);
    if (!mode || !dir || !['parse', 'build', 'stock'].includes(mode)) {
        console.error('usage: node --expose-gc scripts/bench/inprocess.mjs parse|build|stock DIR [--date YYYY-MM-DD] | hostile');
        process.exit(2);
    }
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
        console.error(`inprocess: ${dir} is not a folder`);
        process.exit(2);
    }
    const dateIndex = rest.indexOf('--date');
    const date = dateIndex >= 0 ? rest[dateIndex + 1] : '2026-11-23';
    const result = mode === 'parse' ? await parseOnly(dir) : mode === 'stock' ? await stockBuild(dir) : await fullBuild(dir, date);
    process.stdout.write(JSON.stringify(result) + '\n');
}
