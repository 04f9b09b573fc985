// Typed errors for everything that goes wrong while talking to a Resource Center.
// Callers compare `kind` and `dsCode`, never message text.

export type RemoteErrorKind =
  /** HTTP 401, or login refused. */
  | 'auth'
  /** Connection refused, DNS failure, reset before an answer. */
  | 'unreachable'
  /** The server stopped answering within the timeout. */
  | 'timeout'
  /** The server answered with a non-zero code: it refused this operation. */
  | 'rejected'
  /** The resource is not there (20004 and its 3.2/3.3 equivalents). */
  | 'notFound'
  /** The answer was not what the API promises (wrong status, not JSON). */
  | 'protocol';

export interface RemoteErrorDetails {
  /** Remote path relative to the remote root, or the full name, when the error concerns one. */
  path?: string;
  /** e.g. "http://host:12345" for connection errors. */
  endpoint?: string;
  httpStatus?: number;
  dsCode?: number;
  dsMsg?: string;
  cause?: unknown;
}

export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  readonly path: string | undefined;
  readonly endpoint: string | undefined;
  readonly httpStatus: number | undefined;
  readonly dsCode: number | undefined;
  readonly dsMsg: string | undefined;

  constructor(readonly kind: RemoteErrorKind, readonly op: string, message: string, details: RemoteErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.path = details.path;
    this.endpoint = details.endpoint;
    this.httpStatus = details.httpStatus;
    this.dsCode = details.dsCode;
    this.dsMsg = details.dsMsg;
  }

  /** True for failures that stop the whole run (nothing else can work either). */
  get isFatal(): boolean {
    return this.kind === 'auth' || this.kind === 'unreachable' || this.kind === 'timeout';
  }
}
