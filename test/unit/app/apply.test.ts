// The applier's five safety rules, one test each, named after the rule, against the in-memory
// Resource Center with fault rules. Each test fails when its rule is switched off in src/app/apply.ts.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { applyPlan } from '../../../src/app/apply.js';
import { sha256Id, type FileRef } from '../../../src/core/change.js';
import type { Operation, OperationResult } from '../../../src/core/operation.js';
import { inUse, MemoryResourceCenter, rejected, unreachable, type FakeOptions } from '../../fakes/memory-resource-center.js';

const file = (path: string): FileRef => ({ path, id: sha256Id(`id-${path}`), size: path.length });
const create = (path: string): Operation => ({ op: 'create', path, file: file(path) });
const remove = (path: string): Operation => ({ op: 'delete', path });

async function apply(operations: Operation[], options: FakeOptions, concurrency = 1): Promise<{ center: MemoryResourceCenter; results: OperationResult[] }> {
  const center = new MemoryResourceCenter(options);
  const results = await applyPlan({ operations, notes: [] }, {
    center, concurrency, openFile: async (f) => Readable.from([Buffer.from(f.path)]),
  });
  return { center, results };
}

const outcome = (results: OperationResult[]) => results.map((r) => `${r.operation.op} ${r.operation.path}: ${r.ok ? 'ok' : r.notAttempted ? 'withheld' : 'failed'}`);

describe('applyPlan safety rules', () => {
  test('phases run in plan order: no operation of a later phase starts while an earlier phase is in flight', async () => {
    const operations = [create('a.sh'), create('b.sh'), create('c.sh'), remove('old1.sh'), remove('old2.sh')];
    const { center } = await apply(operations, { latencyMs: 5, files: { 'old1.sh': 'x', 'old2.sh': 'y' } }, 4);
    const deletes = center.calls.filter((c) => c.op === 'delete');
    assert.equal(deletes.length, 2);
    for (const call of deletes) assert.deepEqual(call.overlapped.filter((op) => op !== 'delete'), [], `delete ${call.path} overlapped a create`);
  });

  test('a failed mkdir fails everything below it, and only that', async () => {
    const operations: Operation[] = [{ op: 'mkdir', path: 'a' }, { op: 'mkdir', path: 'z' }, { op: 'mkdir', path: 'a/b' }, create('a/x.sh'), create('a/b/y.sh'), create('z/ok.sh')];
    const { center, results } = await apply(operations, { faults: [{ op: 'mkdir', path: 'a', error: rejected(10010, 'mkdir refused') }] });
    assert.deepEqual(outcome(results), ['mkdir a: failed', 'mkdir z: ok', 'mkdir a/b: withheld', 'create a/x.sh: withheld', 'create a/b/y.sh: withheld', 'create z/ok.sh: ok']);
    assert.deepEqual(center.writeLog(), ['mkdir a FAILED', 'mkdir z', 'create z/ok.sh'], 'nothing below a was even tried');
  });

  test('no rmdir while something inside could not be deleted (the server would delete it recursively)', async () => {
    const operations: Operation[] = [remove('d/used.jar'), remove('d/free.sh'), { op: 'rmdir', path: 'd' }];
    const { center, results } = await apply(operations, {
      capabilities: { recursiveDelete: true }, files: { 'd/used.jar': 'u', 'd/free.sh': 'f' },
      faults: [{ op: 'delete', path: 'd/used.jar', error: inUse }],
    });
    assert.deepEqual(outcome(results), ['delete d/used.jar: failed', 'delete d/free.sh: ok', 'rmdir d: withheld']);
    assert.ok(center.files.has('d/used.jar'), 'the resource in use is still there');
    assert.ok(!center.calls.some((c) => c.op === 'rmdir'));
  });

  test('a fatal error stops the run: nothing after it is attempted', async () => {
    const operations = [create('a.sh'), create('b.sh'), create('c.sh')];
    const { center, results } = await apply(operations, { faults: [{ op: 'create', nth: 1, error: unreachable }] });
    assert.deepEqual(outcome(results), ['create a.sh: failed', 'create b.sh: withheld', 'create c.sh: withheld']);
    assert.deepEqual(center.writeLog(), ['create a.sh FAILED']);
    assert.match(results[1]?.error ?? '', /not attempted: connection refused/);
  });

  test('after a failed write, no deletes: deletes and rmdirs are withheld', async () => {
    const operations: Operation[] = [create('a.sh'), create('b.sh'), remove('gone.sh'), remove('d/x.sh'), { op: 'rmdir', path: 'd' }];
    const { center, results } = await apply(operations, {
      files: { 'gone.sh': 'g', 'd/x.sh': 'x' }, faults: [{ op: 'create', path: 'a.sh', error: rejected(20007, 'too big') }],
    });
    assert.deepEqual(outcome(results), ['create a.sh: failed', 'create b.sh: ok', 'delete gone.sh: withheld', 'delete d/x.sh: withheld', 'rmdir d: withheld']);
    assert.deepEqual([...center.files.keys()].sort(), ['b.sh', 'd/x.sh', 'gone.sh']);
  });
});
