// Issue 11 case 3: a sync from a clone that is behind refuses, pure rules over the collected facts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { baseRefusal, chooseBase, type BaseFacts, type MarkerHistory } from '../../../src/core/base-choice.js';
import { refusalWords } from '../../../src/core/base-notes.js';

const M = 'a'.repeat(40);
const ROOTS = { localRoot: '', remoteRoot: '/r' };
const facts = (history: MarkerHistory | undefined, over: Partial<BaseFacts> = {}): BaseFacts =>
  ({ full: false, explicitFrom: null, marker: { state: 'found', commit: M, roots: ROOTS, history }, roots: ROOTS, ...over });
const behind: MarkerHistory = { present: true, ancestor: false, behind: true };
const pulledNot: MarkerHistory = { present: true, ancestor: false, behind: false, upstream: { name: 'origin/main', hasMarker: true } };
const rewritten: MarkerHistory = { present: true, ancestor: false, behind: false, upstream: { name: 'origin/main', hasMarker: false } };
const noUpstream: MarkerHistory = { present: true, ancestor: false, behind: false };

describe('case 3: sync from a clone that is behind', () => {
  test('a target behind the marker commit refuses, also with --full', () => {
    assert.deepEqual(baseRefusal(facts(behind)), { kind: 'behind', markerCommit: M });
    assert.deepEqual(baseRefusal(facts(behind, { full: true })), { kind: 'behind', markerCommit: M });
  });

  test('a diverged target whose upstream holds the marker commit refuses: pull first', () => {
    assert.deepEqual(baseRefusal(facts(pulledNot)), { kind: 'upstream-ahead', markerCommit: M, upstream: 'origin/main' });
    assert.match(refusalWords({ kind: 'upstream-ahead', markerCommit: M, upstream: 'origin/main' }, 'HEAD').fix, /pull first/);
  });

  test('a force-push (upstream does not hold it) or no upstream reconciles as before, without --force', () => {
    for (const history of [rewritten, noUpstream]) {
      assert.equal(baseRefusal(facts(history)), null);
      assert.equal(chooseBase(facts(history)).reason, 'not-ancestor');
    }
  });

  test('--force lets a behind or not-pulled target through to a full reconcile', () => {
    for (const history of [behind, pulledNot]) {
      assert.equal(baseRefusal(facts(history, { force: true })), null);
      assert.deepEqual(chooseBase(facts(history, { force: true })), { commit: null, reason: 'not-ancestor', markerCommit: M });
    }
  });

  test('no refusal for a newer target, a missing commit, another root pair, or an explicit --from', () => {
    assert.equal(baseRefusal(facts({ present: true, ancestor: true })), null);
    assert.equal(baseRefusal(facts({ present: false, ancestor: false })), null);
    assert.equal(baseRefusal(facts(behind, { roots: { localRoot: 'x', remoteRoot: '/r' } })), null);
    assert.equal(baseRefusal(facts(behind, { explicitFrom: 'f'.repeat(40) })), null);
    assert.equal(baseRefusal({ ...facts(undefined), marker: { state: 'none' } }), null);
  });

  test('the words name the marker commit and the fix', () => {
    const words = refusalWords({ kind: 'behind', markerCommit: M }, 'v1.0');
    assert.match(words.message, /server is ahead of this commit.*aaaaaaaaaaaa.*v1\.0 is an ancestor/);
    assert.match(words.fix, /--force/);
  });
});
