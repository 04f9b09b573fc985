// UDF management on 3.0/3.1: the UDF resource tree (type=UDF rows under <tenant>/udfs) and the
// function endpoints bound to a jar by id (ResourcesController, UdfFuncServiceImpl and
// ResourcesServiceImpl at 3.0.6 and 3.1.9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code, createdId, fresh, type Answer } from './support.js';
import { page, UdfCallsV31 } from './udf-support.js';

const codeMsg = (a: Answer) => [a.status, a.json?.code, a.json?.msg];

async function withJar(t: Parameters<typeof fresh>[0], generation: '3.0' | '3.1' = '3.1') {
  const { emu, api } = await fresh(t, { generation });
  const udf = new UdfCallsV31(api);
  const dir = createdId(await udf.mkdir('udf'));
  const jar = createdId(await udf.uploadJar('acme.jar', 'PK-jar-1', dir, '/udf'));
  return { emu, api, udf, dir, jar };
}

test('3.1: the UDF tree is its own: type=UDF rows, a .jar only (20009), listed, downloaded and verified by type', async (t) => {
  const { emu, api, udf, jar } = await withJar(t);
  assert.deepEqual(codeMsg(await udf.uploadJar('a.sh', 'x')), [200, 20009, 'UDF resource suffix name must be jar']);
  await api.upload('plain.sh', 'x');
  const tree = (await api.get('/resources/list', { type: 'UDF' })).json?.data;
  assert.deepEqual(tree.map((n: { fullName: string }) => n.fullName), ['udf']);
  assert.deepEqual(tree[0].children.map((n: { fullName: string; type: string }) => [n.fullName, n.type]), [['udf/acme.jar', 'UDF']]);
  assert.deepEqual((await api.get('/resources/list', { type: 'FILE' })).json?.data.map((n: { name: string }) => n.name), ['plain.sh']);
  assert.equal((await api.get(`/resources/${jar}/download`)).text, 'PK-jar-1');
  assert.equal(code(await api.get('/resources/verify-name', { fullName: '/udf/acme.jar', type: 'UDF' })), 20005);
  assert.equal(code(await api.get('/resources/verify-name', { fullName: '/udf/acme.jar', type: 'FILE' })), 0);
  const udfTree = await emu.udfSnapshot();
  assert.deepEqual([...udfTree.keys()], ['/udf', '/udf/acme.jar']);
  assert.equal(udfTree.get('/udf/acme.jar')?.content?.toString(), 'PK-jar-1');
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/plain.sh']);
});

test('3.1: create answers HTTP 201 with data null and stores every field, bound to the jar by id', async (t) => {
  const { emu, udf, jar } = await withJar(t);
  const answer = await udf.create(jar, { funcName: 'to_upper', className: 'com.acme.ToUpper', argTypes: 'string', database: 'dw', description: 'Upper' });
  assert.deepEqual([answer.status, answer.json?.code, answer.json?.data], [201, 0, null]);
  const [row] = emu.udfFunctions();
  assert.deepEqual({ ...row, createTime: undefined, updateTime: undefined }, {
    id: 1, userId: 1, funcName: 'to_upper', className: 'com.acme.ToUpper', type: 'HIVE', argTypes: 'string', database: 'dw',
    description: 'Upper', resourceId: jar, resourceName: '/udf/acme.jar', createTime: undefined, updateTime: undefined,
  });
});

test('3.1: empty argTypes and database are stored as null, an empty description as ""', async (t) => {
  const { emu, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C', type: 'SPARK' });
  const [row] = emu.udfFunctions();
  assert.deepEqual([row?.type, row?.argTypes, row?.database, row?.description], ['SPARK', null, null, '']);
});

test('3.1: GET /resources/{id}/udf-func answers the UdfFunc entity (function id, not resource id)', async (t) => {
  const { api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C', argTypes: 'int', description: 'd' });
  const data = (await api.get('/resources/1/udf-func')).json?.data;
  assert.match(data.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.deepEqual({ ...data, createTime: 0, updateTime: 0 }, {
    id: 1, userId: 1, resourceType: 'UDF', funcName: 'f', className: 'C', argTypes: 'int', database: null, description: 'd',
    resourceId: jar, resourceName: '/udf/acme.jar', type: 'HIVE', createTime: 0, updateTime: 0, userName: null,
  });
});

test('a function id that does not exist: 1400001 on 3.1 (permission check), 20004 on 3.0', async (t) => {
  const v31 = (await fresh(t)).api;
  assert.deepEqual(codeMsg(await v31.get('/resources/9/udf-func')), [200, 1400001, 'The current user does not have this permission.']);
  const v30 = (await fresh(t, { generation: '3.0' })).api;
  assert.deepEqual(codeMsg(await v30.get('/resources/9/udf-func')), [200, 20004, 'resource not exist']);
});

test('3.1: a taken name is 20002 (still HTTP 201); verify-name answers 20002 or 0', async (t) => {
  const { api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C' });
  assert.deepEqual(codeMsg(await udf.create(jar, { funcName: 'f', className: 'D' })), [201, 20002, 'UDF function already exists']);
  assert.equal(code(await udf.create(jar, { funcName: 'F', className: 'D' })), 0); // case-sensitive, as PostgreSQL
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: 'f' })), 20002);
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: 'g' })), 0);
});

test('regression: an empty name counts as taken once any function exists (queryUdfByIdStr drops the filter)', async (t) => {
  const { api, udf, jar } = await withJar(t);
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: '' })), 0);
  await udf.create(jar, { funcName: 'f', className: 'C' });
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: '' })), 20002);
  assert.equal(code(await udf.create(jar, { funcName: '', className: 'C' })), 20002);
});

test('3.1: a resource id that does not exist is 20004; any resource will do, even a FILE', async (t) => {
  const { emu, api, udf } = await withJar(t);
  assert.deepEqual(codeMsg(await udf.create(99, { funcName: 'f', className: 'C' })), [201, 20004, 'resource not exist']);
  const file = createdId(await api.upload('a.sh', 'x'));
  assert.equal(code(await udf.create(file, { funcName: 'f', className: 'C' })), 0);
  assert.equal(emu.udfFunctions()[0]?.resourceName, '/a.sh');
  // The 20013 guard looks at UDF resources only: the FILE goes, the function keeps its id.
  assert.equal(code(await api.delete(`/resources/${file}`)), 0);
  assert.equal(emu.udfFunctions()[0]?.resourceId, file);
});

test('3.0: create, view, update and delete answer as on 3.1 for a function that exists', async (t) => {
  const { emu, api, udf, jar } = await withJar(t, '3.0');
  assert.deepEqual(codeMsg(await udf.create(jar, { funcName: 'f', className: 'C' })), [201, 0, 'success']);
  assert.equal((await api.get('/resources/1/udf-func')).json?.data.resourceName, '/udf/acme.jar');
  assert.equal(code(await udf.update(jar, 1, { funcName: 'g', className: 'D', description: 'd'.repeat(255) })), 0);
  assert.deepEqual((await page(api)).json?.data.totalList.map((f: { funcName: string }) => f.funcName), ['g']);
  assert.equal(code(await api.delete('/resources/udf-func/1')), 0);
  assert.deepEqual(emu.udfFunctions(), []);
});

test('funcName is varchar(100) on 3.0/3.1: 101 characters fail the insert (10065, HTTP 200)', async (t) => {
  const { emu, udf, jar } = await withJar(t);
  assert.equal(code(await udf.create(jar, { funcName: 'f'.repeat(100), className: 'C' })), 0);
  assert.deepEqual(codeMsg(await udf.create(jar, { funcName: 'g'.repeat(101), className: 'C' })), [200, 10065, 'create udf function error']);
  assert.equal(emu.udfFunctions().length, 1);
});

test('a description over 255 characters: 1400004 on 3.1 (HTTP 201), a failed insert on 3.0 (10065)', async (t) => {
  const description = 'd'.repeat(256);
  const v31 = await withJar(t);
  assert.deepEqual(codeMsg(await v31.udf.create(v31.jar, { funcName: 'f', className: 'C', description })), [201, 1400004, 'description is too long error']);
  const v30 = await withJar(t, '3.0');
  assert.deepEqual(codeMsg(await v30.udf.create(v30.jar, { funcName: 'f', className: 'C', description })), [200, 10065, 'create udf function error']);
});

test('3.1: update changes every field in place and may rebind to another jar', async (t) => {
  const { emu, udf, dir, jar } = await withJar(t);
  const other = createdId(await udf.uploadJar('v2.jar', 'PK-2', dir, '/udf'));
  await udf.create(jar, { funcName: 'f', className: 'C', argTypes: 'int', database: 'dw', description: 'd' });
  const answer = await udf.update(other, 1, { type: 'SPARK', funcName: 'g', className: 'D', argTypes: 'string', database: 'ods', description: 'e' });
  assert.deepEqual([answer.status, answer.json?.code, answer.json?.data], [200, 0, null]);
  const [row] = emu.udfFunctions();
  assert.deepEqual([row?.id, row?.type, row?.funcName, row?.className, row?.argTypes, row?.database, row?.description, row?.resourceId, row?.resourceName],
    [1, 'SPARK', 'g', 'D', 'string', 'ods', 'e', other, '/udf/v2.jar']);
});

test('regression: update skips null fields and never clears database (updateById, FieldStrategy.NOT_NULL)', async (t) => {
  const { emu, api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C', argTypes: 'int', database: 'dw', description: 'd' });
  await api.form('PUT', `/resources/${jar}/udf-func/1`, { type: 'HIVE', funcName: 'f', className: 'C' });
  assert.deepEqual(pick(emu.udfFunctions()[0]), ['int', 'dw', 'd']);
  await udf.update(jar, 1, { funcName: 'f', className: 'C', argTypes: '', database: '', description: '' });
  assert.deepEqual(pick(emu.udfFunctions()[0]), ['', 'dw', '']);
});

function pick(row: { argTypes: string | null; database: string | null; description: string | null } | undefined) {
  return [row?.argTypes, row?.database, row?.description];
}

test('update refusals: 20002 for a taken name, 20004 for a missing jar, 20001 (3.0) or 1400001 (3.1) for a missing function', async (t) => {
  const { udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C' });
  await udf.create(jar, { funcName: 'g', className: 'C' });
  assert.deepEqual(codeMsg(await udf.update(jar, 1, { funcName: 'g', className: 'C' })), [200, 20002, 'UDF function already exists']);
  assert.equal(code(await udf.update(jar, 1, { funcName: 'f', className: 'C2' })), 0); // its own name is no conflict
  assert.equal(code(await udf.update(99, 1, { funcName: 'f', className: 'C' })), 20004);
  assert.equal(code(await udf.update(jar, 9, { funcName: 'h', className: 'C' })), 1400001);
  const v30 = await withJar(t, '3.0');
  assert.deepEqual(codeMsg(await v30.udf.update(v30.jar, 9, { funcName: 'h', className: 'C' })), [200, 20001, 'UDF function not found']);
});

test('3.1: the paged list: newest first, LIKE search on the name, userName joined, 3.1 PageInfo; pageNo 0 is 10001', async (t) => {
  const { api, udf, jar } = await withJar(t);
  for (const name of ['to_upper', 'to_lower', 'hash']) await udf.create(jar, { funcName: name, className: 'C' });
  const all = (await page(api)).json?.data;
  assert.deepEqual({ ...all, totalList: all.totalList.map((f: { funcName: string }) => f.funcName) },
    { totalList: ['hash', 'to_lower', 'to_upper'], total: 3, totalPage: 1, pageSize: 10, currentPage: 1, start: 0 });
  assert.equal(all.totalList[0].userName, 'admin');
  const found = (await page(api, { searchVal: 'to_' })).json?.data;
  assert.deepEqual(found.totalList.map((f: { funcName: string }) => f.funcName), ['to_lower', 'to_upper']);
  assert.deepEqual((await page(api, { pageSize: 2, pageNo: 2 })).json?.data.totalList.map((f: { funcName: string }) => f.funcName), ['to_upper']);
  assert.deepEqual(codeMsg(await page(api, { pageNo: 0 })), [200, 10001, 'request parameter pageNo is not valid']);
});

test('3.1: /udf-func/list?type= filters by HIVE or SPARK; another spelling does not bind (10069)', async (t) => {
  const { api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'h', className: 'C' });
  await udf.create(jar, { funcName: 's', className: 'C', type: 'SPARK' });
  assert.deepEqual((await api.get('/resources/udf-func/list', { type: 'SPARK' })).json?.data.map((f: { funcName: string }) => f.funcName), ['s']);
  assert.deepEqual((await api.get('/resources/udf-func/list', { type: 'HIVE' })).json?.data.map((f: { funcName: string }) => f.funcName), ['h']);
  assert.deepEqual(codeMsg(await api.get('/resources/udf-func/list', { type: 'hive' })), [200, 10069, 'query datasource by type error']);
});

test('delete of a function: 0; of an unknown id 0 on 3.0, 1400001 on 3.1', async (t) => {
  const { emu, api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C' });
  assert.deepEqual(codeMsg(await api.delete('/resources/udf-func/1')), [200, 0, 'success']);
  assert.deepEqual(emu.udfFunctions(), []);
  assert.equal(code(await api.delete('/resources/udf-func/1')), 1400001);
  const v30 = await fresh(t, { generation: '3.0' });
  assert.equal(code(await v30.api.delete('/resources/udf-func/1')), 0);
});

test('a jar bound to a function cannot be deleted: 20013 naming the function; free once the function is gone', async (t) => {
  const { emu, api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'to_upper', className: 'C' });
  assert.deepEqual(codeMsg(await api.delete(`/resources/${jar}`)), [200, 20013, 'udf resource file is bound by UDF functions:to_upper']);
  assert.ok((await emu.udfSnapshot()).has('/udf/acme.jar'));
  await api.delete('/resources/udf-func/1');
  assert.equal(code(await api.delete(`/resources/${jar}`)), 0);
  assert.deepEqual([...(await emu.udfSnapshot()).keys()], ['/udf']);
});

test('a UDF directory holding a bound jar: 20013 on 3.0 (checked over every descendant), 20018 on 3.1 (not empty)', async (t) => {
  const v30 = await withJar(t, '3.0');
  await v30.udf.create(v30.jar, { funcName: 'f', className: 'C' });
  assert.deepEqual(codeMsg(await v30.api.delete(`/resources/${v30.dir}`)), [200, 20013, 'udf resource file is bound by UDF functions:f']);
  const v31 = await withJar(t);
  await v31.udf.create(v31.jar, { funcName: 'f', className: 'C' });
  assert.equal(code(await v31.api.delete(`/resources/${v31.dir}`)), 20018);
});

test('renaming a jar keeps its id and rewrites resource_name of its functions; a new version in place keeps both', async (t) => {
  const { emu, api, udf, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C' });
  assert.equal(code(await api.form('PUT', `/resources/${jar}`, { type: 'UDF', name: 'acme-2.jar', description: '' })), 0);
  assert.deepEqual([emu.udfFunctions()[0]?.resourceId, emu.udfFunctions()[0]?.resourceName], [jar, '/udf/acme-2.jar']);
  const upload = await api.multipart('PUT', `/resources/${jar}`, { type: 'UDF', name: 'acme-2.jar', description: '' }, { filename: 'acme-2.jar', content: 'PK-jar-2' });
  assert.equal(code(upload), 0);
  assert.equal((await emu.udfSnapshot()).get('/udf/acme-2.jar')?.content?.toString(), 'PK-jar-2');
  assert.deepEqual([emu.udfFunctions()[0]?.resourceId, emu.udfFunctions()[0]?.resourceName], [jar, '/udf/acme-2.jar']);
});

test('renaming a UDF directory rewrites resource_name of the functions bound below it', async (t) => {
  const { emu, api, udf, dir, jar } = await withJar(t);
  await udf.create(jar, { funcName: 'f', className: 'C' });
  assert.equal(code(await api.form('PUT', `/resources/${dir}`, { type: 'UDF', name: 'lib', description: '' })), 0);
  assert.equal(emu.udfFunctions()[0]?.resourceName, '/lib/acme.jar');
  assert.deepEqual([...(await emu.udfSnapshot()).keys()], ['/lib', '/lib/acme.jar']);
});

test('seedUdfFunction makes a function as by hand: listed by the API, its name taken, its jar guarded', async (t) => {
  const { emu, api, jar } = await withJar(t);
  const seeded = await emu.seedUdfFunction({ funcName: 'manual', className: 'com.x.Manual', jar: '/udf/acme.jar', database: 'dw' });
  assert.deepEqual([seeded.id, seeded.resourceId, seeded.resourceName, seeded.type], [1, jar, '/udf/acme.jar', 'HIVE']);
  assert.equal((await api.get('/resources/1/udf-func')).json?.data.database, 'dw');
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: 'manual' })), 20002);
  assert.equal(code(await api.delete(`/resources/${jar}`)), 20013);
  await assert.rejects(emu.seedUdfFunction({ funcName: 'manual', className: 'C', jar: '/udf/acme.jar' }), /unique_func_name/);
  await assert.rejects(emu.seedUdfFunction({ funcName: 'x', className: 'C', jar: '/udf/none.jar' }), /no UDF resource/);
});

test('the request log covers the UDF routes: method, path, HTTP status and envelope code', async (t) => {
  const { emu, api, udf, jar } = await withJar(t);
  emu.clearRequests();
  await udf.create(jar, { funcName: 'f', className: 'C' });
  await udf.create(jar, { funcName: 'f', className: 'C' });
  await page(api);
  await api.delete('/resources/udf-func/1');
  assert.deepEqual(emu.requests.map((r) => [r.method, r.path, r.status, r.dsCode]), [
    ['POST', `/resources/${jar}/udf-func`, 201, 0],
    ['POST', `/resources/${jar}/udf-func`, 201, 20002],
    ['GET', '/resources/udf-func', 200, 0],
    ['DELETE', '/resources/udf-func/1', 200, 0],
  ]);
  assert.equal(emu.writeCount(), 3);
});
