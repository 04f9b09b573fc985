// argv and configuration → what the sync use case takes, unit-tested without a run (only the never-synced
// paths look at the filesystem, to resolve symlinks).
import { UsageError } from '../../app/errors.js';
import type { SyncRequest, SyncSettings } from '../../app/sync.js';
import { parseDeleteLimit, type DeleteLimit } from '../../core/delete-threshold.js';
import type { Config } from '../../config/types.js';
import type { SyncArgs } from '../command-options.js';
import { neverSyncedPaths } from '../never-synced.js';

export function syncRequestOf(argv: SyncArgs): SyncRequest {
  const request: SyncRequest = { from: argv.from, to: argv.to, dryRun: argv.dryRun, full: argv.full, prune: argv.prune, force: argv.force, adopt: argv.adopt };
  if (argv.maxDelete === undefined) return request;
  return { ...request, maxDelete: deleteLimitOf(argv.maxDelete) };
}

/** `--max-delete` of sync and watch. */
export function deleteLimitOf(text: string): DeleteLimit {
  const limit = parseDeleteLimit(text);
  if (limit === null) throw new UsageError(`--max-delete ${text}: not a count or a percentage`, 'write a number of files (--max-delete 20) or a percentage (--max-delete 80%)');
  return limit;
}

/** `cwd` places relative config and log paths; the never-synced files are compared by real path too. */
export function syncSettingsOf(config: Config, localDir: string, toolVersion: string, cwd: string): SyncSettings {
  return {
    remoteRoot: config.remoteDir.value, concurrency: config.concurrency.value, logDir: config.logDir?.value,
    excludes: config.excludes.value, alwaysIgnored: neverSyncedPaths(localDir, [config.file, config.logDir?.value], cwd), toolVersion,
  };
}
