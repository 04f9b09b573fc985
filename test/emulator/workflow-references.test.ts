// The 20014 rule of 3.0/3.1 follows the seeded workflows: only tasks of ONLINE workflows protect a
// resource (ProcessDefinitionMapper.listResources filters release_state = 1); tasks hold ids.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, createdId, fresh } from './support.js';

const uses = (online: boolean, path = '/a.sh') => ({
  projects: [{ name: 'p', workflows: [{ name: 'w', online, tasks: [{ name: 't', type: 'SPARK', mainJar: path }] }] }],
});

for (const generation of ['3.0', '3.1'] as const) {
  test(`${generation}: a file used only by an OFFLINE workflow deletes; the task keeps the dangling id`, async (t) => {
    const { emu, api } = await fresh(t, { generation });
    const id = createdId(await api.upload('a.sh', 'x'));
    await emu.seedWorkflows(uses(false));
    assert.equal(code(await api.delete(`/resources/${id}`)), 0);
    const project = (await api.get('/projects/list')).json?.data[0].code;
    const dags = (await api.get(`/projects/${project}/process-definition/all`)).json?.data;
    assert.deepEqual(dags[0].taskDefinitionList[0].taskParams.mainJar, { id });
  });

  test(`${generation}: released ONLINE the same file answers 20014; OFFLINE again it deletes`, async (t) => {
    const { emu, api } = await fresh(t, { generation });
    const id = createdId(await api.upload('a.sh', 'x'));
    await emu.seedWorkflows(uses(false));
    await emu.setWorkflowOnline('p', 'w', true);
    const refused = (await api.delete(`/resources/${id}`)).json;
    assert.deepEqual([refused?.code, refused?.msg], [20014, 'resource file is used by process definition']);
    await emu.setWorkflowOnline('p', 'w', false);
    assert.equal(code(await api.delete(`/resources/${id}`)), 0);
  });
}

test('3.1: a path seeded before its file exists is bound to the id once uploaded, and follows a rename', async (t) => {
  const { emu, api } = await fresh(t);
  await emu.seedWorkflows(uses(true));
  const id = createdId(await api.upload('a.sh', 'x'));
  await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'b.sh', description: '' });
  assert.equal(code(await api.delete(`/resources/${id}`)), 20014);
  const project = (await api.get('/projects/list')).json?.data[0].code;
  const task = (await api.get(`/projects/${project}/process-definition/all`)).json?.data[0].taskDefinitionList[0];
  assert.deepEqual([task.taskParams.mainJar, task.resourceIds], [{ id }, String(id)]);
});

test('3.2: no check on delete: a file used by an ONLINE workflow deletes', async (t) => {
  const { emu, api } = await fresh(t, { generation: '3.2' });
  await emu.seedWorkflows(uses(true));
  await api.upload('a.sh', 'x', -1, 'file:/dolphinscheduler/default/resources/');
  assert.equal(code(await api.delete('/resources', { fullName: 'file:/dolphinscheduler/default/resources/a.sh', tenantCode: 'default' })), 0);
});
