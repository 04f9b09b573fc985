// UDF management on 3.2 (ResourcesController, UdfFuncServiceImpl, ResourcesServiceImpl at 3.2.2):
// the UDF tree under <base>/<tenant>/udfs, functions bound by the jar's absolute path (`fullName`,
// resource_id -1), and a resource service that no longer looks at t_ds_udfs.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { code, fresh, type Answer } from './support.js';
import { page, UdfCallsV32 } from './udf-support.js';

const UDF_ROOT = 'file:/dolphinscheduler/default/udfs';
const JAR = `${UDF_ROOT}/udf/acme.jar`;
const codeMsg = (a: Answer) => [a.status, a.json?.code, a.json?.msg];

async function withJar(t: TestContext) {
  const { emu, api } = await fresh(t, { generation: '3.2' });
  const udf = new UdfCallsV32(api);
  assert.equal(code(await udf.mkdir('udf', `${UDF_ROOT}/`)), 0);
  assert.equal(code(await udf.uploadJar('acme.jar', 'PK-jar-1', `${UDF_ROOT}/udf/`)), 0);
  return { emu, api, udf };
}

test('3.2: the UDF tree lives under <tenant>/udfs: a .jar only (20009), listed, verified, downloaded, apart from files', async (t) => {
  const { emu, api, udf } = await withJar(t);
  assert.deepEqual(codeMsg(await udf.uploadJar('a.sh', 'x', `${UDF_ROOT}/`)), [200, 20009, 'UDF resource suffix name must be jar']);
  await api.multipart('POST', '/resources', { type: 'FILE', name: 'plain.sh', currentDir: '/' }, { filename: 'plain.sh', content: 'x' });
  const tree = (await api.get('/resources/list', { type: 'UDF', fullName: '' })).json?.data;
  assert.deepEqual(tree.map((n: { fullName: string; type: string }) => [n.fullName, n.type]), [[`${UDF_ROOT}/udf/`, 'UDF']]);
  assert.deepEqual(tree[0].children.map((n: { fullName: string }) => n.fullName), [JAR]);
  assert.equal(code(await api.get('/resources/verify-name', { fullName: JAR, type: 'UDF' })), 20005);
  assert.equal((await api.get('/resources/download', { fullName: JAR })).text, 'PK-jar-1');
  const base = await api.get('/resources/base-dir', { type: 'UDF' });
  assert.equal(base.json?.data, 'file:/dolphinscheduler'); // an admin gets the data base path
  assert.deepEqual([...(await emu.udfSnapshot()).keys()], ['/udf', '/udf/acme.jar']);
  assert.equal((await emu.udfSnapshot()).get('/udf/acme.jar')?.content?.toString(), 'PK-jar-1');
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/plain.sh']);
});

test('3.2: create binds by fullName: HTTP 201, resource_id -1, resource_name the absolute path', async (t) => {
  const { emu, api, udf } = await withJar(t);
  const answer = await udf.create(JAR, { funcName: 'to_upper', className: 'com.acme.ToUpper', argTypes: 'string', database: 'dw', description: 'Upper' });
  assert.deepEqual([answer.status, answer.json?.code, answer.json?.data], [201, 0, null]);
  const [row] = emu.udfFunctions();
  assert.deepEqual([row?.funcName, row?.className, row?.argTypes, row?.database, row?.description, row?.resourceId, row?.resourceName],
    ['to_upper', 'com.acme.ToUpper', 'string', 'dw', 'Upper', -1, JAR]);
  const data = (await api.get('/resources/1/udf-func')).json?.data;
  assert.deepEqual([data.resourceType, data.resourceId, data.resourceName, data.type, data.userName], ['UDF', -1, JAR, 'HIVE', null]);
});

test('3.2: a path that does not exist is 20004 (HTTP 201); an empty one cannot be a Path (10065, HTTP 200)', async (t) => {
  const { udf } = await withJar(t);
  assert.deepEqual(codeMsg(await udf.create(`${UDF_ROOT}/none.jar`, { funcName: 'f', className: 'C' })), [201, 20004, 'resource not exist']);
  assert.deepEqual(codeMsg(await udf.create('', { funcName: 'f', className: 'C' })), [200, 10065, 'create udf function error']);
  const missing = await udf.api.form('POST', '/resources/udf-func', { type: 'HIVE', funcName: 'f', className: 'C' });
  assert.deepEqual(codeMsg(missing), [200, 10065, 'create udf function error']); // fullName is required
});

test('3.2: update by fullName in place; 20004 for a missing path (even ""), 20002, 1400001 for an unknown id', async (t) => {
  const { emu, udf } = await withJar(t);
  await udf.uploadJar('v2.jar', 'PK-2', `${UDF_ROOT}/udf/`);
  await udf.create(JAR, { funcName: 'f', className: 'C' });
  await udf.create(JAR, { funcName: 'g', className: 'C' });
  assert.equal(code(await udf.update(`${UDF_ROOT}/udf/v2.jar`, 1, { funcName: 'f2', className: 'D', type: 'SPARK' })), 0);
  const row = emu.udfFunctions()[0];
  assert.deepEqual([row?.id, row?.funcName, row?.className, row?.type, row?.resourceName], [1, 'f2', 'D', 'SPARK', `${UDF_ROOT}/udf/v2.jar`]);
  assert.equal(code(await udf.update('', 1, { funcName: 'f2', className: 'D' })), 20004);
  assert.equal(code(await udf.update(`${UDF_ROOT}/none.jar`, 1, { funcName: 'f2', className: 'D' })), 20004);
  assert.equal(code(await udf.update(JAR, 1, { funcName: 'g', className: 'D' })), 20002);
  assert.equal(code(await udf.update(JAR, 9, { funcName: 'h', className: 'D' })), 1400001);
});

test('3.2: funcName is varchar(255): 256 characters fail the insert (10065)', async (t) => {
  const { udf } = await withJar(t);
  assert.equal(code(await udf.create(JAR, { funcName: 'f'.repeat(255), className: 'C' })), 0);
  assert.equal(code(await udf.create(JAR, { funcName: 'g'.repeat(256), className: 'C' })), 10065);
});

test('regression: on 3.2.2 a jar bound to a function deletes (20013 never fires) and the function dangles', async (t) => {
  const { emu, udf } = await withJar(t);
  await udf.create(JAR, { funcName: 'f', className: 'C' });
  assert.equal(code(await udf.api.delete('/resources', { fullName: JAR, tenantCode: 'default' })), 0);
  assert.deepEqual([...(await emu.udfSnapshot()).keys()], ['/udf']);
  assert.equal(emu.udfFunctions()[0]?.resourceName, JAR);
});

test('regression: on 3.2 renaming a jar leaves resource_name at the old path', async (t) => {
  const { emu, udf } = await withJar(t);
  await udf.create(JAR, { funcName: 'f', className: 'C' });
  const rename = await udf.api.multipart('PUT', '/resources', { fullName: JAR, tenantCode: 'default', type: 'UDF', name: 'acme-2.jar' });
  assert.equal(code(rename), 0);
  assert.deepEqual([...(await emu.udfSnapshot()).keys()], ['/udf', '/udf/acme-2.jar']);
  assert.equal(emu.udfFunctions()[0]?.resourceName, JAR);
});

test('3.2: paged list (3.2 PageInfo), list by type, verify-name and delete as on 3.1', async (t) => {
  const { emu, api, udf } = await withJar(t);
  await udf.create(JAR, { funcName: 'a', className: 'C' });
  await udf.create(JAR, { funcName: 'b', className: 'C', type: 'SPARK' });
  const data = (await page(api)).json?.data;
  assert.deepEqual({ ...data, totalList: data.totalList.map((f: { funcName: string }) => f.funcName) },
    { totalList: ['b', 'a'], total: 2, totalPage: 1, pageSize: 10, currentPage: 1, pageNo: 0 });
  assert.deepEqual(codeMsg(await page(api, { pageSize: 0 })), [200, 10001, 'request parameter pageSize is not valid']);
  assert.deepEqual((await api.get('/resources/udf-func/list', { type: 'SPARK' })).json?.data.map((f: { funcName: string }) => f.funcName), ['b']);
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: 'a' })), 20002);
  assert.equal(code(await api.delete('/resources/udf-func/1')), 0);
  assert.equal(code(await api.delete('/resources/udf-func/1')), 1400001);
  assert.deepEqual(emu.udfFunctions().map((f) => f.funcName), ['b']);
});

test('3.2: the 3.1 paths are gone (405 where GET /{id}/udf-func maps the path, else 404); seeds are not checked', async (t) => {
  const { emu, api } = await withJar(t);
  const post = await api.form('POST', '/resources/5/udf-func', { type: 'HIVE', funcName: 'f', className: 'C' });
  assert.deepEqual([post.status, post.headers.get('allow')], [405, 'GET']);
  assert.equal((await api.form('PUT', '/resources/5/udf-func/1', { type: 'HIVE', funcName: 'f', className: 'C' })).status, 404);
  const seeded = await emu.seedUdfFunction({ funcName: 'manual', className: 'C', jar: '/gone.jar' });
  assert.deepEqual([seeded.resourceId, seeded.resourceName], [-1, `${UDF_ROOT}/gone.jar`]);
  assert.equal(code(await api.get('/resources/udf-func/verify-name', { name: 'manual' })), 20002);
});
