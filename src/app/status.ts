// `dolps-sync status`: what the server holds and what a sync would change, read-only. The marker
// (commit, when, which tool), the commits since it under the local root, and the plan of a dry run.
import { sameRoots } from '../core/base-choice.js';
import { detectDrift, identityDirectories } from '../core/drift.js';
import type { Marker } from '../core/marker.js';
import type { ResourceCenter } from '../remote/port.js';
import type { CommitLine, CommitsSince } from '../sources/git/log.js';
import { readMarker } from './marker-store.js';
import { runSync, type SyncDeps, type SyncReport, type SyncSettings } from './sync.js';

/** More commits than this are counted, not listed. */
export const MAX_COMMITS_LISTED = 20;

export interface StatusReport {
  marker: Marker | null;
  /** Why the marker could not be read, when it could not. */
  unreadable?: string;
  /** The commits after the marker's up to `to` that touch the local root; null when there is no usable marker commit. */
  commitsSince: CommitLine[] | null;
  /** The dry run: what `sync --to` would do now. */
  plan: SyncReport;
  /** Every managed file changed on the server since the last sync (issue 12), whether a sync would touch it or not. */
  drift: string[];
}

export async function runStatus(to: string, settings: SyncSettings, deps: SyncDeps & { commitsSince: CommitsSince }): Promise<StatusReport> {
  // The dry run connects and chooses the base the real sync would; nothing is written.
  const plan = await runSync({ to, dryRun: true, full: false, prune: false }, settings, { ...deps, oplog: undefined, onResult: undefined, onPlan: undefined });
  const reading = await readMarker(deps.center);
  const marker = reading.marker;
  const usable = marker !== null && plan.base.reason === 'marker';
  const commitsSince = usable ? await deps.commitsSince(marker.commit, plan.to, deps.git.prefix, MAX_COMMITS_LISTED + 1) : null;
  const trusted = marker !== null && sameRoots(marker, { localRoot: deps.git.prefix, remoteRoot: settings.remoteRoot }) ? marker : null;
  return { marker, unreadable: reading.unreadable, commitsSince, plan, drift: await managedDrift(trusted, deps.center) };
}

/** One listing with sizes and update times, compared with every identity the marker recorded. */
async function managedDrift(marker: Marker | null, center: ResourceCenter): Promise<string[]> {
  const identities = new Map(Object.entries(marker?.contents ?? {}));
  if (identities.size === 0) return [];
  // detailsIn: the metadata index's rows have no update times; those directories' pages do (drift-check.ts).
  return detectDrift([], identities, await center.list({ withSizes: true, detailsIn: identityDirectories(identities) }), true);
}
