// The seed format of the emulator's projects, workflows and tasks (`dolps-emulator --workflows FILE`,
// Emulator.seedWorkflows). Readable and generation-independent: resources are named by their path
// below the tenant's resource root ("/dir/a.sh", the 3.1 full name), UDF functions by name (or id);
// the emulator turns them into what each generation stores in the task params when it answers.
//
//   { "projects": [ { "name": "etl", "workflows": [ { "name": "daily", "online": true, "tasks": [
//       { "name": "load", "type": "SHELL", "resources": ["/scripts/load.sh"] },
//       { "name": "agg", "type": "SPARK", "mainJar": "/jars/agg.jar", "resources": ["/conf/a.conf"] },
//       { "name": "q", "type": "SQL", "udfs": ["my_upper"], "params": { "sql": "select 1" } } ] } ] } ] }

export interface WorkflowSpec {
  projects: ProjectSpec[];
}

export interface ProjectSpec {
  name: string;
  description?: string;
  /** The user who owns the project (default: the emulator's first user). */
  owner?: string;
  workflows?: WorkflowDefinitionSpec[];
}

export interface WorkflowDefinitionSpec {
  name: string;
  /** Release state ONLINE (true) or OFFLINE (false, default: DolphinScheduler creates workflows offline). */
  online?: boolean;
  tasks?: TaskSpec[];
}

export interface TaskSpec {
  name: string;
  /** The task type as DolphinScheduler names it (default SHELL). */
  type?: string;
  /** Paths below the tenant's resource root, e.g. "/scripts/load.sh": the task's resourceList. */
  resources?: string[];
  /** Path of the main jar (SPARK, FLINK, MR tasks): the task's mainJar. */
  mainJar?: string;
  /** UDF functions of a SQL task, by function name or id: the task's `udfs` (3.0–3.2 only). */
  udfs?: (string | number)[];
  /** Further task params stored as given (rawScript, sql, mainClass, ...). */
  params?: Record<string, unknown>;
}

/** A seed that does not follow the format: `where` names the place, e.g. "projects[0].workflows[1].name". */
export class WorkflowSpecError extends Error {
  override readonly name = 'WorkflowSpecError';
  constructor(readonly where: string, problem: string) {
    super(`workflow seed: ${where}: ${problem}`);
  }
}

/** Checks an untrusted value (parsed JSON) against the format; returns it typed or throws WorkflowSpecError. */
export function parseWorkflowSpec(value: unknown): WorkflowSpec {
  const root = record(value, '(top level)');
  const projects = list(root.projects, 'projects');
  projects.forEach((p, i) => checkProject(p, `projects[${i}]`));
  return root as unknown as WorkflowSpec;
}

function checkProject(value: unknown, where: string): void {
  const p = record(value, where);
  text(p.name, `${where}.name`);
  optional(p.description, `${where}.description`, text);
  optional(p.owner, `${where}.owner`, text);
  optional(p.workflows, `${where}.workflows`, (v, w) => list(v, w).forEach((wf, i) => checkWorkflow(wf, `${w}[${i}]`)));
}

function checkWorkflow(value: unknown, where: string): void {
  const w = record(value, where);
  text(w.name, `${where}.name`);
  optional(w.online, `${where}.online`, (v, at) => {
    if (typeof v !== 'boolean') throw new WorkflowSpecError(at, 'must be true or false');
  });
  optional(w.tasks, `${where}.tasks`, (v, at) => list(v, at).forEach((t, i) => checkTask(t, `${at}[${i}]`)));
}

function checkTask(value: unknown, where: string): void {
  const t = record(value, where);
  text(t.name, `${where}.name`);
  optional(t.type, `${where}.type`, text);
  optional(t.resources, `${where}.resources`, (v, at) => list(v, at).forEach((r, i) => resourcePath(r, `${at}[${i}]`)));
  optional(t.mainJar, `${where}.mainJar`, resourcePath);
  optional(t.udfs, `${where}.udfs`, (v, at) => list(v, at).forEach((u, i) => {
    if (!(typeof u === 'string' && u !== '') && !(Number.isInteger(u) && (u as number) > 0)) {
      throw new WorkflowSpecError(`${at}[${i}]`, 'must be a function name or a positive id');
    }
  }));
  optional(t.params, `${where}.params`, record);
}

function resourcePath(value: unknown, where: string): void {
  text(value, where);
  if (!(value as string).startsWith('/') || (value as string).endsWith('/') || (value as string).includes('//')) {
    throw new WorkflowSpecError(where, `"${String(value)}" must be a file path below the resource root, like "/dir/a.sh"`);
  }
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WorkflowSpecError(where, 'must be an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new WorkflowSpecError(where, 'must be a list');
  return value;
}

function text(value: unknown, where: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new WorkflowSpecError(where, 'must be a non-empty string');
}

function optional(value: unknown, where: string, check: (value: unknown, where: string) => unknown): void {
  if (value !== undefined) check(value, where);
}
