// Drift in the pipeline (issue 12), in-process: a managed file edited on the server between two syncs is
// reported, backed up to log_dir, then overwritten; --on-drift=fail stops before any write, the lease's own.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DriftError } from '../../../src/app/errors.js';
import type { Lease } from '../../../src/app/pipeline/hooks.js';
import { runStatus } from '../../../src/app/status.js';
import { runSync, type SyncReport, type SyncRequest } from '../../../src/app/sync.js';
import { collectingLogger } from '../../../src/core/logger.js';
import type { ListOptions } from '../../../src/remote/port.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const clock = () => new Date('2026-01-02T03:04:05Z');
const dirs: string[] = [];
after(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

interface World { git: MemoryGit; center: MemoryResourceCenter; logDir: string; leases: string[]; listings: ListOptions[] }

async function world(): Promise<World> {
  const logDir = await mkdtemp(join(tmpdir(), 'dolps-drift-'));
  dirs.push(logDir);
  const center = new MemoryResourceCenter({ updateTimes: true });
  const listings: ListOptions[] = [];
  const list = center.list.bind(center);
  center.list = (options) => { listings.push(options); return list(options); };
  return { git: new MemoryGit(), center, logDir, leases: [], listings };
}

function sync(w: World, request: Partial<SyncRequest> = {}, onAcquire = () => {}): Promise<SyncReport> {
  const lease: Lease = {
    acquire: async () => {
      w.leases.push('acquire');
      onAcquire();
      return { release: async () => { w.leases.push('release'); } };
    },
  };
  return runSync({ to: 'HEAD', dryRun: false, full: false, prune: false, ...request },
    { remoteRoot: '/gitlab', concurrency: 2, excludes: [], alwaysIgnored: [], toolVersion: 'test', logDir: w.logDir },
    { git: w.git, center: w.center, clock, logger: collectingLogger(), lease });
}

/** Synced once at a first commit, a second commit changing and deleting files, and a.sh and d/gone.sh edited on the server. */
async function edited(): Promise<World> {
  const w = await world();
  w.git.commit({ 'a.sh': 'a\n', 'd/gone.sh': 'g\n', 'quiet.sh': 'q\n', 'other/x.sh': 'x\n' });
  await sync(w);
  w.git.commit({ 'a.sh': 'a, committed\n', 'quiet.sh': 'q\n', 'other/x.sh': 'x\n' });
  w.center.editOnServer('a.sh', 'a, edited in the UI\n');
  w.center.editOnServer('d/gone.sh', 'g, edited in the UI\n');
  w.center.editOnServer('quiet.sh', 'q, edited in the UI\n');
  w.center.calls.length = 0;
  w.leases.length = 0;
  w.listings.length = 0;
  return w;
}

describe('drift: a managed file changed on the server since the last sync', () => {
  test('overwrite (default): reported with a note per path, backed up to log_dir, then replaced by the commit', async () => {
    const w = await edited();
    const report = await sync(w);
    assert.deepEqual(report.drift, ['a.sh', 'd/gone.sh'], 'quiet.sh drifted too, but this incremental plan does not touch it');
    assert.ok(report.notes.includes('drift: a.sh was changed on the server since the last sync'));
    assert.ok(report.notes.includes('drift: d/gone.sh was changed on the server since the last sync'));
    const backups = join(w.logDir, 'backup', '20260102T030405.000Z');
    assert.ok(report.notes.some((n) => n.includes(backups)));
    assert.equal(await readFile(join(backups, 'a.sh'), 'utf8'), 'a, edited in the UI\n');
    assert.equal(await readFile(join(backups, 'd', 'gone.sh'), 'utf8'), 'g, edited in the UI\n');
    assert.equal(w.center.files.get('a.sh')?.toString(), 'a, committed\n');
    assert.equal(w.center.files.has('d/gone.sh'), false);
    assert.equal(w.center.files.get('quiet.sh')?.toString(), 'q, edited in the UI\n', 'an incremental sync never touches what did not change in git');
    assert.deepEqual(w.listings[0], { withSizes: false, detailsIn: new Set(['', 'd']) }, 'only the directories the plan touches are listed with update times');
  });

  test('the next sync after an overwrite sees no drift: the marker recorded the new server facts', async () => {
    const w = await edited();
    await sync(w);
    w.git.commit({ 'a.sh': 'a, third\n', 'quiet.sh': 'q\n', 'other/x.sh': 'x\n' });
    assert.deepEqual((await sync(w)).drift, []);
  });

  test('--on-drift=fail: exit before any write, the lease\'s own included, naming the files', async () => {
    const w = await edited();
    await assert.rejects(sync(w, { onDrift: 'fail' }), (error: unknown) => {
      assert.ok(error instanceof DriftError);
      assert.deepEqual(error.drift, ['a.sh', 'd/gone.sh']);
      assert.match(error.message, /a\.sh, d\/gone\.sh; nothing was written/);
      return true;
    });
    assert.deepEqual(w.center.writeLog(), []);
    assert.deepEqual(w.leases, [], 'the lease is a write too: not taken');
    assert.equal(w.center.files.get('a.sh')?.toString(), 'a, edited in the UI\n');
  });

  test('--on-drift=fail: a file edited while the lease was being taken still stops the run before its first write', async () => {
    const w = await world();
    w.git.commit({ 'a.sh': 'a\n', 'b.sh': 'b\n' });
    await sync(w);
    w.git.commit({ 'a.sh': 'a2\n', 'b.sh': 'b\n' });
    w.center.calls.length = 0;
    w.leases.length = 0;
    await assert.rejects(sync(w, { onDrift: 'fail' }, () => w.center.editOnServer('a.sh', 'edited meanwhile\n')), DriftError);
    assert.deepEqual(w.center.writeLog(), []);
    assert.deepEqual(w.leases, ['acquire', 'release']);
  });

  test('--on-drift=fail without drift syncs as usual', async () => {
    const w = await world();
    w.git.commit({ 'a.sh': 'a\n' });
    await sync(w);
    w.git.commit({ 'a.sh': 'a2\n' });
    const report = await sync(w, { onDrift: 'fail' });
    assert.equal(report.markerWritten, true);
    assert.deepEqual(report.drift, []);
  });

  test('a dry run reports drift and never fails on it', async () => {
    const w = await edited();
    const report = await sync(w, { dryRun: true, onDrift: 'fail' });
    assert.deepEqual(report.drift, ['a.sh', 'd/gone.sh']);
    assert.deepEqual(w.center.writeLog(), []);
  });

  test('a drifted file no sync touched stays drift: the marker keeps its recorded identity, never the server\'s new facts', async () => {
    const w = await edited();
    await sync(w);
    w.git.commit({ 'a.sh': 'a, third\n', 'quiet.sh': 'q\n', 'other/x.sh': 'x\n' });
    await sync(w);
    const report = await sync(w, { full: true });
    assert.deepEqual(report.drift, ['quiet.sh']);
    assert.equal(w.center.files.get('quiet.sh')?.toString(), 'q\n', 'repaired: the marker never vouched for the edited content');
  });

  test('a full reconcile at the marker\'s own commit that repairs a file records the repair: the next --full finds no drift and downloads nothing', async () => {
    const w = await edited();
    await sync(w);
    assert.deepEqual((await sync(w, { full: true })).drift, ['quiet.sh'], 'at the marker\'s commit: repairs quiet.sh');
    w.center.calls.length = 0;
    const again = await sync(w, { full: true });
    assert.deepEqual(again.drift, [], 'the repaired file holds what the marker now records');
    assert.deepEqual(w.center.calls.filter((c) => c.op === 'download' && c.path !== '.dolps-sync-state.json').map((c) => c.path), []);
    assert.deepEqual(w.center.writeLog(), [], 'nothing to repair, nothing written');
  });

  test('a full reconcile checks every managed file', async () => {
    const w = await edited();
    const report = await sync(w, { full: true });
    assert.deepEqual(report.drift, ['a.sh', 'd/gone.sh', 'quiet.sh']);
    assert.equal(w.center.files.get('quiet.sh')?.toString(), 'q\n', 'the commit is the truth');
    assert.equal(await readFile(join(w.logDir, 'backup', '20260102T030405.000Z', 'quiet.sh'), 'utf8'), 'q, edited in the UI\n');
  });

  test('status lists every drifted managed file, whether a sync would touch it or not, and writes nothing', async () => {
    const w = await edited();
    const status = await runStatus('HEAD', { remoteRoot: '/gitlab', concurrency: 2, excludes: [], alwaysIgnored: [], toolVersion: 'test' },
      { git: w.git, center: w.center, clock, logger: collectingLogger(), commitsSince: async () => [] });
    assert.deepEqual(status.drift, ['a.sh', 'd/gone.sh', 'quiet.sh']);
    assert.deepEqual(w.center.writeLog(), []);
  });
});
