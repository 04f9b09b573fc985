// Issue 11, cases 1, 2 and 15, in-process: the trigger loop pauses instead of deleting, and a pause
// longer than --max-pause ends runWatch with WatchPausedError (exit 2). A temp directory, the in-memory
// Resource Center and a scripted trigger source; each test fails when its rule is removed.
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { WatchPausedError } from '../../../src/app/errors.js';
import { runWatch, type WatchSettings } from '../../../src/app/watch.js';
import { sha256Hex } from '../../../src/app/content-id.js';
import { sha256Id, type Change } from '../../../src/core/change.js';
import { collectingLogger } from '../../../src/core/logger.js';
import type { Watcher, WatchOptions } from '../../../src/sources/watch/fs-watcher.js';
import { MemoryResourceCenter, rejected } from '../../fakes/memory-resource-center.js';
import { waitFor } from '../../helpers/watch-process.js';

const clock = () => new Date('2026-01-02T03:04:05Z');
const NAMES = Array.from({ length: 12 }, (_, i) => `f${String(i).padStart(2, '0')}.sql`);
const deleted = (paths: string[]): Change[] => paths.map((path) => ({ kind: 'deleted', path }));
const deletes = (center: MemoryResourceCenter) => center.writeLog().filter((line) => line.startsWith('delete'));

describe('watch safety, issue 11 (in-process)', () => {
  let dir: string;
  let settings: WatchSettings;
  let center: MemoryResourceCenter;
  beforeEach(async () => {
    const work = await mkdtemp(join(tmpdir(), 'dolps-watch-safety-'));
    dir = join(work, 'res');
    await mkdir(dir);
    for (const name of NAMES) await writeFile(join(dir, name), `select '${name}';\n`);
    settings = { localDir: dir, remoteRoot: '/w', concurrency: 2, excludes: [], alwaysIgnored: [], debounceMs: 10, statePath: join(work, 'state.json'), maxPauseMs: 150 };
    center = new MemoryResourceCenter();
    await watchWith(async () => {}); // the first start uploads the 12 files and writes the manifest
    assert.equal(center.files.size, 12);
  });
  afterEach(async () => rm(join(dir, '..'), { recursive: true, force: true }));

  interface Script {
    stop(): void;
    logged(pattern: RegExp): boolean;
    /** How many watchers were started so far, this one included. */
    starts: number;
  }

  /** runWatch with a trigger source that runs `script` on each start; the watch stops after the first unless `keep`. */
  async function watchWith(script: (options: WatchOptions, s: Script) => Promise<void>, overrides: Partial<WatchSettings> = {}, keep = false,
    backoff = { firstMs: 1, maxMs: 4 }) {
    const stop = new AbortController();
    const logger = collectingLogger();
    const state: Script = { stop: () => stop.abort(), logged: (p) => logger.entries.some((e) => p.test(e.message)), starts: 0 };
    const watch = async (options: WatchOptions): Promise<Watcher> => {
      state.starts++;
      void script(options, state).then(() => (keep ? undefined : stop.abort()));
      return { close: async () => {} };
    };
    const done = runWatch({ ...settings, ...overrides }, { center, clock, logger, onResult: () => {}, signal: stop.signal, backoff, watch, rootCheckMs: 10 });
    const error = await done.then(() => undefined, (e: unknown) => e);
    return { logger, error, started: state.starts };
  }

  const pausedBy = (error: unknown) => (error instanceof WatchPausedError ? error.reason : `not paused: ${String(error)}`);

  test('case 2: a restart on an emptied directory (the catch-up deletes all 12) pauses, deletes nothing, and ends with exit 2 after --max-pause', async () => {
    for (const name of NAMES) await rm(join(dir, name));
    const { error, logger } = await watchWith(async (options) => options.onBatch(deleted(NAMES), { added: [], deleted: [] }), { maxDelete: { kind: 'percent', max: 100 } });
    assert.equal(pausedBy(error), 'rootEmptied');
    assert.deepEqual(deletes(center), []);
    assert.equal(center.files.size, 12);
    assert.ok(logger.entries.some((e) => e.level === 'warn' && /^paused: the watched directory .* has no file left while 12 were uploaded/.test(e.message)));
  });

  test('case 1: a batch failed during an outage, then the directory was replaced: the retry re-plans and pauses, never replays', async () => {
    // The new directory lacks one file only, so neither the emptied-root rule nor the threshold would catch it.
    center.addFault({ op: 'update', nth: 1, error: () => {
      renameSync(dir, `${dir}.old`);
      mkdirSync(dir);
      for (const name of NAMES.slice(1)) writeFileSync(join(dir, name), `select '${name}';\n`);
      return rejected(10001, 'server busy')();
    } });
    const { error, logger } = await watchWith(async (options) => {
      await writeFile(join(dir, 'f00.sql'), 'modified\n');
      await options.onBatch([{ kind: 'modified', file: { path: 'f00.sql', id: sha256Id(sha256Hex(Buffer.from('modified\n'))), size: 9 } }], { added: [], deleted: [] });
    }, {}, true);
    assert.equal(pausedBy(error), 'rootReplaced', JSON.stringify([center.writeLog(), logger.entries]));
    assert.deepEqual(deletes(center), []);
    assert.equal(center.files.size, 12);
  });

  test('the threshold in watch: a batch deleting 7 of 12 managed files applies nothing and pauses; --max-delete 100% lets it through', async () => {
    const gone = NAMES.slice(0, 7);
    for (const name of gone) await rm(join(dir, name));
    const refused = await watchWith(async (options) => options.onBatch(deleted(gone), { added: [], deleted: [] }));
    assert.equal(pausedBy(refused.error), 'tooManyDeletes');
    assert.deepEqual(deletes(center), []);
    assert.ok(refused.logger.entries.some((e) => /^paused: the plan would delete 7 of the 12 managed files.*--max-delete 100%/.test(e.message)));
    const allowed = await watchWith(async (options) => options.onBatch(deleted(gone), { added: [], deleted: [] }), { maxDelete: { kind: 'percent', max: 100 } });
    assert.equal(allowed.error, undefined);
    assert.equal(deletes(center).length, 7);
  });

  test('case 15: a root that vanishes while idle (no event at all) pauses; back within --max-pause, a new watcher starts on it', async () => {
    const { error, started, logger } = await watchWith(async (_options, script) => {
      if (script.starts > 1) return script.stop();
      await rename(dir, `${dir}.away`);
      await waitFor(() => script.logged(/^paused: the watched directory .* is gone/), 5_000);
      await rename(`${dir}.away`, dir);
    }, { maxPauseMs: 5_000 }, true);
    assert.equal(error, undefined);
    assert.equal(started, 2, 'a second watcher started on the directory once it was back');
    assert.ok(logger.entries.some((e) => /^resumed/.test(e.message)));
  });

  test('while paused the root is looked at again within a quarter of --max-pause, however long the backoff has grown: back in time, it resumes', async () => {
    const { error, started } = await watchWith(async (_options, script) => {
      if (script.starts > 1) return script.stop();
      await rename(dir, `${dir}.away`);
      await waitFor(() => script.logged(/^paused: the watched directory .* is gone/), 5_000);
      await rename(`${dir}.away`, dir);
    }, { maxPauseMs: 800 }, true, { firstMs: 60_000, maxMs: 60_000 });
    assert.equal(error, undefined, 'a 60 s wait outlived the 0.8 s pause');
    assert.equal(started, 2);
  });

  test('case 15: a root that vanishes and stays away ends runWatch with exit 2 after --max-pause; nothing is deleted', async () => {
    const { error } = await watchWith(async () => rm(dir, { recursive: true }), {}, true);
    assert.equal(pausedBy(error), 'rootMissing');
    assert.deepEqual(deletes(center), []);
  });

  test('the manifest records the directory identity with the first applied run', async () => {
    const manifest = JSON.parse(await readFile(settings.statePath, 'utf8')) as { root?: { ino: number } };
    assert.equal(typeof manifest.root?.ino, 'number');
  });

  test('a first start on an empty directory (a volume not mounted yet) records no identity: the mounted one is taken later', async () => {
    await rm(settings.statePath);
    for (const name of NAMES) await rm(join(dir, name));
    await watchWith(async () => {});
    const manifest = JSON.parse(await readFile(settings.statePath, 'utf8')) as { root?: unknown; files: object };
    assert.deepEqual([manifest.root, Object.keys(manifest.files).length], [undefined, 0]);
    assert.equal(center.files.size, 12, 'without a manifest, nothing is deleted');
  });
});
