// The marker's content identities: what is recorded after a run, and when the server side still vouches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gitBlob } from '../../../src/core/change.js';
import { nextIdentities, serverUnmoved } from '../../../src/core/file-identity.js';
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

  test('markers without contents still read; contents round-trip', () => {
    const marker: Marker = { version: 1, commit: 'a'.repeat(40), localRoot: '', remoteRoot: '/r', syncedAt: '', tool: '', files: ['a.sh'] };
    const old = parseMarker(serializeMarker(marker));
    assert.ok('marker' in old && old.marker.contents === undefined);
    const withContents = parseMarker(serializeMarker({ ...marker, contents: { 'a.sh': { id: 'git-blob:aa', size: 2, updateTime: T1 } } }));
    assert.ok('marker' in withContents && withContents.marker.contents?.['a.sh']?.size === 2);
  });
});
