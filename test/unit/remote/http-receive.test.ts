// DsHttp.receive, the streamed download (issue 11 case 16): the body reaches the sink as it arrives, and a
// transfer that breaks part-way is sent again into a fresh sink, so what the caller gets is never a mix.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { RemoteError } from '../../../src/remote/errors.js';
import { createHttp } from '../../../src/remote/http.js';
import { collectBytes, downloadInto } from '../../../src/remote/write-protocol.js';
import { startServer, type LocalServer } from './local-server.js';

const FILE = Buffer.from('0123456789'.repeat(1000));
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose first `breaks` answers send half the file and cut the connection. */
async function serving(breaks: number): Promise<LocalServer> {
  let answered = 0;
  server = await startServer((_request, res, socket) => {
    res.writeHead(200, { 'content-length': String(FILE.length), 'content-disposition': 'attachment; filename="a.jar"' });
    if (answered++ < breaks) {
      res.write(FILE.subarray(0, FILE.length / 2), () => socket.destroy());
      return;
    }
    res.end(FILE);
  });
  return server;
}

function download(local: LocalServer, retries: number): Promise<Buffer> {
  const http = createHttp({ baseUrl: local.baseUrl, auth: { token: 't' }, timeoutMs: 2000, retries, backoffMs: 5 });
  const where = { op: 'download', path: '/a.jar', endpoint: 'local' };
  return collectBytes((openSink) => http.receive({ method: 'GET', url: 'resources/download', download: true, op: 'download' },
    (answer) => downloadInto(answer, openSink, where))).finally(() => http.close());
}

describe('http: streamed downloads', () => {
  it('a transfer cut part-way is sent again, from the first byte, into a fresh sink', async () => {
    const local = await serving(1);
    assert.deepEqual(await download(local, 2), FILE);
    assert.equal(local.received.length, 2);
  });

  it('without retries left it is a connection failure, never a short file', async () => {
    const local = await serving(5);
    await assert.rejects(download(local, 1), (e: unknown) => e instanceof RemoteError && e.kind === 'unreachable');
    assert.equal(local.received.length, 2);
  });
});
