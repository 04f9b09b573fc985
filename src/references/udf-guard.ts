// The reference guard of the UDF part of a run (issue 14): when the UDF plan deletes a function or
// removes a jar, reads who uses them (the run's one scan, shared with the file guard) and lets the
// pure decision (src/core/udf-reference-guard.ts) refuse, report or withhold each such operation.
import { usersByKey, type ReferenceStyle } from '../core/reference.js';
import type { ReferencePolicy } from '../core/reference-guard.js';
import { reviewUdfPlan, udfReviewNeeded, type KeyUsage, type UdfReferenceFacts } from '../core/udf-reference-guard.js';
import type { PlannedOperation } from '../core/udf-operation.js';
import type { TaskSource } from './task-source.js';

export interface UdfReferenceReview {
  /** Whether a plan needs the facts and the scan at all (creates and updates never do). */
  needed(operations: readonly PlannedOperation[], renameKeepsIdentity: boolean): boolean;
  review(operations: readonly PlannedOperation[], facts: UdfReferenceFacts): Promise<{ operations: PlannedOperation[]; notes: string[] }>;
}

export interface UdfGuardDeps {
  source: TaskSource;
  style: ReferenceStyle;
  policy: ReferencePolicy;
}

export function udfReferenceGuard(deps: UdfGuardDeps): UdfReferenceReview {
  return {
    needed: (operations, keeps) => udfReviewNeeded(operations, deps.policy, keeps),
    async review(operations, facts) {
      if (!udfReviewNeeded(operations, deps.policy, facts.renameKeepsIdentity)) return { operations: [...operations], notes: [] };
      const { usage, note } = await keyUsageOf(deps.source, deps.style);
      return { operations: reviewUdfPlan(operations, usage, deps.policy, facts), notes: [note] };
    },
  };
}

async function keyUsageOf(source: TaskSource, style: ReferenceStyle): Promise<{ usage: KeyUsage; note: string }> {
  const scan = await source.scan();
  if (!scan.complete) {
    const reason = `${scan.reason}; ${scan.projectsRead} of ${scan.projects ?? 'the'} projects could be read through ${source.name}`;
    return { usage: { readable: false, reason }, note: `references (UDF): the scan did not complete: ${reason}` };
  }
  const users = usersByKey(scan.tasks, style);
  return {
    usage: { readable: true, usersOfKey: (key) => users.get(key) ?? [] },
    note: `references (UDF): ${scan.tasks.length} tasks in ${scan.projects} projects read through ${source.name}`,
  };
}

/**
 * One scan per run for both guards (files, then the UDF part): the first scan's answer is kept. Built
 * per command run, so watch, whose guard lives across triggers, does not use it.
 */
export function scanOnce(source: TaskSource): TaskSource {
  let scanned: ReturnType<TaskSource['scan']> | undefined;
  return { name: source.name, scan: () => (scanned ??= source.scan()) };
}
