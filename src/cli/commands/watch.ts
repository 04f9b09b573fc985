// `dolps-sync watch [DIR]`: argv → WatchSettings, then the use case; a clean stop on SIGINT/SIGTERM.
import { homedir } from 'node:os';
import { openOpLog } from '../../app/oplog.js';
import { openResourceCenter } from '../../app/remote-factory.js';
import { openReferenceGuard } from '../../references/open.js';
import { runWatch } from '../../app/watch.js';
import { leaseFor } from './lease-settings.js';
import type { OperationResult } from '../../core/operation.js';
import type { WatchArgs } from '../command-options.js';
import { lineLogger } from '../log-line.js';
import { operationJson, operationLine } from '../render.js';
import { loadConfigFor, type Runtime } from '../runtime.js';
import { watchConfigArgs, watchSettingsOf } from './watch-settings.js';

export async function runWatchCommand(argv: WatchArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  const config = loadConfigFor(watchConfigArgs(argv), runtime);
  const settings = watchSettingsOf(argv, config, runtime.env, homedir(), runtime.cwd);
  const signal = runtime.stopSignal();
  // One line per entry: timestamped text, or with --json one object whose level is a field of its own.
  const logger = lineLogger((entry, line) => io.err(argv.json
    ? JSON.stringify({ time: clock().toISOString(), level: entry.level, message: entry.message })
    : `${clock().toISOString()} ${line}`), { verbose: argv.verbose });
  const center = await openResourceCenter(config, { logger });
  try {
    const guard = openReferenceGuard(config, center);
    const oplog = config.logDir ? await openOpLog(config.logDir.value, io.redact, clock) : undefined;
    await runWatch(
      settings,
      {
        center, clock, signal, oplog,
        logger,
        // Per trigger (each batch, each reconcile), with the default wait: a held lease fails the batch, retried with backoff.
        hooks: { lease: leaseFor(center, { wait: 60, forceUnlock: false }, config.remoteDir.value, runtime, logger), ...(guard ? { guards: [guard] } : {}) },
        onResult: (result) => io.out(argv.json ? jsonLine(result, clock()) : `${clock().toISOString()} ${operationLine(result)}`),
      },
    );
    return 0;
  } finally {
    await center.close();
  }
}

/** Sync's --json operation fields (usedBy included: the reference guard reviews every trigger), with the time. */
function jsonLine(result: OperationResult, at: Date): string {
  return JSON.stringify({ time: at.toISOString(), ...operationJson(result) });
}
