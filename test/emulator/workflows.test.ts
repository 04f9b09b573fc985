// Projects, workflows and task definitions as each generation's endpoints return them, from a seed
// (ProjectController, ProcessDefinitionController / 3.3 WorkflowDefinitionController).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Emulator, WorkflowSpec } from '../../src/emulator/index.js';
import { type Api, code, createdId, fresh } from './support.js';
import { loginAs, ROOT_32, ROOT_33 } from './storage-support.js';

const SPEC: WorkflowSpec = {
  projects: [
    { name: 'etl', description: 'nightly', workflows: [
      { name: 'daily', online: true, tasks: [
        { name: 'load', type: 'SHELL', resources: ['/a.sh'], params: { rawScript: 'sh a.sh' } },
        { name: 'agg', type: 'SPARK', mainJar: '/j.jar', resources: ['/a.sh'] },
      ] },
      { name: 'adhoc', tasks: [{ name: 'once', resources: ['/a.sh'] }] },
    ] },
    { name: 'ml', workflows: [] },
  ],
};

const GENERATIONS = [
  { generation: '3.0', segment: 'process-definition', stem: 'process', offsetKey: 'start' },
  { generation: '3.1', segment: 'process-definition', stem: 'process', offsetKey: 'start' },
  { generation: '3.2', segment: 'process-definition', stem: 'process', offsetKey: 'pageNo', root: ROOT_32 },
  { generation: '3.3', segment: 'workflow-definition', stem: 'workflow', offsetKey: 'pageNo', root: ROOT_33 },
] as const;

/** 3.0/3.1: a.sh and j.jar exist (tasks hold their ids); returns the ids. */
async function seeded(emu: Emulator, api: Api, byId: boolean): Promise<{ a: number; j: number }> {
  const ids = byId ? { a: createdId(await api.upload('a.sh', 'x')), j: createdId(await api.upload('j.jar', 'jar')) } : { a: 0, j: 0 };
  await emu.seedWorkflows(SPEC);
  return ids;
}

async function projectCode(api: Api, name: string): Promise<number> {
  const list = (await api.get('/projects/list')).json?.data as { name: string; code: number }[];
  const project = list.find((p) => p.name === name);
  assert.ok(project, `project ${name} listed`);
  return project.code;
}

for (const g of GENERATIONS) {
  const byId = g.generation === '3.0' || g.generation === '3.1';
  const ref = (path: string, id: number) => (byId ? { id } : { resourceName: `${'root' in g ? g.root : ''}${path}` });

  test(`${g.generation}: GET /projects pages the projects, newest id first`, async (t) => {
    const { emu, api } = await fresh(t, { generation: g.generation });
    await seeded(emu, api, byId);
    const page = (await api.get('/projects', { pageNo: 1, pageSize: 1 })).json?.data;
    assert.deepEqual([page.total, page.totalPage, page.pageSize, page.currentPage, page[g.offsetKey]], [2, 2, 1, 1, 0]);
    assert.deepEqual(page.totalList.map((p: { name: string }) => p.name), ['ml']);
    const second = (await api.get('/projects', { pageNo: 2, pageSize: 1 })).json?.data.totalList[0];
    assert.deepEqual([second.name, second.description, second.userName, second.defCount, typeof second.code], ['etl', 'nightly', 'admin', 2, 'number']);
    assert.equal('instRunningCount' in second, g.generation !== '3.3'); // Project.instRunningCount is gone on dev
    assert.equal(code(await api.get('/projects', { pageNo: 0, pageSize: 1 })), 10001);
  });

  test(`${g.generation}: GET /projects/{code}/${g.segment}/all answers every workflow with its tasks as stored`, async (t) => {
    const { emu, api } = await fresh(t, { generation: g.generation });
    const ids = await seeded(emu, api, byId);
    const etl = await projectCode(api, 'etl');
    const dags = (await api.get(`/projects/${etl}/${g.segment}/all`)).json?.data;
    assert.equal(dags.length, 2);
    // create_time desc: the later workflow of the seed first.
    const [adhoc, daily] = dags;
    assert.deepEqual(Object.keys(daily), [`${g.stem}Definition`, `${g.stem}TaskRelationList`, 'taskDefinitionList']);
    const definition = daily[`${g.stem}Definition`];
    assert.deepEqual([definition.name, definition.releaseState, definition.projectCode, definition.userName], ['daily', 'ONLINE', etl, null]);
    assert.equal(adhoc[`${g.stem}Definition`].releaseState, 'OFFLINE');
    const [load, agg] = daily.taskDefinitionList;
    assert.deepEqual([load.name, load.taskType, agg.name, agg.taskType], ['load', 'SHELL', 'agg', 'SPARK']);
    assert.deepEqual([load.version, load.operator, load.taskParamMap, load.dependence], [1, 1, null, '']);
    assert.deepEqual(load.taskParams, { localParams: [], rawScript: 'sh a.sh', resourceList: [ref('/a.sh', ids.a)] });
    assert.deepEqual(agg.taskParams, { localParams: [], resourceList: [ref('/a.sh', ids.a)], mainJar: ref('/j.jar', ids.j) });
    assert.equal(agg.resourceIds, byId ? [ids.a, ids.j].sort((x, y) => x - y).join(',') : '');
    const relations = daily[`${g.stem}TaskRelationList`];
    assert.deepEqual(relations.map((r: Record<string, unknown>) => [r.preTaskCode, r.postTaskCode, r[`${g.stem}DefinitionCode`]]),
      [[0, load.code, definition.code], [0, agg.code, definition.code]]);
  });

  test(`${g.generation}: the paged workflow list and one workflow by code`, async (t) => {
    const { emu, api } = await fresh(t, { generation: g.generation });
    await seeded(emu, api, byId);
    const etl = await projectCode(api, 'etl');
    const page = (await api.get(`/projects/${etl}/${g.segment}`, { pageNo: 1, pageSize: 10 })).json?.data;
    // update_time desc, id asc; the listing alone joins the owner's name.
    assert.deepEqual(page.totalList.map((w: { name: string; releaseState: string; userName: string }) => [w.name, w.releaseState, w.userName]),
      [['daily', 'ONLINE', 'admin'], ['adhoc', 'OFFLINE', 'admin']]);
    await emu.setWorkflowOnline('etl', 'adhoc', true);
    const again = (await api.get(`/projects/${etl}/${g.segment}`, { pageNo: 2, pageSize: 1 })).json?.data;
    assert.deepEqual([again.total, again.totalPage, again.totalList[0].name, again.totalList[0].releaseState], [2, 2, 'adhoc', 'ONLINE']);
    const dailyCode = page.totalList[0].code;
    const one = (await api.get(`/projects/${etl}/${g.segment}/${dailyCode}`)).json?.data;
    assert.deepEqual(one.taskDefinitionList.map((task: { name: string }) => task.name), ['load', 'agg']);
    const missing = (await api.get(`/projects/${etl}/${g.segment}/42`)).json;
    assert.deepEqual([missing?.code, missing?.msg], [50003, `${g.stem} definition 42 does not exist`]);
    const unknown = (await api.get(`/projects/1/${g.segment}/all`)).json;
    assert.deepEqual([unknown?.code, unknown?.msg], [10190, 'This project was not found. Please refresh page.']);
  });
}

test('3.3: the 3.2 process-definition paths are gone (404), and UDFs cannot be seeded', async (t) => {
  const { emu, api } = await fresh(t, { generation: '3.3' });
  await emu.seedWorkflows(SPEC);
  const etl = await projectCode(api, 'etl');
  assert.equal((await api.get(`/projects/${etl}/process-definition/all`)).status, 404);
  await assert.rejects(emu.seedWorkflows({ projects: [{ name: 'q', workflows: [{ name: 'w', tasks: [{ name: 's', type: 'SQL', udfs: [1] }] }] }] }),
    { name: 'WorkflowSpecError', message: /projects\[0\]\.workflows\[0\]\.tasks\[0\]\.udfs: API 3\.3 has no UDF functions/ });
});

test('3.1: a SQL task names its UDF functions by id ("udfs": "3,5")', async (t) => {
  const { emu, api } = await fresh(t);
  await emu.seedWorkflows({ projects: [{ name: 'q', workflows: [{ name: 'w', tasks: [{ name: 's', type: 'SQL', udfs: [3, 5], params: { sql: 'select 1' } }] }] }] });
  const dags = (await api.get(`/projects/${await projectCode(api, 'q')}/process-definition/all`)).json?.data;
  assert.deepEqual(dags[0].taskDefinitionList[0].taskParams, { localParams: [], sql: 'select 1', resourceList: [], udfs: '3,5' });
});

test('a seed that breaks the format is refused with the place named, and nothing is added', async (t) => {
  const { emu, api } = await fresh(t);
  await assert.rejects(emu.seedWorkflows({ projects: [{ name: 'ok' }, { name: 'bad', workflows: [{ name: 'w', tasks: [{ name: 't', resources: ['a.sh'] }] }] }] }),
    { name: 'WorkflowSpecError', message: /projects\[1\]\.workflows\[0\]\.tasks\[0\]\.resources\[0\]: "a\.sh" must be a file path/ });
  assert.deepEqual((await api.get('/projects/list')).json?.data, []);
});

test('a general user sees only the projects they own; another project answers 30002 naming user and code', async (t) => {
  const users = [
    { name: 'admin', password: 'dolphinscheduler123', tenant: 'default', admin: true },
    { name: 'ann', password: 'ann-secret-1', tenant: 'default' },
  ];
  const { emu, api } = await fresh(t, { generation: '3.2', users });
  await emu.seedWorkflows({ projects: [{ name: 'mine', owner: 'ann' }, { name: 'theirs' }] });
  const ann = await loginAs(api, 'ann', 'ann-secret-1');
  const listed = (await ann.get('/projects', { pageNo: 1, pageSize: 10 })).json?.data.totalList;
  assert.deepEqual(listed.map((p: { name: string; perm: number }) => [p.name, p.perm]), [['mine', 7]]);
  const theirs = ((await api.get('/projects/list')).json?.data as { name: string; code: number }[]).find((p) => p.name === 'theirs');
  const refused = (await ann.get(`/projects/${theirs?.code}/process-definition/all`)).json;
  assert.deepEqual([refused?.code, refused?.msg],
    [30002, `user ann is not has project ${new Intl.NumberFormat('en-US').format(theirs?.code ?? 0)} permission`]);
  assert.equal(code(await api.get(`/projects/${theirs?.code}/process-definition/all`)), 0);
});
