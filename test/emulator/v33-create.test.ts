// Creating on 3.3: directories, uploads and online-create through the transformers and validators
// of dev at 7e0095dca1 (api/validator/resource/*; reference §5.1, §5.2). Refusals are mostly
// 10000 "Internal Server Error: <text>", with the source's texts.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { code, tempDir } from './support.js';
import { codeMsg, freshStorage, ROOT_33 } from './storage-support.js';

test('3.3: a directory at "/" answers data null and lands at <storage>/<tenant>/resources; no pid', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  const { rc } = await freshStorage(t, '3.3', { storageDir });
  assert.deepEqual((await rc.mkdir('gitlab')).json, { code: 0, msg: 'success', data: null, success: true, failed: false });
  assert.ok((await stat(join(storageDir, 'default', 'resources', 'gitlab'))).isDirectory());
});

test('3.3: currentDir is the parent full name, with or without the trailing slash', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  await rc.mkdir('gitlab');
  assert.equal(code(await rc.mkdir('sub', `${ROOT_33}/gitlab`)), 0);
  assert.equal(code(await rc.upload('a.sh', 'x', `${ROOT_33}/gitlab/`)), 0);
  assert.equal(code(await rc.onlineCreate('b', 'sh', 'x', `${ROOT_33}/gitlab/sub`)), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/gitlab', '/gitlab/a.sh', '/gitlab/sub', '/gitlab/sub/b.sh']);
});

test('3.3: parents are created implicitly', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  assert.equal(code(await rc.upload('x.sh', 'x', `${ROOT_33}/a/b`)), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/a', '/a/b', '/a/b/x.sh']);
});

test('3.3: a currentDir outside the tenant root ("/gitlab") answers 20020', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.mkdir('d', '/gitlab')), [20020, 'Resource file [/gitlab] is illegal']);
  assert.equal(code(await rc.upload('a.sh', 'x', 'file:/tmp/dolphinscheduler/other/resources')), 20020);
  assert.equal(code(await rc.onlineCreate('a', 'sh', 'x', '/gitlab')), 20020);
});

test('3.3: a directory name with an extension is refused: "The path is not a directory"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.mkdir('v1.2')),
    [10000, `Internal Server Error: The path is not a directory: ${ROOT_33}/v1.2`]);
});

test('3.3: a file name without extension is refused: "The path is not a file"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.upload('Makefile', 'x')), [10000, `Internal Server Error: The path is not a file: ${ROOT_33}/Makefile`]);
  assert.equal(code(await rc.onlineCreate('run', '', 'x')), 10000); // "run." has no extension either
  assert.equal(code(await rc.upload('.gitignore', 'x')), 0); // its extension is "gitignore"
});

test('3.3: a path with ".." is refused: "Invalidated resource path"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.mkdir('..')), [10000, `Internal Server Error: Invalidated resource path: ${ROOT_33}/..`]);
});

test('3.3: an existing path is refused: "The resource is already exist"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.mkdir('d');
  await rc.upload('a.sh', 'x');
  assert.deepEqual(codeMsg(await rc.upload('a.sh', 'y')), [10000, `Internal Server Error: The resource is already exist: ${ROOT_33}/a.sh`]);
  assert.equal(code(await rc.mkdir('d')), 10000);
  assert.equal(code(await rc.onlineCreate('a', 'sh', 'y')), 10000);
});

test('3.3: an empty file upload is accepted (only a missing part is refused)', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  assert.equal(code(await rc.upload('empty.txt', '')), 0);
  assert.deepEqual((await emu.snapshot()).get('/empty.txt')?.content, Buffer.alloc(0));
});

test('3.3: a name containing "/" creates a nested path, parents included', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  assert.equal(code(await rc.upload('a/b.sh', 'x')), 0);
  assert.equal(code(await rc.mkdir('x/y')), 0);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/a', '/a/b.sh', '/x', '/x/y']);
});

test('3.3: no suffix-match, size or 128-character checks on upload', async (t) => {
  const storageDir = join(await tempDir(t), 'store');
  const { rc } = await freshStorage(t, '3.3', { storageDir, limits: { maxFileSize: 1 } });
  assert.equal(code(await rc.upload('a.sh', 'bytes', '/', {}, 'a.py')), 0);
  const long = `${'n'.repeat(150)}.sh`;
  assert.equal(code(await rc.upload(long, 'x')), 0);
  assert.equal(await readFile(join(storageDir, 'default', 'resources', 'a.sh'), 'utf8'), 'bytes');
});

test('3.3: online-create takes any suffix, untrimmed, and wants content: "The file content is null"', async (t) => {
  const { rc, emu } = await freshStorage(t, '3.3');
  assert.equal(code(await rc.onlineCreate('lib', 'jar', 'x')), 0);
  assert.equal(code(await rc.onlineCreate(' run', 'sh', 'x')), 0);
  assert.deepEqual(codeMsg(await rc.onlineCreate('c', 'sh', '')), [10000, 'Internal Server Error: The file content is null']);
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/ run.sh', '/lib.jar']);
});

test('3.3: an empty name fails in concatFilePath: the handler status with the exception message', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.mkdir('')), [10054, 'create resource error:The path should not be empty']);
});

test('3.3: a file in the way of a directory fails in Hadoop: "create resource error:Parent path is not a directory"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', 'x');
  assert.deepEqual(codeMsg(await rc.mkdir('d', `${ROOT_33}/a.sh`)),
    [10054, `create resource error:Parent path is not a directory: ${ROOT_33}/a.sh`]);
});

test('3.3: a user without a tenant cannot create: 10181', async (t) => {
  const { rc } = await freshStorage(t, '3.3', { users: [{ name: 'admin', password: 'pw', tenant: null, admin: true }] });
  assert.deepEqual(codeMsg(await rc.mkdir('d')), [10181, 'the tenant of the currently login user is not specified']);
});
