// PUT /resources/{id}: rename, description, re-upload (ResourcesServiceImpl.updateResource, 3.1.9).
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { code, createdId, fresh, tempDir } from './support.js';

test('without description, file and with the same name: NullPointerException, answered 10055', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  const answer = await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'a.sh' });
  assert.deepEqual([answer.json?.code, answer.json?.msg], [10055, 'update resource error']);
});

test('nothing changed (same name and description, no file): success with null data', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x', -1, '/', { description: 'd' }));
  const answer = await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'a.sh', description: 'd' });
  assert.deepEqual([answer.json?.code, answer.json?.data], [0, null]);
});

test('a rename keeps the id and moves the file in storage', async (t) => {
  const storageDir = join(await tempDir(t), 's');
  const { api, emu } = await fresh(t, { storageDir });
  const id = createdId(await api.upload('a.sh', 'echo a'));
  const answer = await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'b.sh', description: '' });
  assert.equal(answer.json?.data.fullName, '/b.sh');
  assert.equal(answer.json?.data.id, id);
  assert.equal(await readFile(join(storageDir, 'default/resources/b.sh'), 'utf8'), 'echo a');
  await assert.rejects(stat(join(storageDir, 'default/resources/a.sh')));
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/b.sh']);
});

test('a re-upload with the same name replaces the content, keeps the id and fixes directory sizes', async (t) => {
  const { api, emu } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const id = createdId(await api.upload('a.jar', 'abc', dir, '/d'));
  const answer = await api.multipart('PUT', `/resources/${id}`, { type: 'FILE', name: 'a.jar', description: '' }, { filename: 'a.jar', content: 'abcdefg' });
  assert.deepEqual([answer.json?.code, answer.json?.data.id, answer.json?.data.size], [0, id, 7]);
  assert.equal((await emu.snapshot()).get('/d/a.jar')?.content?.toString(), 'abcdefg');
  assert.equal((await api.get(`/resources/${dir}/query`)).json?.data.size, 7);
});

test('a re-upload checks the file like an upload: an extension other than the name is 20008', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  const answer = await api.multipart('PUT', `/resources/${id}`, { type: 'FILE', name: 'a.sh', description: '' }, { filename: 'a.py', content: 'y' });
  assert.equal(code(answer), 20008);
});

test('a rename onto an existing name is refused: 20005', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  createdId(await api.upload('b.sh', 'y'));
  assert.equal(code(await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'b.sh', description: '' })), 20005);
});

test('on 3.1 an unknown id fails the permission check first: 1400001', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.form('PUT', '/resources/77', { type: 'FILE', name: 'x.sh', description: '' });
  assert.deepEqual([answer.json?.code, answer.json?.msg], [1400001, 'The current user does not have this permission.']);
});

test('on 3.0 an unknown id is 20004', async (t) => {
  const { api } = await fresh(t, { generation: '3.0' });
  assert.equal(code(await api.form('PUT', '/resources/77', { type: 'FILE', name: 'x.sh', description: '' })), 20004);
});

test('renaming a directory renames what is below it', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('old'));
  const sub = createdId(await api.mkdir('sub', dir, '/old'));
  await api.upload('a.sh', 'x', sub, '/old/sub');
  assert.equal(code(await api.form('PUT', `/resources/${dir}`, { type: 'FILE', name: 'new', description: '' })), 0);
  const found = await api.get('/resources/0', { fullName: '/new/sub/a.sh', type: 'FILE' });
  assert.equal(code(found), 0);
  const content = await api.get(`/resources/${found.json?.data.id}/download`);
  assert.equal(content.text, 'x');
});

test('a rename to an alias over 64 characters fails in the database: 10055, nothing changes', async (t) => {
  const { api, emu } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  const answer = await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: `${'n'.repeat(62)}.sh`, description: '' });
  assert.equal(code(answer), 10055);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/a.sh']);
});

test('a description over 255 characters is refused on 3.1: 1400004', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'x'));
  assert.equal(code(await api.form('PUT', `/resources/${id}`, { type: 'FILE', name: 'a.sh', description: 'x'.repeat(256) })), 1400004);
});
