// The reference scan through the metadata database (one query, read-only session) gives the same users
// as the scan through the REST API, on PostgreSQL and MariaDB, for the table names of 3.1, 3.2 and 3.3;
// SQL tasks' UDF functions (`udfs`, ids, up to 3.2) included.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DbDialect } from '../../../src/db/port.js';
import { startEmulator, type MetadataDbSettings } from '../../../src/emulator/index.js';
import { usersByKey, type ReferenceStyle } from '../../../src/core/reference.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createHttp } from '../../../src/remote/http.js';
import { generationEntry } from '../../../src/remote/generations.js';
import { apiTaskSource } from '../../../src/references/api-tasks.js';
import { dbTaskSource } from '../../../src/references/db-tasks.js';
import type { TaskSource } from '../../../src/references/task-source.js';
import { createScratch, describeWithServer, probeServer } from '../../helpers/databases.js';
import { Api, createdId } from '../../emulator/support.js';

const SPEC = {
  projects: [
    { name: 'etl', workflows: [
      { name: 'daily', online: true, tasks: [{ name: 'agg', type: 'SPARK', mainJar: '/j.jar', resources: ['/a.sh'] }, { name: 'load', resources: ['/a.sh'] }] },
      { name: 'adhoc', tasks: [{ name: 'once', resources: ['/a.sh'] }] },
    ] },
    { name: 'ml', workflows: [{ name: 'train', online: true, tasks: [{ name: 'fit', resources: [] }] }] },
  ],
};
/** 3.0-3.2: a SQL task naming UDF functions 7 and 9 by id in `udfs` (SqlParameters); 3.3 has none. */
const WITH_UDFS = {
  projects: [...SPEC.projects, { name: 'dw', workflows: [{ name: 'report', tasks: [{ name: 'q', type: 'SQL', udfs: [7, 9], params: { sql: 'select 1' } }] }] }],
};

async function usersOf(source: TaskSource, style: ReferenceStyle): Promise<[string, unknown][]> {
  const scan = await source.scan();
  assert.ok(scan.complete, scan.complete ? '' : scan.reason);
  return [...usersByKey(scan.tasks, style)].map(([key, users]): [string, unknown] => [key, [...users].sort((a, b) => `${a.task}${a.field}`.localeCompare(`${b.task}${b.field}`))])
    .sort(([a], [b]) => a.localeCompare(b));
}

for (const dialect of ['postgresql', 'mysql'] as DbDialect[]) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `reference scan through ${dialect}`, () => {
    for (const generation of ['3.1', '3.2', '3.3'] as const) {
      it(`${generation}: the one query finds the same users as the REST API`, async (t) => {
        const scratch = await createScratch(dialect, 'none');
        const { type, host, port, user, database, password, schema } = scratch.settings;
        const db: MetadataDbSettings = { type, host, port, user, database, ...(password === undefined ? {} : { password }), ...(schema === undefined ? {} : { schema }) };
        const emu = await startEmulator({ generation, ...(generation === '3.1' ? { metadataDb: db } : { workflowDb: db }) });
        const http = createHttp({ baseUrl: emu.url, auth: { token: emu.token }, timeoutMs: 10_000, retries: 0, logger: silentLogger });
        t.after(async () => {
          http.close();
          await emu.stop();
          await scratch.drop();
        });
        if (generation === '3.1') {
          const api = new Api(emu.url, { token: emu.token });
          createdId(await api.upload('a.sh', 'x'));
          createdId(await api.upload('j.jar', 'jar'));
        }
        const udfs = generation !== '3.3';
        await emu.seedWorkflows(udfs ? WITH_UDFS : SPEC);
        const entry = generationEntry(generation);
        const viaApi = await usersOf(apiTaskSource(http, entry.workflowNaming, 2), entry.dialect);
        const viaDb = await usersOf(dbTaskSource(scratch.settings, entry.workflowNaming), entry.dialect);
        assert.equal(viaApi.length, udfs ? 4 : 2, 'a.sh and j.jar are used, and UDF functions 7 and 9 up to 3.2');
        assert.deepEqual(viaDb, viaApi);
        if (udfs) {
          const q = { project: 'dw', workflow: 'report', online: false, task: 'q', field: 'udf' };
          assert.deepEqual(viaApi.filter(([key]) => key.startsWith('udf:')), [['udf:7', [q]], ['udf:9', [q]]]);
        }
        // a.sh is the one in resource lists; its users, offline ones included (the server would not say).
        const [, aUsers] = viaApi.find(([, users]) => (users as { field: string }[]).some((u) => u.field === 'resource list')) ?? [];
        assert.deepEqual((aUsers as { task: string; online: boolean }[]).map((u) => [u.task, u.online]), [['agg', true], ['load', true], ['once', false]]);
      });
    }
  });
}
