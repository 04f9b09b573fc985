// The reference guard (issue 14): a PlanGuard that, when the plan deletes, moves or renames files, reads
// who uses them (one scan per run, from the metadata database or the REST API) and lets the pure
// decision (src/core/reference-guard.ts) refuse, report or withhold each such operation.
import type { PlanGuard } from '../app/pipeline/hooks.js';
import type { Plan } from '../core/operation.js';
import { pathsToReview, reviewPlan, type ReferencePolicy, type Usage } from '../core/reference-guard.js';
import { usersByKey, type ReferenceStyle } from '../core/reference.js';
import type { ResourceCenter } from '../remote/port.js';
import { timedScan, type TaskSource } from './task-source.js';

export interface ReferenceGuardDeps {
  center: ResourceCenter;
  source: TaskSource;
  style: ReferenceStyle;
  policy: ReferencePolicy;
}

export function referenceGuard(deps: ReferenceGuardDeps): PlanGuard {
  const keepsIdentity = deps.center.capabilities.renameKeepsIdentity;
  return {
    async review(plan: Plan): Promise<Plan> {
      const paths = pathsToReview(plan, deps.policy, keepsIdentity);
      if (paths.length === 0) return plan;
      const { usage, note } = await usageOf(paths, deps);
      const reviewed = reviewPlan(plan, usage, deps.policy, keepsIdentity);
      return { ...reviewed, notes: [...reviewed.notes, note] };
    },
  };
}

/** The users of each path, read once; also what `dolps-sync refs` prints. */
export async function usageOf(paths: readonly string[], deps: Omit<ReferenceGuardDeps, 'policy'>): Promise<{ usage: Usage; note: string }> {
  const { center, source } = deps;
  if (center.referenceKey === undefined) {
    const reason = 'this adapter cannot name its resources as tasks do';
    return { usage: { readable: false, reason }, note: `references: ${reason}` };
  }
  const { scan, seconds } = await timedScan(source);
  if (!scan.complete) {
    const reason = `${scan.reason}; ${scan.projectsRead} of ${scan.projects ?? 'the'} projects could be read through ${source.name}`;
    return { usage: { readable: false, reason }, note: `references: the scan did not complete: ${reason}` };
  }
  const users = usersByKey(scan.tasks, deps.style);
  const keys = new Map<string, string | undefined>();
  for (const path of new Set(paths)) keys.set(path, await center.referenceKey(path));
  const usersOf = (path: string) => {
    const key = keys.get(path);
    return key === undefined ? [] : users.get(key) ?? [];
  };
  const used = paths.filter((p) => usersOf(p).length > 0).length;
  const note = `references: ${scan.tasks.length} tasks in ${scan.projects} projects read through ${source.name} in ${seconds} s; ${used} of ${paths.length} files to remove or move are in use`;
  return { usage: { readable: true, usersOf }, note };
}
