// `watch` as a trigger loop around the pipeline's run, in-process: a temp directory, the in-memory
// Resource Center, and a scripted trigger source instead of the filesystem watcher.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sha256Hex } from '../../../src/app/content-id.js';
import { runWatch, type WatchSettings } from '../../../src/app/watch.js';
import { sha256Id, type Change } from '../../../src/core/change.js';
import { collectingLogger } from '../../../src/core/logger.js';
import type { Watcher, WatchOptions } from '../../../src/sources/watch/fs-watcher.js';
import { MemoryResourceCenter, rejected } from '../../fakes/memory-resource-center.js';

const clock = () => new Date('2026-01-02T03:04:05Z');

describe('watch: a trigger loop around the run', () => {
  let dir: string;
  let settings: WatchSettings;
  beforeEach(async () => {
    const work = await mkdtemp(join(tmpdir(), 'dolps-watch-unit-'));
    dir = join(work, 'res');
    await mkdir(dir);
    await writeFile(join(dir, 'a.sh'), 'a\n');
    settings = { localDir: dir, remoteRoot: '/w', concurrency: 2, excludes: [], alwaysIgnored: [], debounceMs: 10, statePath: join(work, 'state.json'), maxPauseMs: 60_000 };
  });
  afterEach(async () => rm(join(dir, '..'), { recursive: true, force: true }));

  /** Runs watch with a trigger source that writes `b.sh`, emits it as one batch, then stops the loop. */
  async function watchOneBatch(center: MemoryResourceCenter, beforeBatch: () => void) {
    const stop = new AbortController();
    const logger = collectingLogger();
    const watch = async (options: WatchOptions): Promise<Watcher> => {
      await writeFile(join(dir, 'b.sh'), 'b\n');
      const added: Change = { kind: 'added', file: { path: 'b.sh', id: sha256Id(sha256Hex(Buffer.from('b\n'))), size: 2 } };
      beforeBatch();
      void options.onBatch([added], { added: [], deleted: [] }).finally(() => stop.abort());
      return { close: async () => {} };
    };
    await runWatch(settings, { center, clock, logger, onResult: () => {}, signal: stop.signal, backoff: { firstMs: 1, maxMs: 4 }, watch });
    const manifest = JSON.parse(await readFile(settings.statePath, 'utf8')) as { files: Record<string, { sha256: string }> };
    return { logger, manifest };
  }

  test('a batch the server refuses is retried by a reconcile: nothing is lost, and the manifest records it only then', async () => {
    const center = new MemoryResourceCenter();
    const { manifest } = await watchOneBatch(center, () => center.addFault({ op: 'create', nth: 1, error: rejected(20007, 'busy') }));
    assert.deepEqual(center.writeLog(), ['create a.sh', 'create b.sh FAILED', 'create b.sh']);
    assert.equal(center.files.get('b.sh')?.toString(), 'b\n');
    assert.deepEqual(Object.keys(manifest.files).sort(), ['a.sh', 'b.sh']);
  });

  test('a server that goes away during a batch: the loop waits with backoff, then applies the batch', async () => {
    const center = new MemoryResourceCenter();
    const { logger, manifest } = await watchOneBatch(center, () => {
      center.drop();
      setTimeout(() => center.restore(), 30);
    });
    assert.equal(center.files.get('b.sh')?.toString(), 'b\n');
    assert.deepEqual(Object.keys(manifest.files).sort(), ['a.sh', 'b.sh']);
    assert.ok(logger.entries.some((e) => e.level === 'warn' && e.message.startsWith('sync failed: ')), JSON.stringify(logger.entries));
    assert.ok(logger.entries.some((e) => e.level === 'info' && e.message.startsWith('the server answers again')));
  });
});
