// `dolps-sync apply FILE`: the saved plan → the apply use case (src/app/apply-saved-plan.ts). Output,
// report and exit code as sync's.
import { UsageError } from '../../app/errors.js';
import { openOpLog } from '../../app/oplog.js';
import { runSavedPlan } from '../../app/apply-saved-plan.js';
import { openRemotes } from '../../app/remote-factory.js';
import { maskUrl } from '../../config/redact.js';
import type { ApplyArgs } from '../command-options.js';
import { exitCodeForReport } from '../exit-codes.js';
import { readPlanFile } from '../plan-file.js';
import { progressMode, progressView } from '../progress.js';
import { reportJson, summaryLine } from '../render.js';
import { writeReportFile } from '../report-file.js';
import { reportMarkdown } from '../report-markdown.js';
import type { Runtime } from '../runtime.js';
import { stderrLogger } from '../stderr-logger.js';
import { openSyncScope } from '../sync-scope.js';
import { checkLeaseArgs, leaseFor } from './lease-settings.js';
import { syncSettingsOf } from './sync-request.js';

export async function runApplyCommand(argv: ApplyArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  checkLeaseArgs(argv);
  if (argv.file === undefined) throw new UsageError('apply needs the plan file', 'dolps-sync apply plan.json');
  // A mistyped or foreign file is exit 2 before any request.
  const plan = await readPlanFile(argv.file, runtime);
  const { config, git, localDir } = await openSyncScope(argv, runtime);
  const logger = stderrLogger(io, { verbose: argv.verbose, quiet: false });
  const { center } = await openRemotes({ ...config, udf: undefined }, { logger });
  const progress = progressView(progressMode({ terminal: runtime.terminal, ci: Boolean(runtime.env['CI']), json: argv.json }),
    () => clock().getTime(), io.out, io.redact);
  try {
    const oplog = config.logDir ? await openOpLog(config.logDir.value, io.redact, clock) : undefined;
    const started = clock().getTime();
    const report = await runSavedPlan(plan, { ...syncSettingsOf(config, localDir, runtime.version, runtime.cwd), server: maskUrl(config.baseUrl.value) }, {
      git, center, clock, logger, oplog, lease: leaseFor(center, argv, config.remoteDir.value, runtime, logger),
      onResult: argv.json ? undefined : progress.onResult, onPlan: (p) => progress.onPlan(p.operations.length),
    });
    progress.finish();
    const seconds = (clock().getTime() - started) / 1000;
    if (argv.report !== undefined) {
      await writeReportFile({ path: argv.report, cwd: runtime.cwd, env: runtime.env, redact: io.redact }, reportMarkdown(report, seconds))
        .catch((error: NodeJS.ErrnoException) => io.err(`warning: --report ${argv.report}: ${error.code ?? String(error)}; check the directory exists and is writable`));
    }
    if (argv.json) io.out(reportJson(report));
    else {
      if (report.listing !== null) io.err(`listing: ${report.listing}`);
      io.out(summaryLine(report, seconds));
    }
    return exitCodeForReport(report);
  } finally {
    progress.finish();
    await center.close();
    await git.close();
  }
}
