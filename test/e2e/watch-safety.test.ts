// Issue 11, the watch cases (1, 2, 15): the built `dolps-sync watch` against the emulator (3.1 and 3.3),
// each named after its case. Whatever happens to the watched directory, the 12 remote files stay; a
// pause says why and, when it lasts longer than --max-pause, ends the watch with exit 2.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { remoteFiles } from '../helpers/trees.js';
import { startWatchProcess, waitFor, type WatchProcess } from '../helpers/watch-process.js';

type Generation = '3.1' | '3.3';
const NAMES = Array.from({ length: 12 }, (_, i) => `f${String(i).padStart(2, '0')}.sql`);
const PAUSED_EXIT = /^error: watch was paused for longer than --max-pause \(1 s\): .*nothing was deleted/m;

/** One case on one generation: its own emulator (in-process, started in milliseconds) so that a case's
 * outage (fault rules apply to the whole server) never touches another, and all cases run at once:
 * most of their time is waiting (a 1 s --max-pause, the 5 s root check), not CPU. */
class Case {
  readonly watchers: WatchProcess[] = [];
  constructor(readonly emulator: Emulator, readonly work: string, readonly dir: string, readonly root: string) {}

  static async open(generation: Generation, name: string): Promise<Case> {
    const emulator = await startEmulator({ generation });
    const work = await mkdtemp(join(tmpdir(), `dolps-watch-safety-${name}-`));
    const dir = join(work, name);
    await mkdir(dir);
    for (const file of NAMES) await writeFile(join(dir, file), `select '${file}';\n`);
    return new Case(emulator, work, dir, `/${name}`);
  }

  async watch(maxPause: number, ready?: RegExp): Promise<WatchProcess> {
    const env = { DOLPS_URL: this.emulator.url, DOLPS_TOKEN: this.emulator.token, DOLPS_REMOTE_DIR: this.root };
    const args = [this.dir, '--state', join(this.work, 'state.json'), '--debounce', '100', '--max-pause', String(maxPause)];
    const watcher = await startWatchProcess(args, env, 30_000, ready);
    this.watchers.push(watcher);
    return watcher;
  }

  async remoteCount(): Promise<number> {
    return (await remoteFiles(this.emulator, this.root)).size;
  }

  async uploaded(): Promise<void> {
    await waitFor(async () => (await this.remoteCount()) === NAMES.length, 20_000, () => `12 files under ${this.root}`);
  }

  async close(): Promise<void> {
    for (const watcher of this.watchers) await watcher.stop().catch(() => undefined);
    await this.emulator.stop();
    await rm(this.work, { recursive: true, force: true });
  }
}

async function exitCode(watcher: WatchProcess, withinMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((_, reject) => { timer = setTimeout(() => reject(new Error(`still running: ${watcher.stderr()}`)), withinMs); });
  try {
    return await Promise.race([watcher.exited(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `body` on a fresh case, always cleaned up. */
async function inCase(generation: Generation, name: string, body: (c: Case) => Promise<void>): Promise<void> {
  const c = await Case.open(generation, name);
  try {
    await body(c);
  } finally {
    await c.close();
  }
}

describe('watch safety, issue 11', { concurrency: 4 }, () => {
for (const generation of ['3.1', '3.3'] as const) {
  test(`case 1: the directory replaced by an empty one during an outage: the retry is re-planned, pauses, exits 2; all 12 remote files stay (${generation})`, () => inCase(generation, 'case1', async (c) => {
    const { dir, emulator } = c;
    const watcher = await c.watch(1);
    await c.uploaded();
    emulator.addFault({ method: 'POST', pathPrefix: '/resources', status: 500 });
    emulator.addFault({ method: 'PUT', pathPrefix: '/resources', status: 500 });
    await writeFile(join(dir, 'f00.sql'), 'modified during the outage\n');
    await waitFor(() => /changes are kept and retried with backoff/.test(watcher.stderr()), 10_000, () => `outage: ${watcher.stderr()}`);
    await rename(dir, `${dir}.moved`);
    await mkdir(dir);
    emulator.clearFaults();
    assert.equal(await exitCode(watcher, 15_000), 2);
    assert.match(watcher.stderr(), /paused: the watched directory .*case1 is not the directory watch uploaded from/);
    assert.match(watcher.stderr(), PAUSED_EXIT);
    assert.equal(await c.remoteCount(), 12);
  }));

  test(`case 2: a restart on an empty directory (a volume not mounted yet) pauses until it is mounted; on an emptied one it exits 2; nothing deleted (${generation})`, () => inCase(generation, 'case2', async (c) => {
    const { dir } = c;
    const initial = await c.watch(1);
    await c.uploaded();
    assert.equal(await initial.stop(), 0);
    // Not mounted yet: an empty directory where the volume goes. Mounted a moment later: the watch goes on.
    await rename(dir, `${dir}.volume`);
    await mkdir(dir);
    const waiting = await c.watch(30, /paused: /);
    assert.match(waiting.stderr(), /paused: the watched directory .*case2 is not the directory watch uploaded from/);
    await rm(dir, { recursive: true });
    await rename(`${dir}.volume`, dir);
    await waitFor(() => /resumed: [^]*watching /.test(waiting.stderr()), 15_000, () => `resumed: ${waiting.stderr()}`);
    assert.equal(await waiting.stop(), 0);
    // The same directory, emptied while watch was stopped (what a manifest without the directory's identity
    // sees of an unmounted volume too): the catch-up would delete all 12; it pauses, then exits 2.
    for (const file of NAMES) await rm(join(dir, file));
    const emptied = await c.watch(1, /paused: /);
    assert.equal(await exitCode(emptied, 15_000), 2);
    assert.match(emptied.stderr(), /paused: the watched directory .*case2 has no file left while 12 were uploaded/);
    assert.match(emptied.stderr(), PAUSED_EXIT);
    assert.equal(await c.remoteCount(), 12);
  }));

  test(`case 15: a root turned into a symlink to another directory ends the watch with exit 2 instead of idling; nothing deleted (${generation})`, () => inCase(generation, 'case15', async (c) => {
    const { dir } = c;
    const watcher = await c.watch(1);
    await c.uploaded();
    await rename(dir, `${dir}.real`);
    await mkdir(`${dir}.elsewhere`);
    await symlink(`${dir}.elsewhere`, dir);
    assert.equal(await exitCode(watcher, 15_000), 2);
    assert.match(watcher.stderr(), /paused: the watched directory .*case15 is not the directory watch uploaded from/);
    assert.match(watcher.stderr(), PAUSED_EXIT);
    assert.equal(await c.remoteCount(), 12);
  }));

  test(`case 15: a root gone during an outage ends the watch with exit 2 instead of idling; nothing deleted (${generation})`, () => inCase(generation, 'case15', async (c) => {
    const { dir, emulator } = c;
    const watcher = await c.watch(1);
    await c.uploaded();
    emulator.addFault({ pathPrefix: '/resources', status: 503 });
    await writeFile(join(dir, 'f00.sql'), 'modified during the outage\n');
    await waitFor(() => /changes are kept and retried with backoff/.test(watcher.stderr()), 15_000, () => `outage: ${watcher.stderr()}`);
    await rm(dir, { recursive: true });
    emulator.clearFaults();
    assert.equal(await exitCode(watcher, 15_000), 2);
    assert.match(watcher.stderr(), /paused: the watched directory .*case15 is gone/);
    assert.match(watcher.stderr(), PAUSED_EXIT);
    assert.equal(await c.remoteCount(), 12);
  }));
}
});
