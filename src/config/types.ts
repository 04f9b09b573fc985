// The resolved configuration. Every value knows where it came from, so errors and --verbose
// can say "token from DOLPS_TOKEN" or "url from conf.ini [url] base".
import type { Generation } from '../core/capabilities.js';
import type { ReferencePolicy } from '../core/reference-guard.js';
import type { DriftPolicy } from '../core/drift.js';

export type SettingSource =
  | { kind: 'flag'; name: string }
  | { kind: 'env'; name: string }
  | { kind: 'file'; file: string; section: string; key: string }
  /** `detail` says which default when it depends on the situation ("the repository's top"). */
  | { kind: 'default'; detail?: string };

export interface Setting<T> {
  value: T;
  source: SettingSource;
}

/** `auto` asks the server; otherwise one of the generations the registry lists. */
export type ApiChoice = 'auto' | Generation;

export interface DbSettings {
  type: Setting<'postgresql' | 'mysql'>;
  host: Setting<string>;
  port: Setting<number>;
  user: Setting<string>;
  database: Setting<string>;
  password?: Setting<string>;
}

export interface UdfSettings {
  /** The UDF folder relative to the local root, normalised ("udf", "lib/udf"); its .jar files go to the UDF tree. */
  dir: Setting<string>;
  /** Where that folder goes in the UDF resource tree, absolute ("/gitlab"); defaults to the remote root's path. */
  remoteDir: Setting<string>;
}

export interface Config {
  /** Server base, e.g. http://host:12345/dolphinscheduler (no trailing slash). */
  baseUrl: Setting<string>;
  /** Access token (header `token`); or user + password for a login session. */
  token?: Setting<string>;
  user?: Setting<string>;
  password?: Setting<string>;
  api: Setting<ApiChoice>;
  /** Remote root directory, absolute within the Resource Center, e.g. "/gitlab"; "/" is the whole tree. */
  remoteDir: Setting<string>;
  tenant?: Setting<string>;
  /** Absolute local directory to sync (in git mode the repo or a subdirectory of it). */
  localDir: Setting<string>;
  /** Absolute directory for backups of overwritten/deleted remote content and the operation log. */
  logDir?: Setting<string>;
  /** Extra exclude globs (minimatch), relative to the local root. */
  excludes: Setting<string[]>;
  db?: DbSettings;
  /** UDF jars and functions (issue 13); absent: no UDF handling. */
  udf?: UdfSettings;
  /** Per-request timeout. */
  timeoutMs: Setting<number>;
  /** Independent operations in flight at once. */
  concurrency: Setting<number>;
  /** Retries after a connection error or 5xx. */
  retries: Setting<number>;
  /** The reference guard's policy (issue 14); resolveConfig always sets it (default refuse). */
  references?: Setting<ReferencePolicy>;
  /** What a sync does with drift (issue 12); resolveConfig always sets it (default overwrite). */
  onDrift?: Setting<DriftPolicy>;
  /** The config file that was read, if any. */
  file?: string;
}

/** Every secret value in the config, for redaction of anything printed or logged. */
export function secretsOf(config: Config): string[] {
  return [config.token?.value, config.password?.value, config.db?.password?.value]
    .filter((s): s is string => typeof s === 'string' && s.length > 0);
}
