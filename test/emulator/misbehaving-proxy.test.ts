// The misbehaving proxy the hardening tests put in front of the emulator (issue 11, cases 6 and 11)
// does what it says: passes through, rewrites a JSON answer into a lie, trickles a body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startMisbehavingProxy } from '../helpers/misbehaving-proxy.js';
import { Api, createdId, fresh } from './support.js';

test('the proxy passes answers through, rewrites a listing to {code:0,data:[]} and a create to {code:0}, and trickles a download', async (t) => {
  const { emu, api } = await fresh(t);
  const id = createdId(await api.upload('a.sh', 'hello world', -1, '/'));
  const proxy = await startMisbehavingProxy(emu.url);
  t.after(() => proxy.close());
  const via = new Api(proxy.url, { token: emu.token });

  assert.equal((await via.get('/resources/list', { type: 'FILE' })).json?.data.length, 1, 'no rule: passed through');
  proxy.addRule({ method: 'GET', path: /\/resources\/list$/, rewriteJson: () => ({ code: 0, msg: 'success', data: [] }), times: 1 });
  assert.deepEqual((await via.get('/resources/list', { type: 'FILE' })).json?.data, [], 'the listing lies');
  assert.equal((await via.get('/resources/list', { type: 'FILE' })).json?.data.length, 1, 'times: 1 is used up');

  proxy.addRule({ method: 'POST', path: /\/resources\/directory$/, rewriteJson: (answer) => ({ ...(answer as object), data: undefined }) });
  const created = await via.mkdir('d');
  assert.deepEqual([created.json?.code, created.json?.data], [0, undefined], 'a create answered without data');
  assert.ok((await emu.snapshot()).has('/d'), 'while the server did create it');

  proxy.addRule({ method: 'GET', path: /\/download$/, trickleBytesPerSecond: 40 });
  const started = Date.now();
  const download = await via.get(`/resources/${id}/download`);
  assert.equal(download.text, 'hello world');
  assert.ok(Date.now() - started >= 200, `11 bytes at 40 bytes/s took ${Date.now() - started} ms`);
  assert.deepEqual(proxy.misbehaved.map((m) => m.split(' ')[0]), ['GET', 'POST', 'GET']);
});
