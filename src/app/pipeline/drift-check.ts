// Drift in the pipeline (issue 12): which directories the listing must describe, and the drifted files of
// a plan. The rule itself is pure (src/core/drift.ts); this file only feeds it what the run already has.
import type { FileRef } from '../../core/change.js';
import { detectDrift, driftDirectories, identityDirectories, rewriteDriftedRenames, type DriftPolicy } from '../../core/drift.js';
import type { Plan } from '../../core/operation.js';
import type { RemoteIndex } from '../../core/remote-index.js';
import { DriftError } from '../errors.js';
import type { Desired } from './desired.js';
import type { RecordedState } from './state-store.js';

/**
 * An incremental run lists without sizes: the directories of the managed files its changes overwrite,
 * move or delete are listed with them. A full reconcile checks every managed file: a listing with sizes
 * has their update times anyway, except the 3.0/3.1 metadata index, whose rows have none; without them
 * every identity is unproven and each same-size file is downloaded to compare (200 downloads for 200
 * files, where the pages of their 12 directories prove them all).
 */
export function driftListing(desired: Desired, recorded: RecordedState): ReadonlySet<string> | undefined {
  if (!recorded.identities || recorded.identities.size === 0) return undefined;
  if (desired.kind === 'tree') return nonEmpty(identityDirectories(recorded.identities));
  const paths = desired.changes.flatMap((c) => (c.kind === 'deleted' ? [c.path] : c.kind === 'renamed' ? [c.from, c.file.path] : c.kind === 'unsupported' ? [] : [c.file.path]));
  return nonEmpty(driftDirectories(paths, recorded.identities));
}

function nonEmpty(dirs: Set<string>): Set<string> | undefined {
  return dirs.size === 0 ? undefined : dirs;
}

/** The drifted paths of the plan (in a full reconcile, of every managed file), and the plan that overwrites them all. */
export function planDrift(plan: Plan, desired: Desired, recorded: RecordedState, index: RemoteIndex): { plan: Plan; drift: string[] } {
  if (!recorded.identities) return { plan, drift: [] };
  const drift = detectDrift(plan.operations, recorded.identities, index, desired.kind === 'tree');
  return drift.length === 0 ? { plan, drift } : { plan: rewriteDriftedRenames(plan, drift, desiredFileOf(desired)), drift };
}

/** Fail mode: refuses before the first write, naming the files and the fix. */
export function refuseDrift(drift: readonly string[], policy: DriftPolicy | undefined): void {
  if (policy !== 'fail' || drift.length === 0) return;
  const shown = drift.slice(0, 10).join(', ') + (drift.length > 10 ? ` and ${drift.length - 10} more` : '');
  throw new DriftError(
    `${drift.length} managed file${drift.length === 1 ? ' was' : 's were'} changed on the server since the last sync (drift): ${shown}; nothing was written`,
    'look at the server\'s version (dolps-sync status lists the drift), commit what must stay, then sync again; --on-drift=overwrite replaces it with the commit (after a backup in log_dir)',
    drift,
  );
}

function desiredFileOf(desired: Desired): (path: string) => FileRef | undefined {
  if (desired.kind === 'tree') return (path) => desired.tree.files.get(path);
  const renamed = new Map(desired.changes.flatMap((c) => (c.kind === 'renamed' ? [[c.file.path, c.file] as const] : [])));
  return (path) => renamed.get(path);
}
