// argv and configuration → what the watch use case takes (the environment comes in as a record), unit-tested
// without a watcher; only the never-synced paths look at the filesystem, to resolve symlinks.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { UsageError } from '../../app/errors.js';
import type { WatchSettings } from '../../app/watch.js';
import { describeSource } from '../../config/errors.js';
import type { Config } from '../../config/types.js';
import type { WatchArgs } from '../command-options.js';
import { neverSyncedPaths } from '../never-synced.js';
import { deleteLimitOf } from './sync-request.js';

/** `watch DIR` names the local directory; with --local-dir as well, which one was meant is unclear. */
export function watchConfigArgs(argv: WatchArgs): WatchArgs & { localDirFrom?: string } {
  if (argv.dir === undefined) return argv;
  if (argv.localDir !== undefined) {
    throw new UsageError(`watch ${argv.dir} and --local-dir ${argv.localDir} both name the directory to watch`, 'give only one of them');
  }
  return { ...argv, localDir: argv.dir, localDirFrom: 'watch DIR' };
}

export function watchSettingsOf(argv: WatchArgs, config: Config, env: Readonly<Record<string, string | undefined>>, home: string,
  cwd: string): WatchSettings {
  const localDir = resolve(config.localDir.value);
  const statePath = resolve(argv.state ?? defaultStatePath(config, localDir, env, home));
  return {
    localDir, remoteRoot: config.remoteDir.value, concurrency: config.concurrency.value, logDir: config.logDir?.value,
    excludes: config.excludes.value, alwaysIgnored: neverSyncedPaths(localDir, [config.file, statePath, config.logDir?.value], cwd),
    debounceMs: argv.debounce, statePath, maxPauseMs: maxPauseOf(argv.maxPause),
    ...(argv.maxDelete === undefined ? {} : { maxDelete: deleteLimitOf(argv.maxDelete) }),
  };
}

/**
 * watch always overwrites drift (issue 12): the watched directory is the truth, and a watch that stopped on
 * every edit made in the UI would wait for someone to restart it. `--on-drift fail` given to watch is a
 * mistake, refused before any request (exit 2); the same policy from DOLPS_ON_DRIFT or [sync] on_drift is
 * meant for sync (a shared environment or config file), so watch only says it does not apply.
 */
export function watchDriftNote(config: Pick<Config, 'onDrift'>): string | undefined {
  const policy = config.onDrift;
  if (policy?.value !== 'fail') return undefined;
  if (policy.source.kind === 'flag') {
    throw new UsageError('watch --on-drift fail: watch never stops on drift; it backs up a file changed on the server (in log_dir) and overwrites it with the watched directory\'s version',
      'leave out --on-drift for watch; --on-drift fail is for sync');
  }
  return `${describeSource(policy.source)} fail is for sync: watch backs up a managed file changed on the server (in log_dir) and overwrites it with the watched directory's version`;
}

function maxPauseOf(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--max-pause ${seconds}: not a number of seconds`, 'write --max-pause 300 (seconds)');
  return seconds * 1000;
}

/** One state file per (directory, server, remote root): watching two targets never mixes manifests. */
function defaultStatePath(config: Config, localDir: string, env: Readonly<Record<string, string | undefined>>, home: string): string {
  const key = createHash('sha256').update(`${localDir}\n${config.baseUrl.value}\n${config.remoteDir.value}`).digest('hex').slice(0, 16);
  if (config.logDir) return join(config.logDir.value, `watch-state-${key}.json`);
  const stateHome = env['XDG_STATE_HOME'] || join(env['HOME'] || home, '.local', 'state');
  return join(stateHome, 'dolps-sync', `watch-${key}.json`);
}
