// How the UDF part of a sync reads (issue 13): the UDF folder's jars as operation lines with their
// path under the local root, function operations as `func-create to_upper (com.acme.hive.ToUpper,
// acme-udfs.jar)`; in --json, jars carry "tree": "udf" and functions "function" (render-functions.ts).
import type { OperationResult } from '../core/operation.js';
import type { SyncDeps } from '../app/sync.js';
import { displayText } from '../core/display-path.js';
import { functionOperationJson, functionOperationLine, functionUsageLines } from '../udf/render-functions.js';
import type { FunctionResult } from '../udf/apply-functions.js';
import type { UdfOutcome } from '../udf/udf-run.js';
import type { UdfRemote } from '../udf/udf-remote.js';
import { operationJson, operationLine } from './render.js';

/** A UDF jar result with its path as the user knows it (under the local root). */
export function udfJarResult(result: OperationResult, dir: string): OperationResult {
  const { operation } = result;
  const path = operation.path === '' ? dir : `${dir}/${operation.path}`;
  return { ...result, operation: operation.op === 'rename' ? { ...operation, path, from: `${dir}/${operation.from}` } : { ...operation, path } };
}

export function udfWiring(dir: string, remote: UdfRemote, out: ((line: string) => void) | undefined): NonNullable<SyncDeps['udf']> {
  return {
    dir, remote,
    ...(out ? {
      onJar: (r: OperationResult) => out(operationLine(udfJarResult(r, dir))),
      onFunction: (r: FunctionResult) => out(functionText(r)),
    } : {}),
  };
}

/** The dry run's lines: the jars, then the functions, in plan order within each. */
export function udfLines(outcome: UdfOutcome, dir: string): string[] {
  return [
    ...outcome.jars.map((r) => operationLine(udfJarResult(r, dir))),
    ...outcome.functions.map(functionText),
  ];
}

/** A function operation's line, and under a func-delete the tasks that used the function. */
function functionText(result: FunctionResult): string {
  return [functionOperationLine(result), ...functionUsageLines(result.operation)].map(displayText).join('\n');
}

/** The --json operations of the UDF part. */
export function udfJson(outcome: UdfOutcome, dir: string): Record<string, unknown>[] {
  return [
    ...outcome.jars.map((r) => {
      const { op, path, ...rest } = operationJson(udfJarResult(r, dir));
      return { op, path, tree: 'udf', ...rest };
    }),
    ...outcome.functions.map(functionOperationJson),
  ];
}
