// Kept in its own file: node --test runs each file in its own process, so process.cpuUsage()
// measures only this watcher.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { startWatching } from '../../../src/sources/watch/fs-watcher.js';
import { BatchRecorder, makeTempDir, sleep } from './support.js';

it('an idle watcher uses ~0 CPU: no polling, no timers', async (t) => {
  const root = await makeTempDir(t);
  for (let d = 0; d < 20; d++) {
    await mkdir(join(root, `d${d}`));
    for (let f = 0; f < 25; f++) await writeFile(join(root, `d${d}/f${f}.sql`), `select ${f};`);
  }
  const rec = new BatchRecorder();
  const watcher = await startWatching({ root, isIgnored: () => false, onBatch: rec.onBatch, onError: rec.onError });
  t.after(() => watcher.close());
  await sleep(300);
  const before = process.cpuUsage();
  await sleep(3000);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  t.diagnostic(`idle CPU over 3 s with 500 files and 21 directories watched: ${ms.toFixed(1)} ms`);
  console.log(`idle CPU over 3 s: ${ms.toFixed(1)} ms`);
  assert.ok(ms < 50, `idle watcher used ${ms} ms of CPU in 3 s`);
  assert.deepEqual(rec.batches, []);
});
