/**
 * Reading files the tool does not own: only regular files, within a size bound and, when asked,
 * inside a folder. FIFOs and devices are refused without blocking (a test that hung would time
 * out rather than fail, so each FIFO case would never finish on a blocking implementation).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatBytes, isInsideFolder, isReadRefusal, readRegularFile } from '../../language/files/regular-file.js';

describe('readRegularFile', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-regular-file-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads a regular file within the bound', () => {
        fs.writeFileSync(path.join(dir, 'HEAD'), 'ref: refs/heads/main\n');
        const result = readRegularFile(path.join(dir, 'HEAD'), { maxBytes: 100 });
        assert.ok(!isReadRefusal(result));
        assert.equal(result.toString('utf8'), 'ref: refs/heads/main\n');
    });

    it('refuses a file above the bound, and accepts one exactly at it', () => {
        fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(101));
        fs.writeFileSync(path.join(dir, 'exact'), 'x'.repeat(100));
        assert.deepEqual(readRegularFile(path.join(dir, 'big'), { maxBytes: 100 }), { refused: 'larger than 100 bytes', size: 101 });
        assert.ok(!isReadRefusal(readRegularFile(path.join(dir, 'exact'), { maxBytes: 100 })));
    });

    it('refuses a FIFO without waiting for a writer', function () {
        if (process.platform === 'win32') this.skip();
        const fifo = path.join(dir, 'HEAD');
        execFileSync('mkfifo', [fifo]);
        assert.deepEqual(readRegularFile(fifo, { maxBytes: 100 }), { refused: 'not a regular file' });
    });

    it('refuses devices and folders', function () {
        if (process.platform === 'win32') this.skip();
        assert.deepEqual(readRegularFile('/dev/zero', { maxBytes: 100 }), { refused: 'not a regular file' });
        assert.deepEqual(readRegularFile(dir, { maxBytes: 100 }), { refused: 'a folder, not a file' });
    });

    it('refuses a missing file and a dangling link with the reason', () => {
        fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
        assert.deepEqual(readRegularFile(path.join(dir, 'missing'), { maxBytes: 100 }), { refused: 'no such file' });
        assert.deepEqual(readRegularFile(path.join(dir, 'dangling'), { maxBytes: 100 }), { refused: 'no such file' });
    });

    it('refuses a file outside the given root, also through a symbolic link', () => {
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-outside-'));
        try {
            fs.writeFileSync(path.join(outside, 'secret'), 'secret');
            fs.symlinkSync(path.join(outside, 'secret'), path.join(dir, 'link'));
            fs.writeFileSync(path.join(dir, 'inside'), 'ok');
            assert.deepEqual(readRegularFile(path.join(dir, 'link'), { maxBytes: 100, root: dir }), { refused: 'outside the workspace' });
            assert.deepEqual(readRegularFile(path.join(dir, '../', path.basename(outside), 'secret'), { maxBytes: 100, root: dir }), { refused: 'outside the workspace' });
            assert.ok(!isReadRefusal(readRegularFile(path.join(dir, 'inside'), { maxBytes: 100, root: dir })));
            assert.ok(isInsideFolder(dir, path.join(dir, 'not-yet', 'created')));
            assert.ok(!isInsideFolder(dir, outside));
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });

    it('names limits as people say them', () => {
        assert.equal(formatBytes(8 * 1024 * 1024), '8 MB');
        assert.equal(formatBytes(64 * 1024), '64 KB');
        assert.equal(formatBytes(100), '100 bytes');
    });
});
