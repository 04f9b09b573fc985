// The marker's content identities: what is recorded after a run, and when the server side still vouches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gitBlob } from '../../../src/core/change.js';
import { nextIdentities, nextSecond, serverUnmoved } from '../../../src/core/file-identity.js';
import { parseMarker, serializeMarker, type Marker } from '../../../src/core/marker.js';
import type { RemoteEntry } from '../../../src/core/remote-index.js';

const T1 = '2026-01-01 10:00:00';
const file = (path: string, size: number, updateTime?: string): RemoteEntry => ({ path, kind: 'file', size, ...(updateTime ? { updateTime } : {}) });

describe('file identities', () => {
  test('a written file records the id written and the server facts listed after the write; renames carry the id', () => {
    const after = new Map([['a.sh', file('a.sh', 2, T1)], ['b.sh', file('b.sh', 3, T1)], ['c.sh', file('c.sh', 4, T1)], ['d.sh', file('d.sh', 5)]]);
    const next = nextIdentities(['a.sh', 'b.sh', 'c.sh', 'd.sh'], [
      { op: 'update', path: 'a.sh', file: { path: 'a.sh', id: gitBlob('aa'), size: 2 } },
      { op: 'rename', path: 'b.sh', from: 'old.sh' },
    ], { 'old.sh': { id: 'git-blob:bb', size: 3, updateTime: T1 }, 'c.sh': { id: 'git-blob:cc', size: 4, updateTime: T1 } }, undefined, after);
    assert.deepEqual(next, {
      'a.sh': { id: 'git-blob:aa', size: 2, updateTime: T1 },
      'b.sh': { id: 'git-blob:bb', size: 3, updateTime: T1 },
      'c.sh': { id: 'git-blob:cc', size: 4, updateTime: T1 },
    }, 'd.sh has no update time: left out, compared the old way');
  });

  test('a skipped file is never vouched for', () => {
    const next = nextIdentities(['x.sh'], [{ op: 'skip', path: 'x.sh', reason: 'too long' }], {}, new Map([['x.sh', gitBlob('11')]]), new Map([['x.sh', file('x.sh', 1, T1)]]));
    assert.deepEqual(next, {});
  });

  test('the server side moved when size or update time differ, or either is unknown', () => {
    const known = { id: 'git-blob:aa', size: 2, updateTime: T1 };
    assert.equal(serverUnmoved(known, file('a', 2, T1)), true);
    assert.equal(serverUnmoved(known, file('a', 2, '2026-01-01 10:00:01')), false);
    assert.equal(serverUnmoved(known, file('a', 3, T1)), false);
    assert.equal(serverUnmoved(known, file('a', 2)), false);
    assert.equal(serverUnmoved(undefined, file('a', 2, T1)), false);
  });

  test('an identity stamped from the write\'s answer also accepts the next second (MySQL rounds the write\'s milliseconds); one from a listing stays exact', () => {
    const answered = { id: 'git-blob:aa', size: 2, updateTime: T1, fromAnswer: true as const };
    assert.equal(serverUnmoved(answered, file('a', 2, T1)), true, 'PostgreSQL keeps, MariaDB truncates the fraction: the same second');
    assert.equal(serverUnmoved(answered, file('a', 2, '2026-01-01 10:00:01')), true, 'MySQL rounded .5 s or more up');
    assert.equal(serverUnmoved(answered, file('a', 2, '2026-01-01 10:00:02')), false, 'two seconds later: written since');
    assert.equal(serverUnmoved(answered, file('a', 2, '2026-01-01 09:59:59')), false, 'a listing never shows an earlier second');
    assert.equal(serverUnmoved(answered, file('a', 3, '2026-01-01 10:00:01')), false, 'another size is always a move');
    const listed = { id: 'git-blob:aa', size: 2, updateTime: T1 };
    assert.equal(serverUnmoved(listed, file('a', 2, '2026-01-01 10:00:01')), false, 'the listing stamped what it stored: exact');
  });

  test('the next second crosses minutes, days and years; another format has none', () => {
    assert.equal(nextSecond('2026-12-31 23:59:59'), '2027-01-01 00:00:00');
    assert.equal(nextSecond('2028-02-28 23:59:59'), '2028-02-29 00:00:00');
    assert.equal(nextSecond('2026-01-01T10:00:00Z'), undefined);
  });

  test('answers come first: a file whose write answered its facts is stamped from the answer, the others from the listing', () => {
    const written = (path: string, hex: string) => ({ op: 'create' as const, path, file: { path, id: gitBlob(hex), size: 2 } });
    const after = new Map([['a.sh', file('a.sh', 2, '2026-01-01 10:00:05')], ['b.sh', file('b.sh', 2, T1)]]);
    const next = nextIdentities(['a.sh', 'b.sh'], [written('a.sh', 'aa'), written('b.sh', 'bb')], {}, undefined, after,
      new Map([['a.sh', { size: 2, updateTime: T1 }]]));
    assert.deepEqual(next, {
      'a.sh': { id: 'git-blob:aa', size: 2, updateTime: T1, fromAnswer: true },
      'b.sh': { id: 'git-blob:bb', size: 2, updateTime: T1 },
    });
  });

  test('markers without contents still read; contents round-trip', () => {
    const marker: Marker = { version: 1, commit: 'a'.repeat(40), localRoot: '', remoteRoot: '/r', syncedAt: '', tool: '', files: ['a.sh'] };
    const old = parseMarker(serializeMarker(marker));
    assert.ok('marker' in old && old.marker.contents === undefined);
    const withContents = parseMarker(serializeMarker({ ...marker, contents: { 'a.sh': { id: 'git-blob:aa', size: 2, updateTime: T1 } } }));
    assert.ok('marker' in withContents && withContents.marker.contents?.['a.sh']?.size === 2);
    const answered = parseMarker(serializeMarker({ ...marker, contents: { 'a.sh': { id: 'git-blob:aa', size: 2, updateTime: T1, fromAnswer: true } } }));
    assert.ok('marker' in answered && answered.marker.contents?.['a.sh']?.fromAnswer === true, 'where an identity came from survives the marker');
  });
});
