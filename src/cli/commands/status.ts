// `dolps-sync status`: the server's marker, the commits since it, and the plan a sync would apply.
// Read-only; no logic of its own beyond wording.
import { openResourceCenter } from '../../app/remote-factory.js';
import { MAX_COMMITS_LISTED, runStatus, type StatusReport } from '../../app/status.js';
import { displayText } from '../../core/display-path.js';
import { commitLog } from '../../sources/git/log.js';
import type { StatusArgs } from '../command-options.js';
import { operationLine, summaryLine } from '../render.js';
import type { Runtime } from '../runtime.js';
import { stderrLogger } from '../stderr-logger.js';
import { openSyncScope } from '../sync-scope.js';
import { syncSettingsOf } from './sync-request.js';

export async function runStatusCommand(argv: StatusArgs, runtime: Runtime): Promise<number> {
  const { io, clock } = runtime;
  const { config, git, localDir } = await openSyncScope(argv, runtime);
  const logger = stderrLogger(io, { verbose: argv.verbose, quiet: false });
  const center = await openResourceCenter(config, { logger });
  try {
    const started = clock().getTime();
    const status = await runStatus(argv.to, syncSettingsOf(config, localDir, runtime.version, runtime.cwd),
      { git, center, clock, logger, commitsSince: commitLog(git.repoRoot, runtime.env) });
    for (const line of [...statusLines(status), ...driftLines(status.drift)]) io.out(line);
    for (const note of status.plan.notes) logger.note(note);
    for (const result of status.plan.results) io.out(operationLine(result));
    io.out(summaryLine(status.plan, (clock().getTime() - started) / 1000));
    return 0;
  } finally {
    await center.close();
  }
}

/** Each drifted file on a line of its own: stdout, like the rest of what status reports. */
export function driftLines(drift: readonly string[]): string[] {
  if (drift.length === 0) return [];
  return [`drift: ${drift.length} managed file${drift.length === 1 ? '' : 's'} changed on the server since the last sync (a sync overwrites ${drift.length === 1 ? 'it' : 'them'} after a backup in log_dir; --on-drift=fail stops instead):`,
    ...drift.map((path) => `  ${displayText(path)}`)];
}

export function statusLines(status: StatusReport): string[] {
  const { marker, commitsSince } = status;
  if (marker === null) return [status.unreadable === undefined ? 'marker: none (no sync has run into this remote root)' : `marker: unreadable (${status.unreadable})`];
  const lines = [`marker: ${marker.commit.slice(0, 12)} synced ${marker.syncedAt} by ${displayText(marker.tool)} (local root "${displayText(marker.localRoot)}" → ${displayText(marker.remoteRoot)})`];
  if (commitsSince === null) return lines;
  const more = commitsSince.length > MAX_COMMITS_LISTED ? ` (the last ${MAX_COMMITS_LISTED} shown)` : '';
  lines.push(`commits since, under the local root: ${commitsSince.length > MAX_COMMITS_LISTED ? `more than ${MAX_COMMITS_LISTED}` : commitsSince.length}${more}`);
  for (const c of commitsSince.slice(0, MAX_COMMITS_LISTED)) lines.push(`  ${c.commit.slice(0, 12)} ${displayText(c.subject)}`);
  return lines;
}
