// The reference guard's decision (issue 14) as a table: operation × generation (does a rename keep the
// id?) × users × policy → what the applier gets. And the task params of each generation read as users.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Operation, Plan } from '../../../src/core/operation.js';
import { pathsToReview, reviewPlan, type ReferencePolicy, type Usage } from '../../../src/core/reference-guard.js';
import { referencesOf, usersByKey, type ResourceUser } from '../../../src/core/reference.js';

const USER: ResourceUser = { project: 'etl', workflow: 'nightly', online: false, task: 'load', field: 'resource list' };
const used = (paths: string[]): Usage => ({ readable: true, usersOf: (p) => (paths.includes(p) ? [USER] : []) });
const unreadable: Usage = { readable: false, reason: 'HTTP 500; 1 of 3 projects could be read' };

const DELETE: Operation = { op: 'delete', path: 'a.sh' };
const RENAME: Operation = { op: 'rename', path: 'b.sh', from: 'a.sh' };
const FILE = { path: 'c.sh', id: { kind: 'sha256', hex: '00' }, size: 1 } as const;
const CREATE: Operation = { op: 'create', path: 'c.sh', file: FILE };

type Outcome = 'unchanged' | 'usedBy' | 'refused' | 'withheld';
const ROWS: [string, Operation, boolean, Usage, ReferencePolicy, Outcome][] = [
  ['unused delete', DELETE, true, used([]), 'refuse', 'usedBy'],
  ['used delete, refuse', DELETE, true, used(['a.sh']), 'refuse', 'refused'],
  ['used delete, warn', DELETE, true, used(['a.sh']), 'warn', 'usedBy'],
  ['used delete, off', DELETE, true, used(['a.sh']), 'off', 'unchanged'],
  ['used delete, scan failed', DELETE, false, unreadable, 'refuse', 'withheld'],
  ['scan failed, warn still withholds', DELETE, false, unreadable, 'warn', 'withheld'],
  ['3.0/3.1 rename in one directory keeps the id', RENAME, true, used(['a.sh']), 'refuse', 'unchanged'],
  ['3.2+ rename of a used file, refuse', RENAME, false, used(['a.sh']), 'refuse', 'refused'],
  ['3.2+ rename of a used file, warn', RENAME, false, used(['a.sh']), 'warn', 'usedBy'],
  ['a create is never reviewed', CREATE, false, used(['c.sh']), 'refuse', 'unchanged'],
];

function outcomeOf(before: Operation, after: Operation | undefined): Outcome {
  if (after === before) return 'unchanged';
  if (after?.op === 'refuse') return after.unscanned ? 'withheld' : 'refused';
  return 'usedBy' in (after ?? {}) ? 'usedBy' : 'unchanged';
}

for (const [name, op, keepsId, usage, policy, expected] of ROWS) {
  test(`reference decision: ${name} → ${expected}`, () => {
    const plan: Plan = { operations: [op], notes: [] };
    const after = reviewPlan(plan, usage, policy, keepsId).operations[0];
    assert.equal(outcomeOf(op, after), expected);
  });
}

test('a refused delete names the file and every user; a refused rename keeps its source', () => {
  const [refused] = reviewPlan({ operations: [DELETE], notes: [] }, used(['a.sh']), 'refuse', true).operations;
  assert.deepEqual(refused, {
    op: 'refuse', path: 'a.sh', refused: 'delete', usedBy: [USER],
    reason: 'delete a.sh: refused, used by project etl, workflow nightly (offline), task load (resource list); change those tasks first, or run with --references=warn',
  });
  const [rename] = reviewPlan({ operations: [RENAME], notes: [] }, used(['a.sh']), 'refuse', false).operations;
  assert.deepEqual([rename?.op, rename?.path, rename?.op === 'refuse' && rename.from], ['refuse', 'b.sh', 'a.sh']);
});

test('only plans that delete or move pay for a scan; off never does', () => {
  const creates: Plan = { operations: [CREATE, { op: 'update', path: 'd.sh', file: FILE }], notes: [] };
  assert.deepEqual(pathsToReview(creates, 'refuse', false), []);
  assert.deepEqual(pathsToReview({ operations: [DELETE, RENAME], notes: [] }, 'warn', true), ['a.sh']);
  assert.deepEqual(pathsToReview({ operations: [DELETE, RENAME], notes: [] }, 'warn', false), ['a.sh', 'a.sh']);
  assert.deepEqual(pathsToReview({ operations: [DELETE], notes: [] }, 'off', false), []);
});

test('task params: ids on 3.0/3.1, storage paths on 3.2+, UDF ids, JSON text from a table', () => {
  const byId = { resourceList: [{ id: 3 }, { id: 0 }], mainJar: { id: 5 }, udfs: '7, 8', rawScript: 'x' };
  assert.deepEqual(referencesOf(byId, 'id'), [
    { key: 'id:3', field: 'resource list' }, { key: 'id:5', field: 'main jar' }, { key: 'udf:7', field: 'udf' }, { key: 'udf:8', field: 'udf' },
  ]);
  const byPath = JSON.stringify({ resourceList: [{ resourceName: 'file:/ds/t/resources/a.sh' }], mainJar: { resourceName: 'file:/ds/t/resources/j.jar' } });
  assert.deepEqual(referencesOf(byPath, 'storage-path').map((r) => r.key), ['path:file:/ds/t/resources/a.sh', 'path:file:/ds/t/resources/j.jar']);
  assert.deepEqual(referencesOf(byPath, 'id'), [], 'a 3.2 task read as 3.1 names nothing by id');
  assert.deepEqual(referencesOf('not json', 'id'), []);
  const users = usersByKey([
    { project: 'p', workflow: 'w', online: true, task: 't', params: byId },
    { project: 'p', workflow: 'w', online: true, task: 't', params: byId },
  ], 'id');
  assert.deepEqual(users.get('id:3'), [{ project: 'p', workflow: 'w', online: true, task: 't', field: 'resource list' }], 'each user once');
});
