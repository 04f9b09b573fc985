// What went wrong on the wire, in words, and whether the request can have reached the server.
import type { Delays } from 'got';

/** A connection-level failure, reduced to what is safe to keep (no request options, no headers). */
export interface Failure {
  code: string;
  /** got's timeout phase: 'lookup', 'connect', 'socket', 'response', 'request', ... */
  event?: string;
  message: string;
  /** For event 'deadline': the overall limit that passed, in ms. */
  limitMs?: number;
}

// Failures that happen before a single byte of the request can have been read by the server.
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const UNSENT_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);

export function isCertainlyUnsent(failure: Failure): boolean {
  if (failure.code === 'ETIMEDOUT' && failure.event !== undefined) return UNSENT_TIMEOUTS.has(failure.event);
  return UNSENT_CODES.has(failure.code);
}

export function describeFailure(failure: Failure, endpoint: string, timeoutMs: number): { kind: 'timeout' | 'unreachable'; reason: string } {
  switch (failure.code) {
    case 'ETIMEDOUT':
      if (failure.event === 'deadline') {
        return { kind: 'timeout', reason: `not finished within its deadline of ${failure.limitMs ?? timeoutMs} ms (slower than 64 KiB/s)` };
      }
      return { kind: 'timeout', reason: `no answer within ${timeoutMs} ms${failure.event === undefined ? '' : ` (${failure.event})`}` };
    case 'ECONNREFUSED': return { kind: 'unreachable', reason: 'connection refused' };
    case 'ENOTFOUND': return { kind: 'unreachable', reason: `host ${endpoint.replace(/:\d+$/, '')} not found` };
    case 'EAI_AGAIN': return { kind: 'unreachable', reason: 'name lookup failed' };
    case 'ECONNRESET': return { kind: 'unreachable', reason: 'connection reset by the server' };
    case 'EPIPE': return { kind: 'unreachable', reason: 'connection closed by the server while sending' };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH': return { kind: 'unreachable', reason: 'network unreachable' };
    default: return { kind: 'unreachable', reason: failure.code };
  }
}

/** How long one attempt may take as a whole: see deadline.ts. Uploads also get the storing allowance. */
export function overallBudgetMs(timeoutMs: number, uploadBytes: number | undefined): number {
  return timeoutMs + Math.ceil((uploadBytes ?? 0) / SERVER_STORE_BYTES_PER_MS);
}

// 1 MiB/s: the slowest rate at which we assume the server stores an upload after receiving it
// (HDFS/S3 copy); without this allowance a large upload would time out while the server works.
const SERVER_STORE_BYTES_PER_MS = 1024 * 1024 / 1000;

/**
 * got timeouts for one attempt. Every phase waits at most `timeoutMs`: connecting, any silence on the
 * socket, and the wait for the answer. JSON requests are also bounded as a whole by got; every request,
 * downloads and uploads included, has the overall deadline of deadline.ts, which grows with its size.
 */
export function timeoutsFor(timeoutMs: number, uploadBytes: number | undefined, download: boolean): Delays {
  const wait = timeoutMs + Math.ceil((uploadBytes ?? 0) / SERVER_STORE_BYTES_PER_MS);
  const delays: Delays = { lookup: timeoutMs, connect: timeoutMs, secureConnect: timeoutMs, socket: wait, response: wait };
  if (uploadBytes === undefined && !download) delays.request = timeoutMs;
  return delays;
}
