// The reason for the index: a full reconcile of a large Resource Center. 2,000 files in 100 directories are
// synced once, then `sync --full` (nothing to rewrite) runs without and with the metadata database, and the
// requests that reached the server are counted. Without the index the listing is the API tree plus one page
// per directory; with it, one query, checked against the API with one lookup (which the marker read makes anyway).
// PostgreSQL only: the counts are dolps-sync's requests, the same on MariaDB (2117 and 2005 when measured), whose
// behaviour with the index db-index-sync.test.ts covers; a second 2,000-file run would only double the time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DbDialect } from '../../src/db/port.js';
import type { Emulator, RequestLogEntry } from '../../src/emulator/index.js';
import { describeWithServer, probeServer } from '../helpers/databases.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';
import { localFiles, remoteFiles, sortedEntries } from '../helpers/trees.js';
import { createMetadataDatabase, emulatorOn, PRODUCT, warnings, type MetadataDatabase } from './db-index-support.js';

const ROOT = '/big';
const FILES = 2000;

/** 10 top directories × 10 subdirectories × 20 files. */
function bigTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const top = Math.floor(i / 200);
    const sub = Math.floor(i / 20) % 10;
    files[`team${top}/job${sub}/task${i}.sql`] = `select ${i};\n`;
  }
  return files;
}

const gate = await probeServer('postgresql');
describeWithServer(gate, `full reconcile of ${FILES} files with the index on ${PRODUCT.postgresql}`, () => scale('postgresql'));

function scale(dialect: DbDialect): void {
  let db: MetadataDatabase;
  let emulator: Emulator;
  let repo: TestRepo;
  const sync = (withIndex: boolean, ...args: string[]) => runCli(['sync', '--concurrency', '8', ...args], {
    cwd: repo.dir,
    timeoutMs: 300_000,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, ...(withIndex ? db.env : {}) },
  });

  before(async () => {
    db = await createMetadataDatabase(dialect);
    emulator = await emulatorOn(db);
    repo = await makeRepo(bigTree());
    const first = await sync(true);
    assert.equal(first.code, 0, first.stderr);
  });
  after(async () => {
    try {
      await emulator?.stop();
      await repo?.cleanup();
    } finally {
      await db?.drop();
    }
  });

  test('the index cuts the requests of `sync --full` and rewrites nothing', async (t) => {
    assert.equal((await remoteFiles(emulator, ROOT)).size, FILES);
    const counts: Record<'api' | 'index', RequestLogEntry[]> = { api: [], index: [] };
    for (const mode of ['api', 'index'] as const) {
      emulator.clearRequests();
      const result = await sync(mode === 'index', '--full');
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(warnings(result.stderr), [], result.stderr);
      assert.match(result.stdout, /\(full\): (?!.*(created|updated|deleted|renamed)).* in /);
      assert.match(result.stderr, mode === 'index' ? /^listing: metadata database \(/m : /^listing: API tree listing and \d+ directory pages$/m);
      assert.equal(emulator.writeCount(), 0, `${mode}: nothing is rewritten`);
      counts[mode] = [...emulator.requests];
    }
    const listing = (entries: RequestLogEntry[]) => entries.filter((e) => e.path === '/resources/list' || e.path === '/resources').length;
    const line = (mode: 'api' | 'index') => `${counts[mode].length} requests (${listing(counts[mode])} of them listing)`;
    t.diagnostic(`${PRODUCT[dialect]}: sync --full of ${FILES} files without the index: ${line('api')}; with the index: ${line('index')}`);
    assert.equal(listing(counts.index), 0);
    assert.ok(counts.index.length < counts.api.length, `${counts.index.length} < ${counts.api.length}`);
    assert.equal(counts.api.length - counts.index.length, listing(counts.api), 'the index saves exactly the listing requests');
    assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(repo.dir)));
  });
}
