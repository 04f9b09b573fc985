// The pipeline's slots for the cross-cutting steps not built yet (lease, reference guard, reports):
// each is called once, at its place in the run, the same for every mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunHooks } from '../../../src/app/pipeline/hooks.js';
import { runSync } from '../../../src/app/sync.js';
import { silentLogger } from '../../../src/core/logger.js';
import { MARKER_NAME } from '../../../src/core/marker.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter, rejected } from '../../fakes/memory-resource-center.js';

const SETTINGS = { remoteRoot: '/gitlab', concurrency: 1, excludes: [], alwaysIgnored: [], toolVersion: 'test' };

async function syncWith(hooks: RunHooks, center = new MemoryResourceCenter({ files: { 'old.sh': 'o\n' } })) {
  const git = new MemoryGit();
  git.commit({ 'a.sh': 'a\n' });
  const report = await runSync({ to: 'HEAD', dryRun: false, full: true, prune: true }, SETTINGS,
    { git, center, clock: () => new Date(0), logger: silentLogger, hooks });
  return { center, report };
}

describe('run hook slots', () => {
  test('the lease is taken before the first write and released after the marker, also when a write fails', async () => {
    for (const center of [new MemoryResourceCenter(), new MemoryResourceCenter({ faults: [{ op: 'create', error: rejected(20007) }] })]) {
      const seen: string[] = [];
      const hooks: RunHooks = { lease: { acquire: async () => {
        seen.push(`acquire after ${center.writeLog().length} writes`);
        return { release: async () => void seen.push(`release after ${center.writeLog().join(', ')}`) };
      } } };
      await syncWith(hooks, center);
      assert.equal(seen[0], 'acquire after 0 writes');
      assert.equal(seen.length, 2);
      assert.match(seen[1] ?? '', center.files.has(MARKER_NAME) ? /create \.dolps-sync-state\.json$/ : /create a\.sh FAILED$/);
    }
  });

  test('a guard may withhold a planned operation before apply; reporters see the outcome', async () => {
    const reported: string[] = [];
    const { center, report } = await syncWith({
      guards: [{ review: async (plan) => ({ ...plan, operations: plan.operations.map((o) => (o.op === 'delete' ? { op: 'skip', path: o.path, reason: 'in use by a task' } : o)) }) }],
      reporters: [{ report: async (outcome) => void reported.push(...outcome.results.map((r) => `${r.operation.op} ${r.operation.path}`)) }],
    });
    assert.ok(center.files.has('old.sh'), 'the guarded delete did not run');
    assert.deepEqual(reported, ['create a.sh', 'skip old.sh']);
    assert.equal(report.summary.skipped, 1);
  });
});
