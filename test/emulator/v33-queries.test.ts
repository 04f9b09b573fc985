// Reading the 3.3 catalogue: the flat /list, the paged level listing, base-dir, and the endpoints that
// are gone (ResourcesController/ResourcesServiceImpl, PagingResourceItemRequestTransformer, dev at 7e0095dca1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { code } from './support.js';
import { codeMsg, freshStorage, loginAs, ROOT_33, TWO_TENANTS } from './storage-support.js';

test('3.3: /list is flat: every file below the tenant root, no directories, no children', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.mkdir('empty');
  await rc.upload('a.sh', 'x', `${ROOT_33}/gitlab/sub`);
  await rc.upload('top.sh', 'x');
  const node = (name: string, fullName: string) => ({
    name, currentDir: null, fullName, description: null, dirctory: false, type: 'FILE', children: [],
  });
  assert.deepEqual((await rc.list()).json?.data, [node('a.sh', `${ROOT_33}/gitlab/sub/a.sh`), node('top.sh', `${ROOT_33}/top.sh`)]);
});

test('3.3: /query-by-type answers the same flat list; type UDF no longer binds (10056)', async (t) => {
  const { rc, api } = await freshStorage(t, '3.3');
  await rc.upload('a.jar', 'x');
  assert.deepEqual((await api.get('/resources/query-by-type', { type: 'FILE' })).json?.data, (await rc.list()).json?.data);
  assert.equal(code(await api.get('/resources/list', { type: 'UDF' })), 10056);
});

test('3.3: /list for a user without tenant answers 10017 with the tenant id', async (t) => {
  const { rc } = await freshStorage(t, '3.3', { users: [{ name: 'admin', password: 'pw', tenant: null, admin: true }] });
  assert.deepEqual(codeMsg(await rc.list()), [10017, 'tenant [0] not exists']);
});

test('3.3: GET /resources lists one level as ResourceItemVO; directories have no trailing "/"', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  await rc.upload('a.sh', '12345', `${ROOT_33}/gitlab`);
  await rc.upload('b.sh', 'x');
  const page = (await rc.page('')).json?.data;
  const items = page.totalList.map((i: Record<string, unknown>) => ({ ...i, createTime: undefined, updateTime: undefined }));
  const item = (name: string, directory: boolean, size?: number) => ({
    alias: name, userName: null, fileName: name, fullName: `${ROOT_33}/${name}`, directory, type: 'FILE',
    size: size ?? items.find((i: { alias: string }) => i.alias === name).size, createTime: undefined, updateTime: undefined,
  });
  assert.deepEqual(items, [item('b.sh', false, 1), item('gitlab', true)]);
  assert.deepEqual((await rc.page(`${ROOT_33}/gitlab`)).json?.data.totalList.map((i: { fullName: string }) => i.fullName), [`${ROOT_33}/gitlab/a.sh`]);
});

test('3.3: the page comes from PageInfo.builder(): pageNo as sent, currentPage null, total before filtering', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  for (const name of ['run.sh', 'runner.py', 'other.sh']) await rc.upload(name, 'x');
  const page = (await rc.page('', { searchVal: ' run ', pageNo: 1, pageSize: 1 })).json?.data;
  assert.deepEqual({ ...page, totalList: page.totalList.map((i: { alias: string }) => i.alias) },
    { totalList: ['run.sh'], total: 3, totalPage: 3, pageSize: 1, currentPage: null, pageNo: 1 });
});

test('3.3: without searchVal the filter meets null: "query resources list paging:null" once there are entries', async (t) => {
  const { api, rc } = await freshStorage(t, '3.3');
  const page = () => api.get('/resources', { type: 'FILE', fullName: '', pageNo: 1, pageSize: 10 });
  assert.equal(code(await page()), 0);
  await rc.upload('a.sh', 'x');
  assert.deepEqual(codeMsg(await page()), [10057, 'query resources list paging:null']);
});

test('3.3: pageNo and pageSize must be positive: 10001 naming the parameter', async (t) => {
  const { rc } = await freshStorage(t, '3.3');
  assert.deepEqual(codeMsg(await rc.page('', { pageNo: 0 })), [10001, 'request parameter pageNo is not valid']);
});

test('3.3: an admin paging "" sees every tenant root, a general user only theirs', async (t) => {
  const { api, rc } = await freshStorage(t, '3.3', { users: TWO_TENANTS });
  const alice = rc.as(await loginAs(api, 'alice', 'alice-pw'));
  await rc.upload('mine.sh', 'x');
  await alice.upload('hers.sh', 'x');
  const names = async (calls: typeof rc) => (await calls.page('')).json?.data.totalList.map((i: { fullName: string }) => i.fullName);
  assert.deepEqual(await names(rc), [`${ROOT_33}/mine.sh`, 'file:/tmp/dolphinscheduler/tenant_a/resources/hers.sh']);
  assert.deepEqual(await names(alice), ['file:/tmp/dolphinscheduler/tenant_a/resources/hers.sh']);
});

test('3.3: base-dir is the tenant FILE root for admins and general users alike', async (t) => {
  const { api } = await freshStorage(t, '3.3', { users: TWO_TENANTS });
  assert.deepEqual((await api.get('/resources/base-dir', { type: 'FILE' })).json?.data, ROOT_33);
  assert.deepEqual((await api.get('/resources/base-dir', { type: 'ALL' })).json?.data, 'file:/tmp/dolphinscheduler/default');
  const alice = await loginAs(api, 'alice', 'alice-pw');
  assert.deepEqual((await alice.get('/resources/base-dir', { type: 'FILE' })).json?.data, 'file:/tmp/dolphinscheduler/tenant_a/resources');
});

test('3.3: the storageBaseUri option renames every full name', async (t) => {
  const { api, rc, emu } = await freshStorage(t, '3.3', { storageBaseUri: 'file:/srv/ds' });
  assert.equal((await api.get('/resources/base-dir', { type: 'FILE' })).json?.data, 'file:/srv/ds/default/resources');
  assert.equal(code(await rc.upload('a.sh', 'x', 'file:/srv/ds/default/resources/d')), 0);
  assert.equal((await rc.list()).json?.data[0].fullName, 'file:/srv/ds/default/resources/d/a.sh');
  assert.deepEqual([...(await emu.snapshot()).keys()], ['/d', '/d/a.sh']);
});

for (const path of ['/resources/verify-name', '/resources/query-file-name', '/resources/query-full-name', '/resources/udf-func']) {
  test(`3.3: GET ${path} is gone: HTTP 404`, async (t) => {
    const { api } = await freshStorage(t, '3.3');
    const answer = await api.get(path, { type: 'FILE', fullName: `${ROOT_33}/x` });
    assert.equal(answer.status, 404);
    assert.equal((answer.json as unknown as { error: string }).error, 'Not Found');
  });
}

test('3.3: get-user-info carries the tenant code for an admin too', async (t) => {
  const { api } = await freshStorage(t, '3.3');
  assert.equal((await api.get('/users/get-user-info')).json?.data.tenantCode, 'default');
});
