// The reference guard's decision for the UDF part of a run (issue 14), pure. SQL tasks name UDF
// functions by id (`udfs: "3,5"` in SqlParameters, 3.0.6-3.2.2; 3.3 removed UDF support), and the
// server checks no task before deleting a function (UdfFuncServiceImpl.delete). So:
//  - a func-delete of a function a task uses is refused (field "udf"), or reported under `warn`;
//  - a jar delete (or a move that loses its identity) takes the functions bound to it along: on 3.2
//    the server lets the jar go and the functions dangle (ResourcesServiceImpl.delete passes type null,
//    so UDF_RESOURCE_IS_BOUND never fires). Its users are the tasks that name the jar as a resource and
//    the tasks that use any function bound to it.
// When the users could not be read, every such operation is withheld, never applied blind.
import type { Operation } from './operation.js';
import { reviewedPath, type ReferencePolicy } from './reference-guard.js';
import { describeUser, udfKey, type ResourceUser } from './reference.js';
import { isFunctionOperation, type FunctionOperation, type PlannedOperation } from './udf-operation.js';

/** What a scan found, by reference key ("id:12", "path:…", "udf:3"), or why it could not be read. */
export type KeyUsage =
  | { readable: true; usersOfKey: (key: string) => readonly ResourceUser[] }
  | { readable: false; reason: string };

/** The UDF side of the server before the plan runs. */
export interface UdfReferenceFacts {
  /** The key tasks name a jar of the UDF tree by (path relative to the UDF folder); undefined when unknown. */
  jarKeys: ReadonlyMap<string, string>;
  /** The server's functions bound to each jar (path relative to the UDF folder). */
  functionsOn: (jar: string) => readonly BoundFunction[];
  /** 3.0/3.1: a rename keeps the jar's id and carries its functions along. */
  renameKeepsIdentity: boolean;
}

export interface BoundFunction {
  name: string;
  id: number;
}

const WITHHELD = 'withheld: the tasks that may use it could not be read';
const FIX = 'change those tasks first, or run with --references=warn';

/** Whether a UDF plan removes or moves a jar, or deletes a function; false means no scan. */
export function udfReviewNeeded(operations: readonly PlannedOperation[], policy: ReferencePolicy, renameKeepsIdentity: boolean): boolean {
  if (policy === 'off') return false;
  return operations.some((op) => (isFunctionOperation(op) ? op.op === 'func-delete' : reviewedPath(op, renameKeepsIdentity) !== undefined));
}

export function reviewUdfPlan(
  operations: readonly PlannedOperation[], usage: KeyUsage, policy: ReferencePolicy, facts: UdfReferenceFacts,
): PlannedOperation[] {
  if (policy === 'off') return [...operations];
  return operations.map((op) => {
    if (isFunctionOperation(op)) return op.op === 'func-delete' ? decideFunction(op, usage, policy) : op;
    const path = reviewedPath(op, facts.renameKeepsIdentity);
    return path === undefined ? op : decideJar(op as Extract<Operation, { op: 'delete' | 'rename' }>, path, usage, policy, facts);
  });
}

function decideFunction(op: Extract<FunctionOperation, { op: 'func-delete' }>, usage: KeyUsage, policy: ReferencePolicy): FunctionOperation {
  const verb = `delete function ${op.function} (id ${op.id})`;
  const refuse = (reason: string, usedBy: readonly ResourceUser[]): FunctionOperation => ({
    op: 'func-refuse', function: op.function, path: op.path, id: op.id, refused: 'func-delete', reason, usedBy,
  });
  if (!usage.readable) return refuse(`${verb}: ${WITHHELD} (${usage.reason}); the next run retries`, []);
  const users = usage.usersOfKey(udfKey(op.id));
  if (users.length === 0 || policy === 'warn') return { ...op, usedBy: users };
  return refuse(`${verb}: refused, used by ${users.map(describeUser).join('; ')}; ${FIX}`, users);
}

function decideJar(
  op: Extract<Operation, { op: 'delete' | 'rename' }>, path: string, usage: KeyUsage, policy: ReferencePolicy, facts: UdfReferenceFacts,
): Operation {
  const verb = op.op === 'delete' ? `delete UDF jar ${path}` : `rename UDF jar ${path} → ${op.path}`;
  const refuse = (reason: string, usedBy: readonly ResourceUser[], unscanned: boolean): Operation => ({
    op: 'refuse', path: op.path, refused: op.op, ...(op.op === 'rename' ? { from: op.from } : {}), reason, usedBy,
    ...(unscanned ? { unscanned } : {}),
  });
  if (!usage.readable) return refuse(`${verb}: ${WITHHELD} (${usage.reason}); the next run retries`, [], true);
  const key = facts.jarKeys.get(path);
  const direct = key === undefined ? [] : usage.usersOfKey(key);
  const bound = facts.functionsOn(path).filter((f) => usage.usersOfKey(udfKey(f.id)).length > 0);
  const users = unique([...direct, ...bound.flatMap((f) => usage.usersOfKey(udfKey(f.id)))]);
  if (users.length === 0 || policy === 'warn') return { ...op, usedBy: users };
  const names = bound.map((f) => f.name).join(', ');
  const through = bound.length === 0 ? '' : bound.length === 1 ? ` (through its function ${names}, which goes with it)` : ` (through its functions ${names}, which go with it)`;
  return refuse(`${verb}: refused, used by ${users.map(describeUser).join('; ')}${through}; ${FIX}`, users, false);
}

function unique(users: readonly ResourceUser[]): ResourceUser[] {
  const seen = new Set<string>();
  return users.filter((u) => {
    const id = JSON.stringify([u.project, u.workflow, u.task, u.field]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
