// Carries out function operations, one at a time, in plan order (the order is what keeps every
// function bound to an existing jar, see core/udf-operation.ts). Never re-decides: a refusal or a
// skip planned is reported as such, without a request.
import type { AppliedFunction } from '../core/marker.js';
import type { JarBinding } from '../core/udf-function.js';
import type { FunctionOperation } from '../core/udf-operation.js';
import { RemoteError } from '../remote/errors.js';
import type { UdfFunctionsClient } from '../remote/udf-functions.js';

/** The jar a function operation names (relative to the UDF folder), as the server binds it now. */
export type JarResolver = (path: string) => Promise<JarBinding>;

export interface FunctionResult {
  operation: FunctionOperation;
  ok: boolean;
  /** One line naming the function, the server's code and message. */
  error?: string;
  /** For a create, update or delete that went through: the function's id (a create's is read back). */
  id?: number;
}

export interface FunctionSummary {
  created: number;
  updated: number;
  deleted: number;
}

/** Fatal remote errors (auth, unreachable, timeout) are thrown: nothing else could work either. */
export async function applyFunctionOperation(
  client: UdfFunctionsClient, op: FunctionOperation, resolveJar: JarResolver,
): Promise<FunctionResult> {
  try {
    switch (op.op) {
      case 'func-skip': return { operation: op, ok: true };
      case 'func-refuse': return { operation: op, ok: false, error: `${op.op} ${op.function}: ${op.reason}` };
      case 'func-create': return { operation: op, ok: true, id: await client.create(op.fields, await resolveJar(op.path)) };
      case 'func-update':
        await client.update(op.id, op.fields, await resolveJar(op.path));
        return { operation: op, ok: true, id: op.id };
      case 'func-delete':
        await client.delete(op.id, op.function);
        return { operation: op, ok: true, id: op.id };
    }
  } catch (error) {
    if (error instanceof RemoteError && !error.isFatal) return { operation: op, ok: false, error: error.message };
    throw error;
  }
}

/** What the marker records of the applied operations (nextManagedFunctions). */
export function appliedFunctions(results: readonly FunctionResult[]): AppliedFunction[] {
  return results.flatMap((r) => {
    const { op } = r.operation;
    if (!r.ok || r.id === undefined || (op !== 'func-create' && op !== 'func-update' && op !== 'func-delete')) return [];
    return [{ op, function: r.operation.function, id: r.id }];
  });
}

/** The summary's `functions: {created, updated, deleted}`. */
export function summarizeFunctions(results: readonly FunctionResult[]): FunctionSummary {
  const count = (op: FunctionOperation['op']) => results.filter((r) => r.ok && r.operation.op === op).length;
  return { created: count('func-create'), updated: count('func-update'), deleted: count('func-delete') };
}

/** 3.2 binds a jar by its absolute storage path: the UDF folder's full name (ending in "/") and the path. */
export function fullNameResolver(folderFullName: string): JarResolver {
  return async (path) => ({ fullName: `${folderFullName}${path}` });
}

/**
 * 3.0/3.1 bind by resource id: `lookup` reads the UDF tree after the jar uploads (a created jar's
 * id is new); a jar that is not there is a RemoteError naming it, so the operation fails alone.
 */
export function resourceIdResolver(lookup: (path: string) => Promise<number | undefined>): JarResolver {
  return async (path) => {
    const resourceId = await lookup(path);
    if (resourceId === undefined) throw new RemoteError('notFound', 'func-bind', `the UDF jar ${path} is not on the server`, { path });
    return { resourceId };
  };
}
