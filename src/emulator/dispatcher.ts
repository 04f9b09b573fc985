// One request, start to end, in the order the real server takes it: the request log and fault
// rules first, then request mapping (405 before authentication), the login interceptor (401 with an
// empty body), parameter binding, the handler, and ApiExceptionHandler's mapping of exceptions.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Authenticator } from './auth.js';
import { MultipartError, readParams, type BodyLimits } from './body.js';
import type { FaultRules, FaultRule } from './faults.js';
import type { RequestLog } from './request-log.js';
import { resultReply, ServiceError, springErrorReply, statusReply, unauthorizedReply, type Reply } from './reply.js';
import { matchRoute, type Route } from './router.js';

export const CONTEXT_PATH = '/dolphinscheduler';

export interface DispatcherDeps {
  routes: readonly Route[];
  auth: Authenticator;
  faults: FaultRules;
  log: RequestLog;
  /** Where multipart files are staged, one subdirectory per request. */
  uploadRoot: string;
  limits: BodyLimits;
  /** Called for an exception the emulator did not expect of itself (a bug, not a server rule). */
  onInternalError: (error: unknown) => void;
}

export function createDispatcher(deps: DispatcherDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    dispatch(deps, req, res).catch((error: unknown) => {
      deps.onInternalError(error);
      if (!res.headersSent) send(res, springErrorReply(500, req.url ?? '/', new Date()));
    });
  };
}

async function dispatch(deps: DispatcherDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = relativePath(url.pathname);
  let logged = false;
  const record = (reply: Reply | undefined) => {
    if (logged) return;
    logged = true;
    const dsCode = typeof reply?.dsCode === 'number' ? { dsCode: reply.dsCode } : {};
    deps.log.record({ method, path: path ?? url.pathname, query: url.search.slice(1), status: reply?.status ?? 0, ...dsCode });
  };
  res.on('close', () => record(undefined));

  const fault = path === undefined ? undefined : deps.faults.take(method, path);
  if (fault?.hang) return;
  if (fault?.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  const reply = fault !== undefined && (fault.status !== undefined || fault.body !== undefined)
    ? faultReply(req, fault)
    : await answer(deps, req, method, url, path);
  // Recorded before sending, so a client that has its answer always finds the request logged.
  record(reply);
  send(res, reply);
}

function relativePath(fullPath: string): string | undefined {
  if (fullPath === CONTEXT_PATH) return '/';
  return fullPath.startsWith(`${CONTEXT_PATH}/`) ? fullPath.slice(CONTEXT_PATH.length) : undefined;
}

async function answer(
  deps: DispatcherDeps, req: IncomingMessage, method: string, url: URL, path: string | undefined,
): Promise<Reply> {
  const now = new Date();
  if (path === undefined) return springErrorReply(404, url.pathname, now);
  const match = matchRoute(deps.routes, method, path);
  if (match.kind === 'methodNotAllowed') {
    const reply = springErrorReply(405, url.pathname, now);
    return { ...reply, headers: { ...reply.headers, allow: match.allowed.join(', ') } };
  }
  const user = deps.auth.authenticate(req);
  // Unknown paths reach Spring's static-resource handler, which the interceptor guards too.
  if (match.kind === 'none') return user === undefined ? unauthorizedReply() : springErrorReply(404, url.pathname, now);
  const { route, pathVars } = match;
  if (!route.public && user === undefined) return unauthorizedReply();
  const uploadDir = join(deps.uploadRoot, randomUUID());
  try {
    const params = await readParams(req, url.searchParams, uploadDir, deps.limits);
    return await route.handle({ user, params, pathVars, req, now });
  } catch (error) {
    if (error instanceof MultipartError) return springErrorReply(500, url.pathname, now);
    return exceptionReply(deps, route, error);
  } finally {
    await rm(uploadDir, { recursive: true, force: true });
  }
}

/** ApiExceptionHandler: ServiceException keeps its code; anything else becomes the handler's @ApiException. */
function exceptionReply(deps: DispatcherDeps, route: Route, error: unknown): Reply {
  if (error instanceof ServiceError) return resultReply(error.code, error.message);
  if (!isServerSideFailure(error)) deps.onInternalError(error);
  return statusReply(route.apiException);
}

/** Failures the real server has too (binding, database, storage, emulated Java exceptions). */
function isServerSideFailure(error: unknown): boolean {
  return error instanceof Error
    && ['BindError', 'ResourceTableError', 'StorageError', 'JavaException'].includes(error.name);
}

function faultReply(req: IncomingMessage, fault: FaultRule): Reply {
  req.resume();
  const body = fault.body ?? '';
  let json = false;
  try {
    JSON.parse(body);
    json = true;
  } catch {
    json = false;
  }
  return { status: fault.status ?? 200, headers: body === '' ? {} : { 'content-type': json ? 'application/json' : 'text/plain' }, body };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body instanceof Readable) {
    res.writeHead(reply.status, reply.headers);
    reply.body.pipe(res);
    return;
  }
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}
