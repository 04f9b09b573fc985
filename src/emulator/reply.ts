// What a handler answers, and the JSON shapes the real server produces: the Result envelope
// (api/utils/Result.java, `success`/`failed` from its isSuccess()/isFailed() getters) and Spring
// Boot's error body for requests no controller handles.
import type { Readable } from 'node:stream';
import { DS_STATUS, format, type DsStatus } from '../dolphinscheduler/status.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer | Readable;
  /** The envelope's code, for the request log; null when the server sent `"code":null`. */
  dsCode?: number | null;
}

/** The `{code,msg,data,success,failed}` envelope. A null code is what 3.0's ServiceException(String) gives. */
export function resultReply(code: number | null, msg: string, data: unknown = null, status = 200): Reply {
  const success = code === DS_STATUS.SUCCESS.code;
  const body = JSON.stringify({ code, msg, data: data ?? null, success, failed: !success });
  return { status, headers: { 'content-type': 'application/json' }, body, dsCode: code };
}

export function statusReply(status: DsStatus, ...args: unknown[]): Reply {
  return resultReply(status.code, format(status, ...args));
}

export function successReply(data: unknown = null): Reply {
  return resultReply(DS_STATUS.SUCCESS.code, DS_STATUS.SUCCESS.msg, data);
}

const reasons: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error',
};

/** Spring Boot's DefaultErrorAttributes body (no `message` by default since Boot 2.3). */
export function springErrorReply(status: number, fullPath: string, now: Date): Reply {
  const body = JSON.stringify({
    timestamp: formatDsDate(now), status, error: reasons[status] ?? 'Error', path: fullPath,
  });
  return { status, headers: { 'content-type': 'application/json' }, body };
}

/** The interceptor only sets the status: no body, no content type. */
export function unauthorizedReply(): Reply {
  return { status: 401, headers: {}, body: '' };
}

export function textReply(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: text };
}

/** spring.jackson.date-format "yyyy-MM-dd HH:mm:ss" with time-zone UTC (application.yaml). */
export function formatDsDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** A failure the service reports as a code (ServiceException): answered as `{code,msg}`. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(readonly code: number | null, message: string) {
    super(message);
  }

  static of(status: DsStatus, ...args: unknown[]): ServiceError {
    return new ServiceError(status.code, format(status, ...args));
  }
}

/**
 * An exception the Java code throws that is not a ServiceException (a NullPointerException, a
 * failed insert outside a try): ApiExceptionHandler answers it with the handler's @ApiException.
 */
export class JavaException extends Error {
  override readonly name = 'JavaException';
}
