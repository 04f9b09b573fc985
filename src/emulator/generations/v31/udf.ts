// UDF management on 3.0/3.1: functions bind a t_ds_resources row by id (`/resources/{resourceId}/udf-func`,
// UdfFuncServiceImpl), the resource service guards and follows its jars (ResourcesServiceImpl.delete
// and updateResource at 3.0.6 and 3.1.9), and the UDF tree (type=UDF rows, stored under <tenant>/udfs).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { parseJavaInt } from '../../params.js';
import { ServiceError } from '../../reply.js';
import { RESOURCE_TYPE_UDF, type ResourceRow } from '../../resource-table.js';
import type { Route } from '../../router.js';
import type { EmulatedUdf, GenerationDeps, SnapshotEntry } from '../generation.js';
import { udfFunctionRoutes } from '../udf/function-routes.js';
import type { UdfContext } from '../udf/function-service.js';
import { udfManagement } from '../udf/management.js';
import { pageInfoJson } from './entity-json.js';
import { storageKindOf, type V31Service } from './service.js';
import type { V31Variant } from './variant.js';

/** t_ds_udfs.func_name is varchar(100) in the 3.0.6 and 3.1.9 DDL. */
export const FUNC_NAME_LIMIT_V31 = 100;

function context(deps: GenerationDeps, variant: V31Variant): UdfContext {
  return {
    table: deps.udfFunctions,
    users: deps.users,
    rules: {
      permissionChecks: variant.permissionChecks,
      descriptionCheck: variant.descriptionLengthCheck,
      funcNameLimit: FUNC_NAME_LIMIT_V31,
      pageInfo: pageInfoJson,
    },
  };
}

export function udfRoutesV31(deps: GenerationDeps, variant: V31Variant): Route[] {
  return udfFunctionRoutes(context(deps, variant), {
    createPattern: '/resources/{resourceId}/udf-func',
    updatePattern: '/resources/{resourceId}/udf-func/{id}',
    bind: ({ pathVars }) => {
      const resourceId = parseJavaInt('resourceId', pathVars['resourceId'] ?? '');
      // resourceMapper.selectById: any resource will do, nothing checks it is a UDF jar.
      return async () => {
        const row = await deps.table.byId(resourceId);
        return row === undefined ? undefined : { resourceId, resourceName: row.fullName };
      };
    },
  });
}

/**
 * ResourcesServiceImpl.delete: a UDF resource (a jar, or a directory with what is below it) bound
 * by a function answers 20013 naming the first function (listUdfByResourceId, by id). Called after
 * 3.1's non-empty-directory check and before the in-use check, as in the source.
 */
export function refuseBoundUdfResource(s: V31Service, row: ResourceRow, ids: readonly number[]): void {
  if (row.type !== RESOURCE_TYPE_UDF) return;
  const bound = s.deps.udfFunctions.all().find((f) => ids.includes(f.resourceId));
  if (bound !== undefined) throw ServiceError.of(DS_STATUS.UDF_RESOURCE_IS_BOUND, bound.funcName);
}

/**
 * updateResource on a UDF resource rewrites t_ds_udfs.resource_name (batchUpdateUdfFunc): a jar's
 * functions get its new full name, a directory's descendants' functions get
 * `resourceName.replaceFirst(originFullName, fullName)` (a regular expression, like the children's
 * full names). Runs once the resource update has gone through.
 */
export async function followUdfResourceUpdate(
  s: V31Service, before: ResourceRow, after: ResourceRow, now: Date,
): Promise<void> {
  if (before.type !== RESOURCE_TYPE_UDF) return;
  const table = s.deps.udfFunctions;
  if (!before.isDirectory) {
    for (const f of table.all().filter((u) => u.resourceId === before.id)) {
      table.update({ ...f, resourceName: after.fullName, updateTime: now }, FUNC_NAME_LIMIT_V31);
    }
    return;
  }
  const children = new Set(await s.withDescendants(after, false));
  const pattern = new RegExp(before.fullName);
  for (const f of table.all().filter((u) => children.has(u.resourceId))) {
    table.update({ ...f, resourceName: f.resourceName.replace(pattern, () => after.fullName), updateTime: now }, FUNC_NAME_LIMIT_V31);
  }
}

export function udfManagementV31(deps: GenerationDeps): EmulatedUdf {
  return udfManagement({
    table: deps.udfFunctions,
    users: deps.users,
    funcNameLimit: FUNC_NAME_LIMIT_V31,
    bindJar: async (jar) => {
      const row = await deps.table.byFullName(jar, RESOURCE_TYPE_UDF);
      if (row === undefined) throw new Error(`emulator: no UDF resource ${jar} to bind a function to`);
      return { resourceId: row.id, resourceName: row.fullName };
    },
    snapshot: () => udfTreeSnapshot(deps),
  });
}

/** The type=UDF rows by full name, with their bytes from <tenant>/udfs. */
async function udfTreeSnapshot(deps: GenerationDeps): Promise<Map<string, SnapshotEntry>> {
  const entries = new Map<string, SnapshotEntry>();
  for (const row of await deps.table.all()) {
    if (row.type !== RESOURCE_TYPE_UDF) continue;
    const entry: SnapshotEntry = { kind: row.isDirectory ? 'dir' : 'file', id: row.id, description: row.description ?? '' };
    const tenantCode = deps.users.tenantCodeOf(row.userId);
    if (!row.isDirectory && tenantCode !== null) {
      const path = deps.storage.pathOf(tenantCode, storageKindOf(row.type), row.fullName);
      const content = await deps.storage.read(path).catch(() => undefined);
      if (content !== undefined) entry.content = content;
    }
    entries.set(row.fullName, entry);
  }
  return entries;
}
