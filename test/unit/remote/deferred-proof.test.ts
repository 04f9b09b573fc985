// Issue 12 with issue 11 case 6 on 3.2/3.3: a create answered `data: null` is proven by reading it back, but
// with the other creates of its directory in one listing (confirmWrites), not by a listing of its own: N creates
// in one directory cost N POSTs and one listing page. A create the server "made" without making it is still
// reported. The misbehaving proxy answers {code:0} to one POST it never forwards.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ResourceCenter } from '../../../src/remote/port.js';
import { startMisbehavingProxy } from '../../helpers/misbehaving-proxy.js';
import { openAdapter } from '../../helpers/open-adapter.js';
import type { FakeStorage } from './fake-storage.js';
import { startFakeV32 } from './fake-v32.js';
import { startFakeV33 } from './fake-v33.js';
import { text, TOKEN, traffic } from './storage-support.js';

const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const closer of closers.splice(0).reverse()) await closer.close();
});

const FILES = ['c1.sql', 'c2.sql', 'c3.sql', 'c4.sql', 'c5.sql'];

async function behindProxy(generation: '3.2' | '3.3'): Promise<{ center: ResourceCenter; fake: FakeStorage; swallowed: () => number }> {
  const fake = generation === '3.2' ? await startFakeV32() : await startFakeV33();
  closers.push({ close: async () => fake.close() });
  const proxy = await startMisbehavingProxy(fake.server.baseUrl);
  closers.push(proxy);
  proxy.addRule({ method: 'POST', path: /\/resources$/, bodyIncludes: 'c3.sql', answerJson: { code: 0, msg: 'success', data: null }, times: 1 });
  const center = openAdapter(generation, { baseUrl: proxy.url, auth: { token: TOKEN }, remoteRoot: '/gitlab', timeoutMs: 2000, retries: 0 });
  closers.push(center);
  await center.connect();
  await center.mkdir('');
  await center.mkdir('d');
  return { center, fake, swallowed: () => proxy.misbehaved.length };
}

describe('creates proven by one listing per directory (issue 12, issue 11 case 6)', () => {
  for (const generation of ['3.2', '3.3'] as const) {
    it(`${generation}: N creates in one directory cost N POSTs and one listing page; the one not made is reported`, async () => {
      const { center, fake, swallowed } = await behindProxy(generation);
      const before = traffic(fake).length;
      for (const name of FILES) await center.create(`d/${name}`, text(name), { deferProof: true });
      const writes = traffic(fake).slice(before);
      assert.deepEqual(writes, FILES.slice(1).map(() => 'POST resources'), 'no read-back while the creates go out');
      assert.equal(swallowed(), 1, 'c3.sql was answered by the proxy, never sent');
      const unproven = await center.confirmWrites();
      const reads = traffic(fake).slice(before + writes.length);
      assert.deepEqual(reads, ['GET resources'], 'one listing page for the directory');
      assert.deepEqual(unproven.map((u) => u.path), ['d/c3.sql']);
      assert.match(unproven[0]?.error.message ?? '', /create \S*d\/c3\.sql: the server answered success, but the file is not there when read back; it is not counted as written \(the marker does not move\)/);
      assert.deepEqual(await center.confirmWrites(), [], 'confirmed once: nothing left to read back');
      assert.equal(traffic(fake).length, before + writes.length + 1);
    });
  }

  it('3.3: without deferProof (the marker, the lease) a create is read back at once', async () => {
    const { center, fake } = await behindProxy('3.3');
    const before = traffic(fake).length;
    await center.create('d/m.json', text('{}'));
    assert.deepEqual(traffic(fake).slice(before), ['POST resources', 'GET resources']);
  });
});
