// The shared HTTP layer for every DolphinScheduler API generation: one got instance with the base URL,
// the auth header, timeouts, and our own retry loop (got's cannot re-open an upload stream, and must not
// replay a POST that may have reached the server). Statuses are not errors here: envelope.ts maps them.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import got, { RequestError, UploadError, type Got } from 'got';
import type { Logger } from '../core/logger.js';
import { RemoteError } from './errors.js';
import type { MultipartBody } from './multipart.js';
import { expectData } from './envelope.js';
import { startDeadline, type Deadline } from './deadline.js';
import { describeFailure, isCertainlyUnsent, overallBudgetMs, timeoutsFor, type Failure } from './http-failure.js';
import { openStream, type StreamedAnswer } from './http-stream.js';

export type { StreamedAnswer } from './http-stream.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Credentials = { token: string } | { user: string; password: string };

export interface HttpOptions {
  /** e.g. http://host:12345/dolphinscheduler */
  baseUrl: string;
  auth: Credentials;
  /** Per attempt: connect, inactivity and waiting for the answer (uploads get more, see timeoutsFor). */
  timeoutMs: number;
  /** Further attempts after a connection error or HTTP 5xx (only when a replay is safe). */
  retries: number;
  /** First pause before a retry; doubles each time, at most 8 s. */
  backoffMs?: number;
  /** Each request's status and time, each retry (debug). */
  logger?: Logger;
  /**
   * Connections kept to the server, reused by every request (keep-alive). Pass the operation concurrency:
   * then concurrent operations never open more, and a first sync of 2,000 files opens 8, not 2,000.
   * Absent: no bound beyond what the callers' own concurrency gives.
   */
  maxSockets?: number;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Relative to the base URL, no leading slash: 'resources/list'. */
  url: string;
  searchParams?: Record<string, string | number>;
  form?: Record<string, string | number>;
  /** Builds a fresh body for each attempt (an upload stream can be read only once). */
  multipart?: () => Promise<MultipartBody>;
  /** The answer is file bytes, not JSON (its deadline grows with its size, see deadline.ts). */
  download?: boolean;
  /** A POST whose replay is harmless (login). */
  idempotent?: boolean;
  /** For messages: what we were doing, and on which remote path. */
  op: string;
  path?: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface DsHttp {
  /** "host:port", for messages. */
  readonly endpoint: string;
  /** The base URL without credentials, for the message that says the base URL is wrong. */
  readonly baseUrl: string;
  /** 'token' or 'session': how a 401 should be explained. */
  readonly authKind: 'token' | 'session';
  /** The resource tree this client addresses; 'UDF' for the UDF tree (udf-tree-http.ts), else FILE. */
  readonly resourceType?: 'FILE' | 'UDF';
  /** Logs in once when the credentials are a user and password; a no-op with a token. */
  authenticate(): Promise<void>;
  /** Sends with retries; resolves with any HTTP status, rejects with RemoteError on connection failures. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Sends a GET whose answer may be large (a download) and hands its body to `consume` as a stream, never
   * buffered whole. Retried like send(); a transfer that breaks part-way (reset, timeout) is sent again and
   * `consume` called again from the first byte, so it must start afresh each time (a new hash, a new file).
   */
  receive<T>(request: HttpRequest, consume: (answer: StreamedAnswer) => Promise<T>): Promise<T>;
  close(): void;
}

const MAX_BACKOFF_MS = 8000;
const mayHaveLandedErrors = new WeakSet<RemoteError>();

/**
 * True when a request failed after it may have reached the server (reset, timeout, HTTP 5xx): its effect
 * is unknown, so a create must be reconciled by reading the path back, never replayed blindly.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  return mayHaveLandedErrors.has(error) || (error.kind === 'protocol' && (error.httpStatus ?? 0) >= 500);
}

export function createHttp(options: HttpOptions): DsHttp {
  const base = new URL(options.baseUrl);
  const endpoint = `${base.hostname}:${base.port || (base.protocol === 'https:' ? '443' : '80')}`;
  const agents = keepAliveAgents(options.maxSockets);
  const client = got.extend({
    prefixUrl: stripCredentials(base),
    throwHttpErrors: false,
    followRedirect: false,
    retry: { limit: 0 },
    responseType: 'buffer',
    agent: agents,
    headers: { 'user-agent': 'dolps-sync' },
  });
  const log = (line: string) => options.logger?.debug(line);
  let authHeader: Record<string, string> = 'token' in options.auth ? { token: options.auth.token } : {};
  let login: Promise<void> | undefined;

  const send = (request: HttpRequest): Promise<HttpResponse> =>
    sendWithRetries(client, request, { ...options, endpoint, log, authHeader: () => authHeader });

  return {
    endpoint,
    baseUrl: stripCredentials(base).replace(/\/+$/, ''),
    authKind: 'token' in options.auth ? 'token' : 'session',
    authenticate() {
      const auth = options.auth;
      if ('token' in auth) return Promise.resolve();
      login ??= logIn(send, auth, endpoint).then(
        (sessionId) => { authHeader = { sessionId }; },
        (error: unknown) => { login = undefined; throw error; },
      );
      return login;
    },
    send,
    receive: (request, consume) => receiveWithRetries(client, request, { ...options, endpoint, log, authHeader: () => authHeader }, consume),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

// An idle connection is closed by the server after its keep-alive timeout (5 s for Node's http server, the
// emulator's; Jetty's idle timeout is longer); a request sent on it just then fails with a reset whose
// effect is unknown. Dropping our idle connections first avoids that race.
const IDLE_SOCKET_MS = 4000;

function keepAliveAgents(maxSockets: number | undefined): { http: HttpAgent; https: HttpsAgent } {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: maxSockets ?? Infinity, maxFreeSockets: maxSockets ?? 256 };
  return { http: new HttpAgent(options), https: new HttpsAgent(options) };
}

// POST /login (LoginController, not behind the auth interceptor): data.sessionId, then header `sessionId`
// (LoginHandlerInterceptor / SessionServiceImpl.getSession read the header before the cookie).
async function logIn(send: DsHttp['send'], auth: { user: string; password: string }, endpoint: string): Promise<string> {
  const response = await send({
    method: 'POST', url: 'login', op: 'login', idempotent: true,
    form: { userName: auth.user, userPassword: auth.password },
  });
  let data: unknown;
  try {
    data = expectData(response, { op: 'login', endpoint, auth: 'session' });
  } catch (error) {
    if (error instanceof RemoteError && error.dsCode !== undefined) {
      throw new RemoteError('auth', 'login', `login refused for user "${auth.user}" at ${endpoint}: server code ${error.dsCode} "${error.dsMsg ?? ''}"`,
        { endpoint, dsCode: error.dsCode, dsMsg: error.dsMsg });
    }
    throw error;
  }
  const sessionId = (data as { sessionId?: unknown } | null)?.sessionId;
  if (typeof sessionId !== 'string' || sessionId === '') {
    throw new RemoteError('protocol', 'login', `login at ${endpoint} answered without a session id`, { endpoint });
  }
  return sessionId;
}

interface SendContext extends HttpOptions {
  endpoint: string;
  log: (line: string) => void;
  authHeader: () => Record<string, string>;
}

async function sendWithRetries(client: Got, request: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
  const replayable = request.method !== 'POST' || request.idempotent === true;
  const label = `${request.method} ${request.url}`;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(client, request, ctx);
    const last = attempt >= ctx.retries;
    if ('status' in outcome) {
      if (outcome.status < 500 || !replayable || last) return outcome;
      await pause(ctx, attempt, `${label} answered HTTP ${outcome.status}`);
      continue;
    }
    const unsent = isCertainlyUnsent(outcome);
    if (last || !(unsent || replayable)) throw toRemoteError(outcome, request, ctx, unsent);
    await pause(ctx, attempt, `${label} failed: ${describeFailure(outcome, ctx.endpoint, ctx.timeoutMs).reason}`);
  }
}

async function receiveWithRetries<T>(client: Got, request: HttpRequest, ctx: SendContext,
  consume: (answer: StreamedAnswer) => Promise<T>): Promise<T> {
  const label = `${request.method} ${request.url}`;
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    const opened = await openStream(client, { url: request.url, searchParams: request.searchParams, headers: ctx.authHeader(), timeoutMs: ctx.timeoutMs });
    const last = attempt >= ctx.retries;
    if (!('body' in opened)) {
      if (last) throw toRemoteError(opened, request, ctx, isCertainlyUnsent(opened));
      await pause(ctx, attempt, `${label} failed: ${describeFailure(opened, ctx.endpoint, ctx.timeoutMs).reason}`);
      continue;
    }
    ctx.log(`${label} -> HTTP ${opened.status} (${Date.now() - started} ms to the first byte)`);
    if (opened.status >= 500 && !last) {
      opened.close();
      await pause(ctx, attempt, `${label} answered HTTP ${opened.status}`);
      continue;
    }
    let failure: Failure | undefined;
    try {
      return await consume(opened);
    } catch (error) {
      // Not the transfer (the sink failed, or the answer was a refusal): no retry.
      failure = opened.failure();
      if (failure === undefined) throw error;
      if (last) throw toRemoteError(failure, request, ctx, false);
    } finally {
      opened.close();
    }
    // The transfer broke part-way: `consume` starts again from the first byte, with a fresh sink.
    await pause(ctx, attempt, `${label} broke off: ${describeFailure(failure, ctx.endpoint, ctx.timeoutMs).reason}`);
  }
}

async function attemptOnce(client: Got, request: HttpRequest, ctx: SendContext): Promise<HttpResponse | Failure> {
  const body = request.multipart === undefined ? undefined : await request.multipart();
  const started = Date.now();
  let deadline: Deadline | undefined;
  try {
    const pending = client(request.url, {
      method: request.method,
      searchParams: request.searchParams,
      form: request.form,
      body: body?.stream,
      headers: {
        ...ctx.authHeader(),
        ...(body === undefined ? {} : { 'content-type': body.contentType, 'content-length': String(body.length) }),
      },
      timeout: timeoutsFor(ctx.timeoutMs, body?.length, request.download === true),
      responseType: 'buffer',
    });
    deadline = startDeadline(overallBudgetMs(ctx.timeoutMs, body?.length), body?.length ?? 0, () => pending.cancel());
    const watch = deadline;
    pending.on('response', (answer: { headers: IncomingHttpHeaders }) => watch.expect(Number(answer.headers['content-length'] ?? 0)));
    pending.on('downloadProgress', (progress: { transferred: number }) => watch.expect(progress.transferred));
    const response = await pending;
    ctx.log(`${request.method} ${request.url} -> HTTP ${response.statusCode} (${Date.now() - started} ms)`);
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    body?.stream.destroy();
    if (deadline?.expired) return { code: 'ETIMEDOUT', event: 'deadline', message: 'overall deadline passed', limitMs: deadline.limitMs };
    // The body stream failed (the file changed or could not be read): a local problem, not the server's.
    if (error instanceof UploadError) throw error.cause instanceof Error ? error.cause : new Error(error.message);
    if (!(error instanceof RequestError)) throw error;
    // Keep only the code: got's error carries the request options, headers (and token) included.
    return { code: error.code, event: (error as { event?: string }).event, message: error.message };
  } finally {
    deadline?.stop();
  }
}

async function pause(ctx: SendContext, attempt: number, why: string): Promise<void> {
  const delay = Math.min(MAX_BACKOFF_MS, (ctx.backoffMs ?? 500) * 2 ** attempt);
  ctx.log(`${why}; retry ${attempt + 1} of ${ctx.retries} in ${delay} ms`);
  await sleep(delay);
}

function toRemoteError(failure: Failure, request: HttpRequest, ctx: SendContext, unsent: boolean): RemoteError {
  const { kind, reason } = describeFailure(failure, ctx.endpoint, ctx.timeoutMs);
  // With no bytes to move, the deadline is the plain timeout, and reads as one.
  const grown = failure.event === 'deadline' && failure.limitMs !== undefined && failure.limitMs > ctx.timeoutMs;
  const within = grown ? `its deadline of ${seconds(failure.limitMs ?? ctx.timeoutMs)} (a transfer slower than 64 KiB/s)` : seconds(ctx.timeoutMs);
  const message = kind === 'timeout'
    ? `DolphinScheduler at ${ctx.endpoint} did not answer within ${within} (${request.method} ${request.url})`
    : `cannot reach DolphinScheduler at ${ctx.endpoint} (${reason})`;
  const cause = Object.assign(new Error(`${failure.code}: ${reason}`), { code: failure.code });
  const error = new RemoteError(kind, request.op, message, { endpoint: ctx.endpoint, path: request.path, cause });
  if (!unsent) mayHaveLandedErrors.add(error);
  return error;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

// Credentials in the URL itself would end up in every message that shows it; we never send them.
function stripCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
