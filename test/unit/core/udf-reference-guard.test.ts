// The reference guard's decision for the UDF part of a run (issue 14): a function delete is judged by
// the SQL tasks that name the function's id in `udfs`; a jar removal by the tasks that name the jar and
// those that use a function bound to it (the function dies with the jar).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReferencePolicy } from '../../../src/core/reference-guard.js';
import { udfKey, type ResourceUser } from '../../../src/core/reference.js';
import { reviewUdfPlan, udfReviewNeeded, type KeyUsage, type UdfReferenceFacts } from '../../../src/core/udf-reference-guard.js';
import type { PlannedOperation } from '../../../src/core/udf-operation.js';

const SQL: ResourceUser = { project: 'dw', workflow: 'report', online: false, task: 'q', field: 'udf' };
const SPARK: ResourceUser = { project: 'dw', workflow: 'report', online: true, task: 'agg', field: 'main jar' };
const used = (users: Record<string, ResourceUser[]>): KeyUsage => ({ readable: true, usersOfKey: (key) => users[key] ?? [] });
const unreadable: KeyUsage = { readable: false, reason: 'HTTP 500; 0 of the projects could be read' };
const FACTS: UdfReferenceFacts = {
  jarKeys: new Map([['old.jar', 'path:/udfs/old.jar']]),
  functionsOn: (jar) => (jar === 'old.jar' ? [{ name: 'to_upper', id: 5 }] : []),
  renameKeepsIdentity: false,
};

const FUNC_DELETE: PlannedOperation = { op: 'func-delete', function: 'to_upper', path: 'old.jar', id: 5 };
const JAR_DELETE: PlannedOperation = { op: 'delete', path: 'old.jar' };
const review = (op: PlannedOperation, usage: KeyUsage, policy: ReferencePolicy, facts = FACTS) => reviewUdfPlan([op], usage, policy, facts)[0];

test('a func-delete of a function a SQL task uses is refused, naming project, workflow, task and field udf', () => {
  assert.deepEqual(review(FUNC_DELETE, used({ [udfKey(5)]: [SQL] }), 'refuse'), {
    op: 'func-refuse', function: 'to_upper', path: 'old.jar', id: 5, refused: 'func-delete', usedBy: [SQL],
    reason: 'delete function to_upper (id 5): refused, used by project dw, workflow report (offline), task q (udf); change those tasks first, or run with --references=warn',
  });
});

test('a func-delete: warn applies with its users, an unused one goes as before, off is not looked at, an unread scan withholds', () => {
  assert.deepEqual(review(FUNC_DELETE, used({ [udfKey(5)]: [SQL] }), 'warn'), { ...FUNC_DELETE, usedBy: [SQL] });
  assert.deepEqual(review(FUNC_DELETE, used({ [udfKey(6)]: [SQL] }), 'refuse'), { ...FUNC_DELETE, usedBy: [] });
  assert.equal(review(FUNC_DELETE, used({ [udfKey(5)]: [SQL] }), 'off'), FUNC_DELETE);
  const withheld = review(FUNC_DELETE, unreadable, 'warn');
  assert.equal(withheld?.op, 'func-refuse');
  assert.match(withheld?.op === 'func-refuse' ? withheld.reason : '', /withheld: the tasks that may use it could not be read \(HTTP 500/);
});

test('a jar delete whose function a task uses is refused too: the function dies with the jar', () => {
  const refused = review(JAR_DELETE, used({ [udfKey(5)]: [SQL] }), 'refuse');
  assert.deepEqual(refused, {
    op: 'refuse', path: 'old.jar', refused: 'delete', usedBy: [SQL],
    reason: 'delete UDF jar old.jar: refused, used by project dw, workflow report (offline), task q (udf) (through its function to_upper, which goes with it); change those tasks first, or run with --references=warn',
  });
  const direct = review(JAR_DELETE, used({ 'path:/udfs/old.jar': [SPARK], [udfKey(5)]: [SQL] }), 'refuse');
  assert.deepEqual(direct?.op === 'refuse' && direct.usedBy, [SPARK, SQL], 'the jar named by a task, and through its function');
  assert.deepEqual(review(JAR_DELETE, used({}), 'refuse'), { ...JAR_DELETE, usedBy: [] });
  assert.deepEqual(review(JAR_DELETE, used({ [udfKey(5)]: [SQL] }), 'warn'), { ...JAR_DELETE, usedBy: [SQL] });
  const unscanned = review(JAR_DELETE, unreadable, 'refuse');
  assert.equal(unscanned?.op === 'refuse' && unscanned.unscanned, true);
});

test('3.0/3.1: a jar rename keeps its id and carries its functions along; only removals and function deletes pay for a scan', () => {
  const rename: PlannedOperation = { op: 'rename', path: 'new.jar', from: 'old.jar' };
  assert.equal(review(rename, used({ [udfKey(5)]: [SQL] }), 'refuse', { ...FACTS, renameKeepsIdentity: true }), rename);
  assert.equal(review(rename, used({ [udfKey(5)]: [SQL] }), 'refuse')?.op, 'refuse', 'a move that loses the identity is a removal');
  const writes: PlannedOperation[] = [{ op: 'func-create', function: 'f', path: 'a.jar', fields: {} as never }, { op: 'mkdir', path: 'lib' }];
  assert.equal(udfReviewNeeded(writes, 'refuse', false), false);
  assert.equal(udfReviewNeeded([...writes, FUNC_DELETE], 'refuse', false), true);
  assert.equal(udfReviewNeeded([JAR_DELETE], 'warn', false), true);
  assert.equal(udfReviewNeeded([JAR_DELETE, FUNC_DELETE], 'off', false), false);
});
