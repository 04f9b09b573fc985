// DELETE /resources/{id} (ResourcesServiceImpl.delete, 3.1.9 and 3.0.6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, createdId, fresh } from './support.js';
import { useResources } from './workflow-support.js';

test('deleting a file removes the row and the stored file', async (t) => {
  const { api, emu } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  assert.deepEqual((await api.delete(`/resources/${id}`)).json?.data, null);
  assert.equal((await emu.snapshot()).size, 0);
  assert.equal(code(await api.mkdir('a.sh')), 0); // nothing left in storage either (no 20011)
});

test('on 3.1 a non-empty directory is refused: 20018 naming it', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('full'));
  await api.upload('a.sh', 'x', dir, '/full');
  const answer = await api.delete(`/resources/${dir}`);
  assert.deepEqual([answer.json?.code, answer.json?.msg], [20018, 'There are files or folders in the current directory:full']);
});

test('on 3.1 an empty directory can be deleted', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('empty'));
  assert.equal(code(await api.delete(`/resources/${dir}`)), 0);
});

test('on 3.0 a directory is deleted with everything below it', async (t) => {
  const { api, emu } = await fresh(t, { generation: '3.0' });
  const dir = createdId(await api.mkdir('full'));
  const sub = createdId(await api.mkdir('sub', dir, '/full'));
  await api.upload('a.sh', 'x', sub, '/full/sub');
  await api.upload('keep.sh', 'y');
  assert.equal(code(await api.delete(`/resources/${dir}`)), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/keep.sh']);
});

test('a resource marked in use by an online workflow is refused: 20014', async (t) => {
  const { api, emu } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  await useResources(emu, ['/a.sh']);
  const answer = await api.delete(`/resources/${id}`);
  assert.deepEqual([answer.json?.code, answer.json?.msg], [20014, 'resource file is used by process definition']);
});

test('the in-use mark follows the resource through a rename (tasks hold ids)', async (t) => {
  const { api, emu } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  await useResources(emu, ['/a.sh']);
  await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'b.sh', description: '' });
  assert.equal(code(await api.delete(`/resources/${id}`)), 20014);
});

test('a resource whose parent directory is in use is refused too: 20014', async (t) => {
  const { api, emu } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const id = createdId(await api.upload('a.sh', 'x', dir, '/d'));
  await useResources(emu, ['/d']);
  assert.equal(code(await api.delete(`/resources/${id}`)), 20014);
});

test('on 3.0 a directory with a used file below it is refused: 20014', async (t) => {
  const { api, emu } = await fresh(t, { generation: '3.0' });
  const dir = createdId(await api.mkdir('d'));
  const sub = createdId(await api.mkdir('e', dir, '/d'));
  await api.upload('a.sh', 'x', sub, '/d/e');
  await useResources(emu, ['/d/e/a.sh']);
  assert.equal(code(await api.delete(`/resources/${dir}`)), 20014);
});

test('an unknown id is 20004', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.delete('/resources/404')), 20004);
});

test('a deleted file takes its size off its ancestor directories', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const a = createdId(await api.upload('a.sh', '1234', dir, '/d'));
  await api.upload('b.sh', '12', dir, '/d');
  await api.delete(`/resources/${a}`);
  assert.equal((await api.get(`/resources/${dir}/query`)).json?.data.size, 2);
});

test('on 3.0 a recursive delete takes a nested size off the grandparent twice (never below 0)', async (t) => {
  const { api } = await fresh(t, { generation: '3.0' });
  const top = createdId(await api.mkdir('top'));
  const mid = createdId(await api.mkdir('mid', top, '/top'));
  await api.upload('a.sh', '12345', mid, '/top/mid');
  await api.upload('b.sh', '1234567', top, '/top');
  assert.equal((await api.get(`/resources/${top}/query`)).json?.data.size, 12);
  await api.delete(`/resources/${mid}`);
  // 12 - 5 (mid's own size) - 5 (a.sh, whose ancestors include top) = 2, not 7.
  assert.equal((await api.get(`/resources/${top}/query`)).json?.data.size, 2);
});

test('taking the workflow offline lifts the check: the delete goes through', async (t) => {
  const { api, emu } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  const used = await useResources(emu, ['/a.sh']);
  assert.equal(code(await api.delete(`/resources/${id}`)), 20014);
  await emu.setWorkflowOnline(used.project, used.workflow, false);
  assert.equal(code(await api.delete(`/resources/${id}`)), 0);
});
