// The UDF part of a run (issue 13): the UDF folder's jars to the UDF tree and its functions,
// planned with the file plan and applied after it, before the state is recorded. Order, whatever
// the generation: jars up, functions created/updated/rebound, functions deleted, jars deleted
// (mergeFunctionOperations), so no function ever points at a missing jar. After any failed write
// nothing is deleted (the applier's rule, kept across the two kinds of operation).
import { consecutiveRuns } from '../core/consecutive-runs.js';
import type { ContentId } from '../core/change.js';
import type { OperationResult, Plan } from '../core/operation.js';
import { planReconcile } from '../core/plan.js';
import type { RemoteIndex } from '../core/remote-index.js';
import { reviewedPath } from '../core/reference-guard.js';
import type { ManagedFunction, ServerFunction } from '../core/udf-function.js';
import { isFunctionOperation, mergeFunctionOperations, type FunctionOperation, type PlannedOperation } from '../core/udf-operation.js';
import { jarOf, udfTreeCapabilities, type FunctionPlan, type JarLocator } from '../core/udf-plan.js';
import { planFunctionsWithTakeover } from '../core/udf-takeover.js';
import { nextManagedFiles, nextManagedFunctions } from '../core/marker.js';
import type { Operation } from '../core/operation.js';
import { applyPlan } from '../app/apply.js';
import type { DesiredTreeSource } from '../app/pipeline/desired.js';
import { remoteContentIds } from '../app/pipeline/remote-content.js';
import { applyFunctionOperation, appliedFunctions, type FunctionResult } from './apply-functions.js';
import type { UdfFolder } from './udf-folder.js';
import type { UdfRemote } from './udf-remote.js';
import type { ResourceCenter } from '../remote/port.js';
import type { UdfReferenceReview } from '../references/udf-guard.js';

export interface UdfRunDeps {
  remote: UdfRemote;
  /** Opens the jars' bytes and names downloaded content (the commit). */
  source: DesiredTreeSource;
  /** From the marker: the functions dolps-sync created or adopted. */
  managed: readonly ManagedFunction[];
  /** From the marker: the jars dolps-sync put in the UDF tree, relative to the UDF folder; only these are deleted. */
  managedJars: readonly string[];
  concurrency: number;
  onJar?: (result: OperationResult) => void;
  onFunction?: (result: FunctionResult) => void;
  /** The reference guard's UDF side: function deletes and jar removals that tasks depend on (issue 14). */
  references?: UdfReferenceReview;
}

export interface UdfOutcome {
  /** UDF tree operations, paths relative to the UDF folder. */
  jars: OperationResult[];
  functions: FunctionResult[];
  notes: string[];
  /** Every operation applied (or, for a dry run, would be attempted). */
  ok: boolean;
  /** The managed functions once this run applied: what the marker records. */
  managed: ManagedFunction[];
  /** The managed jars (relative to the UDF folder) once this run applied. */
  managedJars: string[];
}

interface UdfPlan {
  operations: PlannedOperation[];
  functions: FunctionPlan;
  notes: string[];
  /** The managed jars before the plan, with the folder's jars already in the UDF tree (they are ours from now on). */
  jarsBefore: string[];
}

export async function planUdf(folder: UdfFolder, deps: UdfRunDeps): Promise<UdfPlan> {
  const { remote } = deps;
  const notes = folder.others.map((p) => `${p}: not a .jar; the UDF folder's other files are not synced`);
  if (remote.server === undefined) {
    const prefix = (await remote.fileTreeFolder?.()) ?? `${folder.dir}/`;
    const functions = planFunctionsWithTakeover({
      declared: folder.declared, server: [], managed: [], jarPlan: [], support: remote.support,
      jars: { byId: new Map(), folderFullName: '' }, fileTreePrefix: prefix,
    });
    return { operations: functions.operations, functions, notes, jarsBefore: [] };
  }
  if (folder.jars.size === 0 && folder.declared.length === 0 && !folder.hasFunctionsFile) {
    // A mistyped --udf-dir must not empty the UDF remote dir: with nothing there, nothing is done.
    return {
      operations: [], functions: { operations: [], adopted: [], notes: [] }, jarsBefore: [...deps.managedJars],
      notes: [...notes, `${folder.dir}/ has no jars and no functions.yaml in this commit; the UDF tree is left as it is`],
    };
  }
  const { tree, functions: client } = remote.server;
  const index = await tree.list({ withSizes: true });
  const jarPlan = planJars(folder, index, await remoteContentIds(folder.jars, index, tree, deps.source, noState, deps.concurrency), deps);
  const listing = await client.list();
  const server = listing.supported ? listing.functions : [];
  const jars = await remote.server.locate();
  const functions = planFunctionsWithTakeover({
    declared: folder.declared, server, managed: deps.managed, jarPlan: jarPlan.operations, support: remote.support,
    jars, fileTreePrefix: '',
  });
  const jarsBefore = [...new Set([...deps.managedJars, ...[...folder.jars.keys()].filter((p) => index.entries.get(p)?.kind === 'file')])];
  const merged = mergeFunctionOperations(jarPlan.operations, functions.operations);
  const reviewed = await reviewReferences(merged, { tree, server, jars }, deps.references);
  return {
    operations: reviewed.operations, functions, jarsBefore,
    notes: [...notes, ...jarPlan.notes, ...functions.notes, ...reviewed.notes],
  };
}

/** The reference guard (issue 14) over function deletes and jar removals; nothing read when the plan has none. */
async function reviewReferences(
  operations: PlannedOperation[], side: { tree: ResourceCenter; server: readonly ServerFunction[]; jars: JarLocator }, guard: UdfReferenceReview | undefined,
): Promise<{ operations: PlannedOperation[]; notes: string[] }> {
  const renameKeepsIdentity = side.tree.capabilities.renameKeepsIdentity;
  if (guard === undefined || !guard.needed(operations, renameKeepsIdentity)) return { operations, notes: [] };
  const jarKeys = new Map<string, string>();
  for (const op of operations) {
    const path = isFunctionOperation(op) ? undefined : reviewedPath(op, renameKeepsIdentity);
    const key = path === undefined ? undefined : await side.tree.referenceKey?.(path);
    if (path !== undefined && key !== undefined) jarKeys.set(path, key);
  }
  const bound = (jar: string) => side.server.filter((f) => jarOf(f.binding, side.jars) === jar).map(({ name, id }) => ({ name, id }));
  return guard.review(operations, { jarKeys, functionsOn: bound, renameKeepsIdentity });
}

const noState = { managed: new Set<string>(), vouch: () => undefined };

/**
 * The UDF folder's jars against the UDF remote dir: a jar dolps-sync put there (recorded in the
 * state) that the folder no longer has is deleted, after its functions; a jar it did not put there
 * is never deleted, exactly like a function it does not manage (--prune does not reach the UDF tree).
 */
function planJars(folder: UdfFolder, index: RemoteIndex, remoteContent: ReadonlyMap<string, ContentId>, deps: UdfRunDeps): Plan {
  const { tree } = deps.remote.server ?? {};
  if (tree === undefined) return { operations: [], notes: [] };
  const context = { capabilities: udfTreeCapabilities(tree.capabilities, deps.remote.support), fullNameLength: (p: string) => tree.fullNameLength(p), isIgnored: () => false };
  const managed = new Set(deps.managedJars);
  const plan = planReconcile(folder.jars, [], index, context, { prune: false, remoteContent, managed });
  const kept = [...index.entries.values()].filter((e) => e.kind === 'file' && !folder.jars.has(e.path) && !managed.has(e.path)).map((e) => e.path);
  // planReconcile's note about unmanaged files names --prune, which never applies here: say it the UDF way.
  const notes = plan.notes.filter((n) => !n.includes('--prune'));
  if (kept.length > 0) notes.push(`${folder.dir}/: ${kept.length} jar(s) in the UDF remote dir were not put there by dolps-sync and were kept (${kept.sort().join(', ')})`);
  return { operations: plan.operations, notes };
}

export async function applyUdf(plan: UdfPlan, deps: UdfRunDeps): Promise<UdfOutcome> {
  const jars: OperationResult[] = [];
  const functions: FunctionResult[] = [];
  let failed = false;
  for (const segment of segmentsOf(plan.operations)) {
    if (isFunctionOperation(segment[0] as PlannedOperation)) {
      for (const op of segment as FunctionOperation[]) {
        const result = await applyFunction(op, failed, deps);
        // A reference refusal sends nothing, as a file's does: the rest of the plan still applies.
        if (!result.ok && !(op.op === 'func-refuse' && op.refused !== undefined)) failed = true;
        functions.push(result);
        deps.onFunction?.(result);
      }
      continue;
    }
    const results = await applyJars(segment as Operation[], failed, deps);
    if (results.some((r) => !r.ok && r.operation.op !== 'refuse')) failed = true;
    jars.push(...results);
  }
  const managed = nextManagedFunctions(deps.managed, plan.functions.adopted, appliedFunctions(functions));
  const managedJars = nextManagedFiles(plan.jarsBefore, jars.filter((r) => r.ok).map((r) => r.operation));
  return { jars, functions, notes: plan.notes, ok: [...jars, ...functions].every((r) => r.ok), managed, managedJars };
}

async function applyFunction(op: FunctionOperation, failed: boolean, deps: UdfRunDeps): Promise<FunctionResult> {
  if (op.op === 'func-skip') return { operation: op, ok: true };
  if (op.op === 'func-refuse') return { operation: op, ok: false, error: `${op.op} ${op.function}: ${op.reason}` };
  if (failed && op.op === 'func-delete') {
    return { operation: op, ok: false, error: `func-delete ${op.function}: not deleted because an earlier write failed; the next run retries` };
  }
  const server = requireServer(deps);
  return applyFunctionOperation(server.functions, op, server.resolver());
}

/** The applier's own rules within the segment; after an earlier failed write its deletes are withheld too. */
async function applyJars(operations: Operation[], failed: boolean, deps: UdfRunDeps): Promise<OperationResult[]> {
  const isDelete = (op: Operation) => op.op === 'delete' || op.op === 'rmdir';
  const held = failed ? operations.filter(isDelete).map(withheld) : [];
  held.forEach((r) => deps.onJar?.(r));
  const toApply = failed ? operations.filter((op) => !isDelete(op)) : operations;
  const applied = toApply.length === 0 ? [] : await applyPlan({ operations: toApply, notes: [] }, {
    center: requireServer(deps).tree, concurrency: deps.concurrency, openFile: (file) => deps.source.open(file), onResult: deps.onJar,
  });
  return [...applied, ...held];
}

/** A dry run: every operation as if it applied; refusals still fail. */
export function dryRunUdf(plan: UdfPlan, deps: UdfRunDeps): UdfOutcome {
  const jars = plan.operations.filter((op): op is Operation => !isFunctionOperation(op)).map((operation) => ({ operation, ok: true }));
  // A reference refusal reads like a file's in a dry run (the plan shows it); an adopt refusal fails the preview.
  const functions = plan.operations.filter(isFunctionOperation).map((operation): FunctionResult => (operation.op === 'func-refuse' && operation.refused === undefined
    ? { operation, ok: false, error: `${operation.op} ${operation.function}: ${operation.reason}` } : { operation, ok: true }));
  return { jars, functions, notes: plan.notes, ok: functions.every((f) => f.ok), managed: [...deps.managed], managedJars: [...deps.managedJars] };
}

function withheld(operation: Operation): OperationResult {
  return { operation, ok: false, notAttempted: true, error: `${operation.op} ${operation.path}: not deleted because an earlier write failed; the next run retries` };
}

function requireServer(deps: UdfRunDeps) {
  if (deps.remote.server === undefined) throw new Error('internal: function operations planned without UDF management');
  return deps.remote.server;
}

/** Runs of consecutive operations of one kind (file or function), in plan order. */
function segmentsOf(operations: readonly PlannedOperation[]): PlannedOperation[][] {
  return consecutiveRuns(operations, isFunctionOperation);
}
