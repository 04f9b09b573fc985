// The DOLPS_* environment variables. The environment is passed in as a record (the CLI entry hands
// over process.env), so tests and embedders control it completely.
import type { RawLayer } from './layer.js';
import type { SettingKey } from './schema.js';
import { closest } from './suggest.js';

export type EnvRecord = Readonly<Record<string, string | undefined>>;

export const ENV_NAMES: Readonly<Record<SettingKey, string>> = {
  url: 'DOLPS_URL',
  token: 'DOLPS_TOKEN',
  user: 'DOLPS_USER',
  password: 'DOLPS_PASSWORD',
  api: 'DOLPS_API',
  remoteDir: 'DOLPS_REMOTE_DIR',
  tenant: 'DOLPS_TENANT',
  localDir: 'DOLPS_LOCAL_DIR',
  logDir: 'DOLPS_LOG_DIR',
  exclude: 'DOLPS_EXCLUDE',
  timeout: 'DOLPS_TIMEOUT',
  concurrency: 'DOLPS_CONCURRENCY',
  retries: 'DOLPS_RETRIES',
  dbType: 'DOLPS_DB_TYPE',
  dbHost: 'DOLPS_DB_HOST',
  dbPort: 'DOLPS_DB_PORT',
  dbUser: 'DOLPS_DB_USER',
  dbName: 'DOLPS_DB_NAME',
  dbPassword: 'DOLPS_DB_PASSWORD',
  udfDir: 'DOLPS_UDF_DIR',
  udfRemoteDir: 'DOLPS_UDF_REMOTE_DIR',
  references: 'DOLPS_REFERENCES',
  onDrift: 'DOLPS_ON_DRIFT',
};

export const CONFIG_ENV = 'DOLPS_CONFIG';

/** Passwords keep their spaces; other values are trimmed (a token read from a file often ends in a newline). */
const KEEP_SPACES: ReadonlySet<SettingKey> = new Set(['password', 'dbPassword']);

export interface EnvLayer {
  values: RawLayer;
  /** DOLPS_CONFIG, if set. */
  configPath?: string;
  warnings: string[];
}

/**
 * An empty or blank variable counts as unset: CI systems expand a missing secret to "", and that
 * should read as "no token", not as an empty token.
 */
export function readEnv(env: EnvRecord): EnvLayer {
  const values: RawLayer = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [SettingKey, string][]) {
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    values[key] = { value: KEEP_SPACES.has(key) ? text : text.trim(), source: { kind: 'env', name } };
  }
  const configPath = env[CONFIG_ENV]?.trim();
  return { values, ...(configPath ? { configPath } : {}), warnings: unknownVariables(env) };
}

function unknownVariables(env: EnvRecord): string[] {
  const known = [...Object.values(ENV_NAMES), CONFIG_ENV];
  return Object.keys(env)
    .filter((name) => name.startsWith('DOLPS_') && !known.includes(name))
    .sort()
    .map((name) => {
      const guess = closest(name, known);
      return `${name}: unknown environment variable, ignored${guess ? `; did you mean ${guess}?` : ''}`;
    });
}
