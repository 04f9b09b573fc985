import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ServerResponse } from 'node:http';
import { detectGeneration } from '../../../src/remote/detect.js';
import { RemoteError } from '../../../src/remote/errors.js';
import { createHttp, type DsHttp } from '../../../src/remote/http.js';
import { reply, startServer, type LocalServer, type Received } from './local-server.js';

const servers: LocalServer[] = [];
const clients: DsHttp[] = [];
after(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => s.close()));
});

/** What each generation answers to the three probes (reference §8), as seen from the source. */
const behaviour: Record<string, Record<string, (res: ServerResponse, req: Received) => void>> = {
  '3.0': {
    'resources/base-dir': (res) => reply(res, 20004, null, 'resource not exist'),
    'favourite/taskTypes': notFound,
  },
  '3.1': {
    'resources/base-dir': (res) => reply(res, 20004, null, 'resource not exist'),
    'favourite/taskTypes': (res) => reply(res, 0, [{ taskName: 'SHELL' }]),
  },
  '3.2': {
    'resources/base-dir': (res) => reply(res, 0, '/dolphinscheduler/default/resources/'),
    'resources/verify-name': (res) => reply(res, 0),
  },
  '3.3': {
    'resources/base-dir': (res) => reply(res, 0, 'file:/tmp/dolphinscheduler/default/resources'),
    'resources/verify-name': notFound,
  },
};

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ timestamp: '2024-01-01T00:00:00.000+00:00', status: 404, error: 'Not Found', path: '/x' }));
}

async function serverFor(routes: Record<string, (res: ServerResponse, req: Received) => void>): Promise<DsHttp> {
  const server = await startServer((req, res) => {
    const route = routes[req.url.pathname.replace('/dolphinscheduler/', '')];
    if (route === undefined) notFound(res);
    else route(res, req);
  });
  servers.push(server);
  const http = createHttp({ baseUrl: server.baseUrl, auth: { token: 't' }, timeoutMs: 1000, retries: 0 });
  clients.push(http);
  return http;
}

describe('detectGeneration', () => {
  for (const generation of ['3.0', '3.1', '3.2', '3.3']) {
    it(`recognises ${generation} by what it does`, async () => {
      const detection = await detectGeneration(await serverFor(behaviour[generation] ?? {}));
      assert.equal(detection.generation, generation);
      assert.ok(detection.evidence.length > 0);
    });
  }

  it('3.2 is probed with a path under its base directory', async () => {
    let probed = '';
    const http = await serverFor({
      ...behaviour['3.2'],
      'resources/verify-name': (res, req) => { probed = req.url.searchParams.get('fullName') ?? ''; reply(res, 0); },
    });
    await detectGeneration(http);
    assert.equal(probed, '/dolphinscheduler/default/resources/dolps-sync-probe');
  });

  it('a 3.2 user without a tenant (base-dir answers 10181) is still 3.2 or later', async () => {
    const http = await serverFor({ ...behaviour['3.2'], 'resources/base-dir': (res) => reply(res, 10181, null, 'the tenant of the currently login user is not specified') });
    assert.equal((await detectGeneration(http)).generation, '3.2');
  });

  it('HTTP 401 is an auth error', async () => {
    const http = await serverFor({ 'resources/base-dir': (res) => { res.statusCode = 401; res.end(); } });
    await assert.rejects(detectGeneration(http), (error: unknown) => error instanceof RemoteError && error.kind === 'auth');
  });

  it('a server that is not DolphinScheduler is a protocol error that points at the base URL', async () => {
    const http = await serverFor({});
    await assert.rejects(detectGeneration(http), (error: unknown) => error instanceof RemoteError && error.kind === 'protocol'
      && /^http:\/\/127\.0\.0\.1:\d+\/dolphinscheduler is not a DolphinScheduler 3\.x API: GET resources\/base-dir answered HTTP 404; check the base URL/.test(error.message));
  });
});
