// Issue 11 case 6, in the adapters: a create counts only when its answer proves it (3.0/3.1: the new resource)
// or the path is read back (3.2/3.3, whose answer is data: null by design). The misbehaving proxy sits between
// the adapter and the small fake server: it answers {code:0} to a POST it never forwards, or strips an answer.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import type { ResourceCenter, UploadContent } from '../../../src/remote/port.js';
import { startMisbehavingProxy, type MisbehavingProxy, type ProxyRule } from '../../helpers/misbehaving-proxy.js';
import { openAdapter } from '../../helpers/open-adapter.js';
import { startFakeV31 } from './fake-v31.js';
import { startFakeV33 } from './fake-v33.js';
import { rejection, TOKEN } from './storage-support.js';

const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const closer of closers.splice(0).reverse()) await closer.close();
});

const text = (value: string): UploadContent => ({ size: value.length, open: async () => Readable.from([Buffer.from(value)]) });

async function behind(generation: '3.1' | '3.3', rule: ProxyRule): Promise<{ center: ResourceCenter; proxy: MisbehavingProxy }> {
  const fake = generation === '3.1' ? await startFakeV31() : await startFakeV33();
  closers.push({ close: async () => fake.close() });
  const proxy = await startMisbehavingProxy(fake.server.baseUrl);
  closers.push(proxy);
  proxy.addRule(rule);
  const center = openAdapter(generation, { baseUrl: proxy.url, auth: { token: TOKEN }, remoteRoot: '/gitlab', timeoutMs: 2000, retries: 0 });
  closers.push(center);
  await center.connect();
  await center.mkdir('');
  return { center, proxy };
}

const swallowed: ProxyRule = { method: 'POST', path: /\/resources$/, bodyIncludes: 'a.sh', answerJson: { code: 0, msg: 'success' } };

describe('case 6: a create the answer does not prove', () => {
  for (const generation of ['3.1', '3.3'] as const) {
    it(`${generation}: answered {code:0} but never made is an error, never counted as created`, async () => {
      const { center, proxy } = await behind(generation, swallowed);
      const error = await rejection(center.create('a.sh', text('a')));
      assert.equal(proxy.misbehaved.length, 1);
      assert.equal(error.kind, 'protocol');
      assert.match(error.message, /create \S*a\.sh: the server answered success, but the file is not there when read back/);
      assert.equal((await center.list({ withSizes: false })).entries.has('a.sh'), false);
    });
  }

  it('3.1: an answer stripped of its resource is proven by reading the path back', async () => {
    const { center } = await behind('3.1', { method: 'POST', path: /\/resources$/, rewriteJson: () => ({ code: 0, msg: 'success' }) });
    await center.create('a.sh', text('a'));
    assert.equal((await center.download('a.sh')).toString(), 'a');
  });
});
