// `apply FILE` in-process: the saved operations go through the one pipeline and the marker moves as a
// sync's would; a touched file or the marker moved since the plan was made stops it before any write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSavedPlan } from '../../../src/app/apply-saved-plan.js';
import { StalePlanError } from '../../../src/app/errors.js';
import { runSync } from '../../../src/app/sync.js';
import { collectingLogger } from '../../../src/core/logger.js';
import { MARKER_NAME, parseMarker } from '../../../src/core/marker.js';
import { PLAN_FORMAT, PLAN_VERSION, type SavedPlan } from '../../../src/core/saved-plan.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const SETTINGS = { remoteRoot: '/gitlab', concurrency: 1, excludes: [], alwaysIgnored: [], toolVersion: 'test', server: 'memory://fake' };
const clock = () => new Date('2026-01-02T03:04:05Z');

async function planned(): Promise<{ git: MemoryGit; center: MemoryResourceCenter; plan: SavedPlan; head: string }> {
  const git = new MemoryGit();
  git.commit({ 'a.sh': 'a\n', 'b.sh': 'b\n' });
  const center = new MemoryResourceCenter();
  const deps = { git, center, clock, logger: collectingLogger() };
  await runSync({ to: 'HEAD', dryRun: false, full: false, prune: false }, SETTINGS, deps);
  const head = git.commit({ 'a.sh': 'a, changed\n', 'c.sh': 'c\n' });
  const report = await runSync({ to: 'HEAD', dryRun: true, full: false, prune: false, savePlan: true }, SETTINGS, deps);
  assert.ok(report.saved);
  center.calls.length = 0;
  return { git, center, head, plan: { format: PLAN_FORMAT, version: PLAN_VERSION, tool: 'dolps-sync test', server: 'memory://fake', madeAt: '', ...report.saved } };
}

const apply = (p: { git: MemoryGit; center: MemoryResourceCenter; plan: SavedPlan }) =>
  runSavedPlan(p.plan, SETTINGS, { git: p.git, center: p.center, clock, logger: collectingLogger() });

test('the saved operations are applied, in order, and the marker is written last at the plan\'s commit', async () => {
  const p = await planned();
  const report = await apply(p);
  assert.deepEqual(p.plan.operations.map((o) => `${o.op} ${o.path}`).sort(), ['create c.sh', 'delete b.sh', 'update a.sh']);
  assert.deepEqual(p.center.writeLog(), [...p.plan.operations.map((o) => `${o.op} ${o.path}`), `update ${MARKER_NAME}`]);
  assert.equal(report.markerWritten, true);
  const marker = parseMarker(p.center.files.get(MARKER_NAME)?.toString('utf8') ?? '');
  assert.ok('marker' in marker);
  assert.deepEqual({ commit: marker.marker.commit, files: marker.marker.files }, { commit: p.head, files: ['a.sh', 'c.sh'] });
});

test('a touched file changed since the plan: StalePlanError naming it, and not one write', async () => {
  const p = await planned();
  p.center.files.set('b.sh', Buffer.from('b, edited by hand\n'));
  await assert.rejects(apply(p), (error: unknown) => error instanceof StalePlanError && /^b\.sh: was 2 bytes, now 18 bytes$/.test(error.changes[0] ?? ''));
  assert.deepEqual(p.center.writeLog(), []);
});

test('an untouched file changed since the plan: applied all the same', async () => {
  const p = await planned();
  p.center.files.set('other.sh', Buffer.from('someone else\n'));
  assert.equal((await apply(p)).markerWritten, true);
});

test('the plan made against another server or root: exit 2 (UsageError) before the lease', async () => {
  const p = await planned();
  await assert.rejects(apply({ ...p, plan: { ...p.plan, remoteRoot: '/other' } }), /the plan was made for another target \(remote root \/other, this configuration \/gitlab\)/);
  assert.deepEqual(p.center.writeLog(), []);
});

test('a first sync saved as a plan (no marker, no remote root): applied in full under a lease that makes the root, the marker lists the tree', async () => {
  const git = new MemoryGit();
  const head = git.commit({ 'a.sh': 'a\n', 'd/b.sql': 'select 1;\n' });
  const center = new MemoryResourceCenter({ rootExists: false });
  const deps = { git, center, clock, logger: collectingLogger() };
  const report = await runSync({ to: 'HEAD', dryRun: true, full: false, prune: false, savePlan: true }, SETTINGS, deps);
  assert.equal(report.saved?.mode, 'full');
  assert.equal(report.saved?.marker, null);
  const plan: SavedPlan = { format: PLAN_FORMAT, version: PLAN_VERSION, tool: 'dolps-sync test', server: 'memory://fake', madeAt: '', ...report.saved };
  center.calls.length = 0;
  // As the remote lease does: the missing remote root is made when the lease is taken, before the listing.
  const lease = { acquire: async () => { await center.mkdir(''); return { release: async () => undefined }; } };
  const applied = await runSavedPlan(plan, SETTINGS, { git, center, clock, logger: collectingLogger(), lease });
  assert.deepEqual(center.writeLog(), ['mkdir ', 'mkdir d', 'create a.sh', 'create d/b.sql', `create ${MARKER_NAME}`], 'the root is made once, by the lease');
  assert.equal(applied.markerWritten, true);
  const marker = parseMarker(center.files.get(MARKER_NAME)?.toString('utf8') ?? '');
  assert.ok('marker' in marker);
  assert.deepEqual({ commit: marker.marker.commit, files: marker.marker.files }, { commit: head, files: ['a.sh', 'd/b.sql'] });
});

test('someone else synced first (a marker appeared): StalePlanError, not one write', async () => {
  const git = new MemoryGit();
  git.commit({ 'a.sh': 'a\n' });
  const center = new MemoryResourceCenter();
  const deps = { git, center, clock, logger: collectingLogger() };
  const report = await runSync({ to: 'HEAD', dryRun: true, full: false, prune: false, savePlan: true }, SETTINGS, deps);
  assert.ok(report.saved);
  await runSync({ to: 'HEAD', dryRun: false, full: false, prune: false }, SETTINGS, deps);
  center.calls.length = 0;
  const plan: SavedPlan = { format: PLAN_FORMAT, version: PLAN_VERSION, tool: 'dolps-sync test', server: 'memory://fake', madeAt: '', ...report.saved };
  await assert.rejects(apply({ git, center, plan }), (error: unknown) => error instanceof StalePlanError && /^the marker was no marker, now [0-9a-f]{12}/.test(error.changes[0] ?? ''));
  assert.deepEqual(center.writeLog(), []);
});
