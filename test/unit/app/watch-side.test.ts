// `watch` with a side run that reads a folder of its own (the UDF folder, issue 13), in-process: the
// watcher sees that folder, the file tree does not; an invalid local file stops the run before any
// write, is said once per run, is not retried with backoff, and the next trigger reconciles everything.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sha256Hex } from '../../../src/app/content-id.js';
import { InvalidLocalFileError } from '../../../src/app/errors.js';
import type { SideRun } from '../../../src/app/pipeline/hooks.js';
import { runWatch, type WatchSettings } from '../../../src/app/watch.js';
import { fileTreeBatch, watcherIgnores } from '../../../src/app/watch-side-dirs.js';
import { sha256Id, type Change } from '../../../src/core/change.js';
import { collectingLogger } from '../../../src/core/logger.js';
import type { Watcher, WatchOptions } from '../../../src/sources/watch/fs-watcher.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

const clock = () => new Date('2026-01-02T03:04:05Z');
const added = (path: string, content: string): Change => ({ kind: 'added', file: { path, id: sha256Id(sha256Hex(Buffer.from(content))), size: content.length } });

/** A side run whose input is invalid while `invalid` is true; counts its phases. */
class ScriptedSide implements SideRun {
  invalid = true;
  readonly calls: string[] = [];
  async prepare(): Promise<void> {
    this.calls.push('prepare');
    if (this.invalid) throw new InvalidLocalFileError('udf/functions.yaml:3 functions[0].clas: unknown key\nudf/functions.yaml:2 functions[0].class: "class" is required', 'fix udf/functions.yaml');
  }
  async plan(): Promise<void> {
    this.calls.push('plan');
  }
  async apply(): Promise<boolean> {
    this.calls.push('apply');
    return true;
  }
}

describe('watch with a side folder', () => {
  let dir: string;
  let settings: WatchSettings;
  beforeEach(async () => {
    const work = await mkdtemp(join(tmpdir(), 'dolps-watch-side-'));
    dir = join(work, 'res');
    await mkdir(join(dir, 'udf'), { recursive: true });
    await writeFile(join(dir, 'a.sh'), 'a\n');
    await writeFile(join(dir, 'udf', 'x.jar'), 'PK');
    settings = {
      localDir: dir, remoteRoot: '/w', concurrency: 2, excludes: [], alwaysIgnored: ['udf'], sideDirs: ['udf'], debounceMs: 10, statePath: join(work, 'state.json'), maxPauseMs: 60_000,
    };
  });
  afterEach(async () => rm(join(dir, '..'), { recursive: true, force: true }));

  test('an invalid local file: error lines, no write, no retry; the next trigger reconciles what was missed', async () => {
    const center = new MemoryResourceCenter();
    const side = new ScriptedSide();
    const logger = collectingLogger();
    const stop = new AbortController();
    let seen: WatchOptions['isIgnored'] | undefined;
    const watch = async (options: WatchOptions): Promise<Watcher> => {
      seen = options.isIgnored;
      void (async () => {
        await writeFile(join(dir, 'b.sh'), 'b\n');
        await options.onBatch([added('b.sh', 'b\n'), added('udf/x.jar', 'PK')], { added: [], deleted: [] });
        assert.deepEqual(center.writeLog(), [], 'nothing written while functions.yaml is invalid');
        side.invalid = false;
        await options.onBatch([added('udf/functions.yaml', 'functions: []\n')], { added: [], deleted: [] });
        stop.abort();
      })();
      return { close: async () => {} };
    };
    await runWatch(settings, { center, clock, logger, onResult: () => {}, signal: stop.signal, backoff: { firstMs: 1, maxMs: 4 }, watch, sideRuns: () => [side] });
    assert.equal(seen?.('udf/x.jar', false), false, 'the watcher sees the side folder');
    assert.equal(seen?.('udf', true), false);
    // First start (no manifest): invalid → said, not retried; the batch: invalid again; the fix: one reconcile.
    assert.deepEqual(side.calls, ['prepare', 'prepare', 'prepare', 'plan', 'apply']);
    assert.deepEqual(center.writeLog().sort(), ['create a.sh', 'create b.sh'], 'the side folder never reaches the file tree');
    const errors = logger.entries.filter((e) => e.level === 'error').map((e) => e.message);
    assert.deepEqual(errors.slice(0, 2), ['udf/functions.yaml:3 functions[0].clas: unknown key', 'udf/functions.yaml:2 functions[0].class: "class" is required']);
    assert.equal(errors.length, 4, 'said at each of the two runs it stopped');
    assert.ok(!logger.entries.some((e) => e.level === 'warn'), 'not reported as an outage to retry with backoff');
    const manifest = JSON.parse(await readFile(settings.statePath, 'utf8')) as { files: Record<string, unknown> };
    assert.deepEqual(Object.keys(manifest.files).sort(), ['a.sh', 'b.sh']);
  });

  test('watcherIgnores and fileTreeBatch: the watcher reaches the side folder, the file tree leaves it out', () => {
    const ignored = (p: string) => p === 'lib' || p.startsWith('lib/') || p === 'udf' || p.startsWith('udf/');
    const watcher = watcherIgnores(ignored, ['lib/udf', 'udf']);
    assert.deepEqual(['lib', 'lib/udf', 'lib/udf/a.jar', 'lib/other.txt', 'udf/x.jar'].map((p) => watcher(p, false)), [false, false, false, true, false]);
    const batch = fileTreeBatch([added('udf/x.jar', 'PK'), added('b.sh', 'b'), { kind: 'renamed', from: 'udf/y.sh', file: { path: 'c.sh', id: sha256Id(sha256Hex(Buffer.from('c'))), size: 1 }, similarity: 100 }],
      { added: ['udf/lib', 'd'], deleted: ['udf/old'] }, ignored);
    assert.deepEqual(batch.changes.map((c) => `${c.kind} ${c.kind === 'deleted' || c.kind === 'unsupported' ? c.path : c.file.path}`), ['added b.sh', 'added c.sh']);
    assert.deepEqual(batch.dirs, { added: ['d'], deleted: [] });
  });
});
