// Figures (a)-(d) of issue 12: the built CLI as a subprocess against the in-process emulator, each beside
// the raw uploader (raw-uploader.ts) run on the same emulator in the same run. Requests come from the
// emulator's request log.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runRawUploader, runSyncCli, type Measured } from './measure.js';
import { requestRoles, type RoleCount } from './request-roles.js';

const CONCURRENCY = 8;
const SMALL_TIMEOUT_MS = 30 * 60_000;

export interface FirstSync {
  files: number;
  cli: Measured;
  raw: Measured;
  requests: number;
}

export interface SmallTree {
  repo: TestRepo;
  paths: string[];
  sizes: Map<string, number>;
}

function cliEnv(emulator: Emulator, remoteDir: string, repo: TestRepo): Record<string, string> {
  return { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: remoteDir, DOLPS_LOCAL_DIR: repo.dir };
}

/** `count` small SQL files, about 100 to a directory, two levels deep. */
export async function smallTree(count: number): Promise<SmallTree> {
  const files: Record<string, string> = {};
  const dirs = Math.max(1, Math.ceil(count / 100));
  for (let i = 0; i < count; i++) files[`area${i % 10}/d${i % dirs}/f${i}.sql`] = `select ${i} from bench;\n`;
  const sizes = new Map(Object.entries(files).map(([path, text]) => [path, Buffer.byteLength(text)]));
  return { repo: await makeRepo(files), paths: Object.keys(files), sizes };
}

/** (a) The same tree uploaded by the raw uploader (to one root) and by a first `sync` (to another). */
export async function benchFirstSync(emulator: Emulator, tree: SmallTree, work: string): Promise<FirstSync> {
  const n = tree.paths.length;
  const files = tree.paths.map((path) => ({ path, size: tree.sizes.get(path) ?? 0 }));
  const raw = await runRawUploader({ url: emulator.url, token: emulator.token, root: `/raw-${n}`, localDir: tree.repo.dir, files, concurrency: CONCURRENCY }, work, SMALL_TIMEOUT_MS);
  emulator.clearRequests();
  const cli = await runSyncCli([], cliEnv(emulator, `/cli-${n}`, tree.repo), tree.repo.dir, SMALL_TIMEOUT_MS);
  return { files: n, cli, raw, requests: emulator.requests.length };
}

/** (b) Ten files changed in one commit, after the first sync of `tree` to /cli-N: requests the sync makes. */
export async function benchIncremental(emulator: Emulator, tree: SmallTree): Promise<{ requests: number; writes: number; roles: RoleCount[]; cli: Measured }> {
  const changes: Record<string, string> = {};
  for (const path of tree.paths.slice(0, 10)) changes[path] = `select 'changed' from bench; -- ${path}\n`;
  await tree.repo.commit(changes, 'ten changes');
  emulator.clearRequests();
  const cli = await runSyncCli([], cliEnv(emulator, `/cli-${tree.paths.length}`, tree.repo), tree.repo.dir, SMALL_TIMEOUT_MS);
  return { requests: emulator.requests.length, writes: emulator.writeCount(), roles: requestRoles(emulator.requests, 10), cli };
}

/** (c) `sync --full` with nothing changed on either side: downloads made and wall time. */
export async function benchFullReconcile(emulator: Emulator, tree: SmallTree): Promise<{ downloads: number; markerReads: number; requests: number; cli: Measured }> {
  emulator.clearRequests();
  const cli = await runSyncCli(['--full'], cliEnv(emulator, `/cli-${tree.paths.length}`, tree.repo), tree.repo.dir, SMALL_TIMEOUT_MS);
  // The marker's own download is how a run starts, not a file compared: counted apart.
  const markerId = (await emulator.snapshot()).get(`/cli-${tree.paths.length}/.dolps-sync-state.json`)?.id;
  const all = emulator.requests.filter((r) => r.path.endsWith('/download'));
  const markerReads = all.filter((r) => r.path === `/resources/${markerId}/download`).length;
  return { downloads: all.length - markerReads, markerReads, requests: emulator.requests.length, cli };
}

export interface LargeFile {
  bytes: number;
  /** The first sync (create). */
  cli: Measured;
  raw: Measured;
  /** `sync --full` onto the raw uploader's root: no marker vouches for the file, so it is downloaded and hashed. */
  compare: Measured;
  /** A sync that deletes the file with log_dir set: its 1 GiB goes to the backup first. */
  backup: Measured;
}

/**
 * (d) One binary of `bytes` random bytes: the raw uploader and a first sync, each to its own root; then the two
 * paths that download it (issue 11 case 16): a `--full` compare and a backup.
 */
export async function benchLargeFile(emulator: Emulator, bytes: number, work: string): Promise<LargeFile> {
  const repo = await makeRepo({ 'README.md': 'large file bench\n' });
  try {
    // Stored, not deflated: random bytes do not compress, and zlib on a gigabyte would dominate the set-up.
    await repo.run('config', 'core.compression', '0');
    await writeRandom(join(repo.dir, 'lib/big.jar'), bytes);
    await repo.commit({}, 'large file');
    const files = [{ path: 'lib/big.jar', size: bytes }];
    const timeoutMs = 60 * 60_000;
    const raw = await runRawUploader({ url: emulator.url, token: emulator.token, root: '/raw-large', localDir: repo.dir, files, concurrency: CONCURRENCY }, work, timeoutMs);
    const cli = await runSyncCli([], cliEnv(emulator, '/cli-large', repo), repo.dir, timeoutMs);
    const compare = await runSyncCli(['--full'], cliEnv(emulator, '/raw-large', repo), repo.dir, timeoutMs);
    // Same bytes on both sides: a line for the jar would mean the figure measured an upload, not the compare.
    if (compare.stdout.includes('big.jar')) throw new Error(`the --full compare rewrote the file:\n${compare.stdout}`);
    await repo.commit({ 'lib/big.jar': null }, 'large file gone');
    const logDir = join(work, 'large-logs');
    const backup = await runSyncCli(['--log-dir', logDir], cliEnv(emulator, '/cli-large', repo), repo.dir, timeoutMs);
    if (!/delete\s+lib\/big\.jar/.test(backup.stdout)) throw new Error(`the sync did not delete the file:\n${backup.stdout}`);
    await rm(logDir, { recursive: true, force: true });
    return { bytes, cli, raw, compare, backup };
  } finally {
    await repo.cleanup();
  }
}

async function writeRandom(path: string, bytes: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < bytes;) {
      const chunk = randomBytes(Math.min(16 << 20, bytes - written));
      await handle.write(chunk);
      written += chunk.length;
    }
  } finally {
    await handle.close();
  }
}
