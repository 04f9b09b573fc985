// Changing and reading resources on 3.2: PUT /resources (rename, re-upload), update-content, view,
// download and delete (ResourcesServiceImpl.updateResource, updateResourceContent, readResource,
// downloadResource and delete at 3.2.2; reference §4.4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code } from './support.js';
import { useResources } from './workflow-support.js';
import { codeMsg, freshStorage, ROOT_32 } from './storage-support.js';

test('3.2: PUT without file and with a new name moves the file', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'kept', `${ROOT_32}/d/`);
  assert.deepEqual((await rc.put({ fullName: `${ROOT_32}/d/a.sh`, name: 'b.py' })).json?.data, null);
  const snapshot = await emu.snapshot();
  assert.deepEqual([...snapshot.keys()], ['/d', '/d/b.py']);
  assert.deepEqual(snapshot.get('/d/b.py')?.content, Buffer.from('kept'));
});

test('3.2: PUT renames a directory with everything in it', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x', `${ROOT_32}/old/sub/`);
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/old/`, name: 'new' })), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/new', '/new/sub', '/new/sub/a.sh']);
});

test('3.2: PUT of a directory under its own name answers 20005 (its alias keeps the "/")', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.mkdir('d');
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/d/`, name: 'd' })), 20005);
});

test('3.2: PUT of a file under its own name and no file changes nothing (code 0)', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x');
  emu.clearRequests();
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/a.sh`, name: 'a.sh' })), 0);
  assert.deepEqual((await emu.snapshot()).get('/a.sh')?.content, Buffer.from('x'));
});

test('3.2: PUT onto a name that exists answers 20005', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x');
  await rc.upload('b.sh', 'y');
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/a.sh`, name: 'b.sh' })), 20005);
});

test('3.2: PUT with a file under the same name replaces the content in place', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.jar', 'old');
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/a.jar`, name: 'a.jar' }, { filename: 'a.jar', content: 'new bytes' })), 0);
  assert.deepEqual((await emu.snapshot()).get('/a.jar')?.content, Buffer.from('new bytes'));
});

test('3.2: PUT with a file and a new name uploads there and deletes the old path', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.jar', 'old');
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/a.jar`, name: 'b.jar' }, { filename: 'b.jar', content: 'new' })), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/b.jar']);
});

test('3.2: a re-upload keeps the rules of an upload: 20008 suffix, 10062 empty', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.upload('a.jar', 'old');
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/a.jar`, name: 'a.jar' }, { filename: 'a.zip', content: 'x' })), 20008);
  assert.equal(code(await rc.put({ fullName: `${ROOT_32}/a.jar`, name: 'a.jar' }, { filename: 'a.jar', content: '' })), 10062);
});

test('3.2: PUT of a missing path is a ServiceException: 10000 "Get file status fail, …"', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.deepEqual(codeMsg(await rc.put({ fullName: `${ROOT_32}/none.sh`, name: 'x.sh' })),
    [10000, `Internal Server Error: Get file status fail, resource path: ${ROOT_32}/none.sh`]);
});

test('3.2: update-content rewrites the file (UTF-8, exact bytes)', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.onlineCreate('run', 'sh', 'old');
  assert.deepEqual((await rc.updateContent(`${ROOT_32}/run.sh`, 'ü\r\nnew\n')).json?.data, null);
  assert.deepEqual((await emu.snapshot()).get('/run.sh')?.content, Buffer.from('ü\r\nnew\n'));
});

test('3.2: update-content refuses a missing file (20004), a non-viewable suffix (20006), empty content (10062)', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.upload('a.jar', 'x');
  assert.equal(code(await rc.updateContent(`${ROOT_32}/none.sh`, 'x')), 20004);
  assert.equal(code(await rc.updateContent(`${ROOT_32}/a.jar`, 'x')), 20006);
  assert.equal(code(await rc.updateContent(`${ROOT_32}/a.jar`, '')), 10062);
});

test('3.2: view answers {alias: <full name>, content} with lines skipped and limited', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', '1\r\n2\n3\n4\n');
  assert.deepEqual((await rc.view(`${ROOT_32}/a.sh`, 1, 2)).json?.data, { alias: `${ROOT_32}/a.sh`, content: '2\n3' });
});

test('3.2: view refuses limit -1 (10006), a missing file (20012) and a non-viewable suffix (20006)', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x');
  assert.deepEqual(codeMsg(await rc.view(`${ROOT_32}/a.sh`, 0, -1)), [10006, 'hdfs operation error']);
  assert.deepEqual(codeMsg(await rc.view(`${ROOT_32}/b.sh`, 0, 10)), [20012, `resource file ${ROOT_32}/b.sh not exists !`]);
  assert.equal(code(await rc.view(`${ROOT_32}/a.jar`, 0, 10)), 20006);
});

test('3.2: download answers the bytes with a quoted attachment name', async (t) => {
  const { rc, api } = await freshStorage(t, '3.2');
  const bytes = Buffer.from([0, 255, 10]);
  await rc.upload('a.bin', bytes, `${ROOT_32}/d/`);
  const answer = await api.get('/resources/download', { fullName: `${ROOT_32}/d/a.bin` });
  assert.deepEqual([answer.status, answer.headers.get('content-disposition')], [200, 'attachment; filename="a.bin"']);
  assert.deepEqual(answer.bytes, bytes);
});

test('3.2: download of a directory or a missing file is a ServiceException (10000)', async (t) => {
  const { rc, api } = await freshStorage(t, '3.2');
  await rc.mkdir('d');
  const dir = await api.get('/resources/download', { fullName: `${ROOT_32}/d/` });
  assert.deepEqual(codeMsg(dir), [10000, "Internal Server Error: can't download directory"]);
  const missing = await api.get('/resources/download', { fullName: `${ROOT_32}/x.sh` });
  assert.deepEqual(codeMsg(missing), [10000, 'Internal Server Error: Download the resource file failed ,it may be related to your storage']);
});

test('3.2: delete is recursive, with no non-empty check', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x', `${ROOT_32}/d/sub/`);
  await rc.upload('keep.sh', 'x');
  assert.deepEqual((await rc.remove(`${ROOT_32}/d/`)).json?.data, null);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/keep.sh']);
});

test('3.2: delete of a missing path is a ServiceException: 10000 "… The path does not exist. Resource path: …"', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.deepEqual(codeMsg(await rc.remove(`${ROOT_32}/none`)),
    [10000, `Internal Server Error: The path does not exist. Resource path: ${ROOT_32}/none`]);
});

test('3.2: no in-use check: a resource used by an online workflow deletes', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x', `${ROOT_32}/d/`);
  await useResources(emu, ['/d/a.sh']);
  assert.equal(code(await rc.remove(`${ROOT_32}/d/`)), 0);
  assert.equal((await emu.snapshot()).size, 0);
});

test('3.2: every path parameter is checked: "../" or a path outside the storage answers 20020', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.remove(`${ROOT_32}/../../x`)), 20020);
  assert.equal(code(await rc.remove('/etc')), 20020);
  assert.equal(code(await rc.view('/etc/passwd.txt', 0, 10)), 20020);
  assert.equal(code(await rc.updateContent('/tmp/a.sh', 'x')), 20020);
});
