// kill -9 at several points of a first sync (500 files with `npm run test:crash`, 100 in the suite) and of an incremental sync with renames and deletes
// (issue 12, crash safety): the next run takes the dead run's lease over at once, converges (the remote
// equals the commit byte for byte, no stray file or directory, no lease left) and the marker names the
// commit. The kill points are deterministic: an emulator fault rule lets the first N writes through and
// leaves every later one unanswered (the CLI stalls), the test waits until N writes are logged, then
// SIGKILLs the CLI; exactly those N writes reached the server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator, type FaultRule } from '../../src/emulator/index.js';
import { git, makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { localFiles, sortedEntries } from '../helpers/trees.js';

const TOKEN = 'crash-token';
// The figure is a 500-file first sync: `npm run test:crash` runs this file at that size. The suite runs
// it at 100 files, the same kill points and directory shape, to stay inside its 5-minute budget.
const FILES = Number(process.env['DOLPS_CRASH_FILES'] ?? 100);
const MARKER = '.dolps-sync-state.json';
const LEASE = '.dolps-sync-lease.json';

/** 5 top directories of 5 subdirectories, 20 files each. */
function firstTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`m${i % 5}/s${i % 25}/f${i}.sql`] = `select ${i} from crash;\n`;
  return files;
}
const DIRECTORIES = 30;

/**
 * Writes a first sync makes before its first file: 3.1 makes the remote root (POST resources/directory)
 * and then the lease; 3.3's create makes the parents. 3.1 also makes each directory; 3.3 does not.
 */
const SHAPE = {
  '3.1': { leaseWrites: 2, dirWrites: DIRECTORIES },
  '3.3': { leaseWrites: 1, dirWrites: 0 },
} as const;

interface Killed {
  pid: number;
  stderr: string;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// The two generations run side by side: most of a run's time is the CLI's, and each has its own emulator and clone.
describe('kill -9 during a sync', { concurrency: true }, () => {
  let origin: TestRepo;
  before(async () => { origin = await makeRepo(firstTree()); });
  after(async () => { await origin?.cleanup(); });

  // Within a generation the tests run in order: the incremental one starts from the first one's root.
  for (const generation of ['3.1', '3.3'] as const) describe(`kill -9 during a sync, then the next run converges (DolphinScheduler ${generation})`, { concurrency: 1 }, () => {
    let emulator: Emulator;
    let clone: string;
    const shape = SHAPE[generation];
    const env = (root: string): Record<string, string> => ({
      PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp',
      DOLPS_URL: emulator.url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: root, DOLPS_LOCAL_DIR: clone,
    });
    const head = (): Promise<string> => git(clone, ['rev-parse', 'HEAD']);
    const commit = async (changes: (run: (...args: string[]) => Promise<string>) => Promise<void>): Promise<string> => {
      await changes((...args) => git(clone, args));
      await git(clone, ['add', '--all']);
      await git(clone, ['commit', '--quiet', '-m', 'change']);
      return head();
    };

    /** A sync of `root` killed once `writes` requests matching `rule` reached the server (those after it hang). */
    async function syncKilled(root: string, writes: number, rule: Omit<FaultRule, 'skip' | 'hang' | 'pathPrefix'> = { writes: true }): Promise<Killed> {
      emulator.clearRequests();
      emulator.addFault({ ...rule, pathPrefix: '/', skip: writes, hang: true });
      const matching = () => emulator.requests.filter((r) => r.status !== 0 && r.path !== '/login'
        && (rule.method ? r.method === rule.method : ['POST', 'PUT', 'DELETE'].includes(r.method))).length;
      const child = spawn(process.execPath, [CLI_PATH, 'sync'], { cwd: clone, env: env(root), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      let early: number | null | undefined;
      void exited.then((code) => { early = code; });
      try {
        await waitUntil(() => matching() >= writes || early !== undefined, 120_000, () => `${writes} writes to ${root} (${matching()} so far)`);
        assert.equal(early, undefined, `the sync of ${root} ended (exit ${early}) before its write ${writes}:\n${stderr}`);
      } finally {
        child.kill('SIGKILL');
        await exited;
        emulator.clearFaults();
      }
      return { pid: child.pid ?? 0, stderr };
    }

    /** What the emulator holds under `root`, from one snapshot: files (the lease among them, the marker apart) and directories. */
    async function remote(root: string): Promise<{ files: Map<string, Buffer>; dirs: string[]; marker: string | undefined }> {
      const files = new Map<string, Buffer>();
      const dirs: string[] = [];
      let marker: string | undefined;
      for (const [fullName, entry] of await emulator.snapshot()) {
        if (!fullName.startsWith(`${root}/`)) continue;
        const path = fullName.slice(root.length + 1);
        if (entry.kind === 'dir') dirs.push(path);
        else if (path === MARKER) marker = (JSON.parse(entry.content?.toString('utf8') ?? '{}') as { commit?: string }).commit;
        else files.set(path, entry.content ?? Buffer.alloc(0));
      }
      return { files, dirs: dirs.sort(), marker };
    }

    /** The remote equals HEAD byte for byte (a lease left behind would be a stray file) and so do its directories. */
    async function assertEqualsHead(root: string, files: Map<string, Buffer>, dirs: string[]): Promise<void> {
      const local = await localFiles(clone);
      assert.deepEqual(sortedEntries(files), sortedEntries(local), `${root}: remote files = HEAD`);
      assert.deepEqual(dirs, localDirs(local), `${root}: no stray directory`);
    }

    /** The next run after a kill: takes the dead run's lease over at once, exits 0, the remote equals HEAD, the marker names it. */
    async function recoverAndCheck(root: string, killed: Killed): Promise<void> {
      const r = await runCli(['sync'], { cwd: clone, env: env(root) });
      assert.equal(r.code, 0, `recovery of ${root}: exit ${r.code}\n${r.stderr}`);
      assertTookOver(r.stderr, killed);
      const { files, dirs, marker } = await remote(root);
      assert.equal(marker, await head(), `${root}: the marker names HEAD`);
      await assertEqualsHead(root, files, dirs);
    }

    before(async () => {
      emulator = await startEmulator({ generation, tokens: [TOKEN] });
      clone = await mkdtemp(join(tmpdir(), 'dolps-crash-'));
      await git(clone, ['clone', '--quiet', origin.dir, '.']);
      for (const [key, value] of [['user.name', 'C'], ['user.email', 'c@example.com'], ['commit.gpgsign', 'false']] as const) await git(clone, ['config', key, value]);
    });
    after(async () => {
      await emulator?.stop();
      await rm(clone, { recursive: true, force: true });
    });

    test('first sync killed right after taking the lease; another killed mid-creates, whose next run is killed right before the marker write', async () => {
      const leaseOnly = await syncKilled('/first-a', shape.leaseWrites);
      const atLease = await remote('/first-a');
      assert.deepEqual([...atLease.files.keys()], [LEASE], 'only the lease is on the server');
      await recoverAndCheck('/first-a', leaseOnly);

      const mid = await syncKilled('/first-b', shape.leaseWrites + shape.dirWrites + FILES / 2);
      const atMid = await remote('/first-b');
      const created = atMid.files.size - 1;
      assert.ok(created > 0 && created < FILES && atMid.marker === undefined, `killed mid-creates: ${created} files, no marker`);
      // The next run (no marker: a full reconcile, like a first sync) takes the lease over with one write, makes
      // what is missing, and is killed at its marker write: the remote already equals the commit then.
      const missing = 1 + (FILES - created) + (shape.dirWrites === 0 ? 0 : DIRECTORIES - atMid.dirs.length);
      const beforeMarker = await syncKilled('/first-b', missing);
      assertTookOver(beforeMarker.stderr, mid);
      const atEnd = await remote('/first-b');
      assert.equal(atEnd.marker, undefined, 'no marker yet');
      assert.ok(atEnd.files.delete(LEASE), 'the lease is still there');
      await assertEqualsHead('/first-b', atEnd.files, atEnd.dirs);
      await recoverAndCheck('/first-b', beforeMarker);
    });

    test('incremental sync with renames and deletes killed in the delete phase; its next run killed right before the marker write', async () => {
      const root = '/first-a';
      const synced = await head();
      await commit(async (run) => {
        // A whole directory goes (its rmdir is in the delete phase too); the other changes spare it (i % 25 == 0).
        await run('rm', '--quiet', '-r', 'm0/s0');
        for (let i = 1; i < 21; i++) await run('mv', `m${i % 5}/s${i % 25}/f${i}.sql`, `m${i % 5}/s${i % 25}/renamed-${i}.sql`);
        for (let i = 21; i < 31; i++) if (i % 25 !== 0) await run('mv', `m${i % 5}/s${i % 25}/f${i}.sql`, `m${(i + 1) % 5}/moved-${i}.sql`);
        for (let i = 31; i < 41; i++) await run('rm', '--quiet', `m${i % 5}/s${i % 25}/f${i}.sql`);
        for (let i = 41; i < 46; i++) await run('mv', `m${i % 5}/s${i % 25}/f${i}.sql`, `m${i % 5}/s${i % 25}/g${i}.sql`);
      });
      // Renames, moves (create, then delete) and deletes: the deletes come last; 10 go through, the rest hang.
      const midDeletes = await syncKilled(root, 10, { method: 'DELETE' });
      assert.equal((await remote(root)).marker, synced, 'the marker is not ahead of the remote');
      // The next run plans from the old marker again: what the killed run renamed or created is there already and
      // is uploaded again (an update), the rest is deleted. Its plan (a dry run: one write per operation) and the
      // lease taken over go through; the marker write hangs and the run is killed.
      const plan = await runCli(['sync', '--dry-run'], { cwd: clone, env: env(root) });
      const operations = plan.stdout.split('\n').filter((line) => /^(create|update|rename|delete|mkdir|rmdir) /.test(line)).length;
      assert.ok(plan.code === 0 && operations > 0, `dry run: exit ${plan.code}\n${plan.stdout}${plan.stderr}`);
      const beforeMarker = await syncKilled(root, 1 + operations);
      assertTookOver(beforeMarker.stderr, midDeletes);
      const atEnd = await remote(root);
      assert.equal(atEnd.marker, synced, 'the marker still at the old commit');
      assert.ok(atEnd.files.delete(LEASE), 'the lease is still there');
      await assertEqualsHead(root, atEnd.files, atEnd.dirs);
      await recoverAndCheck(root, beforeMarker);
    });
  });
});

/** The run after a kill took the dead run's lease over at once (same host, pid gone), without waiting. */
function assertTookOver(stderr: string, killed: Killed): void {
  assert.match(stderr, new RegExp(`taking over the lease on \\S+ \\(dead-process\\) of \\S+ pid ${killed.pid} since`), stderr);
  assert.doesNotMatch(stderr, /waiting up to/);
}

/** Every directory holding a file, and their ancestors. */
function localDirs(files: Map<string, Buffer>): string[] {
  const dirs = new Set<string>();
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs].sort();
}
