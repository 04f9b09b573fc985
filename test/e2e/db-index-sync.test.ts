// The core sync scenarios through the real CLI with the metadata-database index on: the emulator keeps
// t_ds_resources in a real PostgreSQL or MariaDB database, dolps-sync reads the same rows (DOLPS_DB_*),
// and after every run the remote tree equals the commit's tree byte for byte, as without the index.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DbDialect } from '../../src/db/port.js';
import type { Emulator } from '../../src/emulator/index.js';
import { describeWithServer, probeServer } from '../helpers/databases.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { ALL_BYTES, FIRST_COMMIT } from '../helpers/history.js';
import { runCli } from '../helpers/run-cli.js';
import { localFiles, remoteDirs, remoteFiles, remoteIds, sortedEntries } from '../helpers/trees.js';
import { createMetadataDatabase, emulatorOn, PRODUCT, warnings, type MetadataDatabase } from './db-index-support.js';

const ROOT = '/gitlab';

for (const dialect of ['postgresql', 'mysql'] as const) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `git history replayed with the index on ${PRODUCT[dialect]}`, () => scenarios(dialect));
}

function scenarios(dialect: DbDialect): void {
  let db: MetadataDatabase;
  let emulator: Emulator;
  let repo: TestRepo;
  const sync = (...args: string[]) => runCli(['sync', ...args], {
    cwd: repo.dir,
    env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, ...db.env },
  });
  async function assertRemoteEqualsCheckout(): Promise<void> {
    assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(repo.dir)));
  }
  /**
   * The listing came from the database, said so on stderr, and no API tree was read. An incremental run then
   * reads one API page per directory whose recorded files it updates, renames or deletes, for their update times
   * (the drift check; the rows' update_time is in the server JVM's zone, not the API's): at most `touchedDirs`
   * pages; a full reconcile, one per directory holding recorded files (their update times prove the files
   * unchanged without a download). The files it writes need none: 3.1 answers each write with them.
   */
  function assertListedFromDatabase(stderr: string, touchedDirs = 0): void {
    assert.deepEqual(warnings(stderr), [], stderr);
    assert.ok(stderr.includes(`listing: metadata database (${db.target})`), stderr);
    const listings = emulator.requests.filter((r) => r.method === 'GET' && (r.path === '/resources/list' || r.path === '/resources'));
    assert.ok(listings.every((r) => r.path === '/resources'), 'no API tree was read');
    assert.ok(listings.length <= touchedDirs, `at most ${touchedDirs} directory pages: ${JSON.stringify(listings)}`);
  }

  before(async () => {
    db = await createMetadataDatabase(dialect);
    emulator = await emulatorOn(db);
    repo = await makeRepo({ ...FIRST_COMMIT });
  });
  after(async () => {
    try {
      await emulator?.stop();
      await repo?.cleanup();
    } finally {
      await db?.drop();
    }
  });

  test('first sync uploads the whole tree; the listing comes from the database', async () => {
    emulator.clearRequests();
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    await assertRemoteEqualsCheckout();
    assertListedFromDatabase(result.stderr);
    assert.match(result.stdout, /synced \(none\)\.\.[0-9a-f]{12} \(full\): \d+ files created(, \d+ directories created)? in /);
  });

  test('every change kind: modify, add, delete, same-dir rename, cross-dir move, deleted tree', async () => {
    const idsBefore = await remoteIds(emulator, ROOT);
    await repo.rename('shell/run.sh', 'shell/start.sh');
    await repo.rename('move/me.sh', 'moved/me.sh');
    await repo.commit({
      'sql/a.sql': 'select 1 + 1;\n', 'sql/c.sql': 'select 3;\n', 'sql/b.sql': null, 'bin/tool.jar': Buffer.concat([ALL_BYTES, ALL_BYTES]),
      'old/tree/one.sh': null, 'old/tree/two/three.sh': null, 'old/top.sql': null,
    });
    emulator.clearRequests();
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    await assertRemoteEqualsCheckout();
    // Touched recorded files in: sql (a.sql updated, b.sql deleted), bin, shell (run.sh renamed), move (me.sh moved
    // away), old, old/tree, old/tree/two (deleted).
    assertListedFromDatabase(result.stderr, 7);
    assert.match(result.stdout, /\(incremental\)/);
    const idsAfter = await remoteIds(emulator, ROOT);
    assert.equal(idsAfter.get('sql/a.sql'), idsBefore.get('sql/a.sql'), 'modified file keeps its id');
    assert.equal(idsAfter.get('shell/start.sh'), idsBefore.get('shell/run.sh'), 'same-directory rename keeps the id');
    const dirs = await remoteDirs(emulator, ROOT);
    assert.ok(!dirs.some((d) => d === 'old' || d.startsWith('old/')), `deleted tree removed, got ${dirs.join(', ')}`);
    assert.ok(!dirs.includes('move'), 'directory left empty by a move is removed');
  });

  test('a second sync of the same commit makes zero write requests', async () => {
    emulator.clearRequests();
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(emulator.writeCount(), 0);
    assert.match(result.stdout, /up to date/);
    assert.deepEqual(warnings(result.stderr), []);
  });

  test('a force-push converges through a full reconcile read from the database', async () => {
    await repo.commit({ 'catch/one.sql': '1\n' });
    await repo.commit({ 'catch/two.sql': '2\n', 'sql/c.sql': null });
    assert.equal((await sync()).code, 0);
    await repo.run('reset', '--hard', 'HEAD~2');
    await repo.commit({ 'rewritten.sql': 'history was rewritten\n', 'sql/a.sql': 'select 7;\n' });
    const dirsBefore = new Set([...(await remoteFiles(emulator, ROOT)).keys()].map((path) => path.replace(/\/?[^/]*$/, ''))).size;
    emulator.clearRequests();
    const result = await sync();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /not an ancestor.*full reconcile/);
    await assertRemoteEqualsCheckout();
    assertListedFromDatabase(result.stderr, dirsBefore);
    const downloads = emulator.requests.filter((r) => r.path.endsWith('/download')).length;
    assert.equal(downloads, 4, 'the marker twice (before and under the lease), the lease twice (read back, and before its release); no file compared by download');
    const again = await sync('--json');
    assert.equal((JSON.parse(again.stdout) as { mode: string }).mode, 'up-to-date');
  });
}
