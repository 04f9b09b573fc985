// What the server says of the files a run wrote, read once right after the writes (issue 12): both state
// stores record it (the marker in git mode, the manifest in watch mode), so that the next run tells a
// file edited in the UI since (drift) from one that still holds what we wrote, without downloading it.
import { nextIdentities, type FileIdentity } from '../../core/file-identity.js';
import type { Operation } from '../../core/operation.js';
import { parentOf, type RemoteEntry } from '../../core/remote-index.js';
import type { ListOptions, ResourceCenter } from '../../remote/port.js';
import type { AppliedRun } from './state-store.js';

/** The operations of the run that applied. */
export function appliedOperations(run: AppliedRun): Operation[] {
  return run.results.filter((r) => r.ok).map((r) => r.operation);
}

/**
 * The identities to record for `managed` (the files the store manages once the run applied): each file the
 * run wrote (or, in a full reconcile, proved identical) stamped with the size and update time listed now;
 * every other one as `previous` had it (file-identity.ts).
 */
export async function identitiesAfter(center: ResourceCenter, run: AppliedRun, managed: readonly string[],
  previous: Readonly<Record<string, FileIdentity>>): Promise<Record<string, FileIdentity>> {
  const applied = appliedOperations(run);
  const listing = identityListing(run.desired.kind === 'tree', applied);
  const after = listing ? (await center.list(listing)).entries : new Map<string, RemoteEntry>();
  const treeIds = run.desired.kind === 'tree' ? new Map([...run.desired.tree.files].map(([p, f]) => [p, f.id])) : undefined;
  return nextIdentities(managed, applied, previous, treeIds, after);
}

/**
 * The listing the identities need after the writes. A full reconcile stamps every file of the tree
 * (proved identical or written), so it lists the whole root with sizes; an incremental run (a sync's
 * diff, a watch batch) stamps only the files it wrote (every other identity stays as recorded), so it
 * lists only their directories: O(changes) requests, not O(files) (issue 12 goal (b)); nothing written,
 * nothing listed.
 */
export function identityListing(wholeTree: boolean, applied: readonly Operation[]): ListOptions | undefined {
  if (wholeTree) return { withSizes: true };
  const written = applied.filter((op) => op.op === 'create' || op.op === 'update' || op.op === 'rename').map((op) => parentOf(op.path));
  return written.length === 0 ? undefined : { withSizes: false, detailsIn: new Set(written), detailsOnly: true };
}
