// The second seam of the pipeline: where the recorded state lives. git mode keeps it in the marker
// on the server (any machine can run the next sync); watch mode in the manifest file beside the
// watcher. The run reads `recorded()` before planning and calls `record` only after a run in which
// every operation applied, as its very last write.
import type { ContentId } from '../../core/change.js';
import type { RecordedIdentities } from '../../core/drift.js';
import type { OperationResult } from '../../core/operation.js';
import type { RemoteEntry, RemoteIndex } from '../../core/remote-index.js';
import type { Desired } from './desired.js';

export interface RecordedState {
  /** Remote files an earlier run put there: a full reconcile deletes those the tree no longer has. */
  managed: ReadonlySet<string>;
  /** Directories the last run left in place (a directory source); one now missing locally is removed. */
  dirs?: ReadonlySet<string>;
  /**
   * Files under the remote root this state was just read from (the marker): a listing that does not show them
   * contradicts the server's own answer, and is not planned from (issue 11 case 6).
   */
  readFrom?: readonly string[];
  /** The content id the state vouches the remote file (as listed now) has, so it need not be downloaded. */
  vouch(path: string, size: number, remote?: RemoteEntry): ContentId | undefined;
  /** What the server said of each managed file right after our write (the marker's, the manifest's): drift is a move from it. */
  identities?: RecordedIdentities;
}

/** A run in which every operation applied: what the store derives the next state from. */
export interface AppliedRun {
  desired: Desired;
  /** The remote listing the plan was made from. */
  index: RemoteIndex;
  results: readonly OperationResult[];
}

export interface StateStore {
  recorded(): RecordedState;
  /** Writes the next state; false when there was nothing to move (the server already had it). */
  record(run: AppliedRun): Promise<boolean>;
}
