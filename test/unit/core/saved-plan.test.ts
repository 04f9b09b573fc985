// Saved plans (issue 15): the file round-trips, a mistyped one is refused in one sentence, and the
// staleness check sees every change to the marker or a touched path (and none elsewhere).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Operation } from '../../../src/core/operation.js';
import type { RemoteEntry, RemoteIndex } from '../../../src/core/remote-index.js';
import {
  changesOf, markerChange, parsePlan, PLAN_FORMAT, PLAN_VERSION, remoteChanges, remoteFacts, serializePlan, touchedPaths, type SavedPlan,
} from '../../../src/core/saved-plan.js';

const FILE = { path: 'etl/a.sh', id: { kind: 'git-blob', hex: 'ab' }, size: 3 } as const;
const OPS: Operation[] = [
  { op: 'mkdir', path: 'etl' },
  { op: 'create', path: 'etl/a.sh', file: FILE },
  { op: 'rename', path: 'sql/new.sql', from: 'sql/old.sql' },
  { op: 'delete', path: 'gone.sh' },
];
const index = (entries: RemoteEntry[], rootExists = true): RemoteIndex => ({ rootExists, source: 'test', entries: new Map(entries.map((e) => [e.path, e])) });
const BEFORE = index([
  { path: 'sql', kind: 'dir' }, { path: 'sql/old.sql', kind: 'file', size: 5, updateTime: '2026-01-01 10:00:00' },
  { path: 'gone.sh', kind: 'file', size: 2, updateTime: '2026-01-01 10:00:00' }, { path: 'other.sh', kind: 'file', size: 1, updateTime: '2026-01-01 10:00:00' },
]);

const plan = (): SavedPlan => ({
  format: PLAN_FORMAT, version: PLAN_VERSION, tool: 'dolps-sync 1.0.0', generation: '3.1', server: 'http://ds:12345/dolphinscheduler',
  remoteRoot: '/gitlab', localRoot: '', mode: 'incremental', base: 'a'.repeat(40), baseReason: 'marker', to: 'b'.repeat(40), prune: false,
  marker: { commit: 'a'.repeat(40), syncedAt: '2026-01-01T10:00:00.000Z' }, operations: OPS, remote: remoteFacts(OPS, BEFORE), madeAt: '2026-01-01T11:00:00.000Z',
});

test('the touched paths: every operation path, a rename\'s source, and the directories above them', () => {
  assert.deepEqual(touchedPaths(OPS), ['etl', 'etl/a.sh', 'gone.sh', 'sql', 'sql/new.sql', 'sql/old.sql']);
  assert.deepEqual(plan().remote.touched['etl/a.sh'], null);
  assert.deepEqual(plan().remote.touched['sql/old.sql'], { kind: 'file', size: 5, updateTime: '2026-01-01 10:00:00' });
});

test('serialize then parse gives the same plan', () => {
  assert.deepEqual(parsePlan(serializePlan(plan())), { plan: plan() });
});

test('a mistyped file is one sentence: not JSON, not a plan, another version, a bad field, a bad operation', () => {
  const invalid = (text: string) => ('invalid' in parsePlan(text) ? (parsePlan(text) as { invalid: string }).invalid : 'parsed');
  assert.match(invalid('{'), /^not JSON \(/);
  assert.equal(invalid('{"version": 1}'), 'not a dolps-sync plan (no "format": "dolps-sync plan")');
  assert.equal(invalid(JSON.stringify({ ...plan(), version: 2 })), 'plan format version 2, this dolps-sync reads version 1');
  assert.equal(invalid(JSON.stringify({ ...plan(), to: 7 })), '"to" is missing or not a string');
  assert.equal(invalid(JSON.stringify({ ...plan(), generation: '2.0' })), '"generation" is not one of 3.0, 3.1, 3.2, 3.3');
  assert.equal(invalid(JSON.stringify({ ...plan(), operations: [...OPS, { op: 'create', path: 'x' }] })), 'operation 5 is not an operation dolps-sync writes');
  assert.equal(invalid(JSON.stringify({ ...plan(), operations: [{ op: 'chmod', path: 'x' }] })), 'operation 1 is not an operation dolps-sync writes');
});

test('nothing moved, or only an untouched file: no change', () => {
  const otherEdited = index([...BEFORE.entries.values()].map((e) => (e.path === 'other.sh' ? { ...e, size: 9 } : e)));
  assert.deepEqual(remoteChanges(plan().remote, BEFORE), []);
  assert.deepEqual(remoteChanges(plan().remote, otherEdited), []);
});

test('a touched file edited (size or update time), removed, or made where a create goes: each named', () => {
  const edit = (path: string, change: Partial<RemoteEntry>) => index([...BEFORE.entries.values()].map((e) => (e.path === path ? { ...e, ...change } : e)));
  assert.deepEqual(remoteChanges(plan().remote, edit('sql/old.sql', { size: 6 })), ['sql/old.sql: was 5 bytes updated 2026-01-01 10:00:00, now 6 bytes updated 2026-01-01 10:00:00']);
  assert.deepEqual(remoteChanges(plan().remote, edit('gone.sh', { updateTime: '2026-01-01 10:00:01' })), ['gone.sh: was 2 bytes updated 2026-01-01 10:00:00, now 2 bytes updated 2026-01-01 10:00:01']);
  const removed = index([...BEFORE.entries.values()].filter((e) => e.path !== 'gone.sh'));
  assert.deepEqual(remoteChanges(plan().remote, removed), ['gone.sh: was 2 bytes updated 2026-01-01 10:00:00, now absent']);
  const made = index([...BEFORE.entries.values(), { path: 'etl', kind: 'dir' }, { path: 'etl/a.sh', kind: 'file', size: 1 }]);
  assert.deepEqual(remoteChanges(plan().remote, made), ['etl: was absent, now a directory', 'etl/a.sh: was absent, now 1 bytes']);
  assert.deepEqual(remoteChanges(plan().remote, index([...BEFORE.entries.values()], false)), ['the remote root was there, now absent']);
  // The lease makes a missing remote root before apply lists it: that alone is no change.
  assert.deepEqual(remoteChanges({ rootExists: false, touched: {} }, index([], true)), []);
});

test('a directory is compared by being there only: the server changes its size when anything below it changes', () => {
  const grown = index([...BEFORE.entries.values()].map((e) => (e.path === 'sql' ? { ...e, size: 99, updateTime: '2026-02-02 00:00:00' } : e)));
  assert.deepEqual(remoteChanges(plan().remote, grown), []);
});

test('the marker: the same commit and time is unchanged; another sync, a removed or a new marker is a change', () => {
  const saved = plan().marker;
  assert.equal(markerChange(saved, saved && { ...saved }), null);
  assert.equal(markerChange(null, null), null);
  assert.equal(markerChange(saved, { commit: 'c'.repeat(40), syncedAt: '2026-01-01T12:00:00.000Z' }),
    'the marker was aaaaaaaaaaaa (synced 2026-01-01T10:00:00.000Z), now cccccccccccc (synced 2026-01-01T12:00:00.000Z)');
  assert.equal(markerChange(saved, saved && { ...saved, syncedAt: '2026-01-01T12:00:00.000Z' }) !== null, true);
  assert.equal(markerChange(saved, null), 'the marker was aaaaaaaaaaaa (synced 2026-01-01T10:00:00.000Z), now no marker');
  assert.equal(markerChange(null, saved), 'the marker was no marker, now aaaaaaaaaaaa (synced 2026-01-01T10:00:00.000Z)');
});

test('the changes an incremental plan replays, rebuilt from its operations', () => {
  assert.deepEqual(changesOf(OPS), [{ kind: 'added', file: FILE }, { kind: 'deleted', path: 'gone.sh' }]);
});
