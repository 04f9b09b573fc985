// Drift (issue 12): a managed file whose server size or update time moved since our write, found from
// the plan and one listing, never on a guess.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gitBlob } from '../../../src/core/change.js';
import { detectDrift, driftDirectories, driftNotes, rewriteDriftedRenames, serverMoved } from '../../../src/core/drift.js';
import type { FileIdentity } from '../../../src/core/file-identity.js';
import type { Operation } from '../../../src/core/operation.js';
import type { RemoteEntry, RemoteIndex } from '../../../src/core/remote-index.js';

const T1 = '2026-01-01 10:00:00';
const T2 = '2026-01-01 11:00:00';
const known = (size: number, updateTime = T1): FileIdentity => ({ id: 'git-blob:aa', size, updateTime });
const file = (path: string, size?: number, updateTime?: string): RemoteEntry => ({
  path, kind: 'file', ...(size === undefined ? {} : { size }), ...(updateTime === undefined ? {} : { updateTime }),
});
const indexOf = (...entries: RemoteEntry[]): RemoteIndex => ({ rootExists: true, entries: new Map(entries.map((e) => [e.path, e])), source: 'test' });
const ref = (path: string) => ({ path, id: gitBlob('bb'), size: 9 });

describe('drift', () => {
  test('moved: another size or update time than recorded; unknown on either side is never drift', () => {
    assert.equal(serverMoved(known(3), file('a', 3, T1)), false);
    assert.equal(serverMoved(known(3), file('a', 4, T1)), true, 'edited: new size');
    assert.equal(serverMoved(known(3), file('a', 3, T2)), true, 'edited: same size, new update time');
    assert.equal(serverMoved(undefined, file('a', 4, T2)), false, 'no identity recorded');
    assert.equal(serverMoved(known(3), file('a')), false, 'a listing without sizes says nothing');
    assert.equal(serverMoved(known(3), undefined), false, 'gone from the server: nothing to back up, the plan recreates it');
    assert.equal(serverMoved(known(3), { path: 'a', kind: 'dir' }), false);
  });

  test('moved, for an identity stamped from the write\'s answer: the listing may show its second or the next (MySQL rounds)', () => {
    const answered: FileIdentity = { ...known(3), fromAnswer: true };
    assert.equal(serverMoved(answered, file('a', 3, T1)), false);
    assert.equal(serverMoved(answered, file('a', 3, '2026-01-01 10:00:01')), false);
    assert.equal(serverMoved(answered, file('a', 3, '2026-01-01 10:00:02')), true);
    assert.equal(serverMoved(known(3), file('a', 3, '2026-01-01 10:00:01')), true, 'a listed identity is exact');
  });

  test('incremental: only the files the plan updates, renames (the old path) or deletes', () => {
    const identities = new Map([['u.sh', known(1)], ['r.sh', known(1)], ['d.sh', known(1)], ['quiet.sh', known(1)], ['c.sh', known(1)]]);
    const index = indexOf(file('u.sh', 2, T2), file('r.sh', 1, T2), file('d.sh', 5, T1), file('quiet.sh', 9, T2), file('c.sh', 7, T2));
    const operations: Operation[] = [
      { op: 'update', path: 'u.sh', file: ref('u.sh') }, { op: 'rename', path: 'r2.sh', from: 'r.sh' },
      { op: 'delete', path: 'd.sh' }, { op: 'create', path: 'n.sh', file: ref('n.sh') }, { op: 'skip', path: 'c.sh', reason: 'x' },
    ];
    assert.deepEqual(detectDrift(operations, identities, index), ['d.sh', 'r.sh', 'u.sh'], 'quiet.sh moved too, but this plan does not touch it');
    assert.deepEqual(detectDrift(operations, identities, index, true), ['c.sh', 'd.sh', 'quiet.sh', 'r.sh', 'u.sh'], 'a full reconcile and status look at every managed file');
  });

  test('the listing needed: the parent directories of the recorded files a change touches, the root as ""', () => {
    const identities = new Map([['a/b/x.sh', known(1)], ['top.sh', known(1)]]);
    assert.deepEqual([...driftDirectories(['a/b/x.sh', 'top.sh', 'new/y.sh'], identities)], ['a/b', '']);
  });

  test('overwrite mode: a drifted file that is only renamed gets the commit\'s content, so the remote equals the commit', () => {
    const plan = { operations: [{ op: 'rename', path: 'r2.sh', from: 'r.sh' }, { op: 'rename', path: 's2.sh', from: 's.sh' }] as Operation[], notes: [] };
    const next = rewriteDriftedRenames(plan, ['r.sh'], (path) => (path === 'r2.sh' ? ref('r2.sh') : undefined));
    assert.deepEqual(next.operations, [{ op: 'rename', path: 'r2.sh', from: 'r.sh', file: ref('r2.sh') }, { op: 'rename', path: 's2.sh', from: 's.sh' }]);
  });

  test('notes name each path and say where the server\'s versions went', () => {
    assert.deepEqual(driftNotes([], { dryRun: false }), []);
    assert.deepEqual(driftNotes(['a.sh'], { dryRun: false, backupDirectory: '/log/backup/1' }), [
      'drift: a.sh was changed on the server since the last sync',
      'drift: the server\'s version of each drifted file this run overwrote or deleted is backed up in /log/backup/1',
    ]);
    assert.match(driftNotes(['a.sh'], { dryRun: false }).at(-1) ?? '', /log_dir is not set/);
    assert.match(driftNotes(Array.from({ length: 25 }, (_, i) => `f${i}`), { dryRun: true }).at(-2) ?? '', /and 5 more/);
  });
});
