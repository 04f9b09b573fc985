// The task definitions through the REST API, one pass per run: GET projects/list, then one
// GET projects/{code}/{process|workflow}-definition/all per project (ProcessDefinitionController
// .queryAllProcessDefinitionByProjectCode; 3.3 WorkflowDefinitionController): every workflow's DagData
// with its task definitions, so no paging is needed.
import { mapLimit } from '../core/map-limit.js';
import type { TaskRecord } from '../core/reference.js';
import { expectData } from '../remote/envelope.js';
import type { WorkflowNaming } from '../remote/generations.js';
import type { DsHttp } from '../remote/http.js';
import type { TaskScan, TaskSource } from './task-source.js';

interface Project { name: string; code: number }

export function apiTaskSource(http: DsHttp, naming: WorkflowNaming, concurrency: number): TaskSource {
  const get = async (url: string, op: string): Promise<unknown> =>
    expectData(await http.send({ method: 'GET', url, op }), { op, endpoint: http.endpoint, auth: http.authKind });
  return {
    name: 'the REST API',
    async scan(): Promise<TaskScan> {
      let projects: Project[];
      try {
        projects = projectsOf(await get('projects/list', 'list projects'));
      } catch (error) {
        return { complete: false, reason: messageOf(error), projectsRead: 0, projects: undefined };
      }
      const read = await mapLimit(projects, concurrency, async (project) => {
        try {
          return tasksOf(project.name, await get(`projects/${project.code}/${naming}-definition/all`, 'list workflows'), naming);
        } catch (error) {
          return { failed: messageOf(error) };
        }
      });
      const failed = read.find((r): r is { failed: string } => 'failed' in r);
      if (failed) return { complete: false, reason: failed.failed, projectsRead: read.filter((r) => Array.isArray(r)).length, projects: projects.length };
      return { complete: true, tasks: (read as TaskRecord[][]).flat(), projects: projects.length };
    },
  };
}

function projectsOf(data: unknown): Project[] {
  if (!Array.isArray(data)) throw new Error('projects/list did not answer a list');
  return data.flatMap((p: unknown) => {
    const { name, code } = (p ?? {}) as { name?: unknown; code?: unknown };
    return typeof name === 'string' && typeof code === 'number' ? [{ name, code }] : [];
  });
}

/** The DagData list: {processDefinition | workflowDefinition, ...TaskRelationList, taskDefinitionList}. */
function tasksOf(project: string, data: unknown, naming: WorkflowNaming): TaskRecord[] {
  if (!Array.isArray(data)) throw new Error(`the workflows of project ${project} are not a list`);
  return data.flatMap((dag: unknown) => {
    const record = (dag ?? {}) as Record<string, unknown>;
    const definition = (record[`${naming}Definition`] ?? {}) as { name?: unknown; releaseState?: unknown };
    const tasks = Array.isArray(record.taskDefinitionList) ? record.taskDefinitionList as { name?: unknown; taskParams?: unknown }[] : [];
    return tasks.map((task) => ({
      project, workflow: String(definition.name), online: definition.releaseState === 'ONLINE', task: String(task.name), params: task.taskParams,
    }));
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
