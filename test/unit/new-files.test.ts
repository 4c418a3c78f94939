/** Writing the starter ISMS: every file or none, and a name taken in any way stops it first. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NewFileError, writeNewFiles } from '../../language/files/new-files.js';

describe('writeNewFiles', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-new-files-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('writes nothing when a name is taken by a dangling link, and names it', () => {
        fs.symlinkSync('nowhere', path.join(dir, 'b.isms'));
        assert.throws(() => writeNewFiles(dir, { 'a.isms': 'a', 'b.isms': 'b' }),
            (error: NewFileError) => error.taken && error.file === 'b.isms' && error.reason === 'exists (a symbolic link)');
        assert.deepEqual(fs.readdirSync(dir), ['b.isms']);
        assert.equal(fs.existsSync(path.join(dir, 'nowhere')), false);
    });

    it('removes the files it wrote, and the folders it made, when a later one cannot be written', () => {
        const target = path.join(dir, 'new', 'isms');
        // The second name lies in a folder that does not exist: the check passes, the write fails.
        assert.throws(() => writeNewFiles(target, { 'a.isms': 'a', 'missing/b.isms': 'b', 'c.isms': 'c' }),
            (error: NewFileError) => !error.taken && error.file === 'missing/b.isms' && error.reason === 'cannot be written (no such file)');
        assert.deepEqual(fs.readdirSync(dir), []);
    });

    it('writes every file into a folder it creates', () => {
        writeNewFiles(path.join(dir, 'x'), { 'a.isms': 'a', 'b.isms': 'b' });
        assert.deepEqual(fs.readdirSync(path.join(dir, 'x')).sort(), ['a.isms', 'b.isms']);
    });
});
