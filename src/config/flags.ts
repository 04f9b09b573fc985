// Command-line flags that feed the configuration (the CLI parses them; this layer only records them).
import type { ConfigError } from './errors.js';
import type { RawLayer } from './layer.js';
import type { SettingKey } from './schema.js';

/**
 * There is deliberately no token or password flag: a secret on the command line is visible to every
 * user in the process list (`ps`) and is kept in shell history and CI logs. Secrets come from
 * DOLPS_TOKEN / DOLPS_PASSWORD or the config file.
 */
export interface ConfigFlags {
  url?: string;
  api?: string;
  remoteDir?: string;
  tenant?: string;
  localDir?: string;
  logDir?: string;
  /** Repeatable; each item is one glob, taken as is (not split on commas). */
  exclude?: string[];
  timeout?: string | number;
  concurrency?: string | number;
  retries?: string | number;
  user?: string;
  /** How the local directory was named when not by --local-dir, for messages: "watch DIR". */
  localDirFrom?: string;
  udfDir?: string;
  udfRemoteDir?: string;
  references?: string;
  onDrift?: string;
}

type FlagKey = Exclude<keyof ConfigFlags, 'localDirFrom'>;

export const FLAG_NAMES: Readonly<Record<FlagKey, string>> = {
  url: '--url',
  api: '--api',
  remoteDir: '--remote-dir',
  tenant: '--tenant',
  localDir: '--local-dir',
  logDir: '--log-dir',
  exclude: '--exclude',
  timeout: '--timeout',
  concurrency: '--concurrency',
  retries: '--retries',
  user: '--user',
  udfDir: '--udf-dir',
  udfRemoteDir: '--udf-remote-dir',
  references: '--references',
  onDrift: '--on-drift',
};

/** The flag of each setting that has one. */
export function flagFor(key: SettingKey): string | undefined {
  return (FLAG_NAMES as Partial<Record<string, string>>)[key];
}

/**
 * A flag given with an empty value is an error, not "unset": `--remote-dir "$DIR"` with DIR unset
 * must not quietly fall back to another layer.
 */
export function readFlags(flags: ConfigFlags): { values: RawLayer; errors: ConfigError[] } {
  const values: RawLayer = {};
  const errors: ConfigError[] = [];
  for (const [key, flag] of Object.entries(FLAG_NAMES) as [FlagKey, string][]) {
    const given = flags[key];
    const name = key === 'localDir' && flags.localDirFrom ? flags.localDirFrom : flag;
    if (given === undefined) continue;
    if (Array.isArray(given)) {
      if (given.length === 0) continue;
      if (given.some((g) => g.trim() === '')) errors.push(emptyFlag(name));
      else values[key] = { value: given.map((g) => g.trim()), source: { kind: 'flag', name } };
      continue;
    }
    const text = String(given).trim();
    if (text === '') errors.push(emptyFlag(name));
    else values[key] = { value: text, source: { kind: 'flag', name } };
  }
  return { values, errors };
}

function emptyFlag(name: string): ConfigError {
  return { source: name, message: 'the value is empty', fix: `give ${name} a value, or leave the flag out` };
}
