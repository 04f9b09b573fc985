// Every request the emulator saw, for tests that assert on traffic ("zero writes on a repeat run").

export interface RequestLogEntry {
  method: string;
  /** Relative to /dolphinscheduler (e.g. "/resources/12"), without the query; paths outside it stay whole. */
  path: string;
  /** The raw query string without "?", "" when there is none. */
  query: string;
  /** HTTP status; 0 when the request ended without an answer (a hang fault, or the client gave up). */
  status: number;
  /** The `code` of the JSON envelope, when the answer was one and the code was not null. */
  dsCode?: number;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

/** A request that changes or tries to change state; logging in changes nothing a client syncs. */
export function isWrite(method: string, path: string): boolean {
  return WRITE_METHODS.has(method) && path !== '/login';
}

export class RequestLog {
  /** Kept as one array so a reference held by a test stays live across clear(). */
  readonly entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Requests that changed or tried to change state. */
  writeCount(): number {
    return this.entries.filter((e) => isWrite(e.method, e.path)).length;
  }
}
