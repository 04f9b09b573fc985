// How requests are bound and answered: the envelope, parameter sources, the @ApiException codes
// for unbindable requests, request mapping, and the version probes of reference §8.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, createdId, fresh } from './support.js';

test('every JSON answer is the {code,msg,data,success,failed} envelope', async (t) => {
  const { api } = await fresh(t);
  const ok = await api.get('/resources/list', { type: 'FILE' });
  assert.deepEqual(ok.json, { code: 0, msg: 'success', data: [], success: true, failed: false });
  const refused = await api.get('/resources/9/query');
  assert.deepEqual(refused.json, { code: 20004, msg: 'resource not exist', data: null, success: false, failed: true });
  assert.equal(refused.status, 200);
});

test('parameters bind from the query string, a form body, or multipart text parts alike', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.send('POST', '/resources/directory?type=FILE&name=q&pid=-1&currentDir=/')), 0);
  assert.equal(code(await api.form('POST', '/resources/directory', { type: 'FILE', name: 'f', pid: -1, currentDir: '/' })), 0);
  assert.equal(code(await api.multipart('POST', '/resources/directory', { type: 'FILE', name: 'm', pid: -1, currentDir: '/' })), 0);
  const names = (await api.get('/resources/list', { type: 'FILE' })).json?.data.map((n: { name: string }) => n.name);
  assert.deepEqual(names, ['q', 'f', 'm']);
});

test('a missing required parameter answers HTTP 200 with the endpoint code (10054 for upload)', async (t) => {
  const { api } = await fresh(t);
  const noFile = await api.multipart('POST', '/resources', { type: 'FILE', name: 'a.sh', pid: -1, currentDir: '/' });
  assert.equal(noFile.status, 200);
  assert.deepEqual([noFile.json?.code, noFile.json?.msg], [10054, 'create resource error']);
  const noName = await api.multipart('POST', '/resources', { type: 'FILE', pid: -1, currentDir: '/' }, { filename: 'a.sh', content: 'x' });
  assert.equal(code(noName), 10054);
});

test('each endpoint answers an unbindable request with its own code', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.form('POST', '/resources/directory', { type: 'FILE', name: 'd', pid: -1 })), 10054);
  assert.equal(code(await api.form('PUT', '/resources/1', { type: 'FILE' })), 10055);
  assert.equal(code(await api.get('/resources/list')), 10056);
  assert.equal(code(await api.get('/resources', { type: 'FILE', id: -1, pageNo: 1 })), 10057);
  assert.equal(code(await api.delete('/resources/abc')), 10058);
  assert.equal(code(await api.get('/resources/verify-name', { type: 'FILE' })), 10059);
  assert.equal(code(await api.get('/resources/1/view', { skipLineNum: 0 })), 10060);
  assert.equal(code(await api.form('POST', '/resources/online-create', { type: 'FILE', fileName: 'a', suffix: 'sh' })), 10061);
  assert.equal(code(await api.form('PUT', '/resources/1/update-content', {})), 10063);
  assert.equal(code(await api.get('/resources/x/download')), 10064);
});

test('enum values are exact and case-sensitive: type=file is unbindable', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.get('/resources/list', { type: 'file' })), 10056);
  assert.equal(code(await api.get('/resources/list', { type: ' FILE ' })), 0);
});

test('ints convert as Spring converts them: whitespace dropped, hex accepted', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.mkdir('d'));
  assert.equal(code(await api.get(`/resources/0x${id.toString(16)}/query`)), 0);
  assert.equal(code(await api.get('/resources', { type: 'FILE', id: ' -1 ', pageNo: 1, pageSize: 10 })), 0);
});

test('GET /resources/base-dir is GET /resources/{id} with a non-numeric id: 20004 (how clients tell < 3.2)', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.get('/resources/base-dir', { type: 'FILE' });
  assert.equal(answer.status, 200);
  assert.deepEqual([answer.json?.code, answer.json?.msg], [20004, 'resource not exist']);
});

test('GET /favourite/taskTypes exists on 3.1 and is 404 on 3.0', async (t) => {
  const { api: v31 } = await fresh(t, { generation: '3.1' });
  const answer = await v31.get('/favourite/taskTypes');
  assert.equal(code(answer), 0);
  assert.ok(answer.json?.data.some((task: { taskName: string }) => task.taskName === 'SHELL'));
  const { api: v30 } = await fresh(t, { generation: '3.0' });
  assert.equal((await v30.get('/favourite/taskTypes')).status, 404);
});

test('a path mapped only for other methods is 405, even without credentials', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.withHeaders({}).send('POST', '/resources/list');
  assert.equal(answer.status, 405);
  assert.equal((answer.json as unknown as { error: string }).error, 'Method Not Allowed');
  // Spring lists the methods of every pattern that matched, /resources/{id} included.
  assert.deepEqual(answer.headers.get('allow')?.split(', ').sort(), ['DELETE', 'GET', 'PUT']);
});

test('a trailing slash maps like the path without it', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.get('/resources/list/', { type: 'FILE' })), 0);
});

test('a repeated String parameter is bound comma-joined', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.send('POST', '/resources/directory?type=FILE&name=a&name=b&pid=-1&currentDir=/');
  assert.equal(answer.json?.data.fullName, '/a,b');
});

test('a url-encoded POST body over 5,000,000 bytes is refused with the endpoint code', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.onlineCreate('big', 'txt', 'x'.repeat(5_000_001));
  assert.equal(code(answer), 10061);
  assert.equal(code(await api.onlineCreate('small', 'txt', 'x'.repeat(4_000_000))), 0);
});
