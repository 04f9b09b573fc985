// Every DolphinScheduler JSON answer is {code, msg, data, success, failed} (api/utils/Result.java), sent with
// HTTP 200 even for refusals; 401 with an empty body means not authenticated (LoginHandlerInterceptor).
// This file turns an HTTP answer into data or a RemoteError with one line saying what failed and where.
import type { IncomingHttpHeaders } from 'node:http';
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { RemoteError } from './errors.js';

export interface Envelope {
  code: number;
  msg: string;
  data: unknown;
}

export interface EnvelopeContext {
  /** 'create', 'list', ... */
  op: string;
  /** The full name concerned, e.g. /gitlab/sql/a.sql. */
  path?: string;
  /** "host:port" */
  endpoint: string;
  auth?: 'token' | 'session';
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The envelope of a JSON answer, whatever its code; throws for 401, other statuses and non-JSON. */
export function parseEnvelope(answer: HttpAnswer, ctx: EnvelopeContext): Envelope {
  if (answer.status === 401) throw unauthorized(ctx);
  if (answer.status !== 200 && answer.status !== 201) {
    const hint = answer.status === 404 ? ' (no such endpoint: is this the right API generation and base URL?)' : '';
    throw protocolError(ctx, answer.status, `unexpected HTTP ${answer.status} from DolphinScheduler at ${ctx.endpoint}${hint}`);
  }
  const envelope = tryParse(answer.body);
  if (envelope === undefined) {
    const type = answer.headers['content-type'] ?? 'no content type';
    throw protocolError(ctx, answer.status, `the answer from ${ctx.endpoint} is not a DolphinScheduler JSON result (HTTP ${answer.status}, ${type})`);
  }
  return envelope;
}

/** The `data` of a successful answer; code ≠ 0 → RemoteError 'rejected' ('notFound' for 20004). */
export function expectData(answer: HttpAnswer, ctx: EnvelopeContext): unknown {
  const envelope = parseEnvelope(answer, ctx);
  if (envelope.code !== 0) throw rejection(envelope, ctx, answer.status);
  return envelope.data;
}

function rejection(envelope: Envelope, ctx: EnvelopeContext, httpStatus?: number): RemoteError {
  const kind = envelope.code === DS_STATUS.RESOURCE_NOT_EXIST.code ? 'notFound' : 'rejected';
  const hint = HINTS[envelope.code];
  const message = `${where(ctx)}: server code ${envelope.code} "${oneLine(envelope.msg)}"${hint === undefined ? '' : `; ${hint}`}`;
  return new RemoteError(kind, ctx.op, message, { path: ctx.path, endpoint: ctx.endpoint, httpStatus, dsCode: envelope.code, dsMsg: envelope.msg });
}

export function isCode(error: unknown, code: number): boolean {
  return error instanceof RemoteError && error.dsCode === code;
}

// What the user can do about the refusals a sync meets in practice (codes: api/enums/Status.java, 3.1.9).
const HINTS: Record<number, string> = {
  [DS_STATUS.RESOURCE_FILE_IS_EMPTY.code]: 'DolphinScheduler 3.0-3.2 cannot store empty files',
  [DS_STATUS.CURRENT_LOGIN_USER_TENANT_NOT_EXIST.code]: 'the DolphinScheduler user has no tenant: assign one (Security > User Manage > Edit > Tenant) and run again',
  [DS_STATUS.VERIFY_PARAMETER_NAME_FAILED.code]: 'DolphinScheduler refuses this name (it contains "/" or is "." or "..")',
  [DS_STATUS.RESOURCE_FULL_NAME_TOO_LONG_ERROR.code]: 'the full name is longer than the 128 characters DolphinScheduler stores',
  [DS_STATUS.RESOURCE_IS_USED.code]: 'an online workflow uses this resource: take the workflow offline first',
  [DS_STATUS.RESOURCE_HAS_FOLDER.code]: 'DolphinScheduler 3.1 deletes only empty directories',
  [DS_STATUS.USER_NO_OPERATION_PERM.code]: 'the DolphinScheduler user may not change this resource (owned by another user)',
  [DS_STATUS.STORAGE_NOT_STARTUP.code]: 'resource storage is off on the server: set resource.storage.type in common.properties',
};

function unauthorized(ctx: EnvelopeContext): RemoteError {
  const message = ctx.auth === 'session'
    ? 'authentication failed: the server refused the login session (HTTP 401); check the user and password'
    : 'authentication failed: the server refused the token (HTTP 401); check DOLPS_TOKEN or [dolps] token';
  return new RemoteError('auth', ctx.op, message, { endpoint: ctx.endpoint, httpStatus: 401, path: ctx.path });
}

function protocolError(ctx: EnvelopeContext, status: number, what: string): RemoteError {
  return new RemoteError('protocol', ctx.op, `${where(ctx)}: ${what}`, { path: ctx.path, endpoint: ctx.endpoint, httpStatus: status });
}

function where(ctx: EnvelopeContext): string {
  return ctx.path === undefined ? ctx.op : `${ctx.op} ${ctx.path}`;
}

function tryParse(body: Buffer): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, msg, data } = value as Record<string, unknown>;
  if (typeof code !== 'number') return undefined;
  return { code, msg: typeof msg === 'string' ? msg : '', data };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
