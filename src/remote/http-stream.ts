// One attempt of a request whose answer may be large (a download): resolves once the status and headers
// are in, with the body still flowing, so the caller hashes it or writes it to a file chunk by chunk and
// a 1 GiB jar never sits in memory (issue 11, case 16). The overall deadline of deadline.ts keeps running
// while the caller reads; a failure while reading (reset, timeout, deadline) is kept as a Failure, so the
// HTTP layer reports it like any other, never with got's options (which carry the token).
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { RequestError, type Got } from 'got';
import { startDeadline } from './deadline.js';
import { overallBudgetMs, timeoutsFor, type Failure } from './http-failure.js';

export interface StreamedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The answer's bytes as they arrive; read it once. */
  body: Readable;
}

export interface OpenedStream extends StreamedAnswer {
  /** What broke the transfer after the answer began, if anything did. */
  failure(): Failure | undefined;
  /** Stops the deadline and releases the connection (call when done, whatever happened). */
  close(): void;
}

export interface StreamAttempt {
  url: string;
  searchParams?: Record<string, string | number>;
  headers: Record<string, string>;
  timeoutMs: number;
}

export function openStream(client: Got, attempt: StreamAttempt): Promise<OpenedStream | Failure> {
  return new Promise((resolve) => {
    const stream = client.stream(attempt.url, {
      method: 'GET', searchParams: attempt.searchParams, headers: attempt.headers, timeout: timeoutsFor(attempt.timeoutMs, undefined, true),
    });
    let failure: Failure | undefined;
    let answered = false;
    const deadline = startDeadline(overallBudgetMs(attempt.timeoutMs, undefined), 0, () => {
      failure ??= { code: 'ETIMEDOUT', event: 'deadline', message: 'overall deadline passed', limitMs: deadline.limitMs };
      stream.destroy(new Error('overall deadline passed'));
    });
    stream.on('downloadProgress', (progress: { transferred: number }) => deadline.expect(progress.transferred));
    stream.on('error', (error: unknown) => {
      // Keep only the code: got's error carries the request options, headers (and token) included.
      failure ??= error instanceof RequestError
        ? { code: error.code, event: (error as { event?: string }).event, message: error.message }
        : { code: 'ECONNRESET', message: error instanceof Error ? error.message : String(error) };
      if (!answered) {
        deadline.stop();
        resolve(failure);
      }
    });
    stream.once('response', (response: { statusCode: number; headers: IncomingHttpHeaders }) => {
      answered = true;
      deadline.expect(Number(response.headers['content-length'] ?? 0));
      resolve({
        status: response.statusCode, headers: response.headers, body: stream,
        failure: () => failure,
        close: () => {
          deadline.stop();
          if (!stream.destroyed) stream.destroy();
        },
      });
    });
  });
}
