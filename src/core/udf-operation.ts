// Function operations, and where they go in the UDF jar plan. Proposed as new variants of
// Operation (operation.ts): `Operation = FileOperation | FunctionOperation`; until the integrator
// merges the unions they live here. `path` is always the jar relative to the UDF folder, so
// --json and the op log show function operations like file ones.
import type { Operation } from './operation.js';
import type { ResourceUser } from './reference.js';
import type { FunctionFields } from './udf-function.js';

export type FunctionOperation =
  | { op: 'func-create'; function: string; path: string; fields: FunctionFields }
  /** In place, same id; `changed` names the fields that differ ("jar" for a rebind). */
  | { op: 'func-update'; function: string; path: string; id: number; fields: FunctionFields; changed: string[] }
  /** A function dolps-sync manages that functions.yaml no longer declares; `path` is its jar when known, else "". */
  | { op: 'func-delete'; function: string; path: string; id: number; usedBy?: readonly ResourceUser[] }
  /** Nothing sent: the server cannot hold the function (3.3+); `reason` says what to do instead. */
  | { op: 'func-skip'; function: string; path: string; reason: string }
  /**
   * Nothing sent, and the run fails: a function of that name exists that dolps-sync does not manage, or
   * (`refused: 'func-delete'`) the reference guard stopped a delete of a function SQL tasks use.
   */
  | { op: 'func-refuse'; function: string; path: string; id: number; reason: string; refused?: 'func-delete'; usedBy?: readonly ResourceUser[] };

export type FunctionOperationKind = FunctionOperation['op'];
export type PlannedOperation = Operation | FunctionOperation;

export function isFunctionOperation(op: PlannedOperation): op is FunctionOperation {
  return op.op.startsWith('func-');
}

/**
 * The phase of every operation of a UDF run. Jars up (mkdir, create, update, rename), then
 * functions created, updated and rebound, then functions deleted, then jars deleted: no function
 * ever points at a missing jar, on 3.2 too, where the server does not refuse to delete a bound jar.
 * Skips and refusals come first, as file skips do. The file plan's own order (order.ts) is kept
 * within each phase; its up-front "make room" deletes stay where they are (see mergeFunctionOperations).
 */
export function phaseOf(op: PlannedOperation): number {
  switch (op.op) {
    case 'skip': case 'refuse': case 'func-skip': case 'func-refuse': return 0;
    case 'mkdir': case 'create': case 'update': case 'rename': return 1;
    case 'func-create': case 'func-update': return 2;
    case 'func-delete': return 3;
    case 'delete': case 'rmdir': return 4;
  }
}

/**
 * Inserts the function operations into the UDF jar plan (paths relative to the UDF folder). The
 * jar plan's leading deletes that make room for a write (order.ts makeRoom: a file where a
 * directory must go) stay before the writes; every other delete and rmdir moves after the function
 * deletes. A stable sort by phase would move those room deletes after the writes they make room for.
 */
export function mergeFunctionOperations(jarPlan: readonly Operation[], functions: readonly FunctionOperation[]): PlannedOperation[] {
  const lastWrite = findLastIndex(jarPlan, (op) => phaseOf(op) === 1);
  const head = jarPlan.slice(0, lastWrite + 1);
  const tail = jarPlan.slice(lastWrite + 1);
  const byPhase = (phase: number) => functions.filter((f) => phaseOf(f) === phase);
  return [...byPhase(0), ...head, ...byPhase(2), ...byPhase(3), ...tail];
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
