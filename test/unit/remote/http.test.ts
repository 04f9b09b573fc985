import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { RemoteError } from '../../../src/remote/errors.js';
import { loggerFrom } from '../../../src/core/logger.js';
import { createHttp, outcomeUnknown, type DsHttp, type HttpOptions } from '../../../src/remote/http.js';
import { expectData } from '../../../src/remote/envelope.js';
import { closedPort, reply, startServer, type LocalServer } from './local-server.js';

const TOKEN = 'tok-5e5ac4e1-never-show-me';
const PASSWORD = 'pw-never-show-me';

const servers: LocalServer[] = [];
const clients: DsHttp[] = [];
after(async () => {
  for (const client of clients) client.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function client(baseUrl: string, overrides: Partial<HttpOptions> = {}, lines: string[] = []): DsHttp {
  const http = createHttp({ baseUrl, auth: { token: TOKEN }, timeoutMs: 300, retries: 2, backoffMs: 10, logger: loggerFrom((entry) => lines.push(entry.message)), ...overrides });
  clients.push(http);
  return http;
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RemoteError, `expected a RemoteError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

/** Every form in which an error could be shown or logged. */
function assertNoSecret(error: unknown, ...secrets: string[]): void {
  const forms = [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error),
    (error as Error).stack ?? '', String((error as Error).cause)];
  for (const secret of secrets) for (const form of forms) assert.ok(!form.includes(secret), `secret found in: ${form}`);
}

const get = { method: 'GET', url: 'resources/list', searchParams: { type: 'FILE' }, op: 'list' } as const;

describe('http: authentication', () => {
  it('sends the token in a header named exactly `token`, with no Bearer and no Authorization', async () => {
    const server = await serve((_req, res) => reply(res, 0, []));
    await client(server.baseUrl).send(get);
    const [request] = server.received;
    assert.equal(request?.headers.token, TOKEN);
    assert.equal(request?.headers.authorization, undefined);
    assert.equal(request?.url.pathname, '/dolphinscheduler/resources/list');
    assert.equal(request?.url.searchParams.get('type'), 'FILE');
  });

  it('logs in with userName and userPassword form fields, then sends the session in a `sessionId` header', async () => {
    const server = await serve((req, res) => (req.url.pathname.endsWith('/login')
      ? reply(res, 0, { sessionId: 'sess-1', securityConfigType: 'PASSWORD' }, 'login success')
      : reply(res, 0, [])));
    const http = client(server.baseUrl, { auth: { user: 'alice', password: PASSWORD } });
    await http.authenticate();
    await http.authenticate(); // once only
    await http.send(get);
    const [login, list] = server.received;
    assert.equal(server.received.length, 2);
    assert.equal(login?.method, 'POST');
    assert.equal(login?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(login?.body.toString())), { userName: 'alice', userPassword: PASSWORD });
    assert.equal(list?.headers.sessionid, 'sess-1');
    assert.equal(list?.headers.token, undefined);
  });

  it('a refused login is an auth error naming the user and the server code, never the password', async () => {
    const server = await serve((_req, res) => reply(res, 10013, null, 'user name or password error'));
    const error = await failure(client(server.baseUrl, { auth: { user: 'alice', password: PASSWORD } }).authenticate());
    assert.equal(error.kind, 'auth');
    assert.equal(error.message, `login refused for user "alice" at 127.0.0.1:${server.port}: server code 10013 "user name or password error"`);
    assertNoSecret(error, PASSWORD);
  });
});

describe('http: retries and time limits', () => {
  it('a server that never answers gives a timeout naming host and port, within the bound', async () => {
    const server = await serve(() => { /* never answers */ });
    const started = Date.now();
    const error = await failure(client(server.baseUrl, { timeoutMs: 200, retries: 1 }).send(get));
    const elapsed = Date.now() - started;
    assert.equal(error.kind, 'timeout');
    assert.equal(error.message, `DolphinScheduler at 127.0.0.1:${server.port} did not answer within 200 ms (GET resources/list)`);
    assert.equal(server.received.length, 2, 'a GET is retried');
    assert.ok(elapsed < 2 * 200 + 10 + 500, `took ${elapsed} ms`);
    assertNoSecret(error, TOKEN);
  });

  it('a closed port gives unreachable naming host and port', async () => {
    const port = await closedPort();
    const error = await failure(client(`http://127.0.0.1:${port}/dolphinscheduler`).send(get));
    assert.equal(error.kind, 'unreachable');
    assert.equal(error.message, `cannot reach DolphinScheduler at 127.0.0.1:${port} (connection refused)`);
    assert.equal(error.endpoint, `127.0.0.1:${port}`);
    assert.equal(outcomeUnknown(error), false);
    assertNoSecret(error, TOKEN);
  });

  it('a GET answered 500 then 200 is retried and succeeds', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      if (calls++ === 0) {
        res.statusCode = 500;
        res.end('boom');
      } else {
        reply(res, 0, ['ok']);
      }
    });
    const lines: string[] = [];
    const answer = await client(server.baseUrl, {}, lines).send(get);
    assert.deepEqual(expectData(answer, { op: 'list', endpoint: 'x' }), ['ok']);
    assert.equal(server.received.length, 2);
    assert.ok(lines.some((l) => l.includes('answered HTTP 500; retry 1 of 2')), lines.join('\n'));
  });

  it('a GET answered 503 every time returns the last answer after the retries', async () => {
    const server = await serve((_req, res) => { res.statusCode = 503; res.end(); });
    const answer = await client(server.baseUrl).send(get);
    assert.equal(answer.status, 503);
    assert.equal(server.received.length, 3);
  });

  it('a POST whose connection is reset is not replayed, and its outcome is unknown', async () => {
    const server = await serve((_req, _res, socket) => { socket.destroy(); });
    const error = await failure(client(server.baseUrl).send({ method: 'POST', url: 'resources/directory', form: { name: 'a' }, op: 'mkdir', path: '/gitlab/a' }));
    assert.equal(server.received.length, 1);
    assert.equal(error.kind, 'unreachable');
    assert.equal(error.message, `cannot reach DolphinScheduler at 127.0.0.1:${server.port} (connection reset by the server)`);
    assert.equal(error.op, 'mkdir');
    assert.equal(outcomeUnknown(error), true);
    assertNoSecret(error, TOKEN);
  });

  it('a POST answered 500 is not replayed', async () => {
    const server = await serve((_req, res) => { res.statusCode = 500; res.end(); });
    const answer = await client(server.baseUrl).send({ method: 'POST', url: 'resources', op: 'create' });
    assert.equal(answer.status, 500);
    assert.equal(server.received.length, 1);
  });

  it('a PUT whose connection is reset is replayed (it is idempotent)', async () => {
    let calls = 0;
    const server = await serve((_req, res, socket) => {
      if (calls++ === 0) socket.destroy();
      else reply(res, 0);
    });
    await client(server.baseUrl).send({ method: 'PUT', url: 'resources/7', form: { name: 'a' }, op: 'rename' });
    assert.equal(server.received.length, 2);
  });

  it('a POST refused at connect is retried: it cannot have reached the server', async () => {
    const port = await closedPort();
    const http = client(`http://127.0.0.1:${port}/dolphinscheduler`, { retries: 4, backoffMs: 150 });
    const sending = http.send({ method: 'POST', url: 'resources/directory', form: { name: 'a' }, op: 'mkdir' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { createServer } = await import('node:http');
    const late = createServer((_req, res) => reply(res, 0, { id: 1 }));
    await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
    try {
      const answer = await sending;
      assert.equal(answer.status, 200);
    } finally {
      late.closeAllConnections();
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });

  it('an upload body is built afresh for every attempt', async () => {
    let calls = 0;
    const server = await serve((_req, res, socket) => {
      if (calls++ === 0) socket.destroy();
      else reply(res, 0);
    });
    let builds = 0;
    const { encodeMultipart } = await import('../../../src/remote/multipart.js');
    const { Readable } = await import('node:stream');
    await client(server.baseUrl).send({
      method: 'PUT', url: 'resources/7', op: 'update',
      multipart: () => { builds++; return encodeMultipart([['type', 'FILE']], { field: 'file', filename: 'a.sh', size: 3, open: async () => Readable.from([Buffer.from('abc')]) }); },
    });
    assert.equal(builds, 2);
    assert.ok(server.received[1]?.body.includes(Buffer.from('abc')));
  });
});

describe('http: uploads', () => {
  it('a file that changes while it is sent fails locally and is not retried', async () => {
    const server = await serve((_req, res) => reply(res, 0));
    const { ContentSizeError, encodeMultipart } = await import('../../../src/remote/multipart.js');
    const { Readable } = await import('node:stream');
    const sending = client(server.baseUrl).send({
      method: 'PUT', url: 'resources/7', op: 'update',
      multipart: () => encodeMultipart([], { field: 'file', filename: 'a.sh', size: 10, open: async () => Readable.from([Buffer.from('abc')]) }),
    });
    await assert.rejects(sending, (error: unknown) => error instanceof ContentSizeError && /a\.sh changed while it was being uploaded/.test(error.message));
    assert.equal(server.received.length, 0, 'the truncated body never reached the handler');
  });

  it('a file that cannot be read is a local error, not a server one', async () => {
    const server = await serve((_req, res) => reply(res, 0));
    const { encodeMultipart } = await import('../../../src/remote/multipart.js');
    const { Readable } = await import('node:stream');
    const broken = new Readable({ read() { this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })); } });
    const sending = client(server.baseUrl).send({
      method: 'PUT', url: 'resources/7', op: 'update',
      multipart: () => encodeMultipart([], { field: 'file', filename: 'a.sh', size: 10, open: async () => broken }),
    });
    await assert.rejects(sending, (error: unknown) => !(error instanceof RemoteError) && (error as { code?: string }).code === 'EIO');
  });
});

describe('http: secrets', () => {
  it('no request log line carries the token', async () => {
    const server = await serve((_req, res) => reply(res, 0, []));
    const lines: string[] = [];
    await client(server.baseUrl, {}, lines).send({ ...get, searchParams: { type: 'FILE', fullName: '/gitlab/a.sh' } });
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(!line.includes(TOKEN), line);
  });

  it('credentials written into the base URL are never sent nor shown', async () => {
    const server = await serve((_req, res) => reply(res, 0, []));
    const url = server.baseUrl.replace('http://', `http://bob:${PASSWORD}@`);
    const http = client(url);
    await http.send(get);
    assert.equal(server.received[0]?.headers.authorization, undefined);
    assert.equal(http.endpoint, `127.0.0.1:${server.port}`);
  });
});

describe('http: an overall deadline that grows with the size (issue 11)', () => {
  /** Answers `size` bytes, one every `everyMs`: the socket is never silent long enough for the inactivity timeout. */
  const trickle = (size: number, everyMs: number, declare: boolean) => serve((_req, res) => {
    res.writeHead(200, declare ? { 'content-length': String(size) } : {});
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= size) { clearInterval(timer); res.end(); return; }
      res.write('x');
      sent++;
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  });

  it('case 11: a download trickled at 20 bytes/s ends as a timeout at its deadline, never a hang', async () => {
    const server = await trickle(280, 50, true);
    const started = Date.now();
    const error = await failure(client(server.baseUrl, { retries: 0 }).send({ method: 'GET', url: 'resources/download', op: 'download', download: true }));
    const took = Date.now() - started;
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer within its deadline of \d+ ms \(a transfer slower than 64 KiB\/s\)/);
    assert.ok(took < 1500, `took ${took} ms, the deadline is 300 ms + 280 B at 64 KiB/s`);
    assert.ok(outcomeUnknown(error), 'a request cut off by its deadline may have landed');
  });

  it('case 11: an answer without a Content-Length is cut off as well', async () => {
    const server = await trickle(280, 50, false);
    const error = await failure(client(server.baseUrl, { retries: 0 }).send({ method: 'GET', url: 'resources/download', op: 'download', download: true }));
    assert.equal(error.kind, 'timeout');
  });

  it('case 11: a large answer at a healthy rate is not cut off: its deadline grows with its Content-Length', async () => {
    const size = 4 * 1024 * 1024; // 64 s of allowance at 64 KiB/s; sent in about 0.4 s
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(size) });
      let left = 16;
      const timer = setInterval(() => {
        res.write(Buffer.alloc(size / 16));
        if (--left === 0) { clearInterval(timer); res.end(); }
      }, 25);
    });
    const response = await client(server.baseUrl, { retries: 0 }).send({ method: 'GET', url: 'resources/download', op: 'download', download: true });
    assert.equal(response.body.length, size);
  });
});

describe('http: connections', () => {
  it('40 concurrent requests share at most maxSockets keep-alive connections, and later ones reuse them', async () => {
    const sockets = new Set<unknown>();
    let inFlight = 0;
    let mostInFlight = 0;
    const server = await serve(async (_req, res, socket) => {
      sockets.add(socket);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      reply(res, 0, []);
    });
    const http = client(server.baseUrl, { maxSockets: 4, timeoutMs: 5000 });
    const burst = () => Promise.all(Array.from({ length: 40 }, () => http.send(get)));
    for (const response of await burst()) assert.equal(response.status, 200);
    assert.equal(sockets.size, 4, 'the requests waited for a free connection instead of opening more');
    assert.equal(mostInFlight, 4);
    await burst();
    assert.equal(sockets.size, 4, 'the second burst reused the same connections');
    assert.equal(server.received.length, 80);
  });
});
