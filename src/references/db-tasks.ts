// The task definitions through the metadata database: one query joining projects, the current version
// of each workflow, its task relations and task definitions (tables of dolphinscheduler-dao's DDL at
// 3.0.6-3.2.2: t_ds_process_definition / t_ds_process_task_relation; dev (3.3): t_ds_workflow_definition /
// t_ds_workflow_task_relation with workflow_definition_code/_version). The session is read-only
// (src/db connectPostgres / connectMysql). release_state is the ReleaseState ordinal: 1 = ONLINE.
import type { ResourceDbSettings } from '../db/port.js';
import { quoteIdentifier } from '../db/sql.js';
import type { TaskRecord } from '../core/reference.js';
import type { WorkflowNaming } from '../remote/generations.js';
import type { TaskScan, TaskSource } from './task-source.js';

type Row = Record<string, unknown>;

export function scanQuery(settings: Pick<ResourceDbSettings, 'type' | 'schema'>, naming: WorkflowNaming): string {
  const table = (name: string) => (settings.type === 'postgresql'
    ? `${quoteIdentifier('postgresql', settings.schema ?? 'public')}.${quoteIdentifier('postgresql', name)}`
    : quoteIdentifier('mysql', name));
  return `SELECT DISTINCT p.name AS project_name, d.name AS workflow_name, d.release_state, t.name AS task_name, t.task_params
FROM ${table('t_ds_project')} p
JOIN ${table(`t_ds_${naming}_definition`)} d ON d.project_code = p.code
JOIN ${table(`t_ds_${naming}_task_relation`)} r ON r.project_code = d.project_code
 AND r.${naming}_definition_code = d.code AND r.${naming}_definition_version = d.version
JOIN ${table('t_ds_task_definition')} t ON t.code = r.post_task_code
ORDER BY project_name, workflow_name, task_name`;
}

export function dbTaskSource(settings: ResourceDbSettings, naming: WorkflowNaming): TaskSource {
  return {
    name: `the metadata database (${settings.type} ${settings.host}:${settings.port}/${settings.database})`,
    async scan(): Promise<TaskScan> {
      try {
        const rows = await runQuery(settings, scanQuery(settings, naming));
        const tasks = rows.map(taskOf);
        return { complete: true, tasks, projects: new Set(tasks.map((t) => t.project)).size };
      } catch (error) {
        return { complete: false, reason: error instanceof Error ? error.message : String(error), projectsRead: 0, projects: undefined };
      }
    },
  };
}

function taskOf(row: Row): TaskRecord {
  return {
    project: String(row.project_name), workflow: String(row.workflow_name), online: Number(row.release_state) === 1,
    task: String(row.task_name), params: row.task_params,
  };
}

async function runQuery(settings: ResourceDbSettings, text: string): Promise<Row[]> {
  if (settings.type === 'postgresql') {
    const client = await (await import('../db/postgres.js')).connectPostgres(settings);
    try {
      return (await client.query<Row>(text)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const connection = await (await import('../db/mysql.js')).connectMysql(settings);
  try {
    const [rows] = await connection.query(text);
    return rows as Row[];
  } finally {
    await connection.end().catch(() => undefined);
  }
}
