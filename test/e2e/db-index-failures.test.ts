// Bad metadata-database settings never stop a sync: each gives exactly one warning line naming the target
// and the cause, the API answers instead, and the remote tree still equals the commit. The password is
// never printed. Also: a query failing after a good start, and a database of another server, fall back too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { closedPort, createMysqlUser, createScratch, describeWithServer, probeServer } from '../helpers/databases.js';
import { makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { localFiles, remoteFiles, sortedEntries } from '../helpers/trees.js';
import { createMetadataDatabase, emulatorOn, warnings, type MetadataDatabase } from './db-index-support.js';

const ROOT = '/gitlab';
const SECRET = 'Wr0ng-Pa55-dolps!';

const gates = { postgresql: await probeServer('postgresql'), mysql: await probeServer('mysql') };

/** An emulator (in-memory table) and a repository for the suite, and a `sync --full` with the given DOLPS_DB_*. */
function fallbackHarness() {
  let emulator: Emulator;
  let repo: TestRepo;
  before(async () => {
    emulator = await startEmulator({ generation: '3.1' });
    repo = await makeRepo({ 'sql/a.sql': 'select 1;\n', 'shell/run.sh': 'echo run\n' });
  });
  after(async () => {
    await emulator?.stop();
    await repo?.cleanup();
  });
  return {
    sync: (db: Record<string, string>) => runCli(['sync', '--full'], {
      cwd: repo.dir,
      env: { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, ...db },
    }),
    /** Exit 0, the tree synced, exactly one warning that names `target` and matches `cause`, listed by the API, no secret. */
    async assertFellBack(result: CliResult, target: string, cause: RegExp): Promise<void> {
      assert.equal(result.code, 0, result.stderr);
      const lines = warnings(result.stderr);
      assert.equal(lines.length, 1, result.stderr);
      const [line = ''] = lines;
      assert.ok(line.startsWith(`warning: metadata database ${target}: `), line);
      assert.match(line, cause);
      assert.match(line, /; using the API instead$/);
      assert.match(result.stderr, /^listing: API tree listing/m);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET), 'the password is never printed');
      assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(repo.dir)));
    },
  };
}

describeWithServer(gates.mysql, 'bad MariaDB settings fall back to the API', () => {
  const { sync, assertFellBack } = fallbackHarness();

  test('a wrong password: "login refused", once', async () => {
    const scratch = await createScratch('mysql');
    const user = await createMysqlUser('the-right-one', scratch.name);
    try {
      const result = await sync({ DOLPS_DB_TYPE: 'mysql', DOLPS_DB_HOST: '127.0.0.1', DOLPS_DB_PORT: '3306', DOLPS_DB_USER: user.user, DOLPS_DB_NAME: scratch.name, DOLPS_DB_PASSWORD: SECRET });
      await assertFellBack(result, `MySQL ${user.user}@127.0.0.1:3306/${scratch.name}`, /login refused: Access denied for user/);
    } finally {
      await user.drop();
      await scratch.drop();
    }
  });

  test('a wrong port: "cannot connect", once', async () => {
    const port = await closedPort();
    const result = await sync({ DOLPS_DB_TYPE: 'mysql', DOLPS_DB_HOST: '127.0.0.1', DOLPS_DB_PORT: String(port), DOLPS_DB_USER: 'root', DOLPS_DB_NAME: 'test', DOLPS_DB_PASSWORD: SECRET });
    await assertFellBack(result, `MySQL root@127.0.0.1:${port}/test`, /cannot connect: .*ECONNREFUSED/);
  });

  test('a database without t_ds_resources: "no table", once', async () => {
    const scratch = await createScratch('mysql', 'none');
    try {
      const result = await sync({ DOLPS_DB_TYPE: 'mysql', DOLPS_DB_HOST: '127.0.0.1', DOLPS_DB_USER: 'root', DOLPS_DB_NAME: scratch.name });
      await assertFellBack(result, `MySQL root@127.0.0.1:3306/${scratch.name}`, new RegExp(`no table ${scratch.name}\\.t_ds_resources`));
    } finally {
      await scratch.drop();
    }
  });
});

describeWithServer(gates.postgresql, 'bad PostgreSQL settings fall back to the API', () => {
  const { sync, assertFellBack } = fallbackHarness();
  const env = (database: string, port = '5432') => ({
    DOLPS_DB_TYPE: 'postgresql', DOLPS_DB_HOST: '127.0.0.1', DOLPS_DB_PORT: port, DOLPS_DB_USER: 'postgres', DOLPS_DB_NAME: database,
    // This server trusts local logins, so the password is never checked; it rides along to prove it is never printed.
    DOLPS_DB_PASSWORD: SECRET,
  });

  test('a database that does not exist: "no such database", once', async () => {
    const result = await sync(env('dolps_no_such_db'));
    await assertFellBack(result, 'PostgreSQL postgres@127.0.0.1:5432/dolps_no_such_db', /no such database: database "dolps_no_such_db" does not exist/);
  });

  test('a wrong port: "cannot connect", once', async () => {
    const port = await closedPort();
    const result = await sync(env('test', String(port)));
    await assertFellBack(result, `PostgreSQL postgres@127.0.0.1:${port}/test`, /cannot connect: .*ECONNREFUSED/);
  });

  test('a database without t_ds_resources: "no table", once', async () => {
    const db = await createMetadataDatabase('postgresql');
    try {
      const result = await sync(env(db.settings.database));
      await assertFellBack(result, db.target, /no table public\.t_ds_resources/);
    } finally {
      await db.drop();
    }
  });
});

describeWithServer(gates.postgresql, 'the index failing or disagreeing after a good start falls back to the API', () => {
  let db: MetadataDatabase;
  let repo: TestRepo;
  before(async () => {
    db = await createMetadataDatabase('postgresql');
    repo = await makeRepo({ 'sql/a.sql': 'select 1;\n', 'shell/run.sh': 'echo run\n' });
  });
  after(async () => {
    try {
      await repo?.cleanup();
    } finally {
      await db?.drop();
    }
  });

  test('a query that fails after the table was found: one warning, the API finishes the sync', async () => {
    // The emulator keeps its rows in schema emu; dolps-sync reads public.t_ds_resources, a view of them whose
    // size column divides by zero once a row is read. The index opens and finds its columns (no row read),
    // then its first real query fails.
    await db.exec('CREATE SCHEMA emu');
    const emulator = await startEmulator({ generation: '3.1', metadataDb: { ...db.settings, schema: 'emu' } });
    try {
      await db.exec(`CREATE VIEW public.t_ds_resources AS SELECT id, alias, file_name, description, user_id, type,
        size / (id - id) AS size, create_time, update_time, pid, full_name, is_directory FROM emu.t_ds_resources`);
      const env = { DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir };
      assert.equal((await runCli(['sync'], { cwd: repo.dir, env })).code, 0);
      await repo.commit({ 'sql/b.sql': 'select 2;\n' });
      const result = await runCli(['sync', '--full'], { cwd: repo.dir, env: { ...env, ...db.env } });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(warnings(result.stderr), [`warning: metadata database ${db.target}: query failed: division by zero;`
        + " check the database server's log for this query; using the API instead"], result.stderr);
      assert.match(result.stderr, /^listing: API tree listing/m);
      assert.deepEqual(sortedEntries(await remoteFiles(emulator, ROOT)), sortedEntries(await localFiles(repo.dir)));
    } finally {
      await emulator.stop();
    }
  });

  test('the database of another server: its ids are never used, one warning, the API answers', async () => {
    // Two servers with the same tree under /gitlab but different ids; dolps-sync talks to `server` and reads `other`'s rows.
    const otherDb = await createMetadataDatabase('postgresql');
    const serverDb = await createMetadataDatabase('postgresql');
    const other = await emulatorOn(otherDb);
    const server = await emulatorOn(serverDb);
    try {
      const base = { DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir };
      const other1 = await runCli(['sync'], { cwd: repo.dir, env: { ...base, DOLPS_URL: other.url, DOLPS_TOKEN: other.token } });
      assert.equal(other1.code, 0, other1.stderr);
      const spare = await runCli(['sync'], { cwd: repo.dir, env: { ...base, DOLPS_URL: server.url, DOLPS_TOKEN: server.token, DOLPS_REMOTE_DIR: '/spare' } });
      assert.equal(spare.code, 0, spare.stderr);
      const first = await runCli(['sync'], { cwd: repo.dir, env: { ...base, DOLPS_URL: server.url, DOLPS_TOKEN: server.token } });
      assert.equal(first.code, 0, first.stderr);
      const otherBefore = await other.snapshot();
      await repo.commit({ 'sql/a.sql': 'select 42;\n', 'shell/run.sh': null });
      const result = await runCli(['sync', '--full'], { cwd: repo.dir, env: { ...base, DOLPS_URL: server.url, DOLPS_TOKEN: server.token, ...otherDb.env } });
      assert.equal(result.code, 0, result.stderr);
      const lines = warnings(result.stderr);
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0] ?? '', new RegExp(`^warning: metadata database ${otherDb.target}: disagrees with the API: /gitlab/\\S+ is id \\d+ there but id \\d+ on the server; .*; using the API instead$`));
      assert.deepEqual(sortedEntries(await remoteFiles(server, ROOT)), sortedEntries(await localFiles(repo.dir)));
      assert.deepEqual(await other.snapshot(), otherBefore, 'the other server is untouched');
    } finally {
      await other.stop();
      await server.stop();
      await otherDb.drop();
      await serverDb.drop();
    }
  });
});
