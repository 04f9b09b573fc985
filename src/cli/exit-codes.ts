// The exit codes, with the words the README table and the root --help print (one source for both).
import type { SyncReport } from '../app/sync.js';

export const EXIT = {
  ok: 0,
  /** Some operations failed or were withheld, or the run stopped part-way; the marker did not move. */
  partial: 1,
  /** Bad flags, configuration, revision, or local setup (a watch paused longer than --max-pause). Nothing was changed. */
  usage: 2,
  /** The server could not be reached, is not a DolphinScheduler API at that URL, or refused the credentials. */
  server: 3,
  /** Another run held the lease on the remote root for the whole of --wait; nothing was written. */
  leaseHeld: 4,
  /** The server holds newer work than the target commit (behind it, or someone else's not pulled). Nothing changed. */
  serverAhead: 5,
  /** A bug in dolps-sync (EX_SOFTWARE from sysexits.h). */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_MEANINGS: ReadonlyArray<readonly [ExitCode, string]> = [
  [EXIT.ok, 'everything applied (or nothing to do); skipped files are reported, not failures'],
  [EXIT.partial, 'some operations failed or were withheld, or the run stopped part-way; the marker did not move, so the next run retries'],
  [EXIT.usage, 'usage or configuration error (unknown or mistyped flag, bad config value, unknown revision, local directory outside the repository, watch limit, a watch paused longer than --max-pause); nothing changed'],
  [EXIT.server, 'the server could not be reached, stopped answering, is not a DolphinScheduler API at that URL, or refused the credentials; nothing changed'],
  [EXIT.leaseHeld, 'another run holds the lease on the remote root (the line names it and since when); nothing changed; --wait S waits longer'],
  [EXIT.serverAhead, 'the server is ahead of this commit: it was last synced to a newer commit (the target is behind it, or the branch\'s upstream holds it): pull first, or --force; nothing changed'],
  [EXIT.internal, 'internal error: a bug in dolps-sync (one line; the stack with --verbose); please report it'],
];

export function exitCodeForReport(report: SyncReport): ExitCode {
  const udfFailed = !report.dryRun && report.udf?.ok === false;
  return report.results.some((r) => !r.ok) || udfFailed ? EXIT.partial : EXIT.ok;
}
