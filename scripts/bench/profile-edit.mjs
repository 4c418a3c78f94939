#!/usr/bin/env node
// Where an edit's time goes, without the protocol: builds a workspace in process with the
// language services (as the server does), then applies one-line edits to a file as the editor
// would (a changed text document, then DocumentBuilder.update) and prints each edit's time and
// the documents it rebuilt. With --profile FILE, the edits (not the initial build) are profiled
// into FILE (.cpuprofile; summarise with cpuprofile-summary.mjs).
//
//   node scripts/bench/profile-edit.mjs DIR [--file roles.isms] [--edits 20] [--pattern '^role CISO "']
//        [--profile edits.cpuprofile]
//
// The edit appends " (edited)" to, and removes it from, the title on the first line matching
// the pattern. Needs `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const out = path => import(pathToFileURL(join(ROOT, 'out', path)).href);

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : fallback;
};
const dir = resolve(args[0] ?? '');
const relative = option('--file', 'roles.isms');
const edits = Number(option('--edits', '20'));
const pattern = new RegExp(option('--pattern', '^(role|risk|asset) \\S+ "'), 'm');
const profile = option('--profile');

const { URI, DocumentState } = await import('langium');
const { NodeFileSystem } = await import('langium/node');
const { TextDocument } = await import('vscode-languageserver-textdocument');
const { createIsmsServices } = await out('language/isms-module.js');
const { loadWorkspace } = await out('language/workspace/workspace-loader.js');

const { shared, Isms } = createIsmsServices(NodeFileSystem);
Isms.config.Settings.update({ today: '2026-11-23' });
let started = performance.now();
await loadWorkspace(shared, { folders: [URI.file(dir)], files: [] });
console.log(`initial build: ${(performance.now() - started).toFixed(0)} ms, ${shared.workspace.LangiumDocuments.all.count()} documents`);

// The editor's copy of the file: Langium reads open documents from TextDocuments.
const path = join(dir, relative);
const uri = URI.file(path);
let text = readFileSync(path, 'utf8');
let version = 1;
const documents = shared.workspace.TextDocuments;
documents.set(TextDocument.create(uri.toString(), 'isms', version, text));

let rebuilt = 0;
shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, built => { rebuilt = built.length; });
const times = [];
const session = profile ? new Session() : undefined;
if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
}
for (let i = 0; i < edits; i++) {
    const match = pattern.exec(text);
    if (!match) throw new Error(`no line matching ${pattern} in ${relative}`);
    const lineEnd = text.indexOf('\n', match.index);
    const line = text.slice(match.index, lineEnd);
    const closing = line.lastIndexOf('"');
    const edited = line.slice(0, closing).endsWith(' (edited)')
        ? line.replace(' (edited)"', '"')
        : line.slice(0, closing) + ' (edited)' + line.slice(closing);
    text = text.slice(0, match.index) + edited + text.slice(lineEnd);
    documents.set(TextDocument.create(uri.toString(), 'isms', ++version, text));
    rebuilt = 0;
    started = performance.now();
    await shared.workspace.DocumentBuilder.update([uri], []);
    times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = p => times[Math.max(0, Math.ceil(p * times.length) - 1)]?.toFixed(1);
console.log(`${edits} edits of ${relative}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; documents validated by the last: ${rebuilt}`);
if (session) {
    const { profile: result } = await session.post('Profiler.stop');
    writeFileSync(profile, JSON.stringify(result));
    console.log(`profile of the edits: ${profile}`);
}
