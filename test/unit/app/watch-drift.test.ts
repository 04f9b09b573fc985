// Drift in watch mode (issue 12), in-process: a managed file changed on the server between two watch
// batches is said (a warning naming the path), backed up to log_dir, then overwritten by the watched
// directory's version; the manifest records what the server said after each write, as the marker does.
// A temp directory, the in-memory Resource Center (with update times) and a scripted trigger source.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sha256Hex } from '../../../src/app/content-id.js';
import { runWatch, type WatchSettings } from '../../../src/app/watch.js';
import { sha256Id, type Change } from '../../../src/core/change.js';
import { collectingLogger } from '../../../src/core/logger.js';
import type { ListOptions } from '../../../src/remote/port.js';
import type { Watcher, WatchOptions } from '../../../src/sources/watch/fs-watcher.js';
import { MemoryResourceCenter, rejected } from '../../fakes/memory-resource-center.js';

type Batch = (options: WatchOptions) => Promise<void>;

describe('watch: drift (a managed file changed on the server since the last upload)', () => {
  let work: string;
  let dir: string;
  let settings: WatchSettings;
  let center: MemoryResourceCenter;
  let listings: ListOptions[];
  // Each run its own backup directory (runIdOf has millisecond precision).
  let now = Date.parse('2026-01-02T03:04:05Z');
  const clock = () => new Date(now++);

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'dolps-watch-drift-'));
    dir = join(work, 'res');
    await mkdir(join(dir, 'd'), { recursive: true });
    for (const [path, content] of Object.entries(FILES)) await writeFile(join(dir, path), content);
    settings = {
      localDir: dir, remoteRoot: '/w', concurrency: 2, excludes: [], alwaysIgnored: [], debounceMs: 10,
      statePath: join(work, 'state.json'), maxPauseMs: 60_000, logDir: join(work, 'log'),
    };
    center = new MemoryResourceCenter({ updateTimes: true });
    listings = [];
    const list = center.list.bind(center);
    center.list = (options) => { listings.push(options); return list(options); };
    await watchBatches([]); // the first start uploads the directory and writes the manifest
    assert.equal(center.files.size, 3);
  });
  afterEach(async () => rm(work, { recursive: true, force: true }));

  /** runWatch with a trigger source that runs the batches in order, then stops. */
  async function watchBatches(batches: Batch[]) {
    const stop = new AbortController();
    const logger = collectingLogger();
    const watch = async (options: WatchOptions): Promise<Watcher> => {
      void (async () => {
        for (const batch of batches) await batch(options);
      })().finally(() => stop.abort());
      return { close: async () => {} };
    };
    await runWatch(settings, { center, clock, logger, onResult: () => {}, signal: stop.signal, backoff: { firstMs: 1, maxMs: 4 }, watch });
    const warnings = logger.entries.filter((e) => e.level === 'warn').map((e) => e.message);
    return { warnings, driftLines: warnings.filter((w) => w.startsWith('drift: ') && w.endsWith('since the last sync')) };
  }

  /** Writes the local file and sends it to the loop as one batch (as the watcher would after the debounce). */
  const edit = (path: string, content: string): Batch => async (options) => {
    await writeFile(join(dir, path), content);
    await options.onBatch([modified(path, content)], { added: [], deleted: [] });
  };
  const server = (path: string, content: string): Batch => async () => center.editOnServer(path, content);
  const backupDirIn = (warnings: string[]) => /backed up in (.*)$/.exec(warnings.find((w) => w.includes('backed up in')) ?? '')?.[1] ?? '';

  test('a file edited on the server between two batches: the next batch that overwrites it says so, backs it up, and replaces it', async () => {
    const { warnings, driftLines } = await watchBatches([
      edit('a.sh', 'a, second\n'), // stamps a.sh with what the server says after this write
      server('a.sh', 'a, edited in the UI\n'),
      server('d/b.sql', 'select 2; -- UI\n'),
      edit('a.sh', 'a, third\n'),
    ]);
    assert.deepEqual(driftLines, ['drift: a.sh was changed on the server since the last sync'], JSON.stringify(warnings));
    assert.ok(warnings.some((w) => /^watch batch: 1 managed file was changed on the server since the last upload \(drift\)/.test(w)), 'the batch counts it');
    const backups = backupDirIn(warnings);
    assert.ok(backups.startsWith(join(work, 'log', 'backup')), JSON.stringify(warnings));
    assert.equal(await readFile(join(backups, 'a.sh'), 'utf8'), 'a, edited in the UI\n');
    assert.equal(center.files.get('a.sh')?.toString(), 'a, third\n', 'the directory is the truth');
    assert.equal(center.files.get('d/b.sql')?.toString(), 'select 2; -- UI\n', 'a batch touches only what changed locally');
  });

  test('a file deleted locally after a server edit: backed up, then deleted, and said', async () => {
    const { warnings, driftLines } = await watchBatches([
      server('d/b.sql', 'select 2; -- UI\n'),
      async (options) => {
        await rm(join(dir, 'd', 'b.sql'));
        await options.onBatch([{ kind: 'deleted', path: 'd/b.sql' }], { added: [], deleted: [] });
      },
    ]);
    assert.deepEqual(driftLines, ['drift: d/b.sql was changed on the server since the last sync']);
    assert.equal(await readFile(join(backupDirIn(warnings), 'd', 'b.sql'), 'utf8'), 'select 2; -- UI\n');
    assert.equal(center.files.has('d/b.sql'), false);
  });

  test('files unchanged on the server are not drift, nor is a file after watch overwrote it once', async () => {
    const first = await watchBatches([edit('a.sh', 'a, second\n'), edit('d/b.sql', 'select 22;\n'), edit('a.sh', 'a, third\n')]);
    assert.deepEqual(first.warnings, []);
    const again = await watchBatches([server('a.sh', 'a, UI\n'), edit('a.sh', 'a, fourth\n'), edit('a.sh', 'a, fifth\n')]);
    assert.equal(again.driftLines.length, 1, 'the overwrite recorded the new server facts: the batch after it sees no drift');
  });

  test('a batch lists with update times only the directories of the managed files it touches, and after the writes only those it wrote', async () => {
    listings.length = 0;
    await watchBatches([edit('d/b.sql', 'select 22;\n')]);
    assert.deepEqual(listings, [{ withSizes: false, detailsIn: new Set(['d']) }, { withSizes: false, detailsIn: new Set(['d']), detailsOnly: true }]);
  });

  test('a reconcile (after a failed batch) checks every managed file: a same-size server edit is not taken for ours, it is replaced', async () => {
    center.addFault({ op: 'update', nth: 1, error: rejected(10001, 'server busy') });
    const { warnings, driftLines } = await watchBatches([server('c.txt', 'C\n'), edit('a.sh', 'a, second\n')]);
    assert.deepEqual(driftLines, ['drift: c.txt was changed on the server since the last sync'], JSON.stringify(warnings));
    assert.equal(center.files.get('c.txt')?.toString(), 'c\n', 'same size as ours: only the recorded identity tells it apart');
    assert.equal(await readFile(join(backupDirIn(warnings), 'c.txt'), 'utf8'), 'C\n');
    assert.equal(center.files.get('a.sh')?.toString(), 'a, second\n');
  });

  test('after a batch that applied in part, the retry says nothing of the files that batch did write (they hold the directory\'s content)', async () => {
    center.addFault({ op: 'update', path: 'd/b.sql', nth: 1, error: rejected(10001, 'server busy') });
    const { warnings, driftLines } = await watchBatches([async (options) => {
      await writeFile(join(dir, 'a.sh'), 'a, second\n');
      await writeFile(join(dir, 'd', 'b.sql'), 'select 22;\n');
      await options.onBatch([modified('a.sh', 'a, second\n'), modified('d/b.sql', 'select 22;\n')], { added: [], deleted: [] });
    }]);
    assert.deepEqual(center.writeLog().slice(-3).sort(), ['update a.sh', 'update d/b.sql', 'update d/b.sql FAILED']);
    assert.deepEqual(driftLines, [], JSON.stringify(warnings));
  });

  test('a manifest written before identities: watch keeps working and reports no drift (the file is overwritten as before)', async () => {
    const manifest = JSON.parse(await readFile(settings.statePath, 'utf8')) as Record<string, unknown>;
    assert.equal(typeof manifest['contents'], 'object', 'the first start recorded identities');
    delete manifest['contents'];
    await writeFile(settings.statePath, JSON.stringify(manifest));
    const { warnings } = await watchBatches([server('a.sh', 'a, edited in the UI\n'), edit('a.sh', 'a, second\n')]);
    assert.deepEqual(warnings, []);
    assert.equal(center.files.get('a.sh')?.toString(), 'a, second\n');
    const after = JSON.parse(await readFile(settings.statePath, 'utf8')) as { contents?: Record<string, unknown> };
    assert.deepEqual(Object.keys(after.contents ?? {}), ['a.sh'], 'from then on the files watch writes get one');
  });
});

const FILES: Record<string, string> = { 'a.sh': 'a\n', 'd/b.sql': 'select 2;\n', 'c.txt': 'c\n' };

function modified(path: string, content: string): Change {
  return { kind: 'modified', file: { path, id: sha256Id(sha256Hex(Buffer.from(content))), size: Buffer.byteLength(content) } };
}
