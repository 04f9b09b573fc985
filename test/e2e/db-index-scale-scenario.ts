// The reason for the index: a full reconcile of a large Resource Center. N files in directories of 20
// are synced once, then `sync --full` (nothing to rewrite) runs without and with the metadata database,
// and the requests that reached the server are counted. Without the index the listing is the API tree
// plus one page per directory; with it, one query, checked against the API with one lookup (which the
// marker read makes anyway), and the pages of the directories holding managed files, whose update times
// prove the marker's identities (the rows have none), so that no file is downloaded to compare. The e2e test runs it small enough to stay fast (the point holds at any size);
// `npm run bench` runs it at 2,000 files for the figure.
import assert from 'node:assert/strict';
import type { DbDialect } from '../../src/db/port.js';
import type { Emulator, RequestLogEntry } from '../../src/emulator/index.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { localFiles, remoteFiles, sortedEntries } from '../helpers/trees.js';
import { createMetadataDatabase, emulatorOn, warnings, type MetadataDatabase } from './db-index-support.js';

const ROOT = '/big';

/** 10 top directories × 10 subdirectories × 20 files per 2,000; fewer files fill fewer directories. */
export function bigTree(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const top = Math.floor(i / 200);
    const sub = Math.floor(i / 20) % 10;
    files[`team${top}/job${sub}/task${i}.sql`] = `select ${i};\n`;
  }
  return files;
}

export interface ScaleCounts {
  files: number;
  api: RunCounts;
  index: RunCounts;
}

export interface RunCounts {
  requests: number;
  /** Listing requests: the API tree and directory pages. */
  listing: number;
  /** Of those, the API tree (GET resources/list). */
  tree: number;
  /** File downloads to compare contents (the marker's own read is not counted). */
  downloads: number;
  seconds: number;
}

/** Syncs `count` files, then `sync --full` without and with the index; asserts each run rewrote nothing. */
export async function measureFullReconcile(dialect: DbDialect, count: number): Promise<ScaleCounts> {
  let db: MetadataDatabase | undefined;
  let emulator: Emulator | undefined;
  let repo: TestRepo | undefined;
  try {
    db = await createMetadataDatabase(dialect);
    const started = await emulatorOn(db);
    emulator = started;
    const made = await makeRepo(bigTree(count));
    repo = made;
    const database = db;
    const sync = (withIndex: boolean, ...args: string[]) => runCli(['sync', '--concurrency', '8', ...args], {
      cwd: made.dir,
      timeoutMs: 600_000,
      env: { DOLPS_URL: started.url, DOLPS_TOKEN: started.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: made.dir, ...(withIndex ? database.env : {}) },
    });
    const first = await sync(true);
    assert.equal(first.code, 0, first.stderr);
    assert.equal((await remoteFiles(started, ROOT)).size, count);
    const counts = {} as Record<'api' | 'index', RunCounts>;
    for (const mode of ['api', 'index'] as const) {
      started.clearRequests();
      const t0 = performance.now();
      const result = await sync(mode === 'index', '--full');
      const seconds = (performance.now() - t0) / 1000;
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(warnings(result.stderr), [], result.stderr);
      assert.match(result.stdout, /\(full\): (?!.*(created|updated|deleted|renamed)).* in /);
      assert.match(result.stderr, mode === 'index' ? /^listing: metadata database \(/m : /^listing: API tree listing and \d+ directory pages$/m);
      assert.equal(started.writeCount(), 0, `${mode}: nothing is rewritten`);
      const entries: RequestLogEntry[] = [...started.requests];
      const downloads = entries.filter((e) => /^\/resources\/\d+\/download$/.test(e.path)).length - 1;
      counts[mode] = { requests: entries.length, listing: entries.filter(isListing).length, tree: entries.filter((e) => e.path === '/resources/list').length, downloads, seconds };
    }
    assert.deepEqual(sortedEntries(await remoteFiles(started, ROOT)), sortedEntries(await localFiles(made.dir)));
    return { files: count, ...counts };
  } finally {
    try {
      await emulator?.stop();
      await repo?.cleanup();
    } finally {
      await db?.drop();
    }
  }
}

function isListing(entry: RequestLogEntry): boolean {
  return entry.path === '/resources/list' || entry.path === '/resources';
}
