// The metadata-database index against the real MariaDB on 127.0.0.1:3306 (MySQL protocol and dialect).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectMysql, mysqlIndex } from '../../../src/db/mysql.js';
import { openResourceDbIndex } from '../../../src/db/open.js';
import { createMysqlUser, createScratch, describeWithServer, probeServer, SERVERS, type Scratch } from '../../helpers/databases.js';
import { assertDbIndexError, resourceIndexFailureSuite, SECRET } from './failures.suite.js';
import { resourceIndexSuite, SEED } from './resource-index.suite.js';

const gate = await probeServer('mysql');

describeWithServer(gate, 'MySQL resource index (MariaDB)', () => {
  resourceIndexSuite('mysql');
  resourceIndexFailureSuite('mysql');

  describe('logins', () => {
    let scratch: Scratch;
    before(async () => {
      scratch = await createScratch('mysql');
      await scratch.insert(SEED);
    });
    after(async () => scratch?.drop());

    it('reports a wrong password as a refused login, without either password', async () => {
      const account = await createMysqlUser(SECRET, scratch.name);
      try {
        const settings = { ...scratch.settings, user: account.user };
        const wrong = `${SECRET}-typo`;
        await assert.rejects(
          openResourceDbIndex({ ...settings, password: wrong }),
          (err) => assertDbIndexError(err, 'auth', [`${account.user}@127.0.0.1:3306/${scratch.name}`, 'login refused'], SECRET),
        );
        // The same user with the right password reads, so it was the password that failed.
        const index = await openResourceDbIndex({ ...settings, password: SECRET });
        try {
          assert.equal(await index.idOf('/gitlab/a.sh'), 2);
        } finally {
          await index.close();
        }
      } finally {
        await account.drop();
      }
    });

    it('reports a database that does not exist', async () => {
      await assert.rejects(
        openResourceDbIndex({ ...SERVERS.mysql, database: 'dolps_no_such_db' }),
        (err) => assertDbIndexError(err, 'connect', ['127.0.0.1:3306/dolps_no_such_db', 'no such database']),
      );
    });

    it('refuses writes sent on the connection the index reads through', async () => {
      const connection = await connectMysql(scratch.settings);
      const index = mysqlIndex(connection, scratch.settings);
      try {
        for (const write of [
          "INSERT INTO t_ds_resources (id, pid, full_name, type) VALUES (99, -1, '/evil', 0)",
          'UPDATE t_ds_resources SET size = 0',
          'DELETE FROM t_ds_resources',
        ]) {
          await assert.rejects(connection.query(write), { code: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' }, write);
        }
        assert.equal(await scratch.count(), SEED.length);
        assert.equal(await index.idOf('/gitlab/a.sh'), 2, 'the session still reads after refusing writes');
      } finally {
        await index.close();
      }
    });
  });
});
