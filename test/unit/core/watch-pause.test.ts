// Issue 11, cases 1, 2 and 15: the pure rules that pause watch instead of deleting.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptiedPause, rootVerdict, sameRoot, type RootState } from '../../../src/core/watch-pause.js';

const recorded = { dev: 64769, ino: 1234, birthtimeMs: 1_700_000_000_123.5 };
const dir = (identity = recorded): RootState => ({ kind: 'directory', realPath: '/data/res', identity });
const verdict = (state: RootState, known: typeof recorded | undefined = recorded) => rootVerdict('/data/res', state, known, '/state.json');

describe('watch pauses', () => {
  test('the same directory goes on; the first one seen (no identity recorded yet) is taken', () => {
    assert.deepEqual(verdict(dir()), { identity: recorded });
    assert.deepEqual(rootVerdict('/data/res', dir({ ...recorded, ino: 9 }), undefined, '/state.json'), { identity: { ...recorded, ino: 9 } });
  });

  test('case 15: a root that is gone or no longer a directory pauses', () => {
    const gone = verdict({ kind: 'missing' });
    assert.ok('pause' in gone && gone.pause.reason === 'rootMissing' && gone.pause.message.includes('/data/res'));
    const file = verdict({ kind: 'notDirectory' });
    assert.ok('pause' in file && file.pause.reason === 'rootNotDirectory');
  });

  test('cases 1 and 2: another directory at the same path (re-created, unmounted, symlink elsewhere) pauses', () => {
    for (const other of [{ ...recorded, ino: 99 }, { ...recorded, dev: 2049 }, { ...recorded, birthtimeMs: 1_800_000_000_000 }]) {
      const replaced = verdict(dir(other));
      assert.ok('pause' in replaced && replaced.pause.reason === 'rootReplaced', JSON.stringify(other));
      assert.match(replaced.pause.fix, /delete the state file \/state\.json/);
    }
  });

  test('a file system without birth times (0) compares device and inode only', () => {
    assert.ok(sameRoot({ ...recorded, birthtimeMs: 0 }, recorded));
    assert.ok(!sameRoot({ ...recorded, birthtimeMs: 0, ino: 5 }, recorded));
  });

  test('case 2: a run leaving no file where the manifest holds some pauses; a root with files, or nothing managed, does not', () => {
    assert.equal(emptiedPause('/data/res', 0, 50)?.reason, 'rootEmptied');
    assert.match(emptiedPause('/data/res', 0, 50)?.message ?? '', /no file left while 50 were uploaded/);
    assert.equal(emptiedPause('/data/res', 1, 50), null);
    assert.equal(emptiedPause('/data/res', 0, 0), null);
  });
});
