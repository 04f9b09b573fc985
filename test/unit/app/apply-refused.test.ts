// The applier and the reference guard's refusals (issue 14): a refused delete makes no request, fails
// its line, keeps its directory, and is not a failed write (other deletes still go); a scan that could
// not complete withholds instead. Against the in-memory Resource Center.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { applyPlan } from '../../../src/app/apply.js';
import type { Operation } from '../../../src/core/operation.js';
import { allApplied, summarize } from '../../../src/core/summarize.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const refuse = (path: string, unscanned = false): Operation => ({ op: 'refuse', path, refused: 'delete', reason: `delete ${path}: refused`, usedBy: [], ...(unscanned ? { unscanned } : {}) });

async function apply(operations: Operation[]) {
  const center = new MemoryResourceCenter({ capabilities: { recursiveDelete: true }, files: { 'd/used.sh': 'u', 'd/free.sh': 'f', 'e/x.sh': 'x' } });
  const results = await applyPlan({ operations, notes: [] }, { center, concurrency: 1, openFile: async () => Readable.from([Buffer.from('')]) });
  return { center, results };
}

test('a refused delete: no request, a failed line, its directory kept, other deletes applied', async () => {
  const { center, results } = await apply([refuse('d/used.sh'), { op: 'delete', path: 'd/free.sh' }, { op: 'rmdir', path: 'd' }]);
  assert.deepEqual(results.map((r) => [r.operation.op, r.ok, r.notAttempted ?? false, r.error]), [
    ['refuse', false, false, 'delete d/used.sh: refused'], ['delete', true, false, undefined], ['rmdir', false, true, 'rmdir d: not removed: something inside it could not be deleted'],
  ]);
  assert.deepEqual(center.writeLog(), ['delete d/free.sh']);
  assert.equal(allApplied(results), false, 'the marker does not move');
  assert.equal(summarize(results).failed, 1);
});

test('a scan that did not complete withholds: skipped, not failed, and still no marker', async () => {
  const { results } = await apply([refuse('e/x.sh', true)]);
  assert.deepEqual([results[0]?.ok, results[0]?.notAttempted], [false, true]);
  assert.equal(summarize(results).skipped, 1);
  assert.equal(allApplied(results), false);
});
