// Names dolps-sync keeps for itself in the remote root. A local file or directory of one of these
// names, at any depth, is never synced, and nothing under such a directory: otherwise a commit with
// a top-level directory `.dolps-sync-state.json/` would have the planner delete the marker to make
// room for it, and every later run would fail (issue 11, case 5).
import { MARKER_NAME } from './marker.js';

/**
 * The lease a run will hold in the remote root so that two runs on one root do not interleave.
 * Reserved now, before the lease exists, so that no repository can have synced a file by that name.
 */
export const LEASE_NAME = '.dolps-sync-lease.json';

export const RESERVED_NAMES: ReadonlySet<string> = new Set([MARKER_NAME, LEASE_NAME]);
