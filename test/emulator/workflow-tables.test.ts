// The seeded workflows in DolphinScheduler's own tables on the real PostgreSQL and MariaDB, read back
// with the one query a reference scan would use; the rows say what the API answers.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DbDialect } from '../../src/db/port.js';
import { startEmulator, type Emulator, type MetadataDbSettings } from '../../src/emulator/index.js';
import { WORKFLOW_DIALECTS } from '../../src/emulator/workflows/dialect.js';
import { createScratch, describeWithServer, probeServer, type Scratch } from '../helpers/databases.js';
import { Api, createdId } from './support.js';

/** The scan: (project, workflow, release state, task, task params) of every task, one query. */
function scanQuery(generation: '3.1' | '3.2' | '3.3', qualify: (table: string) => string): string {
  const { definitionTable, relationTable, stem } = WORKFLOW_DIALECTS[generation];
  return `SELECT DISTINCT p.name AS project_name, d.name AS workflow_name, d.release_state, t.name AS task_name, t.task_params
FROM ${qualify('t_ds_project')} p
JOIN ${qualify(definitionTable)} d ON d.project_code = p.code
JOIN ${qualify(relationTable)} r ON r.project_code = d.project_code AND r.${stem}_definition_code = d.code AND r.${stem}_definition_version = d.version
JOIN ${qualify('t_ds_task_definition')} t ON t.code = r.post_task_code
ORDER BY project_name, workflow_name, task_name`;
}

const SPEC = {
  projects: [
    { name: 'etl', workflows: [
      { name: 'daily', online: true, tasks: [{ name: 'agg', type: 'SPARK', mainJar: '/j.jar', resources: ['/a.sh'] }, { name: 'load', resources: ['/a.sh'] }] },
      { name: 'adhoc', tasks: [{ name: 'once', resources: ['/a.sh'] }] },
    ] },
    { name: 'ml', workflows: [{ name: 'train', online: true, tasks: [] }] },
  ],
};

type Row = [string, string, number, string, unknown];

/** The same tuples as the API's /all answers them. */
async function apiRows(emu: Emulator, segment: string, stem: string): Promise<Row[]> {
  const api = new Api(emu.url, { token: emu.token });
  const rows: Row[] = [];
  for (const project of (await api.get('/projects/list')).json?.data as { name: string; code: number }[]) {
    for (const dag of (await api.get(`/projects/${project.code}/${segment}/all`)).json?.data ?? []) {
      const definition = dag[`${stem}Definition`];
      for (const task of dag.taskDefinitionList) {
        rows.push([project.name, definition.name, definition.releaseState === 'ONLINE' ? 1 : 0, task.name, task.taskParams]);
      }
    }
  }
  return rows.sort((a, b) => `${a[0]}/${a[1]}/${a[3]}`.localeCompare(`${b[0]}/${b[1]}/${b[3]}`));
}

function settingsOf(scratch: Scratch): MetadataDbSettings {
  const { type, host, port, user, database, password, schema } = scratch.settings;
  return { type, host, port, user, database, ...(password === undefined ? {} : { password }), ...(schema === undefined ? {} : { schema }) };
}

for (const dialect of ['postgresql', 'mysql'] as DbDialect[]) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `workflow tables on ${dialect}`, () => {
    for (const generation of ['3.1', '3.2', '3.3'] as const) {
      it(`${generation}: the one-query scan finds what the API answers, and follows a release`, async (t) => {
        const scratch = await createScratch(dialect, 'none');
        const db = settingsOf(scratch);
        const emu = await startEmulator({ generation, ...(generation === '3.1' ? { metadataDb: db } : { workflowDb: db }) });
        t.after(async () => {
          await emu.stop();
          await scratch.drop();
        });
        const api = new Api(emu.url, { token: emu.token });
        if (generation === '3.1') {
          createdId(await api.upload('a.sh', 'x'));
          createdId(await api.upload('j.jar', 'jar'));
        }
        await emu.seedWorkflows(SPEC);
        const qualify = (table: string) => `${scratch.name}.${table}`;
        const read = async () => (await scratch.exec(scanQuery(generation, qualify)))
          .map((r): Row => [String(r.project_name), String(r.workflow_name), Number(r.release_state), String(r.task_name), JSON.parse(String(r.task_params))]);
        const { segment, stem } = WORKFLOW_DIALECTS[generation];
        const rows = await read();
        assert.deepEqual(rows.map((r) => r.slice(0, 4)), [['etl', 'adhoc', 0, 'once'], ['etl', 'daily', 1, 'agg'], ['etl', 'daily', 1, 'load']]);
        assert.deepEqual(rows, await apiRows(emu, segment, stem));
        await emu.setWorkflowOnline('etl', 'adhoc', true);
        assert.equal((await read())[0]?.[2], 1);
      });
    }
  });
}

for (const dialect of ['postgresql', 'mysql'] as DbDialect[]) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `workflow tables on ${dialect}, 3.1 ids`, () => {
    it('a path seeded before its file exists gets the id in task_params and resource_ids once uploaded; a restart starts empty', async (t) => {
      const scratch = await createScratch(dialect, 'none');
      t.after(() => scratch.drop());
      const db = settingsOf(scratch);
      const emu = await startEmulator({ generation: '3.1', metadataDb: db, workflows: SPEC });
      const api = new Api(emu.url, { token: emu.token });
      const tasks = async () => (await scratch.exec(`SELECT name, task_params, resource_ids FROM ${scratch.name}.t_ds_task_definition ORDER BY id`))
        .map((r) => [r.name, JSON.parse(String(r.task_params)), r.resource_ids]);
      try {
        assert.deepEqual((await tasks())[1], ['load', { localParams: [], resourceList: [{ id: null }] }, '']);
        const a = createdId(await api.upload('a.sh', 'x'));
        await api.get('/projects/list'); // any request binds
        assert.deepEqual((await tasks())[1], ['load', { localParams: [], resourceList: [{ id: a }] }, String(a)]);
      } finally {
        await emu.stop();
      }
      const again = await startEmulator({ generation: '3.1', metadataDb: db });
      await again.stop();
      assert.deepEqual(await tasks(), []);
    });
  });
}
