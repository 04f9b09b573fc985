// Where the cross-cutting steps plug into a run (the lease, the reference guard, the UDF side run; no
// reporter yet). Each has one slot in run.ts, the same for sync and watch (see ARCHITECTURE.md).
import type { Plan } from '../../core/operation.js';
import type { RemoteIndex } from '../../core/remote-index.js';
import type { Desired } from './desired.js';
import type { RunOutcome } from './run.js';

/** A lease on the remote root, so two runs never interleave their writes. */
export interface Lease {
  /** Called before the listing (never on a dry run), so the plan is made under it; a refusal (throw) ends the run with nothing written. */
  acquire(): Promise<HeldLease>;
}

export interface HeldLease {
  /** Called after the state is recorded, or after a failed apply; always called once acquired. */
  release(): Promise<void>;
}

/**
 * Reviews the plan before apply and may withhold operations (the reference guard: no delete of a
 * resource a task definition still uses). Returns the plan to apply; a withheld operation becomes a
 * `skip` with the reason, so the report says why.
 */
export interface PlanGuard {
  review(plan: Plan, index: RemoteIndex): Promise<Plan>;
}

/** Adds operations that are not file writes (UDF functions for uploaded jars), after the file plan. */
export interface ExtraOperations {
  extend(plan: Plan, desired: Desired, index: RemoteIndex): Promise<Plan>;
}

/** Told about every finished run (a report file, a webhook). */
export interface RunReporter {
  report(outcome: RunOutcome): Promise<void>;
}

/**
 * A part of the run with a tree and operations of its own (the UDF jars and functions, issue 13):
 * planned after the file plan, applied after it and before the state is recorded; the state moves
 * only when it applied too.
 */
export interface SideRun {
  /** Reads what it syncs before anything is written, the lease included; throws when that is invalid (a bad functions.yaml). */
  prepare?(): Promise<void>;
  plan(): Promise<void>;
  /** Applies (or, for a dry run, only reports) what it planned; false when something did not apply. */
  apply(dryRun: boolean): Promise<boolean>;
}

export interface RunHooks {
  sideRuns?: readonly SideRun[];
  lease?: Lease;
  extras?: readonly ExtraOperations[];
  guards?: readonly PlanGuard[];
  reporters?: readonly RunReporter[];
}
