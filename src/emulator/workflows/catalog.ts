// The seeded projects, workflows (process definitions) and task definitions, with what each task
// references. On 3.0/3.1 tasks hold resource ids: a path is bound to the id of the resource holding it
// the first time one does (the UI could only pick existing resources), and the id stays bound through
// renames and after the resource is gone, as in t_ds_task_definition. From 3.2 tasks hold the path.
import type { UserDirectory } from '../users.js';
import type { WorkflowDialect } from './dialect.js';
import { parseWorkflowSpec, WorkflowSpecError, type TaskSpec, type WorkflowDefinitionSpec } from './spec.js';

export interface ResourceRef {
  /** Below the tenant's resource root, e.g. "/dir/a.sh". */
  path: string;
  /** 3.0/3.1: the resource id once bound. */
  id: number | null;
}

export interface UdfRef {
  name: string | null;
  id: number | null;
}

export interface SeededTask {
  id: number;
  code: number;
  name: string;
  type: string;
  resources: ResourceRef[];
  mainJar: ResourceRef | null;
  udfs: UdfRef[];
  params: Record<string, unknown>;
}

export interface SeededWorkflow {
  id: number;
  code: number;
  name: string;
  online: boolean;
  tasks: SeededTask[];
  /** t_ds_process_task_relation ids, one per task (each task a root: pre_task_code 0). */
  relationIds: number[];
  createTime: Date;
  updateTime: Date;
}

export interface SeededProject {
  id: number;
  code: number;
  name: string;
  description: string | null;
  userId: number;
  createTime: Date;
  workflows: SeededWorkflow[];
}

/** How a reference finds its id (3.0/3.1); undefined while nothing holds that name. */
export interface ReferenceLookup {
  resourceId(path: string): Promise<number | undefined>;
  udfId(name: string): Promise<number | undefined>;
}

/** CodeGenerateUtils gives 13-digit snowflake codes; these look alike and never collide. */
const FIRST_CODE = 13_000_000_000_001;

export class WorkflowCatalog {
  readonly projects: SeededProject[] = [];
  private readonly ids = { project: 1, workflow: 1, task: 1, relation: 1 };
  private nextCode = FIRST_CODE;

  constructor(private readonly users: UserDirectory, readonly dialect: WorkflowDialect) {}

  /** Adds the spec's projects (a known name adds to that project); all or nothing. */
  seed(value: unknown, now: Date): void {
    const spec = parseWorkflowSpec(value);
    spec.projects.forEach((p, i) => this.checkSeed(p.owner, p.workflows ?? [], p.name, `projects[${i}]`));
    for (const p of spec.projects) {
      const project = this.projects.find((known) => known.name === p.name) ?? this.addProject(p.name, p.description, p.owner, now);
      for (const w of p.workflows ?? []) project.workflows.push(this.workflowOf(w, now));
    }
  }

  /**
   * Releases a workflow ONLINE or takes it OFFLINE (POST .../{code}/release in the real API, which
   * changes release_state only: update_time stays, ProcessDefinitionServiceImpl.releaseProcessDefinition).
   */
  setOnline(projectName: string, workflowName: string, online: boolean): void {
    const workflow = this.projects.find((p) => p.name === projectName)?.workflows.find((w) => w.name === workflowName);
    if (workflow === undefined) throw new Error(`emulator: no workflow "${workflowName}" in project "${projectName}" was seeded`);
    workflow.online = online;
  }

  projectByCode(code: number): SeededProject | undefined {
    return this.projects.find((p) => p.code === code);
  }

  /** Binds every unbound reference that now names something; true when any was bound. */
  async bind(lookup: ReferenceLookup): Promise<boolean> {
    let changed = false;
    for (const task of this.tasks()) {
      for (const ref of [...task.resources, ...(task.mainJar === null ? [] : [task.mainJar])]) {
        if (ref.id !== null) continue;
        ref.id = (await lookup.resourceId(ref.path)) ?? null;
        changed ||= ref.id !== null;
      }
      for (const udf of task.udfs) {
        if (udf.id !== null || udf.name === null) continue;
        udf.id = (await lookup.udfId(udf.name)) ?? null;
        changed ||= udf.id !== null;
      }
    }
    return changed;
  }

  /**
   * The resource ids tasks of ONLINE workflows use: ProcessDefinitionMapper.listResources (3.0.6,
   * 3.1.9) joins release_state = 1 and reads t_ds_task_definition.resource_ids, which
   * ProcessServiceImpl.getResourceIds fills from the params' resource files (resourceList and mainJar).
   */
  onlineResourceIds(): Set<number> {
    const ids = new Set<number>();
    for (const workflow of this.projects.flatMap((p) => p.workflows).filter((w) => w.online)) {
      for (const task of workflow.tasks) for (const id of resourceIdsOf(task)) ids.add(id);
    }
    return ids;
  }

  private *tasks(): Generator<SeededTask> {
    for (const project of this.projects) for (const workflow of project.workflows) yield* workflow.tasks;
  }

  private checkSeed(owner: string | undefined, workflows: readonly WorkflowDefinitionSpec[], project: string, where: string): void {
    if (owner !== undefined && this.users.byName(owner) === undefined) throw new WorkflowSpecError(`${where}.owner`, `no user "${owner}"`);
    const names = new Set(this.projects.find((p) => p.name === project)?.workflows.map((w) => w.name));
    workflows.forEach((w, i) => {
      // process_definition_unique: UNIQUE (name, project_code).
      if (names.has(w.name)) throw new WorkflowSpecError(`${where}.workflows[${i}].name`, `project "${project}" already has a workflow "${w.name}"`);
      names.add(w.name);
      (w.tasks ?? []).forEach((t, j) => {
        if (!this.dialect.udfs && t.udfs !== undefined) {
          throw new WorkflowSpecError(`${where}.workflows[${i}].tasks[${j}].udfs`, `API ${this.dialect.generation} has no UDF functions (removed in 3.3)`);
        }
      });
    });
  }

  private addProject(name: string, description: string | undefined, owner: string | undefined, now: Date): SeededProject {
    const user = owner === undefined ? this.users.all()[0] : this.users.byName(owner);
    const project: SeededProject = {
      id: this.ids.project++, code: this.nextCode++, name, description: description ?? null,
      userId: user?.id ?? 1, createTime: now, workflows: [],
    };
    this.projects.push(project);
    return project;
  }

  private workflowOf(spec: WorkflowDefinitionSpec, now: Date): SeededWorkflow {
    const tasks = (spec.tasks ?? []).map((t) => this.taskOf(t));
    return {
      id: this.ids.workflow++, code: this.nextCode++, name: spec.name, online: spec.online ?? false, tasks,
      relationIds: tasks.map(() => this.ids.relation++), createTime: now, updateTime: now,
    };
  }

  private taskOf(spec: TaskSpec): SeededTask {
    return {
      id: this.ids.task++, code: this.nextCode++, name: spec.name, type: spec.type ?? 'SHELL',
      resources: (spec.resources ?? []).map((path) => ({ path, id: null })),
      mainJar: spec.mainJar === undefined ? null : { path: spec.mainJar, id: null },
      udfs: (spec.udfs ?? []).map((u) => (typeof u === 'number' ? { name: null, id: u } : { name: u, id: null })),
      params: spec.params ?? {},
    };
  }
}

/** getResourceIds: the bound ids of the resource files, each once, ascending (a HashSet of small Integers). */
export function resourceIdsOf(task: SeededTask): number[] {
  const refs = [...task.resources, ...(task.mainJar === null ? [] : [task.mainJar])];
  return [...new Set(refs.map((r) => r.id).filter((id): id is number => id !== null))].sort((a, b) => a - b);
}
