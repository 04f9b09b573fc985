// How the index fails, the same way on each dialect: one line naming host:port/database and the cause,
// a kind to branch on, and never the password.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { openResourceDbIndex } from '../../../src/db/open.js';
import { DbIndexError, type DbDialect, type DbIndexErrorKind, type ResourceDbSettings } from '../../../src/db/port.js';
import { closedPort, createScratch, SERVERS, silentServer, type Scratch } from '../../helpers/databases.js';

export const SECRET = 'S3cret-dolps-Pw!';

/** Asserts the error a user would see: its kind, one line, what it names, and no secret anywhere in it. */
export function assertDbIndexError(err: unknown, kind: DbIndexErrorKind, mentions: readonly string[], secret = SECRET): true {
  assert.ok(err instanceof DbIndexError, `expected a DbIndexError, got ${inspect(err)}`);
  assert.equal(err.kind, kind, err.message);
  assert.doesNotMatch(err.message, /\n/);
  for (const text of mentions) assert.ok(err.message.includes(text), `${JSON.stringify(text)} not in: ${err.message}`);
  assert.ok(!err.message.includes(secret), `secret in the message: ${err.message}`);
  assert.ok(!inspect(err, { depth: Infinity, showHidden: true }).includes(secret), 'secret in the inspected error or its cause');
  return true;
}

/** A t_ds_resources from before the index's time: no size column. */
const withoutSize = (name: string): string =>
  `CREATE TABLE ${name}.t_ds_resources (id int, pid int, full_name varchar(128), alias varchar(64),`
  + ' is_directory int, type int, update_time timestamp NULL, description varchar(255))';

export function resourceIndexFailureSuite(dialect: DbDialect): void {
  const server = SERVERS[dialect];
  // PostgreSQL here trusts every local login, so a password can ride along on every test without being checked;
  // MariaDB's root has none, so there the secret is only sent where the server never reads it.
  const secretIfIgnored = dialect === 'postgresql' ? { password: SECRET } : {};

  describe('failures', () => {
    let noTable: Scratch;
    let noSize: Scratch;
    before(async () => {
      noTable = await createScratch(dialect, 'none');
      noSize = await createScratch(dialect, withoutSize);
    });
    after(async () => {
      await noTable?.drop();
      await noSize?.drop();
    });

    it('names a missing t_ds_resources, from check() and from a listing', async () => {
      const index = await openResourceDbIndex({ ...noTable.settings, ...secretIfIgnored });
      try {
        const where = `${server.host}:${server.port}/${noTable.settings.database}`;
        await assert.rejects(index.check(), (err) => assertDbIndexError(err, 'missing-table', [where, `${noTable.name}.t_ds_resources`]));
        await assert.rejects(index.listSubtree('/gitlab'), (err) => assertDbIndexError(err, 'missing-table', [where]));
      } finally {
        await index.close();
      }
    });

    it('names a missing column when the table lacks one the index reads', async () => {
      const index = await openResourceDbIndex({ ...noSize.settings, ...secretIfIgnored });
      try {
        await assert.rejects(index.check(), (err) => assertDbIndexError(err, 'missing-table', ['size', 'lacks a column']));
      } finally {
        await index.close();
      }
    });

    it('reports a closed port as a connect error at once, naming host:port/database', async () => {
      const port = await closedPort();
      const started = performance.now();
      await assert.rejects(
        openResourceDbIndex({ ...server, port, password: SECRET, connectTimeoutMs: 3000 }),
        (err) => assertDbIndexError(err, 'connect', [`${server.host}:${port}/${server.database}`, 'cannot connect']),
      );
      assert.ok(performance.now() - started < 3000, 'a refused connection should not wait for the timeout');
    });

    it('gives up on a server that never answers after the connect timeout', async () => {
      const silent = await silentServer();
      try {
        const settings: ResourceDbSettings = { ...server, port: silent.port, password: SECRET, connectTimeoutMs: 300 };
        const started = performance.now();
        await assert.rejects(openResourceDbIndex(settings), (err) => assertDbIndexError(err, 'connect', [`${server.host}:${silent.port}/`, 'no answer within 300 ms']));
        const elapsed = performance.now() - started;
        assert.ok(elapsed >= 250 && elapsed < 2000, `gave up after ${Math.round(elapsed)} ms`);
      } finally {
        await silent.close();
      }
    });

    it('describes itself by product, user, host, port and database, without the password', async () => {
      const index = await openResourceDbIndex({ ...noTable.settings, ...secretIfIgnored });
      try {
        const expected = dialect === 'postgresql'
          ? `PostgreSQL postgres@127.0.0.1:5432/test schema ${noTable.name}`
          : `MySQL root@127.0.0.1:3306/${noTable.name}`;
        assert.equal(index.describe, expected);
      } finally {
        await index.close();
      }
    });
  });
}
