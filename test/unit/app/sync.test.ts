// `sync` as one run of the pipeline, in-process: an in-memory git history and Resource Center. The
// marker is written last and only when every operation applied, so it is never ahead of the remote.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runSync, type SyncReport, type SyncRequest } from '../../../src/app/sync.js';
import { collectingLogger } from '../../../src/core/logger.js';
import { MARKER_NAME, parseMarker, type Marker } from '../../../src/core/marker.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter, rejected, unreachable, type FaultRule } from '../../fakes/memory-resource-center.js';

const SETTINGS = { remoteRoot: '/gitlab', concurrency: 2, excludes: [], alwaysIgnored: [], toolVersion: 'test' };
const clock = () => new Date('2026-01-02T03:04:05Z');

function sync(git: MemoryGit, center: MemoryResourceCenter, request: Partial<SyncRequest> = {}): Promise<SyncReport> {
  return runSync({ to: 'HEAD', dryRun: false, full: false, prune: false, ...request }, SETTINGS, { git, center, clock, logger: collectingLogger() });
}

function markerOn(center: MemoryResourceCenter): Marker | null {
  const bytes = center.files.get(MARKER_NAME);
  const reading = bytes ? parseMarker(bytes.toString('utf8')) : null;
  return reading && 'marker' in reading ? reading.marker : null;
}

/** A server holding the first commit, synced, and a second commit to sync. */
async function syncedOnce(second: Record<string, string>, faults: FaultRule[] = []): Promise<{ git: MemoryGit; center: MemoryResourceCenter; first: string }> {
  const git = new MemoryGit();
  const first = git.commit({ 'a.sh': 'a\n', 'b.sh': 'b\n', 'y.sh': 'y\n' });
  const center = new MemoryResourceCenter();
  await sync(git, center);
  git.commit(second);
  center.calls.length = 0;
  for (const fault of faults) center.addFault(fault);
  return { git, center, first };
}

describe('sync: one run of the pipeline', () => {
  test('a first sync reconciles the whole tree (no marker) and writes the marker last, listing the files it manages', async () => {
    const git = new MemoryGit();
    const head = git.commit({ 'a.sh': 'a\n', 'd/b.sql': 'select 1;\n' });
    const center = new MemoryResourceCenter({ rootExists: false });
    const report = await sync(git, center);
    assert.deepEqual(report.base, { commit: null, reason: 'no-marker', markerCommit: null });
    assert.deepEqual(center.writeLog(), ['mkdir ', 'mkdir d', 'create a.sh', 'create d/b.sql', `create ${MARKER_NAME}`]);
    assert.equal(report.markerWritten, true);
    assert.deepEqual({ commit: markerOn(center)?.commit, files: markerOn(center)?.files }, { commit: head, files: ['a.sh', 'd/b.sql'] });
  });

  test('the next sync diffs from the marker: only the changes, then the marker', async () => {
    const { git, center, first } = await syncedOnce({ 'a.sh': 'a, changed\n', 'b.sh': 'b\n' });
    const report = await sync(git, center);
    assert.deepEqual(report.base, { commit: first, reason: 'marker', markerCommit: first });
    assert.deepEqual(center.writeLog(), ['update a.sh', 'delete y.sh', `update ${MARKER_NAME}`]);
    assert.equal(markerOn(center)?.commit, await git.resolve('HEAD'));
  });

  test('marker last: a failed write leaves the marker where it was, and the next run finishes the job', async () => {
    const { git, center, first } = await syncedOnce({ 'a.sh': 'a, changed\n', 'b.sh': 'b\n', 'y.sh': 'y\n', 'n.sh': 'new\n' },
      [{ op: 'create', nth: 1, error: rejected(20007, 'too big') }]);
    const report = await sync(git, center);
    assert.equal(report.markerWritten, false);
    assert.ok(!center.calls.some((c) => c.path === MARKER_NAME && c.op !== 'download'), 'no write to the marker');
    assert.equal(markerOn(center)?.commit, first);
    const retry = await sync(git, center);
    assert.equal(retry.base.reason, 'marker');
    assert.equal(markerOn(center)?.commit, await git.resolve('HEAD'));
    assert.equal(center.files.get('n.sh')?.toString(), 'new\n');
  });

  test('marker never ahead of the remote: an answer lost after a successful write does not move it', async () => {
    const { git, center, first } = await syncedOnce({ 'a.sh': 'a, changed\n', 'b.sh': 'b\n', 'y.sh': 'y\n' },
      [{ op: 'update', nth: 1, afterWrite: true, error: unreachable }]);
    const report = await sync(git, center);
    assert.equal(report.markerWritten, false);
    assert.equal(center.files.get('a.sh')?.toString(), 'a, changed\n', 'the server did take the write');
    assert.equal(markerOn(center)?.commit, first, 'but the marker does not claim it');
  });

  test('no deletes after a failed write: the delete is withheld, the file stays, the marker does not move', async () => {
    const { git, center, first } = await syncedOnce({ 'a.sh': 'a\n', 'b.sh': 'b, changed\n' },
      [{ op: 'update', path: 'b.sh', error: rejected(20007, 'too big') }]);
    const report = await sync(git, center);
    assert.deepEqual(report.summary, { created: 0, updated: 0, deleted: 0, renamed: 0, skipped: 1, failed: 1 });
    assert.ok(center.files.has('y.sh'));
    assert.equal(markerOn(center)?.commit, first);
  });

  test('a full reconcile keeps files it did not put there, unless --prune; its note names the marker commit', async () => {
    const { git, center, first } = await syncedOnce({ 'a.sh': 'a\n', 'b.sh': 'b\n', 'y.sh': 'y\n' });
    center.files.set('theirs.sh', Buffer.from('not ours\n'));
    const kept = await sync(git, center, { full: true });
    assert.deepEqual(kept.base, { commit: null, reason: 'full-requested', markerCommit: first });
    assert.ok(kept.notes.some((n) => n.includes(first.slice(0, 12))), kept.notes.join('\n'));
    assert.deepEqual(center.writeLog(), [`update ${MARKER_NAME}`], 'identical files are not rewritten');
    assert.ok(center.files.has('theirs.sh'));
    await sync(git, center, { full: true, prune: true });
    assert.ok(!center.files.has('theirs.sh'));
  });

  test('a server that drops after two writes: the rest is not attempted, the marker stays, the next run finishes', async () => {
    const git = new MemoryGit();
    git.commit({ 'a.sh': 'a\n', 'b.sh': 'b\n', 'c.sh': 'c\n', 'd.sh': 'd\n' });
    const center = new MemoryResourceCenter({ dropAfterWrites: 2 });
    const report = await sync(git, center);
    assert.equal(report.summary.created, 2);
    // The one already in flight beside the first refused call fails too; none is started after it.
    assert.equal(report.summary.failed + report.summary.skipped, 2);
    assert.ok(center.calls.filter((c) => !c.ok && c.op === 'create').length <= SETTINGS.concurrency);
    assert.equal(report.markerWritten, false);
    assert.ok(!center.files.has(MARKER_NAME));
    center.restore();
    const retry = await sync(git, center);
    assert.deepEqual(retry.base.reason, 'no-marker');
    assert.deepEqual([...center.files.keys()].sort(), [MARKER_NAME, 'a.sh', 'b.sh', 'c.sh', 'd.sh']);
    assert.deepEqual(center.writeLog().slice(-3), ['create c.sh', 'create d.sh', `create ${MARKER_NAME}`], 'identical files are not rewritten');
  });

  test('a dry run lists the plan and writes nothing', async () => {
    const { git, center } = await syncedOnce({ 'a.sh': 'a, changed\n' });
    const report = await sync(git, center, { dryRun: true });
    assert.deepEqual(report.results.map((r) => `${r.operation.op} ${r.operation.path}`), ['update a.sh', 'delete b.sh', 'delete y.sh']);
    assert.deepEqual(center.writeLog(), []);
  });
});
