// Changing and reading resources on 3.3: the three behaviours of PUT /resources, update-content,
// view, download and delete (ResourcesController/ResourcesServiceImpl and validators, dev at 7e0095dca1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code } from './support.js';
import { useResources } from './workflow-support.js';
import { codeMsg, freshStorage, loginAs, ROOT_33, TWO_TENANTS } from './storage-support.js';

test('3.3: PUT with a name without extension renames a directory, content included', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', 'x', `${ROOT_33}/old/sub`);
  assert.deepEqual((await rc.put({ fullName: `${ROOT_33}/old`, name: 'new' })).json?.data, null);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/new', '/new/sub', '/new/sub/a.sh']);
});

test('3.3: a directory fullName with a trailing "/" makes the target its own child: the copy fails', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.mkdir('old');
  assert.deepEqual(codeMsg(await rc.put({ fullName: `${ROOT_33}/old/`, name: 'new' })),
    [10055, `update resource error:Cannot copy ${ROOT_33}/old to its subdirectory ${ROOT_33}/old/new`]);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/old']);
});

test('3.3: PUT with an extension and no file renames a file; the target must not exist', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', 'kept', `${ROOT_33}/d`);
  await rc.upload('c.sh', 'x', `${ROOT_33}/d`);
  assert.equal(code(await rc.put({ fullName: `${ROOT_33}/d/a.sh`, name: 'b.py' })), 0);
  assert.deepEqual((await emu.snapshot()).get('/d/b.py')?.content, Buffer.from('kept'));
  assert.deepEqual(codeMsg(await rc.put({ fullName: `${ROOT_33}/d/b.py`, name: 'c.sh' })),
    [10000, `Internal Server Error: The resource is already exist: ${ROOT_33}/d/c.sh`]);
});

test('3.3: PUT with a file re-uploads fullName and ignores name; the extension must not change, case included', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.upload('a.jar', 'old');
  assert.equal(code(await rc.put({ fullName: `${ROOT_33}/a.jar`, name: 'z.zip' }, { filename: 'x.jar', content: 'new' })), 0);
  assert.deepEqual([...(await emu.snapshot()).entries()].map(([k, v]) => [k, v.content?.toString()]), [['/a.jar', 'new']]);
  assert.deepEqual(codeMsg(await rc.put({ fullName: `${ROOT_33}/a.jar`, name: 'a.jar' }, { filename: 'a.JAR', content: 'x' })),
    [10000, 'Internal Server Error: file extension cannot not change']);
  assert.equal(code(await rc.put({ fullName: `${ROOT_33}/a.jar`, name: 'a.jar' }, { filename: 'a.jar', content: '' })), 0);
});

test('3.3: PUT of a missing path: "Thr resource is not exists" (sic)', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.put({ fullName: `${ROOT_33}/none`, name: 'x' })),
    [10000, `Internal Server Error: Thr resource is not exists: ${ROOT_33}/none`]);
});

test('3.3: update-content rewrites a file (UTF-8, exact bytes)', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.onlineCreate('run', 'sh', 'old');
  assert.equal(code(await rc.updateContent(`${ROOT_33}/run.sh`, 'ü\r\nnew\n')), 0);
  assert.deepEqual((await emu.snapshot()).get('/run.sh')?.content, Buffer.from('ü\r\nnew\n'));
});

test('3.3: update-content keeps the view whitelist and wants content', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.upload('a.jar', 'x');
  await rc.upload('b.sh', 'x');
  assert.deepEqual(codeMsg(await rc.updateContent(`${ROOT_33}/a.jar`, 'x')), [10000, 'Internal Server Error: The file type: jar cannot be fetched']);
  assert.deepEqual(codeMsg(await rc.updateContent(`${ROOT_33}/b.sh`, '')), [10000, 'Internal Server Error: The file content is null']);
  assert.equal(code(await rc.updateContent(`${ROOT_33}/none.sh`, 'x')), 10000);
});

test('3.3: view with limit -1 reads everything; data is {content}', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', '1\r\n2\n3\n');
  assert.deepEqual((await rc.view(`${ROOT_33}/a.sh`, 1, -1)).json?.data, { content: '2\n3' });
});

test('3.3: view with any other limit reads skipLineNum lines (the controller passes skipLineNum as limit)', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', '1\n2\n3\n4\n5\n');
  assert.deepEqual((await rc.view(`${ROOT_33}/a.sh`, 0, 100)).json?.data, { content: '' });
  assert.deepEqual((await rc.view(`${ROOT_33}/a.sh`, 2, 1)).json?.data, { content: '3\n4' });
});

test('3.3: view refuses a negative skip, a non-viewable type, and a missing file', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.view(`${ROOT_33}/a.sh`, -1, -1)), [10000, 'Internal Server Error: skipLineNum must be greater than or equal to 0']);
  assert.equal(code(await rc.view(`${ROOT_33}/a.jar`, 0, -1)), 10000);
  assert.deepEqual(codeMsg(await rc.view(`${ROOT_33}/none.sh`, 0, -1)),
    [10060, `view resource file online error:File ${ROOT_33}/none.sh does not exist`]);
});

test('3.3: download writes application/octet-stream with an unquoted attachment name', async (t) => {
  const { rc, api } = await freshStorage(t, '3.3');
  const bytes = Buffer.from([0, 255, 10]);
  await rc.upload('a.bin', bytes, `${ROOT_33}/d`);
  const answer = await api.get('/resources/download', { fullName: `${ROOT_33}/d/a.bin` });
  assert.deepEqual([answer.status, answer.headers.get('content-type'), answer.headers.get('content-disposition')],
    [200, 'application/octet-stream;charset=utf-8', 'attachment;filename=a.bin']);
  assert.deepEqual(answer.bytes, bytes);
});

test('3.3: download checks existence first, then that the path names a file', async (t) => {
  const { rc, api } = await freshStorage(t, '3.3');
  await rc.mkdir('d');
  assert.equal((await api.get('/resources/download', { fullName: '/etc/passwd' })).json?.msg,
    'Internal Server Error: Thr resource is not exists: /etc/passwd');
  assert.equal((await api.get('/resources/download', { fullName: `${ROOT_33}/d` })).json?.msg,
    `Internal Server Error: The path is not a file: ${ROOT_33}/d`);
});

test('3.3: delete is recursive; a missing path answers "Thr resource is not exists"', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', 'x', `${ROOT_33}/d/sub`);
  assert.equal(code(await rc.remove(`${ROOT_33}/d`)), 0);
  assert.equal((await emu.snapshot()).size, 0);
  assert.deepEqual(codeMsg(await rc.remove(`${ROOT_33}/d`)), [10000, `Internal Server Error: Thr resource is not exists: ${ROOT_33}/d`]);
});

test('3.3: no in-use check: a resource used by an online workflow deletes', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', 'x');
  await useResources(emu, ['/a.sh']);
  assert.equal(code(await rc.remove(`${ROOT_33}/a.sh`)), 0);
});

test('3.3: a path outside the storage base is refused: "Invalidated resource path"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.remove('/tmp/x')), [10000, 'Internal Server Error: Invalidated resource path: /tmp/x']);
  assert.deepEqual(codeMsg(await rc.remove(' ')), [10000, 'Internal Server Error: The resource path is null']);
});

test('3.3: a general user may only touch paths of their tenant', async (t) => {
  const { api, rc } = await freshStorage(t, '3.3', { users: TWO_TENANTS });
  await rc.upload('a.sh', 'x');
  const alice = rc.as(await loginAs(api, 'alice', 'alice-pw'));
  assert.deepEqual(codeMsg(await alice.remove(`${ROOT_33}/a.sh`)),
    [10000, `Internal Server Error: The user's tenant is tenant_a have no permission to access the resource: ${ROOT_33}/a.sh`]);
  assert.equal(code(await alice.upload('b.sh', 'x')), 0);
  assert.equal(code(await alice.remove('file:/tmp/dolphinscheduler/tenant_a/resources/b.sh')), 0);
});
