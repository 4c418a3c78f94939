/**
 * The report writer in process: one writer per folder, the report and its manifest entry
 * together or not at all, temporary files never left behind, and nothing overwritten that the
 * tool did not write. File system faults are real files in the way, or one failing call put
 * into the commit's file system layer.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCK_NAME } from '../../language/reports/report-lock.js';
import { parseManifest } from '../../language/reports/report-manifest.js';
import { MANIFEST_NAME, OutputError, OutputRefusedError, writeReportFile } from '../../language/reports/report-output.js';

describe('writeReportFile', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-report-output-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const file = (name: string) => path.join(dir, name);
    const manifest = () => JSON.parse(fs.readFileSync(file(MANIFEST_NAME), 'utf8')) as { files: Record<string, string> };
    const leftovers = () => fs.readdirSync(dir).filter(name => name.endsWith('.tmp') || name.startsWith(LOCK_NAME));

    it('serialises writers of one folder: every entry is kept, and each file can be written again', async () => {
        const names = Array.from({ length: 8 }, (_, index) => `report-${index}.md`);
        await Promise.all(names.map(name => writeReportFile(file(name), `first ${name}\n`)));
        assert.deepEqual(Object.keys(manifest().files).sort(), names);
        await Promise.all(names.map(name => writeReportFile(file(name), `second ${name}\n`)));
        for (const name of names) assert.equal(fs.readFileSync(file(name), 'utf8'), `second ${name}\n`);
        assert.deepEqual(leftovers(), []);
    });

    it('waits for a live lock only so long, then says who holds it and writes nothing', async () => {
        fs.writeFileSync(file(LOCK_NAME), JSON.stringify({ pid: process.pid, hostname: os.hostname(), time: new Date().toISOString(), id: 'other' }));
        await assert.rejects(writeReportFile(file('soa.md'), 'x', { lock: { waitMs: 200 } }), (error: Error) =>
            error instanceof OutputRefusedError && error.message.startsWith(`another isms run is writing reports into ${dir} (pid ${process.pid}); try again`));
        assert.deepEqual(fs.readdirSync(dir), [LOCK_NAME]);
    });

    it('recovers a lock whose process is gone, and one older than the bound from another host', async () => {
        const dead = spawnSync(process.execPath, ['-e', '']).pid!;
        fs.writeFileSync(file(LOCK_NAME), JSON.stringify({ pid: dead, hostname: os.hostname(), time: new Date().toISOString(), id: 'dead' }));
        await writeReportFile(file('a.md'), 'a', { lock: { waitMs: 0 } });
        fs.writeFileSync(file(LOCK_NAME), JSON.stringify({ pid: process.pid, hostname: 'elsewhere.example', time: '2000-01-01T00:00:00.000Z', id: 'old' }));
        await writeReportFile(file('b.md'), 'b', { lock: { waitMs: 0 } });
        assert.deepEqual(Object.keys(manifest().files), ['a.md', 'b.md']);
        assert.deepEqual(leftovers(), []);
    });

    it('removes what killed runs left, and only files named like its own temporary files', async () => {
        const ours = ['.soa.md.123.abcd.tmp', '.statement-of-applicability.md.4242.0a1b2c3d.tmp', `.${MANIFEST_NAME}.77.ffee0011.tmp`];
        const others = ['.notes.tmp', 'notes.123.abcd.tmp', '.soa.md.x.abcd.tmp'];
        for (const name of [...ours, ...others]) fs.writeFileSync(file(name), 'left over');
        fs.mkdirSync(file('.folder.md.1.abcd.tmp'));
        await writeReportFile(file('soa.md'), 'x');
        assert.deepEqual(fs.readdirSync(dir).sort(), [...others, '.folder.md.1.abcd.tmp', MANIFEST_NAME, 'soa.md'].sort());
    });

    for (const existing of [false, true]) {
        it(`keeps the report and the manifest together when the manifest cannot be put in place (${existing ? 'replacing a report' : 'a new report'})`, async () => {
            if (existing) await writeReportFile(file('soa.md'), 'old\n');
            const before = fs.existsSync(file(MANIFEST_NAME)) ? fs.readFileSync(file(MANIFEST_NAME)) : undefined;
            const failing = {
                ...fs.promises,
                rename: async (from: fs.PathLike, to: fs.PathLike) => {
                    if (String(to).endsWith(MANIFEST_NAME)) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
                    return fs.promises.rename(from, to);
                }
            };
            await assert.rejects(writeReportFile(file('soa.md'), 'new\n', { fileSystem: failing }), (error: Error) =>
                error instanceof OutputError && /soa\.md: cannot be written \(EIO: i\/o error, rename; nothing was changed\)/.test(error.message));
            if (existing) {
                assert.equal(fs.readFileSync(file('soa.md'), 'utf8'), 'old\n');
                assert.ok(fs.readFileSync(file(MANIFEST_NAME)).equals(before!));
                await writeReportFile(file('soa.md'), 'again\n');
            } else {
                assert.equal(fs.existsSync(file('soa.md')), false);
                assert.equal(fs.existsSync(file(MANIFEST_NAME)), false);
            }
            assert.deepEqual(leftovers(), []);
        });
    }

    it('refuses a symbolic link at the target, dangling or not, and leaves it alone', async () => {
        fs.writeFileSync(file('real.md'), 'mine');
        fs.symlinkSync('nowhere', file('dangling.md'));
        fs.symlinkSync('real.md', file('link.md'));
        for (const name of ['dangling.md', 'link.md']) {
            await assert.rejects(writeReportFile(file(name), 'x'), /is a symbolic link; isms writes only regular files or new names/);
        }
        assert.equal(fs.readlinkSync(file('dangling.md')), 'nowhere');
        assert.equal(fs.readFileSync(file('real.md'), 'utf8'), 'mine');
        assert.equal(fs.existsSync(file(MANIFEST_NAME)), false);
    });

    it('reports a manifest it cannot understand, and leaves it as it is', async () => {
        const text = '{"generator": "isms-as-code",\n  "files": {\n    "a" "b"}}';
        fs.writeFileSync(file(MANIFEST_NAME), text);
        await assert.rejects(writeReportFile(file('soa.md'), 'x'),
            { message: `${path.join(dir, MANIFEST_NAME)}: not a report manifest (line 3, column 9: expected ':' after property name); move it away` });
        assert.equal(fs.readFileSync(file(MANIFEST_NAME), 'utf8'), text);
        assert.equal(fs.existsSync(file('soa.md')), false);
    });
});

describe('parseManifest', () => {
    it('says what is wrong with a manifest', () => {
        assert.equal(parseManifest(''), 'line 1, column 1: unexpected end of JSON input');
        assert.equal(parseManifest('[]'), 'not a JSON object');
        assert.equal(parseManifest('{"generator": "other", "files": {}}'), '"generator" is not "isms-as-code"');
        assert.equal(parseManifest('{"generator": "isms-as-code", "files": []}'), '"files" is not an object of file names and hashes');
        assert.equal(parseManifest('{"generator": "isms-as-code", "files": {"a.md": "abc"}}'), 'the entry for "a.md" is not a SHA-256 hash');
        assert.equal(parseManifest('hello'), 'unexpected token \'h\'');
        const hash = 'a'.repeat(64);
        assert.deepEqual(parseManifest(`{"generator": "isms-as-code", "files": {"__proto__": "${hash}"}}`), new Map([['__proto__', hash]]));
    });
});
