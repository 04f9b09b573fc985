// Listing and looking up resources on 3.0/3.1 (reference §3.2, §3.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceTree } from '../../src/emulator/generations/v31/entity-json.js';
import type { ResourceRow } from '../../src/emulator/resource-table.js';
import { code, createdId, fresh } from './support.js';

test('GET /resources/{id} with fullName answers that resource', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const id = createdId(await api.upload('a.sh', 'x', dir, '/d'));
  const answer = await api.get('/resources/0', { fullName: '/d/a.sh', type: 'FILE' });
  assert.deepEqual([answer.json?.code, answer.json?.data.id], [0, id]);
});

test('GET /resources/{id} with only the id answers the PARENT of that resource', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const id = createdId(await api.upload('a.sh', 'x', dir, '/d'));
  const answer = await api.get(`/resources/${id}`, { type: 'FILE' });
  assert.deepEqual([answer.json?.data.id, answer.json?.data.fullName], [dir, '/d']);
  assert.equal(code(await api.get(`/resources/${dir}`, { type: 'FILE' })), 20004); // the root has no row
});

test('GET /resources/{id}/query answers the resource itself', async (t) => {
  const { api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'xy'));
  const answer = await api.get(`/resources/${id}/query`);
  assert.deepEqual([answer.json?.data.fullName, answer.json?.data.size, answer.json?.data.directory], ['/a.sh', 2, false]);
});

test('verify-name: 0 when free, 20005 when the full name exists', async (t) => {
  const { api } = await fresh(t);
  await api.upload('a.sh', 'x');
  assert.equal(code(await api.get('/resources/verify-name', { fullName: '/b.sh', type: 'FILE' })), 0);
  assert.equal(code(await api.get('/resources/verify-name', { fullName: '/a.sh', type: 'FILE' })), 20005);
});

test('the tree: nested children, fullName without the leading slash, "dirctory" (sic)', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  const id = createdId(await api.upload('a.sh', 'x', dir, '/d'));
  const tree = (await api.get('/resources/list', { type: 'FILE' })).json?.data;
  assert.equal(tree.length, 1);
  assert.deepEqual([tree[0].fullName, tree[0].dirctory, tree[0].idValue], ['d', true, `${dir}_1`]);
  const [leaf] = tree[0].children;
  assert.deepEqual([leaf.id, leaf.name, leaf.fullName, leaf.dirctory, leaf.children], [id, 'a.sh', 'd/a.sh', false, []]);
});

test('the tree is built from the rows as listed: children in listing order, a row whose parent is not listed at the top', () => {
  const row = (id: number, pid: number, fullName: string, isDirectory = false): ResourceRow => ({
    id, pid, fullName, isDirectory, alias: fullName.slice(fullName.lastIndexOf('/') + 1), fileName: null, description: null,
    userId: 1, type: 0, size: 0, createTime: new Date(0), updateTime: new Date(0),
  });
  // Row 9's parent (8) is not among the rows: ResourceTreeVisitor puts it at the top.
  const rows = [row(1, -1, '/d', true), row(5, 1, '/d/z.sh'), row(2, 1, '/d/e', true), row(3, 2, '/d/e/a.sh'), row(4, 1, '/d/b.sh'), row(9, 8, '/x/y.sh')];
  const shape = (nodes: ReturnType<typeof resourceTree>): unknown[] => nodes.map((n) => [n.fullName, shape(n.children)]);
  assert.deepEqual(shape(resourceTree(rows)), [
    ['d', [['d/z.sh', []], ['d/e', [['d/e/a.sh', []]]], ['d/b.sh', []]]],
    ['x/y.sh', []],
  ]);
});

test('the paged listing: children of one directory, newest update first, with userName', async (t) => {
  const { api } = await fresh(t);
  const dir = createdId(await api.mkdir('d'));
  await api.upload('old.sh', 'x', dir, '/d');
  await new Promise((resolve) => setTimeout(resolve, 5));
  await api.upload('new.sh', 'x', dir, '/d');
  await api.upload('elsewhere.sh', 'x');
  const page = (await api.get('/resources', { type: 'FILE', id: dir, pageNo: 1, pageSize: 1 })).json?.data;
  assert.deepEqual(
    { ...page, totalList: page.totalList.map((r: { alias: string; userName: string }) => [r.alias, r.userName]) },
    { totalList: [['new.sh', 'admin']], total: 2, totalPage: 2, pageSize: 1, currentPage: 1, start: 0 },
  );
});

test('the paged listing checks page parameters (10001) and the directory id (20004)', async (t) => {
  const { api } = await fresh(t);
  const zero = await api.get('/resources', { type: 'FILE', id: -1, pageNo: 0, pageSize: 10 });
  assert.deepEqual([zero.json?.code, zero.json?.msg], [10001, 'request parameter pageNo is not valid']);
  assert.equal(code(await api.get('/resources', { type: 'FILE', id: 5, pageNo: 1, pageSize: 10 })), 20004);
});

test('searchVal filters the paged listing by alias', async (t) => {
  const { api } = await fresh(t);
  await api.upload('alpha.sh', 'x');
  await api.upload('beta.sh', 'x');
  const page = (await api.get('/resources', { type: 'FILE', id: -1, pageNo: 1, pageSize: 10, searchVal: 'lph' })).json?.data;
  assert.deepEqual(page.totalList.map((r: { alias: string }) => r.alias), ['alpha.sh']);
});

test('a general user sees only its own resources, and is refused others\' by id (1400001)', async (t) => {
  const { api } = await fresh(t, {
    users: [
      { name: 'admin', password: 'pw', tenant: 'default', admin: true },
      { name: 'bob', password: 'pw', tenant: 'default' },
    ],
  });
  const id = createdId(await api.upload('admins.sh', 'x'));
  const login = await api.withHeaders({}).form('POST', '/login', { userName: 'bob', userPassword: 'pw' });
  const bob = api.withHeaders({ sessionId: login.json?.data.sessionId as string });
  assert.deepEqual((await bob.get('/resources/list', { type: 'FILE' })).json?.data, []);
  assert.equal((await bob.get('/resources', { type: 'FILE', id: -1, pageNo: 1, pageSize: 10 })).json?.data.total, 0);
  assert.equal((await api.get('/resources', { type: 'FILE', id: -1, pageNo: 1, pageSize: 10 })).json?.data.total, 1);
  assert.equal(code(await bob.get(`/resources/${id}/query`)), 1400001);
  assert.equal(code(await bob.delete(`/resources/${id}`)), 1400001);
});
