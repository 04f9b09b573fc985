// The metadata-database index against the real PostgreSQL on 127.0.0.1:5432.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openResourceDbIndex } from '../../../src/db/open.js';
import type { DbIndexError } from '../../../src/db/port.js';
import { connectPostgres, postgresIndex } from '../../../src/db/postgres.js';
import { createScratch, describeWithServer, probeServer, SERVERS, type Scratch } from '../../helpers/databases.js';
import { assertDbIndexError, resourceIndexFailureSuite, SECRET } from './failures.suite.js';
import { resourceIndexSuite, SEED } from './resource-index.suite.js';

const gate = await probeServer('postgresql');

describeWithServer(gate, 'PostgreSQL resource index', () => {
  resourceIndexSuite('postgresql');
  resourceIndexFailureSuite('postgresql');

  // This server trusts local logins and never checks a password, so a wrong password cannot fail here.
  // What a user gets wrong instead, and what must not leak the password they typed, is the database or user name.
  it('reports a database that does not exist, without the password', async () => {
    const settings = { ...SERVERS.postgresql, database: 'dolps_no_such_db', password: SECRET };
    await assert.rejects(openResourceDbIndex(settings), (err) =>
      assertDbIndexError(err, 'connect', ['127.0.0.1:5432/dolps_no_such_db', 'no such database'])
      && (err as DbIndexError).driverCode === '3D000');
  });

  it('reports an unknown user as a refused login, without the password', async () => {
    const settings = { ...SERVERS.postgresql, user: 'dolps_no_such_user', password: SECRET };
    await assert.rejects(openResourceDbIndex(settings), (err) => assertDbIndexError(err, 'auth', ['dolps_no_such_user@127.0.0.1:5432/test', 'login refused']));
  });

  describe('read-only session', () => {
    let scratch: Scratch;
    before(async () => {
      scratch = await createScratch('postgresql');
      await scratch.insert(SEED);
    });
    after(async () => scratch?.drop());

    it('refuses writes sent on the connection the index reads through', async () => {
      const client = await connectPostgres(scratch.settings);
      const index = postgresIndex(client, scratch.settings);
      try {
        const table = `${scratch.name}.t_ds_resources`;
        for (const write of [
          `INSERT INTO ${table} (id, pid, full_name, type) VALUES (99, -1, '/evil', 0)`,
          `UPDATE ${table} SET size = 0`,
          `DELETE FROM ${table}`,
        ]) {
          await assert.rejects(client.query(write), { code: '25006' }, write); // read_only_sql_transaction
        }
        assert.equal(await scratch.count(), SEED.length);
        assert.equal(await index.idOf('/gitlab/a.sh'), 2, 'the session still reads after refusing writes');
      } finally {
        await index.close();
      }
    });
  });
});
