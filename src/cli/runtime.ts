// What the commands receive from the entry point: the environment, the clock and the output channels.
// Commands never read process.* themselves.
import { readFileSync, statSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { formatConfigError } from '../config/resolve.js';
import { makeRedactor } from '../config/redact.js';
import { describeConfig } from '../config/describe.js';
import type { Config } from '../config/types.js';
import { configFlagsOf, type ConfigArgs } from './config-options.js';
import type { Io } from './io.js';

export interface Runtime {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  io: Io;
  clock: () => Date;
  version: string;
  /** Turns SIGINT/SIGTERM into an abort signal (installed only by commands that want a clean stop). */
  stopSignal: () => AbortSignal;
}

/** Configuration errors, already formatted one per line (file, key, fix): exit 2. */
export class ConfigFailure extends Error {
  override readonly name = 'ConfigFailure';
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export function loadConfigFor(argv: ConfigArgs & { verbose?: boolean }, runtime: Runtime): Config {
  const result = loadConfig({
    flags: configFlagsOf(argv), env: runtime.env, cwd: runtime.cwd, configPath: argv.config,
    readFile: (path) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } },
    isDirectory: (path) => { try { return statSync(path).isDirectory(); } catch { return false; } },
  });
  // Before the first line: a warning or an error may quote a value that holds a secret.
  runtime.io.setRedactor(makeRedactor(result.secrets));
  for (const warning of result.warnings) runtime.io.err(`warning: ${warning}`);
  if ('errors' in result) throw new ConfigFailure(result.errors.map(formatConfigError));
  if (argv.verbose) for (const line of describeConfig(result.config)) runtime.io.err(`config: ${line}`);
  return result.config;
}
