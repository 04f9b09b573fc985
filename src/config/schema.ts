// What conf.ini may contain, and which file key feeds which setting.
import { closest } from './suggest.js';

/** The settings every layer (flags, environment, file) can supply, as raw text. */
export type SettingKey =
  | 'url' | 'token' | 'user' | 'password' | 'api' | 'remoteDir' | 'tenant'
  | 'localDir' | 'logDir' | 'exclude' | 'timeout' | 'concurrency' | 'retries'
  | 'dbType' | 'dbHost' | 'dbPort' | 'dbUser' | 'dbName' | 'dbPassword'
  | 'udfDir' | 'udfRemoteDir' | 'references' | 'onDrift';

/** The four endpoint URLs of the original tool; each must point under the same server base. */
export const LEGACY_URL_KEYS = ['create_dir', 'create_file', 'delete_update_resource', 'query_resource'] as const;

export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  url: ['base', ...LEGACY_URL_KEYS],
  // user_name: the original tool's name for the user (used with password, or alongside the token).
  dolps: ['user_name', 'token', 'password', 'src_dir', 'api', 'tenant'],
  // table: read by the original tool's configure.py; dolps-sync knows its tables, so it is accepted and unused.
  db: ['type', 'host', 'port', 'user', 'database', 'password', 'table'],
  resource_file: ['src_dir', 'log_dir', 'exclude'],
  // references: the reference guard's policy (issue 14), refuse | warn | off; on_drift: overwrite | fail (issue 12).
  sync: ['timeout', 'concurrency', 'retries', 'references', 'on_drift'],
  // UDF jars and functions.yaml (issue 13): the local folder, and its place in the UDF resource tree.
  udf: ['dir', 'remote_dir'],
};

/** The original tool's README says [resource_file] but its configure.py reads [source_file]: accept both. */
export const SECTION_ALIASES: Readonly<Record<string, string>> = { source_file: 'resource_file' };

/** Where each setting lives in conf.ini (url is special: [url] base or the legacy endpoint keys). */
export const FILE_KEYS: Readonly<Record<Exclude<SettingKey, 'url'>, readonly [string, string]>> = {
  token: ['dolps', 'token'],
  user: ['dolps', 'user_name'],
  password: ['dolps', 'password'],
  api: ['dolps', 'api'],
  remoteDir: ['dolps', 'src_dir'],
  tenant: ['dolps', 'tenant'],
  localDir: ['resource_file', 'src_dir'],
  logDir: ['resource_file', 'log_dir'],
  exclude: ['resource_file', 'exclude'],
  timeout: ['sync', 'timeout'],
  concurrency: ['sync', 'concurrency'],
  retries: ['sync', 'retries'],
  dbType: ['db', 'type'],
  dbHost: ['db', 'host'],
  dbPort: ['db', 'port'],
  dbUser: ['db', 'user'],
  dbName: ['db', 'database'],
  dbPassword: ['db', 'password'],
  udfDir: ['udf', 'dir'],
  udfRemoteDir: ['udf', 'remote_dir'],
  references: ['sync', 'references'],
  onDrift: ['sync', 'on_drift'],
};

export function canonicalSection(section: string): string {
  return SECTION_ALIASES[section] ?? section;
}

/** A warning for a section or key dolps-sync does not know, or undefined when it is known. */
export function unknownKeyWarning(file: string, section: string, key?: string): string | undefined {
  const known = KNOWN_KEYS[canonicalSection(section)];
  if (key === undefined) {
    if (known) return undefined;
    const guess = closest(section, [...Object.keys(KNOWN_KEYS), ...Object.keys(SECTION_ALIASES)]);
    return `${file} [${section}]: unknown section, ignored${guess ? `; did you mean [${guess}]?` : ''}`;
  }
  if (!known || known.includes(key)) return undefined;
  const guess = closest(key, known);
  const elsewhere = Object.entries(KNOWN_KEYS).find(([, keys]) => keys.includes(key))?.[0];
  const hint = guess ? `; did you mean "${guess}"?` : elsewhere ? `; did you mean [${elsewhere}] ${key}?` : '';
  return `${file} [${section}] ${key}: unknown key, ignored${hint}`;
}
