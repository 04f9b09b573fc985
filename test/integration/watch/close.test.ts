// Its own file (its own process), so the count of open fs.watch handles is this file's alone.
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { startWatching } from '../../../src/sources/watch/fs-watcher.js';
import { BatchRecorder, makeTempDir, sleep } from './support.js';

const openWatches = (): number => process.getActiveResourcesInfo().filter((name) => name === 'FSEventWrap').length;

it('close() while the tree is being deleted leaves no fs.watch open (chokidar would reopen itself)', async (t) => {
  const base = await makeTempDir(t);
  for (let round = 0; round < 10; round++) {
    const root = join(base, `r${round}`);
    for (let d = 0; d < 5; d++) {
      await mkdir(join(root, `d${d}`), { recursive: true });
      for (let f = 0; f < 20; f++) await writeFile(join(root, `d${d}/f${f}`), 'x');
    }
    const rec = new BatchRecorder();
    const watcher = await startWatching({ root, isIgnored: () => false, debounceMs: 20, onBatch: rec.onBatch, onError: rec.onError });
    assert.ok(openWatches() > 0);
    const removal = rm(root, { recursive: true });
    await sleep(round);
    await watcher.close();
    await removal;
  }
  await sleep(500);
  assert.equal(openWatches(), 0);
});
