// Carries out a plan through the ResourceCenter port. It never re-decides what to do; it only enforces
// the safety rules of a partial failure (rclone's "no deletes after errors"):
//  - independent operations of one phase run concurrently (bounded); phases run in plan order;
//  - a failed mkdir fails everything below that directory;
//  - after any failed write, deletes and rmdirs are withheld (reported, retried next run);
//  - a directory is not removed while something inside it could not be deleted;
//  - a server that is unreachable or refuses the credentials stops the run;
//  - a create the server's answer does not prove (3.2/3.3) is read back with the others of its directory,
//    in one listing, before the first delete and before the applier returns: one not there fails.
import { consecutiveRuns } from '../core/consecutive-runs.js';
import type { Readable } from 'node:stream';
import type { FileRef } from '../core/change.js';
import type { AnsweredFacts } from '../core/file-identity.js';
import type { Operation, OperationResult, Plan } from '../core/operation.js';
import { ancestorsOf, depthOf } from '../core/remote-index.js';
import { RemoteError } from '../remote/errors.js';
import type { ResourceCenter } from '../remote/port.js';
import type { Backup } from './backup.js';
import type { OpLog } from './oplog.js';
import { mapLimit } from '../core/map-limit.js';

export interface ApplyDeps {
  center: ResourceCenter;
  openFile: (file: FileRef) => Promise<Readable>;
  concurrency: number;
  backup?: Backup;
  /** Each result is appended here, one line per operation. */
  oplog?: OpLog;
  onResult?: (result: OperationResult) => void | Promise<void>;
}

interface RunState {
  failedDirs: Set<string>;
  undeleted: Set<string>;
  writeFailed: boolean;
  fatal: RemoteError | null;
}

export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<OperationResult[]> {
  const state: RunState = { failedDirs: new Set(), undeleted: new Set(), writeFailed: false, fatal: null };
  const results: OperationResult[] = [];
  for (const phase of phasesOf(plan.operations)) {
    const first = phase[0]?.op;
    if (first === 'delete' || first === 'rmdir') await confirmCreates(results, state, deps);
    const phaseResults = await mapLimit(phase, deps.concurrency, async (operation) => {
      const result = await runOne(operation, state, deps);
      await report(result, deps);
      return result;
    });
    results.push(...phaseResults);
  }
  await confirmCreates(results, state, deps);
  return results;
}

async function report(result: OperationResult, deps: ApplyDeps): Promise<void> {
  const { operation } = result;
  await deps.onResult?.(result);
  await deps.oplog?.write(`${operation.op} ${operation.path} ${result.ok ? 'ok' : `FAILED ${result.error ?? ''}`}`);
}

/**
 * The creates sent with deferProof, read back together (the port's confirmWrites: one listing per directory,
 * so a write stays one request, issue 12): one that is not there fails as if its create had, so the deletes
 * after it are withheld and the state is not recorded (issue 11 case 6). Reported again, now failed.
 */
async function confirmCreates(results: OperationResult[], state: RunState, deps: ApplyDeps): Promise<void> {
  for (const { path, error } of await deps.center.confirmWrites()) {
    const at = results.findIndex((r) => r.ok && r.operation.op === 'create' && r.operation.path === path);
    const operation = results[at]?.operation;
    if (operation === undefined) throw new Error(`internal: ${path} was reported unproven, but this run did not create it`);
    recordFailure(operation, error, state);
    const failed: OperationResult = { operation, ok: false, error: describeFailure(operation, error) };
    results[at] = failed;
    await report(failed, deps);
  }
}

/** Consecutive operations that may run at the same time: same kind, and the same depth for directories. */
function phasesOf(operations: readonly Operation[]): Operation[][] {
  return consecutiveRuns(operations, phaseKey);
}

function phaseKey(operation: Operation): string {
  if (operation.op === 'mkdir' || operation.op === 'rmdir') return `${operation.op}:${depthOf(operation.path)}`;
  return operation.op === 'update' ? 'create' : operation.op;
}

async function runOne(operation: Operation, state: RunState, deps: ApplyDeps): Promise<OperationResult> {
  if (operation.op === 'skip') return { operation, ok: true };
  if (operation.op === 'refuse') {
    // The file stays: a directory above it is not removed either (the undeleted rule).
    state.undeleted.add(operation.from ?? operation.path);
    return { operation, ok: false, error: operation.reason, ...(operation.unscanned ? { notAttempted: true } : {}) };
  }
  const withheld = withheldReason(operation, state);
  if (withheld) {
    if (operation.op === 'delete' || operation.op === 'rmdir') state.undeleted.add(operation.path);
    return { operation, ok: false, notAttempted: true, error: `${operation.op} ${display(operation.path)}: ${withheld}` };
  }
  try {
    const answered = await perform(operation, deps);
    return { operation, ok: true, ...(answered === undefined ? {} : { answered }) };
  } catch (error) {
    recordFailure(operation, error, state);
    return { operation, ok: false, error: describeFailure(operation, error) };
  }
}

function withheldReason(operation: Operation, state: RunState): string | null {
  if (state.fatal) return `not attempted: ${state.fatal.message}`;
  const failedParent = ancestorsOf(operation.path).find((dir) => state.failedDirs.has(dir));
  if (failedParent !== undefined || (operation.path !== '' && state.failedDirs.has(''))) {
    return `not attempted: directory ${display(failedParent ?? '')} could not be created`;
  }
  if (operation.op !== 'delete' && operation.op !== 'rmdir') return null;
  if (state.writeFailed) return 'not deleted because an earlier write failed; the next run retries';
  if (operation.op === 'rmdir' && [...state.undeleted].some((p) => p.startsWith(`${operation.path}/`))) {
    return 'not removed: something inside it could not be deleted';
  }
  return null;
}

/** Carries out one operation; resolves with what the server's answer said of the file written, when it said it. */
async function perform(operation: Operation, deps: ApplyDeps): Promise<AnsweredFacts | undefined> {
  const { center, backup } = deps;
  const content = (file: FileRef) => ({ open: () => deps.openFile(file), size: file.size });
  switch (operation.op) {
    case 'mkdir':
      await center.mkdir(operation.path);
      return undefined;
    case 'create':
      return center.create(operation.path, content(operation.file), { deferProof: true });
    case 'update':
      await backup?.save(operation.path);
      return center.update(operation.path, content(operation.file));
    case 'rename': {
      if (operation.file) await backup?.save(operation.from);
      const renamed = await center.rename(operation.from, operation.path);
      // The content written last is what the file now is: the update's answer, when there is one.
      return operation.file ? center.update(operation.path, content(operation.file)) : renamed;
    }
    case 'delete':
      await backup?.save(operation.path);
      await center.remove(operation.path, 'file');
      return undefined;
    case 'rmdir':
      await center.remove(operation.path, 'dir');
      return undefined;
    case 'skip':
    case 'refuse':
      return undefined;
  }
}

function recordFailure(operation: Operation, error: unknown, state: RunState): void {
  if (error instanceof RemoteError && error.isFatal) state.fatal = error;
  if (operation.op === 'mkdir') state.failedDirs.add(operation.path);
  if (operation.op === 'delete' || operation.op === 'rmdir') state.undeleted.add(operation.path);
  else state.writeFailed = true;
}

function describeFailure(operation: Operation, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // RemoteError messages already name the operation and the remote path.
  return error instanceof RemoteError ? message : `${operation.op} ${display(operation.path)}: ${message}`;
}

function display(path: string): string {
  return path === '' ? '(remote root)' : path;
}
