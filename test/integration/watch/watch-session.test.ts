// The session with a fake clock: exact timer behaviour, on a real directory (it stats and hashes).
import assert from 'node:assert/strict';
import { appendFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { sha256Id, type Change, type FileRef } from '../../../src/core/change.js';
import { WatchSession, type WatchTimers } from '../../../src/sources/watch/watch-session.js';
import { makeTempDir, sha256 } from './support.js';

class FakeTimers implements WatchTimers {
  time = 0;
  private queue: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.time + ms, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((timer) => timer.id !== handle);
  }

  get pending(): number[] {
    return this.queue.map((timer) => timer.at);
  }

  /** Moves the clock to `time`, running every timer due by then. */
  advanceTo(time: number): void {
    this.time = time;
    for (let due = this.queue.find((t) => t.at <= time); due; due = this.queue.find((t) => t.at <= time)) {
      this.queue = this.queue.filter((timer) => timer !== due);
      due.callback();
    }
  }
}

async function session(t: TestContext, known = new Map<string, FileRef>()) {
  const root = await makeTempDir(t);
  const rootStats = await stat(root);
  const timers = new FakeTimers();
  const batches: Change[][] = [];
  const watch = new WatchSession({
    root, rootIdentity: { dev: rootStats.dev, ino: rootStats.ino, birthtimeMs: rootStats.birthtimeMs }, isIgnored: () => false, coalescer: { debounceMs: 300 },
    known, authoritative: false, pairRenames: true, holdForCatchUp: false,
    onBatch: async (changes) => void batches.push(changes), onError: (err) => assert.fail(err), track: () => undefined, timers,
  });
  t.after(() => watch.close());
  return { root, timers, batches, watch };
}

describe('WatchSession timers', () => {
  it('arms one timer per quiet window and none once the batch is out', async (t) => {
    const { root, timers, batches, watch } = await session(t);
    assert.deepEqual(timers.pending, [], 'an idle session has no timer');
    await writeFile(join(root, 'a.sh'), 'a');
    watch.onEvent('add', 'a.sh', await stat(join(root, 'a.sh')));
    timers.advanceTo(100);
    watch.onEvent('change', 'a.sh', await stat(join(root, 'a.sh')));
    assert.deepEqual(timers.pending, [300], 'the first timer is kept and re-armed when it fires early');
    timers.advanceTo(300);
    assert.deepEqual(timers.pending, [400]);
    timers.advanceTo(400);
    await watch.idle();
    assert.deepEqual(batches, [[{ kind: 'added', file: { path: 'a.sh', id: sha256Id(sha256('a')), size: 1 } }]]);
    assert.deepEqual(timers.pending, []);
  });

  it('a file that grew after its last event waits another window and is emitted once, complete', async (t) => {
    const { root, timers, batches, watch } = await session(t);
    const file = join(root, 'export.csv');
    await writeFile(file, 'part 1\n');
    watch.onEvent('add', 'export.csv', await stat(file));
    await appendFile(file, 'part 2\n'); // its event was lost (chokidar throttles changes to one per 50 ms)
    timers.advanceTo(300);
    await watch.idle();
    assert.deepEqual(batches, [], 'size moved since the last event: not stable yet');
    assert.deepEqual(timers.pending, [600]);
    timers.advanceTo(600);
    await watch.idle();
    assert.deepEqual(batches, [[{ kind: 'added', file: { path: 'export.csv', id: sha256Id(sha256('part 1\npart 2\n')), size: 14 } }]]);
    assert.deepEqual(timers.pending, []);
  });

  it('events during a running batch wait for it, then form the next batch', async (t) => {
    const { root, timers, batches, watch } = await session(t);
    await writeFile(join(root, 'a'), '1');
    watch.onEvent('add', 'a', await stat(join(root, 'a')));
    timers.advanceTo(300); // batch for a starts (its I/O is pending)
    await writeFile(join(root, 'b'), '2');
    watch.onEvent('add', 'b', await stat(join(root, 'b')));
    assert.deepEqual(timers.pending, [], 'no timer while a batch runs');
    await watch.idle();
    assert.deepEqual(timers.pending, [600]);
    timers.advanceTo(600);
    await watch.idle();
    assert.deepEqual(batches.map((b) => b.map((c) => c.kind === 'added' && c.file.path)), [['a'], ['b']]);
  });
});
