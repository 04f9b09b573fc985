import assert from 'node:assert/strict';
import { appendFile, mkdir, open, rename, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { sha256Id, type Change } from '../../../src/core/change.js';
import { readDirectoryTree } from '../../../src/sources/tree/dir-reader.js';
import { WatchError } from '../../../src/sources/watch/errors.js';
import { startWatching, type WatchOptions } from '../../../src/sources/watch/fs-watcher.js';
import { emptyManifest, recordChanges, type Manifest } from '../../../src/sources/watch/manifest.js';
import { BatchRecorder, makeTempDir, pathsOf, sha256, sleep } from './support.js';

const DEBOUNCE = 150;

async function watchDir(t: TestContext, root: string, extra: Partial<WatchOptions> = {}): Promise<BatchRecorder> {
  const recorder = new BatchRecorder();
  const watcher = await startWatching({
    root, isIgnored: () => false, debounceMs: DEBOUNCE, onBatch: recorder.onBatch, onError: recorder.onError, ...extra,
  });
  t.after(() => watcher.close());
  return recorder;
}

/** A manifest equal to what is on disk now: the watcher then knows every file's content. */
async function manifestOf(root: string): Promise<Manifest> {
  const tree = await readDirectoryTree(root, () => false);
  return recordChanges(emptyManifest('/r'), [...tree.files.values()].map((file): Change => ({ kind: 'added', file })), { added: [...tree.dirs], deleted: [] });
}

const sortByPath = (changes: Change[]): Change[] => [...changes].sort((x, y) => (pathsOf([x])[0] ?? '').localeCompare(pathsOf([y])[0] ?? ''));
const added = (path: string, content: string): Change => ({ kind: 'added', file: { path, id: sha256Id(sha256(content)), size: Buffer.byteLength(content) } });
const modified = (path: string, content: string): Change => ({ kind: 'modified', file: { path, id: sha256Id(sha256(content)), size: Buffer.byteLength(content) } });

describe('startWatching: single files', () => {
  it('reports a created file with its sha256 and size', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root);
    await writeFile(join(root, 'a.sh'), 'echo a\n');
    await rec.untilBatches(1);
    assert.deepEqual(rec.batches, [{ changes: [added('a.sh', 'echo a\n')], dirs: { added: [], deleted: [] } }]);
  });

  it('reports a modification', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'a.sh'), 'v1');
    const rec = await watchDir(t, root);
    await appendFile(join(root, 'a.sh'), '+v2');
    await rec.untilBatches(1);
    assert.deepEqual(rec.changes, [modified('a.sh', 'v1+v2')]);
  });

  it('an atomic save (x.tmp renamed over x) is one modification of x, and x keeps being watched', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'q.sql'), 'v1');
    const rec = await watchDir(t, root);
    await writeFile(join(root, 'q.sql.tmp'), 'v2');
    await rename(join(root, 'q.sql.tmp'), join(root, 'q.sql'));
    await rec.untilBatches(1);
    assert.deepEqual(rec.changes, [modified('q.sql', 'v2')]);
    await appendFile(join(root, 'q.sql'), '+v3');
    await rec.untilBatches(2);
    assert.deepEqual(rec.batches[1]?.changes, [modified('q.sql', 'v2+v3')], 'Node 20 recursive fs.watch loses this one');
  });

  it("vim's save (4913 probe, x → x~, new x, swap file) is one modification", async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'job.sh'), 'v1');
    await writeFile(join(root, '.job.sh.swp'), 'swap');
    const rec = await watchDir(t, root);
    await writeFile(join(root, '4913'), '');
    await unlink(join(root, '4913'));
    await rename(join(root, 'job.sh'), join(root, 'job.sh~'));
    await writeFile(join(root, 'job.sh'), 'v2');
    await unlink(join(root, 'job.sh~'));
    await appendFile(join(root, '.job.sh.swp'), 'more');
    await rec.untilBatches(1);
    await sleep(3 * DEBOUNCE);
    assert.deepEqual(rec.changes, [modified('job.sh', 'v2')]);
  });

  it('reports a deletion', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'a.sh'), 'a');
    const rec = await watchDir(t, root);
    await unlink(join(root, 'a.sh'));
    await rec.untilBatches(1);
    assert.deepEqual(rec.changes, [{ kind: 'deleted', path: 'a.sh' }]);
  });

  it('a delete followed by a re-create is a modification', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'a.sh'), 'v1');
    const rec = await watchDir(t, root);
    await unlink(join(root, 'a.sh'));
    await writeFile(join(root, 'a.sh'), 'v2');
    await rec.untilBatches(1);
    assert.deepEqual(rec.changes, [modified('a.sh', 'v2')]);
  });

  it('a file created and deleted within the window is never reported', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root);
    await writeFile(join(root, 'scratch.txt'), 'x');
    await unlink(join(root, 'scratch.txt'));
    await writeFile(join(root, 'marker.txt'), 'm');
    await rec.untilBatches(1);
    assert.deepEqual(rec.changes, [added('marker.txt', 'm')]);
  });

  it('a symbolic link is reported unsupported, not followed', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'a.sh'), 'a');
    const rec = await watchDir(t, root);
    await symlink('a.sh', join(root, 'link.sh'));
    await rec.untilBatches(1);
    assert.equal(rec.changes.length, 1);
    assert.deepEqual(rec.changes[0] && [rec.changes[0].kind, pathsOf(rec.changes)], ['unsupported', ['link.sh']]);
  });
});

describe('startWatching: renames and directories', () => {
  it('a rename of a file the watcher knows is paired into renamed', async (t) => {
    const root = await makeTempDir(t);
    await mkdir(join(root, 'old'));
    await writeFile(join(root, 'old/a.sh'), 'body');
    await mkdir(join(root, 'new'));
    const rec = await watchDir(t, root, { manifest: await manifestOf(root) });
    await rename(join(root, 'old/a.sh'), join(root, 'new/b.sh'));
    await rec.untilBatches(1);
    assert.deepEqual(rec.batches, [{
      changes: [{ kind: 'renamed', from: 'old/a.sh', file: { path: 'new/b.sh', id: sha256Id(sha256('body')), size: 4 }, similarity: 100 }],
      dirs: { added: [], deleted: [] },
    }]);
  });

  it('without a manifest (content of the old file unknown) a rename is deleted + added', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'a.sh'), 'body');
    const rec = await watchDir(t, root);
    await rename(join(root, 'a.sh'), join(root, 'b.sh'));
    await rec.untilBatches(1);
    assert.deepEqual(sortByPath(rec.changes), [{ kind: 'deleted', path: 'a.sh' }, added('b.sh', 'body')]);
  });

  it('mkdir with files reports the directories and every file', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root);
    await mkdir(join(root, 'lib/sub'), { recursive: true });
    await writeFile(join(root, 'lib/a.py'), 'a');
    await writeFile(join(root, 'lib/sub/b.py'), 'b');
    await mkdir(join(root, 'empty'));
    await rec.until(() => rec.changes.length >= 2 && rec.batches.some((b) => b.dirs.added.includes('empty')));
    // A file chokidar missed (created while it listed the new directory) comes one batch later.
    assert.deepEqual(sortByPath(rec.changes), [added('lib/a.py', 'a'), added('lib/sub/b.py', 'b')]);
    assert.deepEqual(rec.batches.flatMap((b) => b.dirs.added).sort(), ['empty', 'lib', 'lib/sub']);
  });

  it('files written right after mkdir -p are never lost (chokidar lists a new directory before watching it)', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root);
    const expected: string[] = [];
    for (let i = 0; i < 30; i++) {
      await mkdir(join(root, `n${i}/sub`), { recursive: true });
      await writeFile(join(root, `n${i}/a.sh`), 'a');
      await writeFile(join(root, `n${i}/sub/b.sh`), 'b');
      expected.push(`n${i}/a.sh`, `n${i}/sub/b.sh`);
    }
    await rec.until(() => rec.changes.length >= expected.length, 10_000);
    await sleep(3 * DEBOUNCE);
    assert.deepEqual(pathsOf(rec.changes).sort(), expected.sort());
    assert.ok(rec.changes.every((c) => c.kind === 'added'));
  });

  it('rm -rf of a directory deletes each of its files and reports the directories', async (t) => {
    const root = await makeTempDir(t);
    await mkdir(join(root, 'd/e'), { recursive: true });
    await writeFile(join(root, 'd/f.sh'), 'f');
    await writeFile(join(root, 'd/e/g.sh'), 'g');
    await writeFile(join(root, 'dx.sh'), 'x');
    const rec = await watchDir(t, root, { manifest: await manifestOf(root) });
    await rm(join(root, 'd'), { recursive: true });
    await rec.until(() => rec.batches.flatMap((b) => b.dirs.deleted).includes('d'));
    await sleep(3 * DEBOUNCE);
    assert.deepEqual(sortByPath(rec.changes), [{ kind: 'deleted', path: 'd/e/g.sh' }, { kind: 'deleted', path: 'd/f.sh' }]);
    assert.deepEqual(rec.batches.flatMap((b) => b.dirs.deleted).sort(), ['d', 'd/e']);
  });
});

describe('startWatching: bursts and slow writers', () => {
  it('500 files written at once arrive in one or a few batches, all 500 present', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root, { debounceMs: undefined });
    await mkdir(join(root, 'burst'));
    await Promise.all(Array.from({ length: 500 }, (_, i) => writeFile(join(root, `burst/f${i}.sql`), `select ${i};`)));
    await rec.until(() => rec.changes.length >= 500, 15_000);
    await sleep(600);
    const paths = new Set(pathsOf(rec.changes));
    assert.equal(paths.size, 500);
    assert.equal(rec.changes.length, 500);
    assert.ok(rec.changes.every((c) => c.kind === 'added'));
    assert.ok(rec.batches.length <= 3, `expected one or a few batches, got ${rec.batches.length}`);
    t.diagnostic(`500 files in ${rec.batches.length} batch(es)`);
  });

  it('a file written in chunks over ~1 s is reported once, with its final content', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root, { debounceMs: undefined });
    const handle = await open(join(root, 'export.csv'), 'w');
    let content = '';
    for (let i = 0; i < 20; i++) {
      const chunk = `row ${i},${'x'.repeat(1000)}\n`;
      await handle.write(chunk);
      content += chunk;
      await sleep(50);
    }
    await handle.close();
    await rec.untilBatches(1);
    await sleep(900);
    assert.deepEqual(rec.changes, [added('export.csv', content)]);
  });

  it('one batch at a time: events during a slow onBatch are kept for the next one', async (t) => {
    const root = await makeTempDir(t);
    const rec = await watchDir(t, root);
    rec.batchDelayMs = 600;
    await writeFile(join(root, 'first.sh'), '1');
    await sleep(DEBOUNCE + 150);
    for (let i = 0; i < 5; i++) await writeFile(join(root, `during${i}.sh`), String(i));
    await rec.until(() => rec.changes.length >= 6, 8000);
    assert.equal(rec.maxConcurrent, 1);
    assert.deepEqual(pathsOf(rec.changes).sort(), ['during0.sh', 'during1.sh', 'during2.sh', 'during3.sh', 'during4.sh', 'first.sh']);
  });
});

describe('startWatching: ignore, catch-up, safety', () => {
  it('never reports ignored paths, including files created in an ignored directory later', async (t) => {
    const root = await makeTempDir(t);
    await mkdir(join(root, 'build'));
    const isIgnored = (path: string, isDirectory: boolean): boolean => (isDirectory && (path === 'build' || path === 'cache')) || path.endsWith('.log');
    const rec = await watchDir(t, root, { isIgnored });
    await writeFile(join(root, 'build/out.jar'), 'jar');
    await writeFile(join(root, 'run.log'), 'log');
    await mkdir(join(root, 'cache/x'), { recursive: true });
    await writeFile(join(root, 'cache/x/y.bin'), 'y');
    await writeFile(join(root, 'x.sh.swp'), 'editor temp');
    await writeFile(join(root, 'visible.sh'), 'v');
    await rec.untilBatches(1);
    await sleep(3 * DEBOUNCE);
    assert.deepEqual(rec.changes, [added('visible.sh', 'v')]);
    assert.deepEqual(rec.batches.flatMap((b) => [...b.dirs.added, ...b.dirs.deleted]), []);
  });

  it('with a manifest, the first batch catches up on what changed while stopped', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'same.sh'), 'same');
    await writeFile(join(root, 'edit.sh'), 'new content');
    await writeFile(join(root, 'new.sh'), 'n');
    await mkdir(join(root, 'emptydir'));
    const manifest = emptyManifest('/r');
    manifest.files.set('same.sh', { size: 4, sha256: sha256('same') });
    manifest.files.set('edit.sh', { size: 3, sha256: sha256('old') });
    manifest.files.set('gone.sh', { size: 1, sha256: sha256('g') });
    const rec = await watchDir(t, root, { manifest });
    await rec.untilBatches(1);
    assert.deepEqual(rec.batches[0], {
      changes: [modified('edit.sh', 'new content'), { kind: 'deleted', path: 'gone.sh' }, added('new.sh', 'n')],
      dirs: { added: ['emptydir'], deleted: [] },
    });
  });

  it('a save that does not change the content (touch) is not reported', async (t) => {
    const root = await makeTempDir(t);
    await writeFile(join(root, 'a.sh'), 'a');
    const rec = await watchDir(t, root, { manifest: await manifestOf(root) });
    await utimes(join(root, 'a.sh'), new Date(), new Date(Date.now() + 5000));
    await writeFile(join(root, 'a.sh'), 'a');
    await sleep(4 * DEBOUNCE);
    assert.deepEqual(rec.batches, []);
  });

  it('removing the watched directory is an error, never a mass delete', async (t) => {
    const parent = await makeTempDir(t);
    const root = join(parent, 'root');
    await mkdir(root);
    await writeFile(join(root, 'a.sh'), 'a');
    const rec = await watchDir(t, root, { manifest: await manifestOf(root) });
    await rm(root, { recursive: true });
    await rec.until(() => rec.errors.length > 0);
    await sleep(3 * DEBOUNCE);
    assert.deepEqual(rec.changes, []);
    assert.ok(rec.errors[0] instanceof WatchError);
    assert.equal(rec.errors[0].code, 'rootMissing');
  });

  it('a root replaced by a new directory of the same name is an error, never a mass delete', async (t) => {
    const parent = await makeTempDir(t);
    const root = join(parent, 'root');
    await mkdir(root);
    await writeFile(join(root, 'a.sh'), 'a');
    const rec = await watchDir(t, root, { manifest: await manifestOf(root) });
    await rm(root, { recursive: true });
    await mkdir(root);
    await rec.until(() => rec.errors.length > 0);
    await sleep(3 * DEBOUNCE);
    assert.deepEqual(rec.changes, []);
    assert.equal((rec.errors[0] as WatchError).code, 'rootMissing');
  });

  it('refuses a root that does not exist', async (t) => {
    const parent = await makeTempDir(t);
    await assert.rejects(startWatching({ root: join(parent, 'nope'), isIgnored: () => false, onBatch: async () => {}, onError: () => {} }),
      (err: unknown) => err instanceof WatchError && err.code === 'rootMissing' && err.message.includes('nope'));
  });
});
