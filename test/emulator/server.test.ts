// The emulator as a test instrument: request log, write count, fault rules, stop/restart, snapshot, CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import { code, createdId, fresh } from './support.js';

test('the request log holds method, path relative to /dolphinscheduler, query, status and code', async (t) => {
  const { api, emu } = await fresh(t);
  await api.get('/resources/list', { type: 'FILE' });
  await api.get('/resources/base-dir', { type: 'FILE' });
  await api.withHeaders({}).get('/resources/list');
  assert.deepEqual(emu.requests, [
    { method: 'GET', path: '/resources/list', query: 'type=FILE', status: 200, dsCode: 0 },
    { method: 'GET', path: '/resources/base-dir', query: 'type=FILE', status: 200, dsCode: 20004 },
    { method: 'GET', path: '/resources/list', query: '', status: 401 },
  ]);
  emu.clearRequests();
  assert.equal(emu.requests.length, 0);
});

test('writeCount counts POST, PUT and DELETE, refused ones too, but not /login', async (t) => {
  const { api, emu } = await fresh(t);
  await api.withHeaders({}).form('POST', '/login', { userName: 'admin', userPassword: 'dolphinscheduler123' });
  const id = createdId(await api.upload('a.sh', 'x'));
  await api.upload('a.sh', 'x'); // 20005, still an attempt
  await api.get('/resources/list', { type: 'FILE' });
  await api.delete(`/resources/${id}`);
  assert.equal(emu.writeCount(), 3);
  emu.clearRequests();
  assert.equal(emu.writeCount(), 0);
});

test('a fault answers a status and body instead of the handler, for `times` requests', async (t) => {
  const { api, emu } = await fresh(t);
  emu.addFault({ pathPrefix: '/resources', method: 'post', status: 503, body: 'busy', times: 1 });
  const faulted = await api.mkdir('d');
  assert.deepEqual([faulted.status, faulted.text], [503, 'busy']);
  assert.equal(code(await api.get('/resources/list', { type: 'FILE' })), 0); // other method: untouched
  assert.equal(code(await api.mkdir('d')), 0); // used up
  assert.equal((await emu.snapshot()).size, 1);
});

test('a `writes` fault matches only POST, PUT and DELETE (not /login), after letting `skip` of them through', async (t) => {
  const { api, emu } = await fresh(t);
  emu.addFault({ pathPrefix: '/', writes: true, skip: 1, status: 503 });
  await api.withHeaders({}).form('POST', '/login', { userName: 'admin', userPassword: 'dolphinscheduler123' });
  assert.equal(code(await api.mkdir('d')), 0); // the one let through
  assert.equal(code(await api.get('/resources/list', { type: 'FILE' })), 0); // a read: untouched
  assert.equal((await api.mkdir('e')).status, 503);
});

test('a fault can be cleared', async (t) => {
  const { api, emu } = await fresh(t);
  emu.addFault({ pathPrefix: '/', status: 500 });
  assert.equal((await api.get('/resources/list', { type: 'FILE' })).status, 500);
  emu.clearFaults();
  assert.equal((await api.get('/resources/list', { type: 'FILE' })).status, 200);
});

test('a delay fault answers late, then runs the real handler', async (t) => {
  const { api, emu } = await fresh(t);
  emu.addFault({ pathPrefix: '/resources/directory', delayMs: 150 });
  const started = Date.now();
  assert.equal(code(await api.mkdir('d')), 0);
  assert.ok(Date.now() - started >= 140);
});

test('a hang fault never answers; the request is logged with status 0 once the client gives up', async (t) => {
  const { emu } = await fresh(t);
  emu.addFault({ pathPrefix: '/resources/list', hang: true });
  await assert.rejects(fetch(`${emu.url}/resources/list?type=FILE`, {
    headers: { token: emu.token }, signal: AbortSignal.timeout(100),
  }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(emu.requests.map((r) => [r.path, r.status]), [['/resources/list', 0]]);
});

test('stop takes the server away; restart brings it back on the same port with the same state', async (t) => {
  const { api, emu } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'kept'));
  await emu.stop();
  await assert.rejects(fetch(`${emu.url}/resources/list?type=FILE`, { headers: { token: emu.token } }));
  await emu.restart();
  assert.equal((await api.get(`/resources/${id}/download`)).text, 'kept');
  await emu.restart(); // also works while running
  assert.equal(code(await api.get(`/resources/${id}/query`)), 0);
});

test('snapshot lists files and directories by 3.1 full name with id, content and description', async (t) => {
  const { api, emu } = await fresh(t);
  const dir = createdId(await api.mkdir('gitlab', -1, '/', { description: 'repo' }));
  const id = createdId(await api.upload('a.sh', 'echo', dir, '/gitlab'));
  const snapshot = await emu.snapshot();
  assert.deepEqual([...snapshot.entries()], [
    ['/gitlab', { kind: 'dir', id: dir, description: 'repo' }],
    ['/gitlab/a.sh', { kind: 'file', id, description: '', content: Buffer.from('echo') }],
  ]);
});

test('an unknown generation is refused by startEmulator', async () => {
  await assert.rejects(startEmulator({ generation: '3.9' as '3.1' }), /3\.9 is not emulated/);
});

const mainJs = fileURLToPath(new URL('../../src/emulator/main.js', import.meta.url));

test('dolps-emulator prints one line with URL and token and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [mainJs, '--port', '0', '--token', 'cli-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [chunk] = await once(child.stdout, 'data') as [Buffer];
  const line = chunk.toString();
  const match = /^dolps-emulator 3\.1 listening on (http:\/\/127\.0\.0\.1:\d+\/dolphinscheduler) token cli-token\n$/.exec(line);
  assert.ok(match, line);
  const answer = await fetch(`${match[1]}/resources/list?type=FILE`, { headers: { token: 'cli-token' } });
  assert.equal(((await answer.json()) as { code: number }).code, 0);
  child.kill('SIGTERM');
  const [exitCode] = await once(child, 'exit') as [number];
  assert.equal(exitCode, 0);
});

test('dolps-emulator --api 3.9 says which generations it emulates and exits 2', async () => {
  const child = spawn(process.execPath, [mainJs, '--api', '3.9'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [exitCode] = await once(child, 'exit') as [number];
  assert.equal(exitCode, 2);
  assert.match(stderr, /--api 3\.9 is not emulated; choose one of 3\.0, 3\.1, 3\.2, 3\.3\n/);
});
