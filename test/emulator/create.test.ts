// Creating directories and uploading files on 3.0/3.1 (ResourcesServiceImpl.createDirectory and
// createResource; reference §3.4, §3.5).
import assert from 'node:assert/strict';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { code, createdId, fresh, tempDir, type Api } from './support.js';

test('a directory is a row (data = the Resource map) and a directory in <storage>/<tenant>/resources', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  const { api } = await fresh(t, { storageDir });
  const answer = await api.mkdir('gitlab', -1, '/', { description: 'from git' });
  assert.equal(code(answer), 0);
  assert.deepEqual(
    { ...answer.json?.data, createTime: undefined, updateTime: undefined },
    {
      id: 1, pid: -1, alias: 'gitlab', fullName: '/gitlab', directory: true, description: 'from git', fileName: 'gitlab',
      userId: 1, type: 'FILE', size: 0, createTime: undefined, updateTime: undefined, userName: null,
    },
  );
  assert.match(answer.json?.data.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.ok((await stat(join(storageDir, 'default', 'resources', 'gitlab'))).isDirectory());
});

test('an uploaded file lands at <storage>/<tenant>/resources/<fullName> byte for byte', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  const { api } = await fresh(t, { storageDir });
  const dir = createdId(await api.mkdir('gitlab'));
  const bytes = Buffer.from([0, 1, 2, 255, 13, 10]);
  const answer = await api.upload('a.bin', bytes, dir, '/gitlab');
  assert.equal(answer.json?.data.fullName, '/gitlab/a.bin');
  assert.equal(answer.json?.data.size, 6);
  assert.deepEqual(await readFile(join(storageDir, 'default', 'resources', 'gitlab', 'a.bin')), bytes);
});

for (const name of ['a/b', '.', '..']) {
  test(`directory name "${name}" fails the traversal check: 1300009`, async (t) => {
    const { api } = await fresh(t);
    const answer = await api.mkdir(name);
    assert.deepEqual([answer.json?.code, answer.json?.msg], [1300009, 'The file name verify failed']);
  });
}

test('upload name and original file name are both checked for traversal: 1300009', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.upload('..', 'x')), 1300009);
  assert.equal(code(await api.upload('a.sh', 'x', -1, '/', {}, 'dir/a.sh')), 1300009);
});

test('an empty file is refused: 10062', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.upload('a.sh', '');
  assert.deepEqual([answer.json?.code, answer.json?.msg], [10062, 'resource file is empty']);
});

test('the name must carry the uploaded file name extension, case aside: 20008', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.upload('a.sh', 'x', -1, '/', {}, 'a.py')), 20008);
  assert.equal(code(await api.upload('b', 'x', -1, '/', {}, 'b.txt')), 20008);
  assert.equal(code(await api.upload('c.SH', 'x', -1, '/', {}, 'c.sh')), 0);
  assert.equal(code(await api.upload('Makefile', 'x')), 0);
});

test('a file larger than the service limit answers 20007 (limit lowered from 1 GiB for the test)', async (t) => {
  const { api } = await fresh(t, { limits: { maxFileSize: 10, multipartMaxBytes: 10_000 } });
  assert.equal(code(await api.upload('a.sh', 'x'.repeat(11))), 20007);
  assert.equal(code(await api.upload('b.sh', 'x'.repeat(10))), 0);
});

test('a multipart body over the multipart limit is refused before any handler: HTTP 500', async (t) => {
  const { api } = await fresh(t, { limits: { multipartMaxBytes: 1000 } });
  const answer = await api.upload('a.sh', 'x'.repeat(2000));
  assert.equal(answer.status, 500);
  assert.equal((answer.json as unknown as { error: string }).error, 'Internal Server Error');
  assert.deepEqual((await api.get('/resources/list', { type: 'FILE' })).json?.data, []);
});

test('the default limits are 1 GiB for files and 1024MB for multipart requests', async () => {
  const { DEFAULT_LIMITS } = await import('../../src/emulator/index.js');
  assert.equal(DEFAULT_LIMITS.maxFileSize, 1024 ** 3);
  assert.equal(DEFAULT_LIMITS.multipartMaxBytes, 1024 ** 3);
});

test('a full name that exists already (same type) is refused: 20005', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.upload('a.sh', 'x')), 0);
  assert.deepEqual([code(await api.upload('a.sh', 'y')), code(await api.mkdir('a.sh'))], [20005, 20005]);
  assert.equal(code(await api.form('POST', '/resources/directory', { type: 'UDF', name: 'a.sh', pid: -1, currentDir: '/' })), 0);
});

test('an upload whose full name is over 128 characters is refused: 1300015', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'.repeat(60)));
  const sub = createdId(await api.mkdir('e'.repeat(60), dir, `/${'d'.repeat(60)}`));
  const currentDir = `/${'d'.repeat(60)}/${'e'.repeat(60)}`;
  assert.equal(code(await api.upload('abc.sh', 'x', sub, currentDir)), 1300015); // 129 characters
  assert.equal(code(await api.upload('ab.sh', 'x', sub, currentDir)), 0); // 128 characters
});

test('an alias over 64 characters fails at the insert: 10000 "resource already exists" on 3.1', async (t) => {
  const { api } = await fresh(t);
  const name = `${'a'.repeat(62)}.sh`; // 65 characters
  const answer = await api.upload(name, 'x');
  assert.deepEqual([answer.json?.code, answer.json?.msg], [10000, "Internal Server Error: resource already exists, can't recreate"]);
  assert.equal(code(await api.mkdir('d'.repeat(65))), 10000);
  assert.equal(code(await api.upload(`${'a'.repeat(61)}.sh`, 'x')), 0); // 64 characters fit
});

test('on 3.0 the same insert failure answers a null code (ServiceException(String) has none)', async (t) => {
  const { api } = await fresh(t, { generation: '3.0' });
  const answer = await api.upload(`${'a'.repeat(62)}.sh`, 'x');
  assert.deepEqual(answer.json, { code: null, msg: "resource already exists, can't recreate", data: null, success: false, failed: true });
});

test('the original file name is stored as file_name, so over 64 characters it fails too', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.upload('a.sh', 'x', -1, '/', {}, `${'f'.repeat(62)}.sh`)), 10000);
});

test('a pid that is not a resource is refused: 20015', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.upload('a.sh', 'x', 42, '/x');
  assert.deepEqual([answer.json?.code, answer.json?.msg], [20015, 'parent resource not exist']);
  assert.equal(code(await api.mkdir('d', 42, '/x')), 20015);
});

test('a user without a tenant cannot create: 10181', async (t) => {
  const { api } = await fresh(t, { users: [{ name: 'admin', password: 'pw', tenant: null, admin: true }] });
  assert.equal(code(await api.upload('a.sh', 'x')), 10181);
  const answer = await api.mkdir('d');
  assert.deepEqual([answer.json?.code, answer.json?.msg], [10181, 'the tenant of the currently login user is not specified']);
});

test('a description over 255 characters is refused on 3.1: 1400004', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.mkdir('d', -1, '/', { description: 'x'.repeat(256) })), 1400004);
  assert.equal(code(await api.upload('a.sh', 'x', -1, '/', { description: '😀'.repeat(256) })), 1400004);
  assert.equal(code(await api.upload('b.sh', 'x', -1, '/', { description: '😀'.repeat(255) })), 0);
});

test('on 3.0 an over-long description reaches the database and fails there', async (t) => {
  const { api } = await fresh(t, { generation: '3.0' });
  assert.equal(code(await api.mkdir('d', -1, '/', { description: 'x'.repeat(256) })), null);
});

test('a directory whose path is already in storage (unknown to the database) is refused: 20011', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  await mkdir(join(storageDir, 'default', 'resources', 'left'), { recursive: true });
  const { api } = await fresh(t, { storageDir });
  const answer = await api.mkdir('left');
  assert.equal(code(answer), 20011);
  assert.match(answer.json?.msg ?? '', /^resource file .*default\/resources\/left already exists in hdfs/);
});

test('a UDF resource must be a jar: 20009', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.upload('a.sh', 'x', -1, '/', { type: 'UDF' })), 20009);
  assert.equal(code(await api.upload('a.jar', 'x', -1, '/', { type: 'UDF' })), 0);
});

test('uploads add their size to every ancestor directory (updateParentResourceSize)', async (t) => {
  const { api } = await fresh(t);
  const a = createdId(await api.mkdir('a'));
  const b = createdId(await api.mkdir('b', a, '/a'));
  await api.upload('x.sh', '12345', b, '/a/b');
  await api.upload('y.sh', '123', a, '/a');
  const sizes = await sizesUnder(api, -1);
  assert.equal(sizes.get('/a'), 8);
  assert.equal((await sizesUnder(api, a)).get('/a/b'), 5);
});

async function sizesUnder(api: Api, id: number): Promise<Map<string, number>> {
  const page = await api.get('/resources', { type: 'FILE', id, pageNo: 1, pageSize: 100 });
  return new Map(page.json?.data.totalList.map((r: { fullName: string; size: number }) => [r.fullName, r.size]));
}
