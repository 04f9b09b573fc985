// argv and configuration → what the sync use case takes. Pure, so the mapping is unit-tested without a run.
import type { SyncRequest, SyncSettings } from '../../app/sync.js';
import type { Config } from '../../config/types.js';
import type { SyncArgs } from '../command-options.js';
import { pathsInside } from '../runtime.js';

export function syncRequestOf(argv: SyncArgs): SyncRequest {
  return { from: argv.from, to: argv.to, dryRun: argv.dryRun, full: argv.full, prune: argv.prune };
}

export function syncSettingsOf(config: Config, localDir: string, toolVersion: string): SyncSettings {
  return {
    remoteRoot: config.remoteDir.value, concurrency: config.concurrency.value, logDir: config.logDir?.value,
    excludes: config.excludes.value, alwaysIgnored: pathsInside(localDir, [config.file]), toolVersion,
  };
}
