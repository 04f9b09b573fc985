// The lease on the remote root (src/app/lease): two runs in the same millisecond, one holder;
// expiry and a dead holder taken over; release also after a failed run; never someone else's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LeaseHeldError } from '../../../src/app/lease/errors.js';
import { readLease, remoteLease, type LeaseOptions } from '../../../src/app/lease/remote-lease.js';
import type { HeldLease } from '../../../src/app/pipeline/hooks.js';
import { runSync } from '../../../src/app/sync.js';
import { serializeLease, type LeaseRecord } from '../../../src/core/lease.js';
import { silentLogger } from '../../../src/core/logger.js';
import { MARKER_NAME } from '../../../src/core/marker.js';
import { LEASE_NAME } from '../../../src/core/reserved.js';
import { MemoryGit } from '../../fakes/memory-git.js';
import { MemoryResourceCenter, rejected } from '../../fakes/memory-resource-center.js';

const NOW = new Date('2026-01-01T00:00:00Z');
let nonces = 0;

function options(pid: number, over: Partial<LeaseOptions> = {}): LeaseOptions {
  return {
    holder: { host: 'runner', pid, user: 'ci' }, remoteRoot: '/gitlab', waitMs: 0, ttlMs: 60_000, renewMs: 60_000, pollMs: 4,
    settleMs: 5, forceUnlock: false, clock: () => NOW, isAlive: () => true, sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    nonce: () => `n${++nonces}`, logger: silentLogger, ...over,
  };
}

function leaseFile(over: Partial<LeaseRecord> = {}, holder: Partial<LeaseRecord['holder']> = {}): string {
  return serializeLease({
    version: 1, nonce: 'theirs', since: '2025-12-31T23:59:00.000Z', expires: '2026-01-01T00:01:00.000Z',
    holder: { host: 'runner', pid: 999, user: 'other', ...holder }, ...over,
  });
}

describe('lease', () => {
  test('two runs starting in the same millisecond: exactly one holds it, the other exits naming the holder', async () => {
    // Latency lets both reads see no lease; the loser's create is refused (already exists).
    const center = new MemoryResourceCenter({ latencyMs: 3 });
    const results = await Promise.allSettled([remoteLease(center, options(1)).acquire(), remoteLease(center, options(2)).acquire()]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(refused.length, 1, 'one holder');
    assert.ok(refused[0]?.reason instanceof LeaseHeldError);
    assert.match(String((refused[0]?.reason as Error).message), /ci@runner pid [12] since 2026-01-01T00:00:00.000Z/);
  });

  test('a create that "succeeded" for both (3.1 reconciles a lost answer as success) still leaves one holder: read back, compare', async () => {
    const center = new MemoryResourceCenter({ latencyMs: 3 });
    // The rival's create is refused as "already exists", but the answer is lost and the adapter's read-back finds the
    // file: the caller sees success although the file holds the other run's nonce (write-protocol.ts createReconciled).
    const create = center.create.bind(center);
    center.create = (path, content) => create(path, content).catch((error: unknown) => {
      if ((error as { dsCode?: number }).dsCode !== 20005) throw error;
      return undefined;
    });
    const results = await Promise.allSettled([remoteLease(center, options(1)).acquire(), remoteLease(center, options(2)).acquire()]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  test('a second run waits for the holder to release, then takes the lease', async () => {
    const center = new MemoryResourceCenter();
    const first = await remoteLease(center, options(1)).acquire();
    setTimeout(() => void first.release(), 30);
    const second = await remoteLease(center, options(2, { waitMs: 2_000 })).acquire();
    const reading = await readLease(center);
    assert.ok(reading && 'record' in reading && reading.record.holder.pid === 2);
    await second.release();
    assert.equal(center.files.has(LEASE_NAME), false);
  });

  test('an expired lease is taken over; a live one is not', async () => {
    const expired = new MemoryResourceCenter({ files: { [LEASE_NAME]: leaseFile({ expires: '2025-12-31T23:59:59.000Z' }) } });
    await remoteLease(expired, options(1)).acquire();
    const live = new MemoryResourceCenter({ files: { [LEASE_NAME]: leaseFile() } });
    await assert.rejects(remoteLease(live, options(1)).acquire(), (e: unknown) => e instanceof LeaseHeldError && /other@runner pid 999 since 2025-12-31T23:59:00/.test(e.message));
  });

  test('a lease of a dead process on this host is taken over at once; on another host it is not', async () => {
    const dead = (pid: number) => pid !== 999;
    const here = new MemoryResourceCenter({ files: { [LEASE_NAME]: leaseFile() } });
    await remoteLease(here, options(1, { isAlive: dead })).acquire();
    const elsewhere = new MemoryResourceCenter({ files: { [LEASE_NAME]: leaseFile({}, { host: 'other-host' }) } });
    await assert.rejects(remoteLease(elsewhere, options(1, { isAlive: dead })).acquire(), LeaseHeldError);
  });

  test('--force-unlock removes a live lease', async () => {
    const center = new MemoryResourceCenter({ files: { [LEASE_NAME]: leaseFile() } });
    await remoteLease(center, options(1, { forceUnlock: true })).acquire();
    const reading = await readLease(center);
    assert.ok(reading && 'record' in reading && reading.record.holder.pid === 1);
  });

  test('release never removes a lease someone took over after ours', async () => {
    const center = new MemoryResourceCenter();
    const mine = await remoteLease(center, options(1)).acquire();
    center.files.set(LEASE_NAME, Buffer.from(leaseFile()));
    await mine.release();
    assert.equal(center.files.has(LEASE_NAME), true);
  });

  test('a first sync on a missing remote root creates the root for the lease', async () => {
    const center = new MemoryResourceCenter({ rootExists: false });
    await remoteLease(center, options(1)).acquire();
    assert.equal(center.rootExists, true);
  });
});

describe('sync under the lease', () => {
  const SETTINGS = { remoteRoot: '/gitlab', concurrency: 1, excludes: [], alwaysIgnored: [], toolVersion: 'test' };
  async function sync(center: MemoryResourceCenter, lease: ReturnType<typeof remoteLease>, dryRun = false) {
    const git = new MemoryGit();
    git.commit({ 'a.sh': 'a\n' });
    return runSync({ to: 'HEAD', dryRun, full: false, prune: false }, SETTINGS, { git, center, clock: () => NOW, logger: silentLogger, lease });
  }

  test('the lease is released after a failed run, so the next run is not blocked', async () => {
    const center = new MemoryResourceCenter({ faults: [{ op: 'create', path: 'a.sh', error: rejected(20007) }] });
    await sync(center, remoteLease(center, options(1)));
    assert.equal(center.files.has(LEASE_NAME), false);
    assert.equal(center.files.has(MARKER_NAME), false);
  });

  test('the lease is taken before the first write, released after the marker; a dry run takes none', async () => {
    const dry = new MemoryResourceCenter();
    await sync(dry, remoteLease(dry, options(1)), true);
    assert.deepEqual(dry.writeLog(), []);
    const center = new MemoryResourceCenter();
    await sync(center, remoteLease(center, options(1)));
    assert.deepEqual(center.writeLog(), [`create ${LEASE_NAME}`, 'create a.sh', `create ${MARKER_NAME}`, `delete ${LEASE_NAME}`]);
  });

  test('a run that waited plans from what the holder left (the marker is read under the lease)', async () => {
    const center = new MemoryResourceCenter();
    const other: HeldLease = await remoteLease(center, options(7)).acquire();
    const running = sync(center, remoteLease(center, options(1, { waitMs: 2_000 })));
    await new Promise((r) => setTimeout(r, 20));
    // The holder syncs the same commit meanwhile and releases: the waiting run then has nothing to write.
    const git = new MemoryGit();
    git.commit({ 'a.sh': 'a\n' });
    await runSync({ to: 'HEAD', dryRun: false, full: false, prune: false }, SETTINGS, { git, center, clock: () => NOW, logger: silentLogger });
    await other.release();
    const report = await running;
    assert.deepEqual(report.results, []);
    assert.equal(center.writeLog().filter((l) => l === 'create a.sh').length, 1);
  });
});
