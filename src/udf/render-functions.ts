// How function operations read, for the CLI's renderer to call beside operationLine and reportJson
// (src/cli/render.ts): `func-create to_upper (com.acme.hive.ToUpper, acme-udfs.jar)`, and in --json
// {"op": "func-create", "function": "to_upper", "path": "acme-udfs.jar", ...}.
import { describeUser } from '../core/reference.js';
import type { FunctionOperation } from '../core/udf-operation.js';
import type { FunctionResult } from './apply-functions.js';

export function functionOperationLine(result: Pick<FunctionResult, 'operation' | 'ok' | 'error'>): string {
  const { operation: op, ok, error } = result;
  if (!ok) return `FAILED  ${error ?? `${op.op} ${op.function}`}`;
  switch (op.op) {
    case 'func-create': return `${op.op} ${op.function} (${op.fields.className}, ${op.path})`;
    case 'func-update': return `${op.op} ${op.function} (${op.changed.join(', ')}; ${op.fields.className}, ${op.path})`;
    case 'func-delete': return `${op.op} ${op.function}${op.path === '' ? '' : ` (${op.path})`}`;
    case 'func-skip': return `skip    function ${op.function} (${op.path}): ${op.reason}`;
    case 'func-refuse': return `${op.op} ${op.function}: ${op.reason}`;
  }
}

/** The impact report under a func-delete line (issue 14): who used the function (a refusal names them in its own line). */
export function functionUsageLines(op: FunctionOperation): string[] {
  return op.op === 'func-delete' ? (op.usedBy ?? []).map((user) => `        used by ${describeUser(user)}`) : [];
}

/**
 * The --json entry of a function operation: `op`, `function`, `path` (the jar relative to the UDF
 * folder). A skip is `"op": "skip"` like a file's, told apart by its `function` field (issue 13).
 */
export function functionOperationJson(result: Pick<FunctionResult, 'operation' | 'ok' | 'error' | 'id'>): Record<string, unknown> {
  const { operation: op, ok, error, id } = result;
  return {
    op: op.op === 'func-skip' ? 'skip' : op.op, function: op.function, path: op.path, ok,
    ...(id === undefined ? {} : { id }),
    ...(op.op === 'func-update' ? { changed: op.changed } : {}),
    ...(op.op === 'func-skip' || op.op === 'func-refuse' ? { reason: op.reason } : {}),
    ...(op.op === 'func-refuse' && op.refused !== undefined ? { refused: op.refused } : {}),
    ...((op.op === 'func-delete' || op.op === 'func-refuse') && op.usedBy !== undefined ? { usedBy: op.usedBy } : {}),
    ...(error === undefined ? {} : { error }),
  };
}

/** Dry run: the lines of the plan, as the applier would report them had everything gone through. */
export function plannedFunctionLines(operations: readonly FunctionOperation[]): string[] {
  return operations.map((operation) => functionOperationLine({ operation, ok: operation.op !== 'func-refuse',
    ...(operation.op === 'func-refuse' ? { error: `${operation.op} ${operation.function}: ${operation.reason}` } : {}) }));
}
