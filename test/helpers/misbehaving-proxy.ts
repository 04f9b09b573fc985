// A small HTTP proxy in front of the emulator that misbehaves on purpose, for the hardening tests
// (issue 11): it trickles an answer's body at N bytes per second (case 11), or rewrites a JSON answer
// into one that lies (case 6: `{code:0,data:[]}` for a listing), or answers `{code:0}` to a create it never
// forwards (case 6: the server answered success, the file is not there), or forwards a request and drops its
// answer (a write that landed, whose answer was lost).
// Requests that match no rule pass through unchanged.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxyRule {
  method?: string;
  /** Matched against the path (without the query) of the request, e.g. /download$/. */
  path: RegExp;
  /** Also matched against the query string (e.g. a download's fullName), when given. */
  query?: RegExp;
  /** Send the answer's body at this many bytes per second (headers at once, Content-Length kept). */
  trickleBytesPerSecond?: number;
  /** Replace the JSON answer by what this returns. */
  rewriteJson?: (answer: unknown) => unknown;
  /** Answer this JSON at once, never forwarding the request: the server does not see it (a create that "succeeds" without happening). */
  answerJson?: unknown;
  /** Forward the request, let the server finish it, then close the connection without answering: the write landed, its answer is lost. */
  loseAnswer?: boolean;
  /** Only requests whose body contains this text (e.g. a multipart part naming the file). */
  bodyIncludes?: string;
  /** How many requests the rule applies to; unlimited when absent. */
  times?: number;
}

export interface MisbehavingProxy {
  /** The emulator's URL with the proxy's host and port, e.g. http://127.0.0.1:PORT/dolphinscheduler */
  url: string;
  /** Requests a rule applied to, as `METHOD path`. */
  readonly misbehaved: string[];
  addRule(rule: ProxyRule): void;
  close(): Promise<void>;
}

export async function startMisbehavingProxy(upstreamUrl: string): Promise<MisbehavingProxy> {
  const upstream = new URL(upstreamUrl);
  const rules: ProxyRule[] = [];
  const misbehaved: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => void (async () => {
    const { pathname: path, search } = new URL(req.url ?? '/', 'http://proxy');
    // The body is read first only when a rule looks into it (tests send small bodies then).
    const body = rules.some((r) => r.bodyIncludes !== undefined) ? await bodyOf(req) : undefined;
    const rule = rules.find((r) => (r.method === undefined || r.method === req.method) && r.path.test(path) && (r.query?.test(decodeURIComponent(search)) ?? true) && (r.times ?? 1) > 0
      && (r.bodyIncludes === undefined || body?.includes(r.bodyIncludes) === true));
    if (rule) {
      if (rule.times !== undefined) rule.times--;
      misbehaved.push(`${req.method ?? ''} ${path}`);
    }
    if (rule?.answerJson !== undefined) {
      const json = Buffer.from(JSON.stringify(rule.answerJson), 'utf8');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length) });
      res.end(json);
      return;
    }
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (rule?.loseAnswer) answer.on('end', () => res.destroy()).resume();
      else if (rule?.rewriteJson) void rewrite(answer, res, rule.rewriteJson);
      else if (rule?.trickleBytesPerSecond) void trickle(answer, res, rule.trickleBytesPerSecond, timers);
      else {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    });
    forward.on('error', () => res.destroy());
    if (body === undefined) req.pipe(forward);
    else forward.end(body);
  })());
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    misbehaved,
    addRule: (rule) => { rules.push(rule); },
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

async function bodyOf(answer: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function rewrite(answer: IncomingMessage, res: ServerResponse, change: (answer: unknown) => unknown): Promise<void> {
  const body = Buffer.from(JSON.stringify(change(JSON.parse((await bodyOf(answer)).toString('utf8')))), 'utf8');
  const headers = { ...answer.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  res.writeHead(answer.statusCode ?? 200, headers);
  res.end(body);
}

async function trickle(answer: IncomingMessage, res: ServerResponse, bytesPerSecond: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  const body = await bodyOf(answer);
  const headers = { ...answer.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  res.writeHead(answer.statusCode ?? 200, headers);
  // One byte at a time at low rates: the socket is never silent for long, so only an overall deadline ends it.
  const chunk = Math.max(1, Math.floor(bytesPerSecond / 10));
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent >= body.length) {
      clearInterval(timer);
      timers.delete(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.subarray(sent, sent + chunk));
    sent += chunk;
  }, (1000 * chunk) / bytesPerSecond);
  timers.add(timer);
  res.on('close', () => { clearInterval(timer); timers.delete(timer); });
}
