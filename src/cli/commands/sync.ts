// `dolps-sync sync`: argv → SyncRequest, then the use case. No logic of its own.
import { UsageError } from '../../app/errors.js';
import { openOpLog } from '../../app/oplog.js';
import { pruneRootRefusal } from '../../core/guards.js';
import { openRemotes } from '../../app/remote-factory.js';
import { stderrLogger } from '../stderr-logger.js';
import { runSync } from '../../app/sync.js';
import type { SyncArgs } from '../command-options.js';
import { exitCodeForReport } from '../exit-codes.js';
import { operationLine, reportJson, summaryLine } from '../render.js';
import { udfJson, udfLines, udfWiring } from '../udf-render.js';
import type { Runtime } from '../runtime.js';
import { openSyncScope } from '../sync-scope.js';
import { previewFlagMisuse } from './preview-request.js';
import { reportMarkdown } from '../report-markdown.js';
import { progressMode, progressView, type ProgressView } from '../progress.js';
import { writeReportFile } from '../report-file.js';
import { openReferenceGuards } from '../../references/open.js';
import { checkLeaseArgs, leaseFor } from './lease-settings.js';
import { syncRequestOf, syncSettingsOf } from './sync-request.js';
import { runSyncOrPreview } from './sync-or-preview.js';

export async function runSyncCommand(argv: SyncArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  const misuse = previewFlagMisuse(argv);
  if (misuse) throw misuse;
  checkLeaseArgs(argv);
  const { config, git, localDir } = await openSyncScope(argv, runtime);
  // Before the first request: --prune at / cannot be undone (issue 11 case 7).
  const refusal = pruneRootRefusal({ prune: argv.prune, remoteRoot: config.remoteDir.value, pruneRoot: argv.pruneRoot });
  if (refusal !== null) throw new UsageError(refusal.message, refusal.fix);
  const logger = stderrLogger(io, { verbose: argv.verbose, quiet: argv.quiet });
  const { center, udf } = await openRemotes(config, { logger });
  let progress: ProgressView | undefined;
  try {
    const oplog = config.logDir ? await openOpLog(config.logDir.value, io.redact, clock) : undefined;
    const started = clock().getTime();
    progress = progressView(progressMode({ terminal: runtime.terminal, ci: Boolean(runtime.env['CI']), json: argv.json }),
      () => clock().getTime(), io.out, io.redact);
    const guards = openReferenceGuards(config, center);
    const report = await runSyncOrPreview(argv, runtime, runSync,
      syncRequestOf(argv),
      syncSettingsOf(config, localDir, runtime.version, runtime.cwd),
      {
        git, center, clock, logger, oplog, lease: leaseFor(center, argv, config.remoteDir.value, runtime, logger),
        onResult: argv.json ? undefined : progress.onResult, onPlan: (plan) => progress?.onPlan(plan.operations.length),
        ...(guards.files ? { hooks: { guards: [guards.files] } } : {}),
        ...(udf && config.udf ? { udf: { ...udfWiring(config.udf.dir.value, udf, argv.json ? undefined : io.out), references: guards.udf } } : {}),
      },
    );
    progress.finish();
    if (argv.report !== undefined) await writeReport(argv.report, reportMarkdown(report, (clock().getTime() - started) / 1000), runtime);
    const nothingToSay = argv.quiet && report.results.length === 0 && report.notes.length === 0;
    for (const note of report.notes) logger.note(note);
    if (nothingToSay) return exitCodeForReport(report);
    if (!argv.json && report.listing !== null) io.err(`listing: ${report.listing}`);
    if (argv.json) {
      io.out(reportJson(report, report.udf && config.udf ? udfJson(report.udf, config.udf.dir.value) : []));
    } else {
      if (report.dryRun) for (const result of report.results) io.out(operationLine(result));
      if (report.dryRun && report.udf && config.udf) for (const line of udfLines(report.udf, config.udf.dir.value)) io.out(line);
      io.out(summaryLine(report, (clock().getTime() - started) / 1000));
    }
    return exitCodeForReport(report);
  } finally {
    progress?.finish();
    await center.close();
    await git.close();
  }
}

async function writeReport(path: string, markdown: string, runtime: Runtime): Promise<void> {
  try {
    await writeReportFile({ path, cwd: runtime.cwd, env: runtime.env, redact: runtime.io.redact }, markdown);
  } catch (error) {
    // The sync itself is done: a report that cannot be written is a warning, never a changed exit code.
    runtime.io.err(`warning: --report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; check the directory exists and is writable`);
  }
}
