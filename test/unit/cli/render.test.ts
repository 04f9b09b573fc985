// The summary line counts files and directories apart.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { counts, operationJson } from '../../../src/cli/render.js';
import type { Operation, OperationResult } from '../../../src/core/operation.js';
import { summarize } from '../../../src/core/summarize.js';

const file = { path: 'x', blob: 'b', size: 1 } as never;
const ok = (operation: Operation): OperationResult => ({ operation, ok: true });

it('"7 files created, 3 directories created": files and directories apart, zero counts left out', () => {
  const results = [
    ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((p) => ok({ op: 'create', path: `d/${p}`, file })),
    ...['d', 'e', 'f'].map((p) => ok({ op: 'mkdir', path: p })),
    ok({ op: 'update', path: 'u', file }), ok({ op: 'rmdir', path: 'old' }), ok({ op: 'skip', path: 'empty', reason: 'empty' }),
    { operation: { op: 'delete', path: 'used.sh' }, ok: false, error: 'refused' } as OperationResult,
  ];
  assert.equal(counts({ results, summary: summarize(results) }),
    '7 files created, 3 directories created, 1 file updated, 1 directory deleted, 1 skipped, 1 failed');
  assert.equal(counts({ results: [], summary: summarize([]) }), 'no changes');
});

it('operationJson (sync --json and watch --json lines): a refused or applied removal carries its users', () => {
  const user = { project: 'etl', workflow: 'nightly', online: false, task: 'load', field: 'resource list' as const };
  assert.deepEqual(operationJson({ operation: { op: 'refuse', path: 'used.sh', refused: 'delete', reason: 'refused, used by …', usedBy: [user] }, ok: false, error: 'refused, used by …' }),
    { op: 'refuse', path: 'used.sh', ok: false, reason: 'refused, used by …', refused: 'delete', usedBy: [user], error: 'refused, used by …' });
  assert.deepEqual(operationJson(ok({ op: 'delete', path: 'unused.sh', usedBy: [] })), { op: 'delete', path: 'unused.sh', ok: true, usedBy: [] });
  assert.deepEqual(operationJson(ok({ op: 'create', path: 'a', file })), { op: 'create', path: 'a', ok: true });
});
