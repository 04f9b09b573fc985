// `dolps-sync watch [DIR]`: argv → WatchSettings, then the use case; a clean stop on SIGINT/SIGTERM.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { openOpLog } from '../../app/oplog.js';
import { openResourceCenter } from '../../app/remote-factory.js';
import { runWatch } from '../../app/watch.js';
import type { OperationResult } from '../../core/operation.js';
import type { Config } from '../../config/types.js';
import { withConfigOptions, type ConfigArgs } from '../config-options.js';
import { operationLine } from '../render.js';
import { neverSyncedPaths } from '../never-synced.js';
import { loadConfigFor, type Runtime } from '../runtime.js';

interface WatchArgs extends ConfigArgs {
  dir?: string;
  debounce: number;
  state?: string;
  json: boolean;
  verbose: boolean;
}

export function watchOptions<T>(yargs: Argv<T>) {
  return withConfigOptions(yargs)
    .positional('dir', { type: 'string', describe: 'directory to watch (default: the local dir setting)' })
    .option('debounce', { type: 'number', default: 300, describe: 'milliseconds of quiet before a changed path is uploaded' })
    .option('state', { type: 'string', describe: 'manifest file (default: under log_dir, else ~/.local/state/dolps-sync)' })
    .option('json', { type: 'boolean', default: false, describe: 'one JSON object per line for each operation' });
}

export async function runWatchCommand(argv: WatchArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  const config = loadConfigFor({ ...argv, ...(argv.dir ? { localDir: argv.dir } : {}) }, runtime);
  const localDir = resolve(config.localDir.value);
  const statePath = resolve(argv.state ?? defaultStatePath(config, localDir, runtime.env));
  const signal = runtime.stopSignal();
  const center = await openResourceCenter(config, { log: argv.verbose ? io.err : undefined, warn: io.err });
  try {
    const oplog = config.logDir ? await openOpLog(config.logDir.value, io.redact, clock) : undefined;
    await runWatch(
      {
        localDir, remoteRoot: config.remoteDir.value, concurrency: config.concurrency.value, logDir: config.logDir?.value,
        excludes: config.excludes.value, alwaysIgnored: neverSyncedPaths(localDir, [config.file, statePath, config.logDir?.value], runtime.cwd),
        debounceMs: argv.debounce, statePath,
      },
      {
        center, clock, signal, oplog,
        log: (line) => io.err(argv.json ? JSON.stringify({ time: clock().toISOString(), message: line }) : `${clock().toISOString()} ${line}`),
        onResult: (result) => io.out(argv.json ? jsonLine(result, clock()) : `${clock().toISOString()} ${operationLine(result)}`),
      },
    );
    return 0;
  } finally {
    await center.close();
  }
}

/** One state file per (directory, server, remote root): watching two targets never mixes manifests. */
function defaultStatePath(config: Config, localDir: string, env: Runtime['env']): string {
  const key = createHash('sha256').update(`${localDir}\n${config.baseUrl.value}\n${config.remoteDir.value}`).digest('hex').slice(0, 16);
  if (config.logDir) return join(config.logDir.value, `watch-state-${key}.json`);
  const stateHome = env['XDG_STATE_HOME'] || join(env['HOME'] || homedir(), '.local', 'state');
  return join(stateHome, 'dolps-sync', `watch-${key}.json`);
}

function jsonLine(result: OperationResult, at: Date): string {
  const { operation: op, ok, error } = result;
  return JSON.stringify({
    time: at.toISOString(), op: op.op, path: op.path, ...(op.op === 'rename' ? { from: op.from } : {}), ok,
    ...(op.op === 'skip' ? { reason: op.reason } : {}), ...(error !== undefined ? { error } : {}),
  });
}
