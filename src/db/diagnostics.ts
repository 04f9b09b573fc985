// How the index names its server and the driver's reason in a DbIndexError, without the password.
import { DbIndexError, DEFAULT_CONNECT_TIMEOUT_MS, type DbIndexErrorKind, type ResourceDbSettings } from './port.js';

const PRODUCT = { postgresql: 'PostgreSQL', mysql: 'MySQL' } as const;

/** "PostgreSQL ds@db-host:5432/dolphinscheduler", plus " schema x" for a PostgreSQL schema other than public. */
export function describeTarget(settings: ResourceDbSettings): string {
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const base = `${PRODUCT[settings.type]} ${settings.user}@${host}:${settings.port}/${settings.database}`;
  const schema = settings.schema ?? 'public';
  return settings.type === 'postgresql' && schema !== 'public' ? `${base} schema ${schema}` : base;
}

/** The driver's code: a SQLSTATE (pg), an ER_* name (mysql2) or a Node errno name. */
export function driverCodeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The driver's words, on one line. Node reports a refused connection to a host with several addresses
 * as an AggregateError with an empty message, so those take the inner errors' messages.
 * Drivers do not echo passwords, but a message is never trusted with one.
 */
export function driverWords(err: unknown, password: string | undefined): string {
  let words = err instanceof Error ? err.message : String(err);
  if (words === '' && err instanceof AggregateError) {
    words = err.errors.map((inner: unknown) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
  }
  if (words === '') words = driverCodeOf(err) ?? 'unknown error';
  if (password !== undefined && password !== '') words = words.split(password).join('***');
  return words.replace(/\s+/g, ' ').trim();
}

/** Node's errno names for a connection that could not be made or was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EADDRNOTAVAIL',
]);

export function isNetworkCode(code: string | undefined): boolean {
  return code !== undefined && NETWORK_CODES.has(code);
}

/** `<what>: <driver's words>`, with the driver's code and the error itself kept for --debug. */
export function dbIndexError(settings: ResourceDbSettings, kind: DbIndexErrorKind, what: string, err: unknown): DbIndexError {
  const driverCode = driverCodeOf(err);
  const words = driverWords(err, settings.password);
  return new DbIndexError(kind, describeTarget(settings), `${what}: ${words}`, { cause: err, ...(driverCode === undefined ? {} : { driverCode }) });
}

/** What a connection attempt that ended without the server's word on it was: usually no answer in time. */
export function connectFailure(settings: ResourceDbSettings, timedOut: boolean, err: unknown): DbIndexError {
  const timeoutMs = settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return dbIndexError(settings, 'connect', timedOut ? `no answer within ${timeoutMs} ms` : 'cannot connect', err);
}
