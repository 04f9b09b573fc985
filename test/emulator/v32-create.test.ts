// Creating on 3.2: directories, uploads and online-create, with 3.2.2's currentDir rules
// (ResourcesServiceImpl.createDirectory/uploadResource/createResourceFile; reference §4.1, §4.4, §4.5).
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { code, tempDir } from './support.js';
import { codeMsg, freshStorage, ROOT_32 } from './storage-support.js';

test('3.2: a directory at "/" answers data null and lands at <storage>/<tenant>/resources', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  const { rc, emu } = await freshStorage(t, '3.2', { storageDir });
  const answer = await rc.mkdir('gitlab');
  assert.deepEqual(answer.json, { code: 0, msg: 'success', data: null, success: true, failed: false });
  assert.ok((await stat(join(storageDir, 'default', 'resources', 'gitlab'))).isDirectory());
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/gitlab']);
});

test('3.2: pid is required on POST /resources/directory (10054 without it) but ignored', async (t) => {
  const { rc, api, emu } = await freshStorage(t, '3.2');
  const noPid = await api.form('POST', '/resources/directory', { type: 'FILE', name: 'a', currentDir: '/' });
  assert.deepEqual(codeMsg(noPid), [10054, 'create resource error']);
  assert.equal(code(await rc.mkdir('b', '/', { pid: 4242 })), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/b']);
});

test('3.2: a sub-directory is addressed by its parent full name with the trailing slash', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.mkdir('gitlab');
  assert.equal(code(await rc.mkdir('sub', `${ROOT_32}/gitlab/`)), 0);
  assert.equal(code(await rc.upload('a.sh', 'echo', `${ROOT_32}/gitlab/sub/`)), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/gitlab', '/gitlab/sub', '/gitlab/sub/a.sh']);
});

test('3.2: without the trailing slash the name is glued onto the parent name', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  await rc.mkdir('gitlab');
  assert.equal(code(await rc.upload('a.sh', 'x', `${ROOT_32}/gitlab`)), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/gitlab', '/gitlaba.sh']);
});

test('3.2: parents are created implicitly; nothing checks that currentDir exists', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.upload('x.sh', 'x', `${ROOT_32}/a/b/`)), 0);
  assert.equal(code(await rc.onlineCreate('y', 'sh', 'y', `${ROOT_32}/c/`)), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/a', '/a/b', '/a/b/x.sh', '/c', '/c/y.sh']);
});

test('3.2: currentDir "" and "/" both mean the tenant root', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.mkdir('d1', '')), 0);
  assert.equal(code(await rc.upload('f.sh', 'x', '')), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/d1', '/f.sh']);
});

test('3.2.2: a 3.1-style currentDir ("/gitlab") answers 20020 on every create', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  assert.deepEqual(codeMsg(await rc.mkdir('d', '/gitlab')), [20020, 'Resource file [/gitlab] is illegal']);
  assert.equal(code(await rc.upload('a.sh', 'x', '/gitlab')), 20020);
  assert.equal(code(await rc.onlineCreate('b', 'sh', 'x', '/gitlab')), 20020);
  assert.equal((await emu.snapshot()).size, 0);
});

test('3.2.2: a currentDir with "../" answers 20020 even inside the root', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.mkdir('d', `${ROOT_32}/a/../`)), 20020);
});

test('3.2.2: a currentDir of another tenant passes the check and silently targets the caller root', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.upload('a.sh', 'x', 'file:/dolphinscheduler/other/resources/dir/')), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/a.sh']);
});

test('legacyCurrentDir quirk (3.2.0/3.2.1, issue #16502): "/gitlab" silently creates at the root', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2', { quirks: { legacyCurrentDir: true } });
  await rc.mkdir('gitlab');
  assert.equal(code(await rc.mkdir('d', '/gitlab')), 0);
  assert.equal(code(await rc.upload('a.sh', 'x', '/gitlab')), 0);
  assert.equal(code(await rc.onlineCreate('b', 'sh', 'x', '/gitlab')), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/a.sh', '/b.sh', '/d', '/gitlab']);
});

for (const name of ['a/b', '.', '..']) {
  test(`3.2: name "${name}" fails the traversal check: 1300009`, async (t) => {
    const { rc } = await freshStorage(t, '3.2');
    assert.deepEqual(codeMsg(await rc.mkdir(name)), [1300009, 'The file name verify failed']);
    assert.equal(code(await rc.onlineCreate(name, 'sh', 'x')), 1300009);
  });
}

test('3.2: upload name and original file name are both checked for traversal: 1300009', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.upload('..', 'x')), 1300009);
  assert.equal(code(await rc.upload('a.sh', 'x', '/', {}, 'dir/a.sh')), 1300009);
});

test('3.2: an empty file is refused: 10062', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.deepEqual(codeMsg(await rc.upload('a.sh', '')), [10062, 'resource file is empty']);
});

test('3.2: the name must carry the uploaded file extension, case aside: 20008', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.equal(code(await rc.upload('a.sh', 'x', '/', {}, 'a.py')), 20008);
  assert.equal(code(await rc.upload('c.SH', 'x', '/', {}, 'c.sh')), 0);
  assert.equal(code(await rc.upload('Makefile', 'x')), 0);
});

test('3.2: a file over the service size limit answers 20007 (limit lowered for the test)', async (t) => {
  const { rc } = await freshStorage(t, '3.2', { limits: { maxFileSize: 10 } });
  assert.equal(code(await rc.upload('a.sh', 'x'.repeat(11))), 20007);
});

test('3.2: a computed path that exists answers 20005, whether file or directory is there', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.mkdir('d');
  await rc.upload('a.sh', 'x');
  assert.deepEqual(codeMsg(await rc.upload('a.sh', 'y')), [20005, 'resource already exists']);
  assert.equal(code(await rc.upload('d', 'y')), 20005);
  assert.equal(code(await rc.mkdir('a.sh')), 20005);
  assert.equal(code(await rc.onlineCreate('a', 'sh', 'y')), 20005);
});

test('3.2: an upload whose absolute full name is over 128 characters answers 1300015', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  // "file:/dolphinscheduler/default/resources/" is 41 characters: 87 are left for the name.
  assert.equal(code(await rc.upload(`${'a'.repeat(85)}.sh`, 'x')), 1300015);
  assert.equal(code(await rc.upload(`${'a'.repeat(84)}.sh`, 'x')), 0);
  assert.equal(code(await rc.onlineCreate('b'.repeat(100), 'sh', 'x')), 0); // no length check there
});

test('3.2: the 128 limit shrinks with a longer storage base URI', async (t) => {
  const { rc } = await freshStorage(t, '3.2', { storageBaseUri: 'hdfs://namenode:8020/dolphinscheduler' });
  assert.equal(code(await rc.upload(`${'a'.repeat(84)}.sh`, 'x')), 1300015);
});

test('3.2: online-create wants a viewable suffix (20006), trimmed, and non-empty content (10062)', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.2');
  assert.deepEqual(codeMsg(await rc.onlineCreate('a', 'jar', 'x')), [20006, 'resource suffix do not support online viewing']);
  assert.equal(code(await rc.onlineCreate('a', 'sh', '')), 10062);
  assert.deepEqual(codeMsg(await rc.onlineCreate(' run ', ' sh ', 'échö\r\n')), [0, 'success']);
  assert.deepEqual((await emu.snapshot()).get('/run.sh')?.content, Buffer.from('échö\r\n'));
});

test('3.2: an upload is stored byte for byte at its full name', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  const { rc } = await freshStorage(t, '3.2', { storageDir });
  const bytes = Buffer.from([0, 1, 2, 255, 13, 10]);
  assert.equal(code(await rc.upload('a.bin', bytes, `${ROOT_32}/g/`)), 0);
  assert.deepEqual(await readFile(join(storageDir, 'default', 'resources', 'g', 'a.bin')), bytes);
});

test('3.2: a user without a tenant cannot create: 10181', async (t) => {
  const { rc } = await freshStorage(t, '3.2', { users: [{ name: 'admin', password: 'pw', tenant: null, admin: true }] });
  assert.deepEqual(codeMsg(await rc.mkdir('d')), [10181, 'the tenant of the currently login user is not specified']);
  assert.equal(code(await rc.upload('a.sh', 'x')), 10181);
});
