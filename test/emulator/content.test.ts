// Online create, update-content, view and download (ResourcesController/ResourcesServiceImpl 3.1.9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, createdId, fresh } from './support.js';

test('online-create stores the content as UTF-8 and answers null data', async (t) => {
  const { api, emu } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const answer = await api.onlineCreate('run', 'sh', 'echo é\r\n', dir, '/d');
  assert.deepEqual([answer.json?.code, answer.json?.data], [0, null]);
  const stored = (await emu.snapshot()).get('/d/run.sh');
  assert.deepEqual(stored?.content, Buffer.from('echo é\r\n', 'utf8'));
  assert.equal((await api.get(`/resources/${dir}/query`)).json?.data.size, 9);
});

test('online-create accepts only the resource.view.suffixs whitelist, exactly: 20006', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.onlineCreate('a', 'jar', 'x');
  assert.deepEqual([answer.json?.code, answer.json?.msg], [20006, 'resource suffix do not support online viewing']);
  assert.equal(code(await api.onlineCreate('b', 'SH', 'x')), 20006);
  assert.equal(code(await api.onlineCreate('c', ' sh ', 'x')), 0);
});

test('online-create with empty content is refused by the controller: 10062', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.onlineCreate('a', 'sh', '')), 10062);
});

test('online-create has no 128-character check: an over-long full name fails at the insert (10061)', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'.repeat(64)));
  const sub = createdId(await api.mkdir('e'.repeat(60), dir, `/${'d'.repeat(64)}`));
  const answer = await api.onlineCreate('abc', 'sh', 'x', sub, `/${'d'.repeat(64)}/${'e'.repeat(60)}`);
  assert.deepEqual([answer.json?.code, answer.json?.msg], [10061, 'create resource file online error']);
});

test('update-content rewrites the file, keeps the id and updates sizes', async (t) => {
  const { api, emu } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const id = createdId(await api.upload('a.sh', '1', dir, '/d'));
  const answer = await api.form('PUT', `/resources/${id}/update-content`, { content: 'echo new' });
  assert.deepEqual([answer.json?.code, answer.json?.data], [0, null]);
  const entry = (await emu.snapshot()).get('/d/a.sh');
  assert.equal(entry?.id, id);
  assert.equal(entry?.content?.toString(), 'echo new');
  assert.equal((await api.get(`/resources/${dir}/query`)).json?.data.size, 8);
});

test('update-content with empty content is refused: 10062', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', '1'));
  assert.equal(code(await api.form('PUT', `/resources/${id}/update-content`, { content: '' })), 10062);
});

test('update-content of a file whose suffix is not viewable is refused: 20006', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.jar', '1'));
  assert.equal(code(await api.form('PUT', `/resources/${id}/update-content`, { content: 'x' })), 20006);
});

test('view joins lines with \\n: CRLF becomes LF and the last line ending is lost', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.txt', 'one\r\ntwo\rthree\nfour\n'));
  const all = await api.get(`/resources/${id}/view`, { skipLineNum: 0, limit: 3000 });
  assert.deepEqual(all.json?.data, { alias: 'a.txt', content: 'one\ntwo\nthree\nfour' });
  const some = await api.get(`/resources/${id}/view`, { skipLineNum: 1, limit: 2 });
  assert.equal(some.json?.data.content, 'two\nthree');
});

test('view with a negative limit fails in the stream: 10006', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.txt', 'x'));
  assert.equal(code(await api.get(`/resources/${id}/view`, { skipLineNum: 0, limit: -1 })), 10006);
});

test('download answers the raw bytes with Content-Disposition naming the alias', async (t) => {
  const { api } = await fresh(t);
  const bytes = Buffer.from([0xff, 0x00, 0x0d, 0x0a]);
  const id = createdId(await api.upload('a.bin', bytes));
  const answer = await api.get(`/resources/${id}/download`);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.bytes, bytes);
  assert.equal(answer.headers.get('content-disposition'), 'attachment; filename="a.bin"');
});

test('download of an unknown id is HTTP 400 with the text "resource not exist"', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.get('/resources/999/download');
  assert.equal(answer.status, 400);
  assert.equal(answer.text, 'resource not exist');
  assert.equal(answer.json, undefined);
});

test('download of a directory is 10000 "can\'t download directory"', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const answer = await api.get(`/resources/${dir}/download`);
  assert.deepEqual([answer.json?.code, answer.json?.msg], [10000, "Internal Server Error: can't download directory"]);
});
