// A task's params as the UI stores them (dolphinscheduler-ui/.../task/components/node/format-data.ts):
// 3.0/3.1 `resourceList: [{id}]` and `mainJar: {id}`, 3.2+ `resourceList: [{resourceName}]` and
// `mainJar: {resourceName}` with the absolute storage path (ResourceInfo marks `id` @Deprecated in
// 3.2.2); SQL tasks name UDF functions by id in `udfs: "1,2"` up to 3.2.
import type { UserDirectory } from '../users.js';
import type { ResourceRef, SeededTask } from './catalog.js';
import type { WorkflowDialect } from './dialect.js';

/** 3.2+: where a user's tenant keeps its files, e.g. "file:/dolphinscheduler/default/resources". */
export class ResourceRoots {
  constructor(private readonly users: UserDirectory, private readonly storageBaseUri: string | null) {}

  of(userId: number): string {
    if (this.storageBaseUri === null) return '';
    return `${this.storageBaseUri}/${this.users.tenantCodeOf(userId) ?? 'default'}/resources`;
  }
}

export function taskParamsOf(dialect: WorkflowDialect, root: string, task: SeededTask): Record<string, unknown> {
  const ref = (r: ResourceRef) => (dialect.references === 'id' ? { id: r.id } : { resourceName: `${root}${r.path}` });
  const params: Record<string, unknown> = { localParams: [], ...task.params, resourceList: task.resources.map(ref) };
  if (task.mainJar !== null) params.mainJar = ref(task.mainJar);
  if (dialect.udfs && task.udfs.length > 0) {
    params.udfs = task.udfs.map((u) => u.id).filter((id): id is number => id !== null).join(',');
  }
  return params;
}
