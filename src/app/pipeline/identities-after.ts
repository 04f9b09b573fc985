// What the server says of the files a run wrote, read once right after the writes (issue 12): both state
// stores record it (the marker in git mode, the manifest in watch mode), so that the next run tells a
// file edited in the UI since (drift) from one that still holds what we wrote, without downloading it.
import { nextIdentities, stampedIds, type AnsweredFacts, type FileIdentity } from '../../core/file-identity.js';
import type { Operation, OperationResult } from '../../core/operation.js';
import { parentOf, type RemoteEntry } from '../../core/remote-index.js';
import type { ListOptions, ResourceCenter } from '../../remote/port.js';
import type { AppliedRun } from './state-store.js';

/** The operations of the run that applied. */
export function appliedOperations(run: AppliedRun): Operation[] {
  return run.results.filter((r) => r.ok).map((r) => r.operation);
}

/**
 * The identities to record for `managed` (the files the store manages once the run applied): each file the
 * run wrote (or, in a full reconcile, proved identical) stamped with the size and update time its write
 * answered (3.0/3.1) or, for the rest, listed now; every other one as `previous` had it (file-identity.ts).
 */
export async function identitiesAfter(center: ResourceCenter, run: AppliedRun, managed: readonly string[],
  previous: Readonly<Record<string, FileIdentity>>): Promise<Record<string, FileIdentity>> {
  const applied = appliedOperations(run);
  const answered = answeredWrites(run.results);
  const treeIds = run.desired.kind === 'tree' ? new Map([...run.desired.tree.files].map(([p, f]) => [p, f.id])) : undefined;
  const unanswered = [...stampedIds(managed, applied, previous, treeIds).keys()].filter((path) => !answered.has(path));
  const listing = identityListing(run.desired.kind === 'tree', unanswered);
  const after = listing ? (await center.list(listing)).entries : new Map<string, RemoteEntry>();
  return nextIdentities(managed, applied, previous, treeIds, after, answered);
}

/**
 * The listing the identities need after the writes, for the stamped files whose write's answer did not tell
 * their size and update time (all of them on 3.2/3.3; on 3.0/3.1 only creates whose answer was lost, and a
 * full reconcile's files it proved identical without writing). A full reconcile then lists the whole root
 * with sizes; an incremental run (a sync's diff, a watch batch) stamps only the files it wrote (every other
 * identity stays as recorded), so it reads only their directories, and nothing else (detailsOnly):
 * O(changes) requests, not O(files) (issue 12 goal (b)). Nothing to learn, nothing listed.
 */
export function identityListing(wholeTree: boolean, unanswered: readonly string[]): ListOptions | undefined {
  if (unanswered.length === 0) return undefined;
  if (wholeTree) return { withSizes: true };
  return { withSizes: false, detailsIn: new Set(unanswered.map(parentOf)), detailsOnly: true };
}

/** The files whose write's answer told their size and update time, by path (a rename's new path). */
function answeredWrites(results: readonly OperationResult[]): Map<string, AnsweredFacts> {
  const out = new Map<string, AnsweredFacts>();
  for (const result of results) if (result.ok && result.answered) out.set(result.operation.path, result.answered);
  return out;
}
