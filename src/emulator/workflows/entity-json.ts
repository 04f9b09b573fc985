// The JSON the API server writes for projects, workflow definitions, task definitions and their
// relations: the dao entities (dolphinscheduler-dao/.../dao/entity/Project.java, ProcessDefinition.java
// (3.3: WorkflowDefinition.java), TaskDefinition.java, ProcessTaskRelation.java, DagData.java at
// 3.0.6, 3.1.9, 3.2.2 and dev) as Jackson writes them: Lombok getters, enums by name, dates as
// "yyyy-MM-dd HH:mm:ss" UTC, and taskParams / conditionParams as raw JSON (JSONUtils.JsonDataSerializer).
import { formatDsDate } from '../reply.js';
import type { UserDirectory } from '../users.js';
import { resourceIdsOf, type SeededProject, type SeededTask, type SeededWorkflow } from './catalog.js';
import type { WorkflowDialect } from './dialect.js';
import { taskParamsOf, type ResourceRoots } from './task-params.js';

export interface JsonContext {
  dialect: WorkflowDialect;
  users: UserDirectory;
  roots: ResourceRoots;
}

/** Project; `userName`, `defCount`, `instRunningCount` as the paged listing's query fills them. */
export function projectJson(ctx: JsonContext, p: SeededProject, perm = 0): Record<string, unknown> {
  return {
    id: p.id, userId: p.userId, userName: ctx.users.byId(p.userId)?.name ?? null, code: p.code, name: p.name,
    description: p.description, createTime: formatDsDate(p.createTime), updateTime: formatDsDate(p.createTime),
    perm, defCount: p.workflows.length, ...(ctx.dialect.projectInstRunningCount ? { instRunningCount: 0 } : {}),
  };
}

/**
 * The definition; only the paged listing fills `userName` and `modifyBy` (from t_ds_user and the log's
 * operator); /all and /{code} read the bare row (ProcessDefinitionMapper baseSql).
 */
export function definitionJson(ctx: JsonContext, p: SeededProject, w: SeededWorkflow, listing = false): Record<string, unknown> {
  const { dialect } = ctx;
  const owner = listing ? ctx.users.byId(p.userId)?.name ?? null : null;
  return {
    id: w.id, code: w.code, name: w.name, version: 1, releaseState: w.online ? 'ONLINE' : 'OFFLINE',
    projectCode: p.code, description: '', globalParams: '[]', globalParamList: [], globalParamMap: {},
    createTime: formatDsDate(w.createTime), updateTime: formatDsDate(w.updateTime), flag: 'YES', userId: p.userId,
    userName: owner, projectName: null, locations: null, scheduleReleaseState: null,
    ...(dialect.definitionTenant ? {} : { schedule: null }),
    timeout: 0,
    ...(dialect.definitionTenant ? { tenantId: -1, tenantCode: null } : {}),
    modifyBy: owner, warningGroupId: dialect.intWarningGroupId ? 0 : null, executionType: 'PARALLEL',
  };
}

/**
 * A task as genDagData returns it: a TaskDefinitionLog row (so `operator` and `operateTime` too), with
 * the getters getTaskParamList/getTaskParamMap (from localParams; null map when there are none) and
 * getDependence (the "dependence" node, "" when absent).
 */
export function taskJson(ctx: JsonContext, p: SeededProject, w: SeededWorkflow, t: SeededTask): Record<string, unknown> {
  const { dialect } = ctx;
  const params = taskParamsOf(dialect, ctx.roots.of(p.userId), t);
  const localParams = Array.isArray(params.localParams) ? params.localParams as { prop?: unknown; value?: unknown }[] : [];
  const dependence = params.dependence;
  return {
    id: t.id, code: t.code, name: t.name, version: 1, description: '', projectCode: p.code, userId: p.userId,
    taskType: t.type, taskParams: params, taskParamList: localParams,
    taskParamMap: localParams.length === 0 ? null : Object.fromEntries(localParams.map((l) => [String(l.prop), l.value ?? null])),
    flag: 'YES', ...(dialect.taskIsCache ? { isCache: 'NO' } : {}), taskPriority: 'MEDIUM', userName: null, projectName: null,
    workerGroup: 'default', environmentCode: -1, failRetryTimes: 0, failRetryInterval: 1, timeoutFlag: 'CLOSE',
    timeoutNotifyStrategy: null, timeout: 0, delayTime: 0,
    resourceIds: dialect.references === 'id' ? resourceIdsOf(t).join(',') : '',
    createTime: formatDsDate(w.createTime), updateTime: formatDsDate(w.createTime), modifyBy: null,
    taskGroupId: 0, taskGroupPriority: 0,
    ...(dialect.taskExecuteType ? { cpuQuota: -1, memoryMax: -1, taskExecuteType: 'BATCH' } : {}),
    dependence: dependence === undefined ? '' : typeof dependence === 'string' ? dependence : JSON.stringify(dependence),
    operator: p.userId, operateTime: formatDsDate(w.createTime),
  };
}

/** One relation per task, each a root of the DAG (pre_task_code 0), as the UI saves unconnected tasks. */
export function relationJson(ctx: JsonContext, p: SeededProject, w: SeededWorkflow, t: SeededTask, id: number): Record<string, unknown> {
  const stem = ctx.dialect.stem;
  return {
    id, name: '', [`${stem}DefinitionVersion`]: 1, projectCode: p.code, [`${stem}DefinitionCode`]: w.code,
    preTaskCode: 0, preTaskVersion: 0, postTaskCode: t.code, postTaskVersion: 1, conditionType: 'NONE',
    conditionParams: {}, createTime: formatDsDate(w.createTime), updateTime: formatDsDate(w.createTime),
  };
}

/** ProcessServiceImpl.genDagData: the definition, its relations and its task definitions. */
export function dagJson(ctx: JsonContext, p: SeededProject, w: SeededWorkflow): Record<string, unknown> {
  const stem = ctx.dialect.stem;
  return {
    [`${stem}Definition`]: definitionJson(ctx, p, w),
    [`${stem}TaskRelationList`]: w.tasks.map((t, i) => relationJson(ctx, p, w, t, w.relationIds[i] ?? 0)),
    taskDefinitionList: w.tasks.map((t) => taskJson(ctx, p, w, t)),
  };
}
