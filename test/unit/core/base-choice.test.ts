// The diff-base choice is a pure function over collected facts: one table row per reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseBase, type BaseFacts, type BaseReason, type MarkerFacts, type MarkerHistory } from '../../../src/core/base-choice.js';
import { baseNotes } from '../../../src/core/base-notes.js';

const M = 'a'.repeat(40);
const FROM = 'f'.repeat(40);
const ROOTS = { localRoot: 'res', remoteRoot: '/gitlab' };
const found = (history?: MarkerHistory, roots = ROOTS): MarkerFacts => ({ state: 'found', commit: M, roots, history });
const facts = (over: Partial<BaseFacts>): BaseFacts => ({ full: false, explicitFrom: null, marker: { state: 'none' }, roots: ROOTS, ...over });
const good = { present: true, ancestor: true };

const TABLE: Array<[string, BaseFacts, string | null, BaseReason, string | null]> = [
  ['marker, same roots, in the clone, an ancestor', facts({ marker: found(good) }), M, 'marker', M],
  ['--from wins over the marker', facts({ explicitFrom: FROM, marker: found(good) }), FROM, 'explicit-from', M],
  ['--full wins over --from and the marker', facts({ full: true, explicitFrom: FROM, marker: found(good) }), null, 'full-requested', M],
  ['--full without a marker', facts({ full: true }), null, 'full-requested', null],
  ['no marker', facts({}), null, 'no-marker', null],
  ['unreadable marker', facts({ marker: { state: 'unreadable', problem: 'not JSON' } }), null, 'marker-unreadable', null],
  ['marker for another local root', facts({ marker: found(good, { ...ROOTS, localRoot: 'other' }) }), null, 'other-roots', M],
  ['marker for another remote root', facts({ marker: found(good, { ...ROOTS, remoteRoot: '/x' }) }), null, 'other-roots', M],
  ['marker commit not in the clone, not fetchable', facts({ marker: found({ present: false, ancestor: false }) }), null, 'marker-commit-missing', M],
  ['marker commit history never looked up', facts({ marker: found(undefined) }), null, 'marker-commit-missing', M],
  ['marker commit not an ancestor (force-push)', facts({ marker: found({ present: true, ancestor: false }) }), null, 'not-ancestor', M],
];

describe('chooseBase', () => {
  for (const [name, input, commit, reason, markerCommit] of TABLE) {
    test(name, () => assert.deepEqual(chooseBase(input), { commit, reason, markerCommit }));
  }
});

describe('baseNotes', () => {
  const notesFor = (input: BaseFacts) => baseNotes(chooseBase(input), input, 'HEAD');

  test('every full reconcile that had a marker names its commit', () => {
    for (const [, input, commit] of TABLE) {
      if (commit !== null || input.marker.state !== 'found') continue;
      const notes = notesFor(input);
      assert.ok(notes.some((n) => n.includes(M.slice(0, 12))), notes.join('\n'));
    }
  });

  test('an incremental run from the marker has no note; a missing marker says so once', () => {
    assert.deepEqual(notesFor(facts({ marker: found(good) })), []);
    assert.deepEqual(notesFor(facts({})), ['no state marker on the server: full reconcile of the tree against the remote listing']);
  });

  test('an unreadable marker is reported whatever the base, once', () => {
    const unreadable: MarkerFacts = { state: 'unreadable', problem: 'not JSON' };
    for (const input of [facts({ marker: unreadable }), facts({ marker: unreadable, full: true })]) {
      assert.deepEqual(notesFor(input), ['the state marker .dolps-sync-state.json on the server is unreadable (not JSON); doing a full reconcile']);
    }
    assert.deepEqual(notesFor(facts({ marker: unreadable, explicitFrom: FROM })),
      ['the state marker .dolps-sync-state.json on the server is unreadable (not JSON); this run replaces it once everything applied']);
  });

  test('--force through a target behind the server says what it does, not "force-push?"', () => {
    const behind = found({ present: true, ancestor: false, behind: true });
    assert.deepEqual(notesFor(facts({ force: true, marker: behind })),
      [`--force: the server was last synced to ${M.slice(0, 12)}, newer than HEAD; full reconcile to HEAD: files newer on the server than HEAD are deleted or put back as HEAD has them`]);
    const diverged = found({ present: true, ancestor: false, upstream: { name: 'origin/main', hasMarker: true } });
    assert.deepEqual(notesFor(facts({ force: true, marker: diverged })),
      [`--force: the server was last synced to ${M.slice(0, 12)}, which origin/main holds and HEAD does not; full reconcile to HEAD: files newer on the server than HEAD are deleted or put back as HEAD has them`]);
    assert.match(notesFor(facts({ force: true, marker: found({ present: true, ancestor: false }) }))[0] ?? '', /force-push\?/, 'a real rewrite keeps its note');
  });

  test('a force-push names the marker commit and the target as the user wrote it', () => {
    assert.deepEqual(notesFor(facts({ marker: found({ present: true, ancestor: false }) })),
      [`the last synced commit ${M.slice(0, 12)} is not an ancestor of HEAD (history rewritten by a force-push?): full reconcile`]);
  });
});
