// Reading the 3.2 catalogue: the /list tree, the paged level listing, verify-name, query-file-name,
// base-dir and get-user-info (ResourcesServiceImpl and HdfsStorageOperator at 3.2.2; reference §4.2, §4.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code } from './support.js';
import { codeMsg, freshStorage, loginAs, ROOT_32, TWO_TENANTS } from './storage-support.js';

test('3.2: /list is the recursive tree; top directories are named "/dir/" and hang off the root without "/"', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.mkdir('gitlab');
  await rc.upload('a.sh', 'x', `${ROOT_32}/gitlab/`);
  await rc.mkdir('sub', `${ROOT_32}/gitlab/`);
  await rc.upload('top.sh', 'x');
  const node = (pid: string, name: string, fullName: string, dir: boolean, children: unknown[] = []) => ({
    id: 0, pid, name, fullName, description: null, children, type: 'FILE', currentDir: null, dirctory: dir, idValue: `0_${dir ? 1 : 0}`,
  });
  assert.deepEqual((await rc.list()).json?.data, [
    node(ROOT_32, '/gitlab/', `${ROOT_32}/gitlab/`, true, [
      node(`${ROOT_32}/gitlab/`, 'a.sh', `${ROOT_32}/gitlab/a.sh`, false),
      node(`${ROOT_32}/gitlab/`, 'sub/', `${ROOT_32}/gitlab/sub/`, true),
    ]),
    node(ROOT_32, 'top.sh', `${ROOT_32}/top.sh`, false),
  ]);
});

test('3.2: /list with a fullName lists below it, names relative to that path', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.mkdir('sub', `${ROOT_32}/gitlab/`);
  await rc.upload('a.sh', 'x', `${ROOT_32}/gitlab/sub/`);
  const tree = (await rc.list({ fullName: `${ROOT_32}/gitlab/` })).json?.data;
  assert.deepEqual(tree.map((n: { name: string; pid: string }) => [n.name, n.pid]), [['sub/', `${ROOT_32}/gitlab/`]]);
  assert.deepEqual(tree[0].children.map((n: { fullName: string }) => n.fullName), [`${ROOT_32}/gitlab/sub/a.sh`]);
});

test('3.2: /list requires fullName (10056) and checks it (20020)', async (t) => {
  const { api, rc } = await freshStorage(t, '3.2');
  assert.equal(code(await api.get('/resources/list', { type: 'FILE' })), 10056);
  assert.equal(code(await rc.list({ fullName: '/gitlab' })), 20020);
});

test('3.2: an admin listing with a blank fullName sees every tenant, a general user only theirs', async (t) => {
  const { api, rc } = await freshStorage(t, '3.2', { users: TWO_TENANTS });
  const alice = rc.as(await loginAs(api, 'alice', 'alice-pw'));
  await rc.upload('mine.sh', 'x');
  await alice.upload('hers.sh', 'x');
  const names = async (calls: typeof rc) => (await calls.list()).json?.data.map((n: { fullName: string }) => n.fullName);
  assert.deepEqual(await names(rc), [`${ROOT_32}/mine.sh`, 'file:/dolphinscheduler/tenant_a/resources/hers.sh']);
  assert.deepEqual(await names(alice), ['file:/dolphinscheduler/tenant_a/resources/hers.sh']);
});

test('3.2: GET /resources lists one level as StorageEntity items; pageNo holds the offset', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.mkdir('gitlab');
  await rc.upload('a.sh', 'x', `${ROOT_32}/gitlab/`);
  await rc.upload('b.sh', '12345');
  await rc.upload('c.sh', 'x');
  const page = (await rc.page('', { pageNo: 2, pageSize: 2 })).json?.data;
  assert.deepEqual({ ...page, totalList: undefined }, { totalList: undefined, total: 3, totalPage: 2, pageSize: 2, currentPage: 2, pageNo: 2 });
  const [dir] = page.totalList;
  assert.deepEqual([dir.fullName, dir.fileName, dir.alias, dir.directory], [`${ROOT_32}/gitlab/`, 'gitlab/', 'gitlab/', true]);
  const file = (await rc.page('')).json?.data.totalList[0];
  assert.deepEqual({ ...file, createTime: undefined, updateTime: undefined }, {
    id: 0, fullName: `${ROOT_32}/b.sh`, fileName: 'b.sh', alias: 'b.sh', pfullName: `${ROOT_32}/`, directory: false,
    userId: 0, userName: 'default', type: 'FILE', size: 5, createTime: undefined, updateTime: undefined,
  });
  assert.match(file.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
});

test('3.2: a paged level below a directory names entries relative to the tenant root', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x', `${ROOT_32}/gitlab/`);
  const item = (await rc.page(`${ROOT_32}/gitlab/`)).json?.data.totalList[0];
  assert.deepEqual([item.fileName, item.alias, item.pfullName], ['gitlab/a.sh', 'a.sh', `${ROOT_32}/gitlab/`]);
});

test('3.2: searchVal keeps entries whose fileName contains it; total counts the matches', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  for (const name of ['run.sh', 'runner.py', 'other.sh']) await rc.upload(name, 'x');
  const page = (await rc.page('', { searchVal: ' run ' })).json?.data;
  assert.deepEqual([page.total, page.totalList.map((i: { alias: string }) => i.alias)], [2, ['run.sh', 'runner.py']]);
});

test('3.2: pageNo and pageSize must be positive: 10001 naming the parameter', async (t) => {
  const { rc } = await freshStorage(t, '3.2');
  assert.deepEqual(codeMsg(await rc.page('', { pageNo: 0 })), [10001, 'request parameter pageNo is not valid']);
  assert.deepEqual(codeMsg(await rc.page('', { pageSize: 0 })), [10001, 'request parameter pageSize is not valid']);
});

test('3.2: a general user naming another tenant in tenantCode is refused: 1400001', async (t) => {
  const { api, rc } = await freshStorage(t, '3.2', { users: TWO_TENANTS });
  const alice = rc.as(await loginAs(api, 'alice', 'alice-pw'));
  assert.deepEqual(codeMsg(await alice.page('', { tenantCode: 'default' })), [1400001, 'The current user does not have this permission.']);
  assert.equal(code(await alice.page('', { tenantCode: 'tenant_a' })), 0);
  assert.equal(code(await rc.page('', { tenantCode: 'tenant_a' })), 0);
});

test('3.2: verify-name answers 20005 when storage has the path, 0 when not, without any tenant check', async (t) => {
  const { api, rc } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x', `${ROOT_32}/d/`);
  const verify = (fullName: string) => api.get('/resources/verify-name', { fullName, type: 'FILE' });
  assert.deepEqual(codeMsg(await verify(`${ROOT_32}/d/a.sh`)), [20005, 'resource already exists']);
  assert.equal(code(await verify(`${ROOT_32}/d/`)), 20005);
  assert.equal(code(await verify(`${ROOT_32}/d`)), 20005);
  assert.deepEqual((await verify(`${ROOT_32}/d/b.sh`)).json?.data, null);
  assert.equal(code(await verify('file:/dolphinscheduler/other/resources/x')), 0);
  assert.equal(code(await verify('')), 10059); // new Path("") throws
});

test('3.2: query-file-name joins the type root (no trailing "/") and fileName, so fileName starts with "/"', async (t) => {
  const { api, rc } = await freshStorage(t, '3.2');
  await rc.upload('a.sh', 'x', `${ROOT_32}/d/`);
  const query = (fileName: string) => api.get('/resources/query-file-name', { type: 'FILE', fileName, tenantCode: 'default' });
  const found = (await query('/d/a.sh')).json?.data;
  assert.deepEqual([found.fullName, found.fileName, found.alias, found.directory], [`${ROOT_32}/d/a.sh`, '/d/a.sh', 'a.sh', false]);
  assert.deepEqual(codeMsg(await query('d/a.sh')), [20004, 'resource not exist']);
  assert.deepEqual(codeMsg(await query(' ')), [10001, 'request parameter {0} is not valid']);
});

test('3.2: base-dir is the data base path for an admin and the tenant FILE root for others', async (t) => {
  const { api, rc } = await freshStorage(t, '3.2', { users: TWO_TENANTS });
  assert.equal((await api.get('/resources/base-dir', { type: 'FILE' })).json?.data, 'file:/dolphinscheduler');
  const alice = await loginAs(api, 'alice', 'alice-pw');
  assert.equal((await alice.get('/resources/base-dir', { type: 'FILE' })).json?.data, 'file:/dolphinscheduler/tenant_a/resources');
  assert.equal((await alice.get('/resources/base-dir', { type: 'UDF' })).json?.data, 'file:/dolphinscheduler/tenant_a/udfs');
  assert.equal(rc.generation, '3.2');
});

test('3.2: the storageBaseUri option renames every full name; the disk layout stays', async (t) => {
  const { api, rc, emu } = await freshStorage(t, '3.2', { storageBaseUri: 'hdfs://namenode:8020/ds' });
  assert.equal((await api.get('/resources/base-dir', { type: 'FILE' })).json?.data, 'hdfs://namenode:8020/ds');
  assert.equal(code(await rc.upload('a.sh', 'x', 'hdfs://namenode:8020/ds/default/resources/d/')), 0);
  assert.equal((await rc.list()).json?.data[0].fullName, 'hdfs://namenode:8020/ds/default/resources/d/');
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/d', '/d/a.sh']);
});

test('3.2: get-user-info carries the tenant code for an admin too', async (t) => {
  const { api } = await freshStorage(t, '3.2');
  const user = (await api.get('/users/get-user-info')).json?.data;
  assert.deepEqual([user.userType, user.tenantCode], ['ADMIN_USER', 'default']);
});
