// Every request has an overall deadline, so a server that trickles its answer (or swallows an upload
// one byte at a time) ends the run with exit 3 instead of hanging it: a 280-byte marker answered at
// 1 byte/s took 284 s with --timeout 5 (issue 11, case 11). got's inactivity timeout never fires on
// such a server, and an overall limit must not cut off a large file moving at a healthy rate, so the
// deadline grows with the bytes involved, at a minimum transfer rate:
//   deadline = timeout + bytes / MIN_TRANSFER_RATE (+ the server's storing allowance for an upload)
// where bytes is the larger of the upload's size, the answer's Content-Length and the bytes received.

/** 64 KiB/s: slower than this, a transfer is treated as stalled. A 300 MB jar may take up to 80 min. */
export const MIN_TRANSFER_BYTES_PER_SECOND = 64 * 1024;

export function transferAllowanceMs(bytes: number): number {
  return Math.ceil((bytes * 1000) / MIN_TRANSFER_BYTES_PER_SECOND);
}

export interface Deadline {
  /** The transfer is now known to involve at least `bytes` (a Content-Length, bytes received so far). */
  expect(bytes: number): void;
  readonly expired: boolean;
  /** The limit in force, in ms from the start, for messages. */
  readonly limitMs: number;
  stop(): void;
}

/** Calls `onExpiry` once when `baseMs + allowance(bytes)` has passed since the start. */
export function startDeadline(baseMs: number, initialBytes: number, onExpiry: () => void): Deadline {
  const started = Date.now();
  let bytes = initialBytes;
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const limit = () => baseMs + transferAllowanceMs(bytes);
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => { expired = true; onExpiry(); }, Math.max(0, started + limit() - Date.now()));
  };
  arm();
  return {
    expect(more) {
      if (expired || !(more > bytes)) return;
      bytes = more;
      arm();
    },
    get expired() { return expired; },
    get limitMs() { return limit(); },
    stop() { if (timer !== undefined) clearTimeout(timer); },
  };
}
