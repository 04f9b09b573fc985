// `dolps-sync sync`: argv → SyncRequest, then the use case. No logic of its own.
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { openOpLog } from '../../app/oplog.js';
import { openResourceCenter } from '../../app/remote-factory.js';
import { runSync } from '../../app/sync.js';
import { openGitSource } from '../../sources/git/git-reader.js';
import { withConfigOptions, type ConfigArgs } from '../config-options.js';
import { exitCodeForReport } from '../exit-codes.js';
import { operationLine, reportJson, summaryLine } from '../render.js';
import { loadConfigFor, pathsInside, type Runtime } from '../runtime.js';

interface SyncArgs extends ConfigArgs {
  repo?: string;
  from?: string;
  to: string;
  dryRun: boolean;
  json: boolean;
  full: boolean;
  prune: boolean;
  quiet: boolean;
  verbose: boolean;
}

export function syncOptions<T>(yargs: Argv<T>) {
  return withConfigOptions(yargs)
    .option('repo', { type: 'string', describe: 'git repository (default: the one holding the local dir)' })
    .option('from', { type: 'string', describe: 'diff from this commit instead of the marker on the server' })
    .option('to', { type: 'string', default: 'HEAD', describe: 'commit to make the Resource Center equal to' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'print the plan; make no write request' })
    .option('json', { type: 'boolean', default: false, describe: 'print exactly one JSON object on stdout' })
    .option('full', { type: 'boolean', default: false, describe: 'reconcile the whole tree against the remote listing' })
    .option('prune', { type: 'boolean', default: false, describe: 'with a full reconcile, delete remote files git does not have' })
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing when there is nothing to change (for hooks)' });
}

export async function runSyncCommand(argv: SyncArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  const localDirArgs = argv.repo && !argv.localDir ? { localDir: argv.repo } : {};
  const config = loadConfigFor({ ...argv, ...localDirArgs }, runtime);
  const localDir = resolve(config.localDir.value);
  const git = await openGitSource(localDir, { env: runtime.env });
  const center = await openResourceCenter(config, { log: argv.verbose ? io.err : undefined, warn: io.err });
  try {
    const oplog = config.logDir ? await openOpLog(config.logDir.value, io.redact, clock) : undefined;
    const started = clock().getTime();
    const report = await runSync(
      { from: argv.from, to: argv.to, dryRun: argv.dryRun, full: argv.full, prune: argv.prune },
      {
        remoteRoot: config.remoteDir.value, concurrency: config.concurrency.value, logDir: config.logDir?.value,
        excludes: config.excludes.value, alwaysIgnored: pathsInside(localDir, [config.file]), toolVersion: runtime.version,
      },
      {
        git, center, clock, log: io.err, oplog,
        onResult: argv.json ? undefined : (r) => io.out(operationLine(r)),
        onConnected: argv.quiet ? undefined : (server) => io.err(`dolps-sync: ${server}`),
      },
    );
    const nothingToSay = argv.quiet && report.results.length === 0 && report.notes.length === 0;
    for (const note of report.notes) io.err(`note: ${note}`);
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
    await git.close();
  }
}
