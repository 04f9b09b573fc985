// The one place that maps outcomes to exit codes (documented in the README).
import { UsageError } from '../app/errors.js';
import type { SyncReport } from '../app/sync.js';
import { RemoteError } from '../remote/errors.js';

export const EXIT = {
  ok: 0,
  /** Some operations failed or were withheld; the others applied; the marker did not move. */
  partial: 1,
  /** Bad flags, configuration, or revision. Nothing was changed. */
  usage: 2,
  /** The server could not be reached, timed out, or refused the credentials. Nothing was changed. */
  server: 3,
} as const;

export function exitCodeForReport(report: SyncReport): number {
  return report.results.some((r) => !r.ok) ? EXIT.partial : EXIT.ok;
}

export function exitCodeForError(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof RemoteError) return error.isFatal ? EXIT.server : EXIT.partial;
  if (error instanceof Error && error.name === 'GitError') return EXIT.usage;
  return EXIT.partial;
}
