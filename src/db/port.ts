// The read-only view of DolphinScheduler 3.0/3.1's metadata table `t_ds_resources` that a sync uses
// instead of one REST request per directory: ids, parents and sizes of a whole subtree in one query.
// 3.2+ no longer maintains the table (reference/dolphinscheduler-api.md §7.4), so it is only for 3.0/3.1.

export type DbDialect = 'postgresql' | 'mysql';

/** Long enough for a server across a WAN, short enough that a firewalled port does not stall a sync. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export interface ResourceDbSettings {
  type: DbDialect;
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /** PostgreSQL schema holding t_ds_resources; default `public`. Ignored for MySQL (the database is the schema). */
  schema?: string;
  /** Gives up on a server that does not answer (a firewalled port) after this long; default 5000. */
  connectTimeoutMs?: number;
}

/** One row of t_ds_resources of type FILE (0). */
export interface ResourceRow {
  id: number;
  /** Parent directory's id; -1 at the root. */
  pid: number;
  /** With a leading slash, e.g. `/gitlab/dir/a.sh`. */
  fullName: string;
  /** The last path segment, suffix included. */
  alias: string;
  isDirectory: boolean;
  /** Bytes; for a directory the sum DolphinScheduler keeps of its contents. */
  size: number | null;
  updateTime: Date | null;
  description: string | null;
}

export interface ResourceDbIndex {
  /** e.g. "PostgreSQL ds@db-host:5432/dolphinscheduler"; never the password. */
  readonly describe: string;
  /** Rows of type FILE at and under `root` ('/gitlab', or '/' for everything), one query, ordered by fullName. */
  listSubtree(root: string): Promise<ResourceRow[]>;
  /** Id of the FILE resource with exactly this full name, or null. */
  idOf(fullName: string): Promise<number | null>;
  /** Checks the connection and that the table exists with the columns we read; throws DbIndexError otherwise. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export type DbIndexErrorKind =
  /** Refused, unknown host, no answer within the timeout, no such database, connection lost. */
  | 'connect'
  /** Login refused, or the user may not read the table. */
  | 'auth'
  /** No t_ds_resources where we looked, or it lacks a column we read. */
  | 'missing-table'
  /** Anything else the server refused. */
  | 'query';

const FIXES: Record<DbIndexErrorKind, string> = {
  connect: 'check the database host, port and name, and that the server accepts connections from this machine',
  auth: 'check the database user and password, and that the user may SELECT from t_ds_resources',
  'missing-table': "point the database settings at DolphinScheduler 3.0/3.1's metadata database",
  query: "check the database server's log for this query",
};

export interface DbIndexErrorDetails {
  /** The driver's code: 'ECONNREFUSED', '28P01', 'ER_ACCESS_DENIED_ERROR', ... */
  driverCode?: string;
  cause?: unknown;
}

/**
 * One line: `<target>: <what happened> (<driver's words>); <what to do>`.
 * Callers compare `kind` and `driverCode`, never the message.
 */
export class DbIndexError extends Error {
  override readonly name = 'DbIndexError';
  readonly driverCode: string | undefined;

  constructor(readonly kind: DbIndexErrorKind, readonly target: string, what: string, details: DbIndexErrorDetails = {}) {
    super(`${target}: ${oneLine(what)}; ${FIXES[kind]}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.driverCode = details.driverCode;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
