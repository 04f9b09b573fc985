// Authentication as LoginHandlerInterceptor and LoginController do it (reference §1.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api, code, fresh } from './support.js';

test('no token and no session: HTTP 401 with an empty body', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.withHeaders({}).get('/resources/list', { type: 'FILE' });
  assert.equal(answer.status, 401);
  assert.equal(answer.text, '');
});

test('a wrong token, or the right one with a Bearer prefix, is 401', async (t) => {
  const { api, emu } = await fresh(t);
  assert.equal((await api.withHeaders({ token: 'nope' }).get('/resources/list', { type: 'FILE' })).status, 401);
  assert.equal((await api.withHeaders({ token: `Bearer ${emu.token}` }).get('/resources/list', { type: 'FILE' })).status, 401);
});

test('the token header authenticates, and every configured token is accepted', async (t) => {
  const { api } = await fresh(t, { tokens: ['first', 'second'] });
  assert.equal(code(await api.withHeaders({ token: 'first' }).get('/resources/list', { type: 'FILE' })), 0);
  assert.equal(code(await api.withHeaders({ token: 'second' }).get('/resources/list', { type: 'FILE' })), 0);
});

test('login answers the session id in data and in HttpOnly cookies', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.withHeaders({}).form('POST', '/login', { userName: 'admin', userPassword: 'dolphinscheduler123' });
  assert.equal(answer.json?.code, 0);
  assert.equal(answer.json?.msg, 'login success');
  const sessionId = answer.json?.data.sessionId as string;
  assert.match(sessionId, /^[0-9a-f-]{36}$/);
  assert.equal(answer.json?.data.securityConfigType, 'PASSWORD');
  assert.deepEqual(answer.headers.getSetCookie(), [`sessionId=${sessionId}; HttpOnly`, 'securityConfigType=PASSWORD; HttpOnly']);
});

test('the session works as a sessionId header and as a cookie', async (t) => {
  const { api } = await fresh(t);
  const login = await api.withHeaders({}).form('POST', '/login', { userName: 'admin', userPassword: 'dolphinscheduler123' });
  const sessionId = login.json?.data.sessionId as string;
  assert.equal(code(await new Api(api.base, { sessionId }).get('/users/get-user-info')), 0);
  assert.equal(code(await new Api(api.base, { cookie: `language=en; sessionId=${sessionId}` }).get('/users/get-user-info')), 0);
  assert.equal((await new Api(api.base, { sessionId: 'not-a-session' }).get('/users/get-user-info')).status, 401);
});

test('a second login within two hours gets the same session back', async (t) => {
  const { api } = await fresh(t);
  const login = () => api.withHeaders({}).form('POST', '/login', { userName: 'admin', userPassword: 'dolphinscheduler123' });
  assert.equal((await login()).json?.data.sessionId, (await login()).json?.data.sessionId);
});

test('a wrong password answers 10013 with HTTP 200', async (t) => {
  const { api } = await fresh(t);
  const answer = await api.withHeaders({}).form('POST', '/login', { userName: 'admin', userPassword: 'wrong' });
  assert.equal(answer.status, 200);
  assert.equal(code(answer), 10013);
  assert.equal(answer.json?.msg, 'user name or password error');
});

test('an empty user name is 10004; a missing parameter is the handler code 10043', async (t) => {
  const { api } = await fresh(t);
  assert.equal(code(await api.withHeaders({}).form('POST', '/login', { userName: '', userPassword: 'x' })), 10004);
  assert.equal(code(await api.withHeaders({}).form('POST', '/login', { userName: 'admin' })), 10043);
});

test('get-user-info on 3.1: an admin has no tenantCode, a general user has its tenant', async (t) => {
  const { api } = await fresh(t, {
    users: [
      { name: 'admin', password: 'pw', tenant: 'default', admin: true },
      { name: 'alice', password: 'pw2', tenant: 'team' },
    ],
  });
  const admin = await api.get('/users/get-user-info');
  assert.equal(admin.json?.data.userName, 'admin');
  assert.equal(admin.json?.data.userType, 'ADMIN_USER');
  assert.equal(admin.json?.data.tenantCode, null);
  const login = await api.withHeaders({}).form('POST', '/login', { userName: 'alice', userPassword: 'pw2' });
  const alice = await new Api(api.base, { sessionId: login.json?.data.sessionId as string }).get('/users/get-user-info');
  assert.equal(alice.json?.data.userType, 'GENERAL_USER');
  assert.equal(alice.json?.data.tenantCode, 'team');
});

test('an unknown path is 401 without credentials and a Spring 404 with them', async (t) => {
  const { api } = await fresh(t);
  assert.equal((await api.withHeaders({}).get('/no/such/thing')).status, 401);
  const answer = await api.get('/no/such/thing');
  assert.equal(answer.status, 404);
  assert.deepEqual(Object.keys(answer.json ?? {}), ['timestamp', 'status', 'error', 'path']);
  assert.equal((answer.json as unknown as { path: string }).path, '/dolphinscheduler/no/such/thing');
});
