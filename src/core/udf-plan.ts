// The pure planner for UDF functions: functions.yaml, the server's functions, the marker's managed
// set and the UDF jar plan go in; function operations come out, to be merged into the jar plan by
// mergeFunctionOperations (udf-operation.ts). No I/O: the caller lists, the applier sends.
import type { Capabilities } from './capabilities.js';
import type { Operation } from './operation.js';
import type { FunctionDeclaration, FunctionFields, JarBinding, ManagedFunction, ServerFunction, UdfFunctionSupport } from './udf-function.js';
import type { FunctionOperation } from './udf-operation.js';

export interface FunctionPlanInput {
  declared: readonly FunctionDeclaration[];
  server: readonly ServerFunction[];
  /** From the marker: the functions dolps-sync created or adopted, by name and id. */
  managed: readonly ManagedFunction[];
  /** The UDF tree's plan, paths relative to the UDF folder. */
  jarPlan: readonly Operation[];
  support: UdfFunctionSupport;
  /** How the server's bindings read as jar paths relative to the UDF folder, before the plan. */
  jars: JarLocator;
  /** 3.3+: the full name prefix under which the jars land in the file tree, for the statement to use instead. */
  fileTreePrefix: string;
}

export interface JarLocator {
  /** 3.0/3.1: the UDF tree's jar ids (jars outside the UDF folder are absent). */
  byId: ReadonlyMap<number, string>;
  /** 3.2: the absolute storage path of the UDF folder, ending in "/". */
  folderFullName: string;
}

export interface FunctionPlan {
  operations: FunctionOperation[];
  /** Unmanaged functions taken over with `adopt: true`: recorded in the marker once the run succeeds. */
  adopted: ManagedFunction[];
  notes: string[];
}

/**
 * The capabilities to plan the UDF jar tree with. A native rename is kept only where the server
 * carries bound functions along (3.0/3.1); on 3.2 a rename is a storage move that would leave them
 * pointing at a missing jar until the rebind, so a moved jar is uploaded at its new path, its
 * functions rebound, and the old one deleted (orderIntent's put + remove).
 */
export function udfTreeCapabilities(files: Capabilities, support: UdfFunctionSupport): Capabilities {
  return support.functions && support.renameFollowsJar ? files : { ...files, canRename: false };
}

export function planFunctions(input: FunctionPlanInput): FunctionPlan {
  if (!input.support.functions) return skipAll(input, input.support.reason);
  const effects = jarEffects(input.jarPlan, input.support.renameFollowsJar ? 'id' : 'path');
  const byName = new Map(input.server.map((f) => [f.name, f]));
  const managed = new Map(input.managed.map((m) => [m.name, m.id]));
  const isManaged = (f: ServerFunction) => managed.get(f.name) === f.id;
  const plan: FunctionPlan = { operations: [], adopted: [], notes: [] };
  const touched = new Set<string>();
  const jarSkips = new Map(input.jarPlan.flatMap((op) => (op.op === 'skip' ? [[op.path, op.reason] as const] : [])));
  for (const d of input.declared) {
    const existing = byName.get(d.name);
    const jarSkipped = jarSkips.get(d.jar);
    if (jarSkipped !== undefined) {
      plan.operations.push({ op: 'func-skip', function: d.name, path: d.jar, reason: `its jar is not uploaded: ${jarSkipped}` });
      if (existing !== undefined) touched.add(d.name);
      continue;
    }
    if (existing === undefined) {
      plan.operations.push({ op: 'func-create', function: d.name, path: d.jar, fields: fieldsOf(d) });
      continue;
    }
    if (!isManaged(existing) && !d.adopt) {
      plan.operations.push(refusal(d, existing));
      continue;
    }
    touched.add(d.name);
    if (!isManaged(existing)) plan.adopted.push({ name: d.name, id: existing.id });
    const after = effects.after(jarOf(existing.binding, input.jars));
    planUpdate(d, existing, after, plan);
  }
  for (const f of [...input.server].sort((a, b) => compare(a.name, b.name))) {
    if (touched.has(f.name) || byName.get(f.name) !== f) continue;
    const jar = jarOf(f.binding, input.jars);
    if (isManaged(f) && !input.declared.some((d) => d.name === f.name)) {
      plan.operations.push({ op: 'func-delete', function: f.name, path: jar ?? '', id: f.id });
    } else if (jar !== null && effects.after(jar) === null) {
      plan.notes.push(`function ${f.name} (not managed by dolps-sync) uses ${jar}, which this run deletes or moves; `
        + 'rebind it by hand, or declare it in functions.yaml with "adopt: true"');
    }
  }
  return plan;
}

function planUpdate(d: FunctionDeclaration, f: ServerFunction, jarAfter: string | null, plan: FunctionPlan): void {
  const changed = changedFields(d, f);
  if (jarAfter !== d.jar) changed.push('jar');
  if (d.database === null && f.database !== null && f.database !== '') {
    // updateById skips null fields and the service sets database only when not empty (UdfFuncServiceImpl 3.1.9):
    // the server cannot clear it, so asking would change nothing and repeat on every run.
    plan.notes.push(`function ${d.name}: DolphinScheduler cannot clear its database ("${f.database}"); `
      + 'set "database" in functions.yaml, or delete the function by hand and sync again');
  }
  if (changed.length === 0) return;
  plan.operations.push({ op: 'func-update', function: d.name, path: d.jar, id: f.id, fields: fieldsOf(d), changed });
}

function changedFields(d: FunctionDeclaration, f: ServerFunction): string[] {
  const changed: string[] = [];
  if (d.className !== f.className) changed.push('class');
  if (d.type !== f.type) changed.push('type');
  // The server stores an empty argTypes as null on create and as "" on update: the same to a user.
  if ((d.argTypes ?? '') !== (f.argTypes ?? '')) changed.push('args');
  if (d.database !== null && d.database !== f.database) changed.push('database');
  if ((d.description ?? '') !== (f.description ?? '')) changed.push('description');
  return changed;
}

function refusal(d: FunctionDeclaration, f: ServerFunction): FunctionOperation {
  return {
    op: 'func-refuse', function: d.name, path: d.jar, id: f.id,
    reason: `a function named ${d.name} (id ${f.id}) exists on the server and dolps-sync did not create it; `
      + 'add "adopt: true" to its entry in functions.yaml to take it over, or choose another name',
  };
}

function skipAll(input: FunctionPlanInput, reason: string): FunctionPlan {
  const operations = input.declared.map((d): FunctionOperation => ({
    op: 'func-skip', function: d.name, path: d.jar,
    reason: `${reason}; in the SQL task's pre-statements use: ${temporaryFunctionStatement(d, `${input.fileTreePrefix}${d.jar}`)}`,
  }));
  return { operations, adopted: [], notes: [] };
}

/** Hive's (and Spark SQL's) own way to load a UDF for one session, the way left after 3.3 removed UDF management. */
export function temporaryFunctionStatement(d: Pick<FunctionDeclaration, 'name' | 'className'>, jarLocation: string): string {
  return `CREATE TEMPORARY FUNCTION ${d.name} AS '${d.className}' USING JAR '${jarLocation}'`;
}

function fieldsOf(d: FunctionDeclaration): FunctionFields {
  const { name, className, type, argTypes, database, description } = d;
  return { name, className, type, argTypes, database, description };
}

/** The jar a binding names, relative to the UDF folder; null when it is not a jar of the folder. */
export function jarOf(binding: JarBinding, jars: JarLocator): string | null {
  if ('resourceId' in binding) return jars.byId.get(binding.resourceId) ?? null;
  return binding.fullName.startsWith(jars.folderFullName) ? binding.fullName.slice(jars.folderFullName.length) : null;
}

interface JarEffects {
  /** Where a function bound to `jar` points once the jar plan has run; null when that jar is gone. */
  after(jar: string | null): string | null;
}

/**
 * What the jar plan does to a binding. By id (3.0/3.1): an update keeps the id, a rename carries
 * the functions along (batchUpdateUdfFunc), a delete loses the id for good even if the path is
 * uploaded again. By path (3.2): the binding is the path, so it survives exactly when a jar is at
 * that path afterwards.
 */
function jarEffects(jarPlan: readonly Operation[], binding: 'id' | 'path'): JarEffects {
  const deleted = new Set<string>();
  const written = new Set<string>();
  const renamed = new Map<string, string>();
  for (const op of jarPlan) {
    if (op.op === 'delete') deleted.add(op.path);
    else if (op.op === 'create' || op.op === 'update') written.add(op.path);
    else if (op.op === 'rename') renamed.set(op.from, op.path);
  }
  return {
    after(jar) {
      if (jar === null) return null;
      if (binding === 'id') return deleted.has(jar) ? null : renamed.get(jar) ?? jar;
      return (deleted.has(jar) || renamed.has(jar)) && !written.has(jar) ? null : jar;
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
