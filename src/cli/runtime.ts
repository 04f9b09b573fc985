// What the commands receive from the entry point: the environment, the clock and the output channels.
// Commands never read process.* themselves.
import { readFileSync, statSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { formatConfigError } from '../config/resolve.js';
import { makeRedactor } from '../config/redact.js';
import { describeConfig } from '../config/describe.js';
import type { Config } from '../config/types.js';
import type { ConfigFlags } from '../config/flags.js';
import type { Logger } from '../core/logger.js';
import { configFlagsOf, type ConfigArgs } from './config-options.js';
import type { Io } from './io.js';
import { stderrLogger } from './stderr-logger.js';
import { targetRequestOf } from './target-branch.js';

export interface Runtime {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  io: Io;
  clock: () => Date;
  version: string;
  /** Standard output when it is a terminal (absent otherwise): where a live progress line may be drawn. */
  terminal?: Terminal;
  /** Turns SIGINT/SIGTERM into an abort signal (installed only by commands that want a clean stop). */
  stopSignal: () => AbortSignal;
}

export interface Terminal {
  columns: number;
  /** Raw text, no newline added (a `\r` line); the caller redacts. */
  write(text: string): void;
}

/** Configuration errors, already formatted one per line (file, key, fix): exit 2. */
export class ConfigFailure extends Error {
  override readonly name = 'ConfigFailure';
  constructor(readonly lines: string[], readonly notes: readonly string[] = []) {
    super(lines.join('\n'));
  }
}

/**
 * Loads the configuration; with `verbose`, prints each setting and its source (sync prints them itself, after
 * placing the local directory). `logger` receives the configuration's warnings and notes (stderr by default;
 * doctor collects them under its check).
 */
export function loadConfigFor(argv: ConfigArgs & Pick<ConfigFlags, 'localDirFrom'> & { repo?: string }, runtime: Runtime,
  logger: Logger = stderrLogger(runtime.io, { verbose: false })): Config {
  const result = loadConfig({
    flags: configFlagsOf(argv), env: runtime.env, cwd: runtime.cwd, configPath: argv.config,
    targets: targetRequestOf(argv, runtime),
    readFile: (path) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } },
    isDirectory: (path) => { try { return statSync(path).isDirectory(); } catch { return false; } },
    isFile: (path) => { try { return statSync(path).isFile(); } catch { return false; } },
  });
  // Before the first line: a warning or an error may quote a value that holds a secret.
  runtime.io.setRedactor(makeRedactor(result.secrets));
  for (const warning of result.warnings) logger.warn(warning);
  if ('errors' in result) throw new ConfigFailure(result.errors.map(formatConfigError), result.notes);
  for (const note of result.notes ?? []) logger.note(note);
  if (argv.verbose) showConfig(result.config, [], runtime);
  return result.config;
}

export function showConfig(config: Config, extra: readonly string[], runtime: Runtime): void {
  for (const line of [...describeConfig(config), ...extra]) runtime.io.err(`config: ${line}`);
}
