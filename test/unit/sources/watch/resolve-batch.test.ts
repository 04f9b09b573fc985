import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Id, type FileRef } from '../../../../src/core/change.js';
import type { ReadyBatch } from '../../../../src/sources/watch/coalesce.js';
import { applyToKnown, resolveBatch, type Observation } from '../../../../src/sources/watch/resolve-batch.js';

const ref = (path: string, hex: string, size = hex.length): FileRef => ({ path, id: sha256Id(hex), size });
const file = (path: string, blob: string): Observation => ({ kind: 'file', file: ref(path, blob) });
const missing: Observation = { kind: 'missing' };
const authoritative = { authoritative: true, pairRenames: true };

function batch(files: ReadyBatch['files'], dirs: Partial<ReadyBatch> = {}): ReadyBatch {
  return { files, dirsAdded: dirs.dirsAdded ?? [], dirsDeleted: dirs.dirsDeleted ?? [] };
}

describe('resolveBatch', () => {
  it('drops a save that did not change the content (touch, save without edits)', () => {
    const known = new Map([['a.sh', ref('a.sh', 'h1')]]);
    const out = resolveBatch(batch([{ path: 'a.sh', effect: 'modified' }]), new Map([['a.sh', file('a.sh', 'h1')]]), known, authoritative);
    assert.deepEqual(out.changes, []);
  });

  it('classifies against what is known, not against the events', () => {
    const known = new Map([['a.sh', ref('a.sh', 'h1')]]);
    const ready = batch([{ path: 'a.sh', effect: 'added' }, { path: 'b.sh', effect: 'modified' }]);
    const out = resolveBatch(ready, new Map([['a.sh', file('a.sh', 'h2')], ['b.sh', file('b.sh', 'h3')]]), known, authoritative);
    assert.deepEqual(out.changes, [{ kind: 'modified', file: ref('a.sh', 'h2') }, { kind: 'added', file: ref('b.sh', 'h3') }]);
  });

  it('without a complete known state, trusts the events for files it has not seen', () => {
    const ready = batch([{ path: 'a.sh', effect: 'modified' }, { path: 'b.sh', effect: 'added' }, { path: 'c.sh', effect: 'deleted' }]);
    const observed = new Map([['a.sh', file('a.sh', 'h1')], ['b.sh', file('b.sh', 'h2')], ['c.sh', missing]]);
    const out = resolveBatch(ready, observed, new Map(), { authoritative: false, pairRenames: true });
    assert.deepEqual(out.changes, [{ kind: 'modified', file: ref('a.sh', 'h1') }, { kind: 'added', file: ref('b.sh', 'h2') }, { kind: 'deleted', path: 'c.sh' }]);
  });

  it('the disk wins over the events: a "deleted" file that is back is modified', () => {
    const known = new Map([['a.sh', ref('a.sh', 'h1')]]);
    const out = resolveBatch(batch([{ path: 'a.sh', effect: 'deleted' }]), new Map([['a.sh', file('a.sh', 'h2')]]), known, authoritative);
    assert.deepEqual(out.changes, [{ kind: 'modified', file: ref('a.sh', 'h2') }]);
  });

  it('a file replaced by a symbolic link is deleted and reported unsupported', () => {
    const known = new Map([['a.sh', ref('a.sh', 'h1')]]);
    const out = resolveBatch(batch([{ path: 'a.sh', effect: 'modified' }]), new Map([['a.sh', { kind: 'unsupported', reason: 'symbolic link' } as const]]), known, authoritative);
    assert.deepEqual(out.changes, [{ kind: 'deleted', path: 'a.sh' }, { kind: 'unsupported', path: 'a.sh', reason: 'symbolic link' }]);
  });

  it('a removed directory deletes every known file below it, even without events for them', () => {
    const known = new Map([['d/a', ref('d/a', 'h1')], ['d/e/b', ref('d/e/b', 'h2')], ['dx/c', ref('dx/c', 'h3')]]);
    const out = resolveBatch(batch([], { dirsDeleted: ['d'] }), new Map([['d', missing]]), known, authoritative);
    assert.deepEqual(out.changes, [{ kind: 'deleted', path: 'd/a' }, { kind: 'deleted', path: 'd/e/b' }]);
    assert.deepEqual(out.dirs, { added: [], deleted: ['d'] });
  });

  it('reports only directories the disk confirms', () => {
    const ready = batch([], { dirsAdded: ['new', 'gone'], dirsDeleted: ['back'] });
    const observed = new Map<string, Observation>([['new', { kind: 'dir' }], ['gone', missing], ['back', { kind: 'dir' }]]);
    assert.deepEqual(resolveBatch(ready, observed, new Map(), authoritative).dirs, { added: ['new'], deleted: [] });
  });

  it('leaves out paths that were put back as still changing', () => {
    const out = resolveBatch(batch([{ path: 'big.jar', effect: 'added' }]), new Map(), new Map(), authoritative);
    assert.deepEqual(out.changes, []);
  });
});

describe('rename pairing', () => {
  const known = new Map([['old/a.sh', ref('old/a.sh', 'h1')], ['x.sh', ref('x.sh', 'h9')]]);

  it('pairs a deleted and an added file with the same content, across directories', () => {
    const ready = batch([{ path: 'new/b.sh', effect: 'added' }, { path: 'old/a.sh', effect: 'deleted' }]);
    const out = resolveBatch(ready, new Map([['new/b.sh', file('new/b.sh', 'h1')], ['old/a.sh', missing]]), known, authoritative);
    assert.deepEqual(out.changes, [{ kind: 'renamed', from: 'old/a.sh', file: ref('new/b.sh', 'h1'), similarity: 100 }]);
  });

  it('does not guess when two added files have the deleted content', () => {
    const ready = batch([{ path: 'b1', effect: 'added' }, { path: 'b2', effect: 'added' }, { path: 'old/a.sh', effect: 'deleted' }]);
    const observed = new Map([['b1', file('b1', 'h1')], ['b2', file('b2', 'h1')], ['old/a.sh', missing]]);
    assert.deepEqual(resolveBatch(ready, observed, known, authoritative).changes.map((c) => c.kind), ['added', 'added', 'deleted']);
  });

  it('keeps deleted + added when pairing is off or the content changed', () => {
    const ready = batch([{ path: 'b.sh', effect: 'added' }, { path: 'old/a.sh', effect: 'deleted' }]);
    const same = new Map([['b.sh', file('b.sh', 'h1')], ['old/a.sh', missing]]);
    assert.deepEqual(resolveBatch(ready, same, known, { authoritative: true, pairRenames: false }).changes.map((c) => c.kind), ['added', 'deleted']);
    const changed = new Map([['b.sh', file('b.sh', 'h2')], ['old/a.sh', missing]]);
    assert.deepEqual(resolveBatch(ready, changed, known, authoritative).changes.map((c) => c.kind), ['added', 'deleted']);
  });
});

describe('applyToKnown', () => {
  it('follows added, modified, deleted and renamed', () => {
    const known = new Map([['a', ref('a', 'h1')], ['b', ref('b', 'h2')], ['c', ref('c', 'h3')]]);
    applyToKnown(known, [
      { kind: 'modified', file: ref('a', 'h4') }, { kind: 'deleted', path: 'b' },
      { kind: 'renamed', from: 'c', file: ref('d/c', 'h3'), similarity: 100 }, { kind: 'added', file: ref('e', 'h5') },
      { kind: 'unsupported', path: 'link', reason: 'symbolic link' },
    ]);
    assert.deepEqual([...known.entries()].sort(), [['a', ref('a', 'h4')], ['d/c', ref('d/c', 'h3')], ['e', ref('e', 'h5')]]);
  });
});
