// Errors that end a run before any operation: the CLI maps them to exit codes in one place.
import type { PauseReason } from '../core/watch-pause.js';

/** Bad command-line input or an impossible request (unknown revision, not a repository): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly fix?: string) {
    super(message);
  }
}

/**
 * The server holds newer work than the target (issue 11 case 3): the target is behind the marker's
 * commit, or the branch's upstream holds it. Nothing was written: exit 5.
 */
export class ServerAheadError extends Error {
  override readonly name = 'ServerAheadError';
  constructor(message: string, readonly fix: string, readonly kind: 'behind' | 'upstream-ahead') {
    super(message);
  }
}

/** A plan that would delete more than --max-delete of the managed files; nothing was written: exit 2. */
export class TooManyDeletesError extends Error {
  override readonly name = 'TooManyDeletesError';
  constructor(message: string, readonly fix: string, readonly deletes: number, readonly managed: number) {
    super(message);
  }
}

/**
 * Watch refused a run (issue 11 cases 1, 2, 15: its root vanished, was replaced or emptied, or the plan
 * deleted more than --max-delete): thrown inside the trigger loop as the refusal, and out of `runWatch`
 * when the pause lasted longer than --max-pause. Nothing was deleted: exit 2, so systemd restarts it.
 */
export class WatchPausedError extends Error {
  override readonly name = 'WatchPausedError';
  constructor(message: string, readonly fix: string, readonly reason: PauseReason) {
    super(message);
  }
}
