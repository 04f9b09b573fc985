// `dolps-sync sync`: argv → SyncRequest, then the use case. No logic of its own.
import { openOpLog } from '../../app/oplog.js';
import { openResourceCenter } from '../../app/remote-factory.js';
import { stderrLogger } from '../stderr-logger.js';
import { runSync } from '../../app/sync.js';
import type { SyncArgs } from '../command-options.js';
import { exitCodeForReport } from '../exit-codes.js';
import { operationLine, reportJson, summaryLine } from '../render.js';
import type { Runtime } from '../runtime.js';
import { openSyncScope } from '../sync-scope.js';
import { checkLeaseArgs, leaseFor } from './lease-settings.js';
import { syncRequestOf, syncSettingsOf } from './sync-request.js';

export async function runSyncCommand(argv: SyncArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  checkLeaseArgs(argv);
  const { config, git, localDir } = await openSyncScope(argv, runtime);
  const logger = stderrLogger(io, { verbose: argv.verbose, quiet: argv.quiet });
  const center = await openResourceCenter(config, { logger });
  try {
    const oplog = config.logDir ? await openOpLog(config.logDir.value, io.redact, clock) : undefined;
    const started = clock().getTime();
    const report = await runSync(
      syncRequestOf(argv),
      syncSettingsOf(config, localDir, runtime.version, runtime.cwd),
      {
        git, center, clock, logger, oplog, lease: leaseFor(center, argv, config.remoteDir.value, runtime, logger),
        onResult: argv.json ? undefined : (r) => io.out(operationLine(r)),
      },
    );
    const nothingToSay = argv.quiet && report.results.length === 0 && report.notes.length === 0;
    for (const note of report.notes) logger.note(note);
    if (nothingToSay) return exitCodeForReport(report);
    if (!argv.json && report.listing !== null) io.err(`listing: ${report.listing}`);
    if (argv.json) {
      io.out(reportJson(report));
    } else {
      if (report.dryRun) for (const result of report.results) io.out(operationLine(result));
      io.out(summaryLine(report, (clock().getTime() - started) / 1000));
    }
    return exitCodeForReport(report);
  } finally {
    await center.close();
  }
}
