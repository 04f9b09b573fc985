// The reference guard's decision (issue 14), pure: which operations remove or move a resource a task
// may use, and what becomes of each under the policy once its users are known.
//  - 3.0/3.1 refuse a delete only when an ONLINE workflow uses the resource (ProcessDefinitionMapper
//    .listResources filters release_state = 1): offline workflows lose it silently (#11827). A rename in
//    one directory keeps the id (ResourcesServiceImpl.updateResource), so tasks keep working: never refused.
//  - 3.2+ reference the absolute storage path and check nothing on delete or rename (#15349).
import type { Operation, Plan } from './operation.js';
import { describeUser, type ResourceUser } from './reference.js';

export type ReferencePolicy = 'refuse' | 'warn' | 'off';
export const REFERENCE_POLICIES: readonly ReferencePolicy[] = ['refuse', 'warn', 'off'];

type Reviewed = Extract<Operation, { op: 'delete' | 'rename' }>;

/** What a scan found: the users of each reviewed path, or why it could not be read. */
export type Usage =
  | { readable: true; usersOf: (path: string) => readonly ResourceUser[] }
  | { readable: false; reason: string };

/** The remote path whose users matter: what a delete removes, what a rename moves away from. */
export function reviewedPath(operation: Operation, renameKeepsIdentity: boolean): string | undefined {
  if (operation.op === 'delete') return operation.path;
  if (operation.op === 'rename' && !renameKeepsIdentity) return operation.from;
  return undefined;
}

/** The paths a plan's review needs users for; empty means no scan at all. */
export function pathsToReview(plan: Plan, policy: ReferencePolicy, renameKeepsIdentity: boolean): string[] {
  if (policy === 'off') return [];
  return plan.operations.flatMap((op) => reviewedPath(op, renameKeepsIdentity) ?? []);
}

export function reviewPlan(plan: Plan, usage: Usage, policy: ReferencePolicy, renameKeepsIdentity: boolean): Plan {
  if (policy === 'off') return plan;
  const operations = plan.operations.map((op) => {
    const path = reviewedPath(op, renameKeepsIdentity);
    return path === undefined ? op : decide(op as Reviewed, path, usage, policy);
  });
  return { ...plan, operations };
}

export function decide(op: Reviewed, path: string, usage: Usage, policy: ReferencePolicy): Operation {
  const verb = op.op === 'delete' ? `delete ${path}` : `rename ${path} → ${op.path}`;
  const refuse = (reason: string, usedBy: readonly ResourceUser[], unscanned: boolean): Operation => ({
    op: 'refuse', path: op.path, refused: op.op, ...(op.op === 'rename' ? { from: op.from } : {}), reason, usedBy,
    ...(unscanned ? { unscanned } : {}),
  });
  if (!usage.readable) {
    return refuse(`${verb}: withheld: the tasks that may use it could not be read (${usage.reason}); the next run retries`, [], true);
  }
  const users = usage.usersOf(path);
  if (users.length === 0 || policy === 'warn') return { ...op, usedBy: users };
  const names = users.map(describeUser).join('; ');
  return refuse(`${verb}: refused, used by ${names}; change those tasks first, or run with --references=warn`, users, false);
}
