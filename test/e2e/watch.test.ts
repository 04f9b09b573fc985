// `dolps-sync watch` as a real process against the emulator: every kind of change, a burst, changes
// made while it was stopped, and a server that goes away for a while. After each step the remote tree
// equals the directory.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { localFiles, remoteDirs, remoteFiles, sortedEntries } from '../helpers/trees.js';
import { startWatchProcess, waitFor, type WatchProcess } from '../helpers/watch-process.js';

const ROOT = '/watched';

describe('dolps-sync watch', () => {
  let emulator: Emulator;
  let work: string;
  let dir: string;
  let watcher: WatchProcess;
  const env = () => ({ DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT });
  const args = () => [dir, '--state', join(work, 'state.json'), '--debounce', '200'];
  const put = async (path: string, content: string | Buffer) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  };
  async function remoteEqualsLocal(): Promise<boolean> {
    return JSON.stringify(sortedEntries(await remoteFiles(emulator, ROOT))) === JSON.stringify(sortedEntries(await localFiles(dir)));
  }
  async function converged(what: string, timeoutMs = 15_000): Promise<void> {
    await waitFor(remoteEqualsLocal, timeoutMs, () => `${what}: remote ${[...(remoteFilesCache ?? [])].join(',')}; stderr ${watcher?.stderr()}`);
  }
  let remoteFilesCache: string[] | undefined;

  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    work = await mkdtemp(join(tmpdir(), 'dolps-watch-e2e-'));
    dir = join(work, 'resources');
    await mkdir(dir);
    await put('start.sql', 'there before the watcher\n');
    watcher = await startWatchProcess(args(), env());
  });
  after(async () => {
    await watcher?.stop().catch(() => undefined);
    await emulator?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('start-up uploads what is already there', async () => {
    await converged('start-up');
  });

  test('create, modify, delete', async () => {
    await put('a.sql', 'a\n');
    await put('deep/er/b.py', 'b\n');
    await converged('create');
    await put('a.sql', 'a, modified\n');
    await converged('modify');
    await rm(join(dir, 'start.sql'));
    await converged('delete');
  });

  test('an editor atomic save (temp file renamed over) is one update', async () => {
    await writeFile(join(dir, '.a.sql.swp'), 'swap');
    await writeFile(join(dir, 'a.sql.tmp.123'), 'a, saved atomically\n');
    await rename(join(dir, 'a.sql.tmp.123'), join(dir, 'a.sql'));
    await rm(join(dir, '.a.sql.swp'));
    await converged('atomic save');
    assert.ok(!(await remoteFiles(emulator, ROOT)).has('.a.sql.swp'), 'editor swap files are never uploaded');
  });

  test('rename, new directory, removed directory', async () => {
    await rename(join(dir, 'a.sql'), join(dir, 'renamed.sql'));
    await mkdir(join(dir, 'empty-dir'));
    await converged('rename');
    await waitFor(async () => (await remoteDirs(emulator, ROOT)).includes('empty-dir'), 10_000, () => 'empty directory created');
    await rm(join(dir, 'deep'), { recursive: true });
    await rm(join(dir, 'empty-dir'), { recursive: true });
    await converged('rmdir');
    await waitFor(async () => {
      const dirs = await remoteDirs(emulator, ROOT);
      return !dirs.includes('empty-dir') && !dirs.some((d) => d.startsWith('deep'));
    }, 10_000, () => 'directories removed');
  });

  test('a burst of 500 files (a copied folder) arrives whole', async () => {
    await mkdir(join(dir, 'burst'));
    await Promise.all(Array.from({ length: 500 }, (_, i) => writeFile(join(dir, 'burst', `f${String(i).padStart(3, '0')}.sql`), `select ${i};\n`)));
    await converged('burst', 60_000);
  });

  test('changes made while the watcher was stopped are caught up on start', async () => {
    assert.equal(await watcher.stop(), 0, 'SIGINT exits 0');
    await put('while-stopped.sql', 'added while stopped\n');
    await put('renamed.sql', 'modified while stopped\n');
    await rm(join(dir, 'burst', 'f000.sql'));
    watcher = await startWatchProcess(args(), env());
    await converged('catch-up');
  });

  test('a rename of a file known from the manifest is a native rename: the 3.1 resource id survives', async () => {
    const before = (await emulator.snapshot()).get(`${ROOT}/renamed.sql`)?.id;
    assert.ok(before !== undefined);
    await rename(join(dir, 'renamed.sql'), join(dir, 'renamed-again.sql'));
    await converged('rename after restart');
    assert.equal((await emulator.snapshot()).get(`${ROOT}/renamed-again.sql`)?.id, before);
    await rename(join(dir, 'renamed-again.sql'), join(dir, 'renamed.sql'));
    await converged('rename back');
  });

  test('the server goes away during changes: nothing is lost once it is back', async () => {
    await emulator.stop();
    await put('during-outage.sql', 'written while the server was down\n');
    await rm(join(dir, 'burst', 'f001.sql'));
    await put('renamed.sql', 'modified during the outage\n');
    await waitFor(() => /changes are kept and retried with backoff/.test(watcher.stderr()), 20_000, () => `outage reported: ${watcher.stderr()}`);
    assert.equal(watcher.stderr().match(/changes are kept and retried with backoff/g)?.length, 1, 'said once');
    await emulator.restart();
    await converged('after the outage', 60_000);
    await waitFor(() => watcher.stderr().includes('the server answers again'), 10_000, () => 'recovery reported');
  });
});
