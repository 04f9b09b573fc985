// `dolps-sync watch [DIR]`: argv → WatchSettings, then the use case; a clean stop on SIGINT/SIGTERM.
import { homedir } from 'node:os';
import { openOpLog } from '../../app/oplog.js';
import { openRemotes } from '../../app/remote-factory.js';
import { openReferenceGuard, openUdfReferenceGuard } from '../../references/open.js';
import { runWatch } from '../../app/watch.js';
import { leaseFor } from './lease-settings.js';
import type { OperationResult } from '../../core/operation.js';
import type { WatchArgs } from '../command-options.js';
import { lineLogger } from '../log-line.js';
import { operationJson, operationLine } from '../render.js';
import { loadConfigFor, type Runtime } from '../runtime.js';
import { watchConfigArgs, watchDriftNote, watchSettingsOf } from './watch-settings.js';
import { udfWatchWiring } from './watch-udf.js';

export async function runWatchCommand(argv: WatchArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  const config = loadConfigFor(watchConfigArgs(argv), runtime);
  const fileSettings = watchSettingsOf(argv, config, runtime.env, homedir(), runtime.cwd);
  const driftNote = watchDriftNote(config);
  const signal = runtime.stopSignal();
  // One line per entry: timestamped text, or with --json one object whose level is a field of its own.
  const logger = lineLogger((entry, line) => io.err(argv.json
    ? JSON.stringify({ time: clock().toISOString(), level: entry.level, message: entry.message })
    : `${clock().toISOString()} ${line}`), { verbose: argv.verbose });
  if (driftNote) logger.note(driftNote);
  const { center, udf } = await openRemotes(config, { logger });
  const print = (result: OperationResult) => io.out(argv.json ? jsonLine(result, clock()) : `${clock().toISOString()} ${operationLine(result)}`);
  const udfWiring = udf && config.udf && udfWatchWiring(fileSettings, { dir: config.udf.dir.value, remote: udf, references: openUdfReferenceGuard(config, center) }, {
    // A jar's entry is a file's, marked as the UDF tree's (as in sync --json).
    jar: (r) => io.out(argv.json ? JSON.stringify({ ...JSON.parse(jsonLine(r, clock())) as object, tree: 'udf' }) : `${clock().toISOString()} ${operationLine(r)}`),
    line: (text, json) => io.out(argv.json ? JSON.stringify({ time: clock().toISOString(), ...json }) : `${clock().toISOString()} ${text}`),
  });
  const settings = udfWiring ? udfWiring.settings : fileSettings;
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
        onResult: print,
        ...(udfWiring ? { sideRuns: udfWiring.sideRuns } : {}),
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
