import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitBlob, type Change } from '../../../../src/core/change.js';
import { blobsToSize, changesFromDiff, relativeTo } from '../../../../src/sources/git/changes-from-diff.js';
import { GitError } from '../../../../src/sources/git/errors.js';
import type { RawDiffEntry } from '../../../../src/sources/git/parse-diff.js';

const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);
const ZERO = '0'.repeat(40);
const sizes = new Map([[NEW, 7]]);

type Side = RawDiffEntry['oldType'];
function entry(status: RawDiffEntry['status'], oldPath: string, path: string, oldType: Side, newType: Side, score: number | null = null): RawDiffEntry {
  return { status, score, oldType, newType, oldSha: oldType === 'none' ? ZERO : OLD, newSha: newType === 'none' ? ZERO : NEW, oldPath, path };
}
const file = (path: string) => ({ path, id: gitBlob(NEW), size: 7 });
const changes = (prefix: string, ...entries: RawDiffEntry[]): Change[] => changesFromDiff(entries, prefix, sizes);

describe('changesFromDiff', () => {
  it('case 14: a crafted path with a . or .. segment is unsupported with its reason, never added, deleted or renamed', () => {
    const dots = 'path has a "." or ".." segment (a crafted git tree): not synced';
    assert.deepEqual(changes('',
      entry('A', '../x.sql', '../x.sql', 'none', 'file'),
      entry('A', './x.sql', './x.sql', 'none', 'file'),
      entry('D', 'a/../d.sql', 'a/../d.sql', 'file', 'none'),
      entry('R', 'ok.sql', 'sub/../ok.sql', 'file', 'file', 100)), [
      { kind: 'unsupported', path: '../x.sql', reason: dots },
      { kind: 'unsupported', path: './x.sql', reason: dots },
      { kind: 'deleted', path: 'ok.sql' },
      { kind: 'unsupported', path: 'sub/../ok.sql', reason: dots },
    ]);
  });

  it('maps add, modify and delete of regular files', () => {
    assert.deepEqual(changes('',
      entry('A', 'a', 'a', 'none', 'file'),
      entry('M', 'm', 'm', 'file', 'file'),
      entry('D', 'd', 'd', 'file', 'none')), [
      { kind: 'added', file: file('a') },
      { kind: 'modified', file: file('m') },
      { kind: 'deleted', path: 'd' },
    ]);
  });

  it('ignores a mode-only change (same blob)', () => {
    assert.deepEqual(changesFromDiff([{ ...entry('M', 'x.sh', 'x.sh', 'file', 'file'), newSha: OLD }], '', sizes), []);
  });

  it('keeps paths under the prefix, relative to it, and drops the rest', () => {
    assert.deepEqual(changes('sql/etl',
      entry('A', 'sql/etl/a.sql', 'sql/etl/a.sql', 'none', 'file'),
      entry('A', 'sql/etlx/b.sql', 'sql/etlx/b.sql', 'none', 'file'),
      entry('A', 'sql/etl', 'sql/etl', 'none', 'file')), [{ kind: 'added', file: file('a.sql') }]);
  });

  it('reports a rename inside the prefix with its similarity', () => {
    assert.deepEqual(changes('p', entry('R', 'p/a', 'p/dir/b', 'file', 'file', 87)),
      [{ kind: 'renamed', from: 'a', file: file('dir/b'), similarity: 87 }]);
  });

  it('turns a rename into the prefix into an add, and out of it into a delete', () => {
    assert.deepEqual(changes('p', entry('R', 'elsewhere/a', 'p/a', 'file', 'file', 100)), [{ kind: 'added', file: file('a') }]);
    assert.deepEqual(changes('p', entry('R', 'p/a', 'elsewhere/a', 'file', 'file', 100)), [{ kind: 'deleted', path: 'a' }]);
  });

  it('splits a rename of a file into a symlink into delete and unsupported', () => {
    assert.deepEqual(changes('', entry('R', 'a', 'b', 'file', 'symlink', 100)),
      [{ kind: 'deleted', path: 'a' }, { kind: 'unsupported', path: 'b', reason: 'symlink: not followed' }]);
  });

  it('reports a renamed symlink as unsupported at its new path only', () => {
    assert.deepEqual(changes('', entry('R', 'a', 'b', 'symlink', 'symlink', 100)),
      [{ kind: 'unsupported', path: 'b', reason: 'symlink: not followed' }]);
  });

  it('turns regular -> symlink and regular -> submodule into delete + unsupported', () => {
    assert.deepEqual(changes('', entry('T', 'x', 'x', 'file', 'symlink'), entry('T', 'y', 'y', 'file', 'submodule')), [
      { kind: 'deleted', path: 'x' },
      { kind: 'unsupported', path: 'x', reason: 'symlink: not followed' },
      { kind: 'deleted', path: 'y' },
      { kind: 'unsupported', path: 'y', reason: 'submodule: not followed' },
    ]);
  });

  it('turns symlink -> regular into an add', () => {
    assert.deepEqual(changes('', entry('T', 'x', 'x', 'symlink', 'file')), [{ kind: 'added', file: file('x') }]);
  });

  it('reports added or changed symlinks and submodules, and ignores their deletion', () => {
    assert.deepEqual(changes('',
      entry('A', 'l', 'l', 'none', 'symlink'),
      entry('M', 's', 's', 'submodule', 'submodule'),
      entry('D', 'gone', 'gone', 'symlink', 'none')), [
      { kind: 'unsupported', path: 'l', reason: 'symlink: not followed' },
      { kind: 'unsupported', path: 's', reason: 'submodule: not followed' },
    ]);
  });

  it('treats a copy as an add of the destination', () => {
    assert.deepEqual(changes('', entry('C', 'a', 'b', 'file', 'file', 100)), [{ kind: 'added', file: file('b') }]);
  });

  it('refuses an unmerged entry', () => {
    assert.throws(() => changes('', entry('U', 'c', 'c', 'file', 'file')), (err) => err instanceof GitError && err.code === 'unexpectedOutput');
  });

  it('fails loudly when a size is missing', () => {
    assert.throws(() => changesFromDiff([entry('A', 'a', 'a', 'none', 'file')], '', new Map()), GitError);
  });
});

describe('blobsToSize', () => {
  it('lists each new regular blob once', () => {
    assert.deepEqual(blobsToSize([
      entry('A', 'a', 'a', 'none', 'file'),
      entry('A', 'b', 'b', 'none', 'file'),
      entry('A', 'l', 'l', 'none', 'symlink'),
      entry('D', 'd', 'd', 'file', 'none'),
    ]), [NEW]);
  });
});

describe('relativeTo', () => {
  it('strips the prefix only at a path boundary', () => {
    assert.equal(relativeTo('', 'a/b'), 'a/b');
    assert.equal(relativeTo('a', 'a/b'), 'b');
    assert.equal(relativeTo('a', 'ab/c'), null);
    assert.equal(relativeTo('a', 'a'), null);
  });
});
