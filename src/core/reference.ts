// Who uses a resource: the tasks of every workflow, read from the task params each generation stores
// (dolphinscheduler-ui .../task/components/node/format-data.ts of each tag): 3.0/3.1 name resources by
// id (`resourceList: [{id}]`, `mainJar: {id}`), 3.2+ by absolute storage path (`resourceName`; the id is
// @Deprecated in ResourceInfo of 3.2.2); SQL tasks name UDF functions by id (`udfs: "3,5"`) up to 3.2.
// Pure: the scanners (src/references) bring the rows, this turns them into users per resource key.

export type ReferenceField = 'resource list' | 'main jar' | 'udf';

/** One task that uses a resource, as the impact report and the --json `usedBy` show it. */
export interface ResourceUser {
  project: string;
  workflow: string;
  /** The workflow's release state is ONLINE. */
  online: boolean;
  task: string;
  field: ReferenceField;
}

/** A task definition as a scan reads it; `params` is the parsed object or the JSON text of the table. */
export interface TaskRecord {
  project: string;
  workflow: string;
  online: boolean;
  task: string;
  params: unknown;
}

/** 'id': resources by numeric id (3.0/3.1); 'storage-path': by absolute storage path (3.2+). */
export type ReferenceStyle = 'id' | 'storage-path';

/** The key a resource is used by: "id:12" or "path:file:/dolphinscheduler/t/resources/a.sh"; UDF functions "udf:3". */
export function resourceKey(style: ReferenceStyle, value: number | string): string {
  return style === 'id' ? `id:${value}` : `path:${value}`;
}

export function udfKey(id: number): string {
  return `udf:${id}`;
}

interface Reference {
  key: string;
  field: ReferenceField;
}

export function referencesOf(params: unknown, style: ReferenceStyle): Reference[] {
  const object = asObject(typeof params === 'string' ? parseJson(params) : params);
  if (object === undefined) return [];
  const list = Array.isArray(object.resourceList) ? object.resourceList : [];
  const refs: Reference[] = list.flatMap((item) => keyOf(item, style)).map((key) => ({ key, field: 'resource list' as const }));
  refs.push(...keyOf(object.mainJar, style).map((key) => ({ key, field: 'main jar' as const })));
  if (typeof object.udfs === 'string') {
    for (const id of object.udfs.split(',')) if (/^\d+$/.test(id.trim())) refs.push({ key: udfKey(Number(id.trim())), field: 'udf' });
  }
  return refs;
}

/** Every resource key with the tasks that use it, in scan order, each user once per field. */
export function usersByKey(tasks: readonly TaskRecord[], style: ReferenceStyle): Map<string, ResourceUser[]> {
  const users = new Map<string, ResourceUser[]>();
  const seen = new Set<string>();
  for (const task of tasks) {
    for (const { key, field } of referencesOf(task.params, style)) {
      const user: ResourceUser = { project: task.project, workflow: task.workflow, online: task.online, task: task.task, field };
      const id = JSON.stringify([key, user]);
      if (seen.has(id)) continue;
      seen.add(id);
      users.set(key, [...users.get(key) ?? [], user]);
    }
  }
  return users;
}

/** "project etl, workflow daily (offline), task load (resource list)". */
export function describeUser(user: ResourceUser): string {
  return `project ${user.project}, workflow ${user.workflow} (${user.online ? 'online' : 'offline'}), task ${user.task} (${user.field})`;
}

function keyOf(value: unknown, style: ReferenceStyle): string[] {
  const object = asObject(value);
  if (object === undefined) return [];
  if (style === 'id') return typeof object.id === 'number' && object.id > 0 ? [resourceKey(style, object.id)] : [];
  return typeof object.resourceName === 'string' && object.resourceName !== '' ? [resourceKey(style, object.resourceName)] : [];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
