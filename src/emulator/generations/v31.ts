// The Resource Center API of 3.0 and 3.1 (ResourcesController, 3.0.6 and 3.1.9): resources are rows
// of t_ds_resources addressed by id, plus files in storage. Each route binds its parameters the way
// the controller declares them and names its @ApiException status; the services do the rest.
import { DS_STATUS, type DsStatus } from '../../dolphinscheduler/status.js';
import { accountRoutes } from '../account-routes.js';
import { parseJavaInt } from '../params.js';
import { statusReply, successReply, type Reply } from '../reply.js';
import type { HttpMethod, Route, RouteContext } from '../router.js';
import type { EmulatorUser } from '../users.js';
import type { ResourceUsage } from '../workflows/store.js';
import type { EmulatedGeneration, GenerationDeps, SnapshotEntry } from './generation.js';
import { downloadResource, updateContent, viewResource } from './v31/content.js';
import { createDirectory, createResource, onlineCreate, type CreateTarget } from './v31/create.js';
import { deleteResource } from './v31/delete.js';
import { listPage, listTree, queryById, queryResource, verifyName } from './v31/queries.js';
import { RESOURCE_TYPES } from './v31/rules.js';
import { storageKindOf, V31Service } from './v31/service.js';
import { TASK_TYPES } from './v31/task-types.js';
import { udfManagementV31, udfRoutesV31 } from './v31/udf.js';
import { updateResource } from './v31/update.js';
import type { V31Variant } from './v31/variant.js';

export { V30, V31 } from './v31/variant.js';

const NO_USAGE: ResourceUsage = { resolve: async () => new Set() };

type Handler = (s: V31Service, user: EmulatorUser, ctx: RouteContext) => Promise<Reply>;

export function createV31Generation(deps: GenerationDeps, variant: V31Variant): EmulatedGeneration {
  const references = deps.resourceUsage ?? NO_USAGE;
  const service = new V31Service(deps, variant, references);
  const route = (method: HttpMethod, pattern: string, apiException: DsStatus, handler: Handler): Route => ({
    method, pattern, apiException,
    handle: async (ctx) => {
      // Bind the seeded tasks' paths to ids before anything can rename or delete (tasks hold ids).
      await references.resolve(deps.table);
      return handler(service, ctx.user as EmulatorUser, ctx);
    },
  });
  const routes: Route[] = [
    ...accountRoutes(deps.auth, { adminTenantCode: false }),
    route('POST', '/resources/directory', DS_STATUS.CREATE_RESOURCE_ERROR,
      (s, user, { params, now }) => createDirectory(s, user, createTarget(params), now)),
    route('POST', '/resources', DS_STATUS.CREATE_RESOURCE_ERROR, (s, user, { params, now }) => {
      const target = createTarget(params);
      return createResource(s, user, target, params.file('file'), now);
    }),
    route('POST', '/resources/online-create', DS_STATUS.CREATE_RESOURCE_FILE_ON_LINE_ERROR, async (s, user, { params, now }) => {
      const type = params.enumValue('type', RESOURCE_TYPES);
      const name = params.string('fileName');
      const suffix = params.string('suffix');
      const description = params.optString('description');
      const content = params.string('content');
      const pid = params.int('pid');
      const currentDir = params.string('currentDir');
      if (content === '') return statusReply(DS_STATUS.RESOURCE_FILE_IS_EMPTY);
      return onlineCreate(s, user, { type, name, suffix, description, pid, currentDir }, content, now);
    }),
    route('PUT', '/resources/{id}', DS_STATUS.UPDATE_RESOURCE_ERROR, (s, user, { params, pathVars, now }) => {
      const id = pathInt(pathVars);
      const type = params.enumValue('type', RESOURCE_TYPES);
      const name = params.string('name');
      return updateResource(s, user, { id, type, name, description: params.optString('description'), file: params.optFile('file') }, now);
    }),
    route('PUT', '/resources/{id}/update-content', DS_STATUS.EDIT_RESOURCE_FILE_ON_LINE_ERROR, async (s, user, { params, pathVars, now }) => {
      const id = pathInt(pathVars);
      const content = params.string('content');
      if (content === '') return statusReply(DS_STATUS.RESOURCE_FILE_IS_EMPTY);
      return updateContent(s, user, id, content, now);
    }),
    route('DELETE', '/resources/{id}', DS_STATUS.DELETE_RESOURCE_ERROR,
      (s, user, { pathVars }) => deleteResource(s, user, pathInt(pathVars))),
    route('GET', '/resources/list', DS_STATUS.QUERY_RESOURCES_LIST_ERROR,
      (s, user, { params }) => listTree(s, user, params.enumValue('type', RESOURCE_TYPES))),
    route('GET', '/resources', DS_STATUS.QUERY_RESOURCES_LIST_PAGING, (s, user, { params }) => {
      const type = params.enumValue('type', RESOURCE_TYPES);
      const id = params.int('id');
      const pageNo = params.int('pageNo');
      const searchVal = params.optString('searchVal');
      return listPage(s, user, { type, id, pageNo, searchVal, pageSize: params.int('pageSize') });
    }),
    route('GET', '/resources/verify-name', DS_STATUS.VERIFY_RESOURCE_BY_NAME_AND_TYPE_ERROR, (s, user, { params }) => {
      const fullName = params.string('fullName');
      return verifyName(s, user, fullName, params.enumValue('type', RESOURCE_TYPES));
    }),
    // "/resources/base-dir" (3.2+) lands here on 3.0/3.1: "base-dir" is no int, so 20004.
    route('GET', '/resources/{id}', DS_STATUS.RESOURCE_NOT_EXIST, (s, user, { params, pathVars }) => {
      const fullName = params.optString('fullName');
      const id = pathInt(pathVars);
      return queryResource(s, user, fullName, id, params.enumValue('type', RESOURCE_TYPES));
    }),
    route('GET', '/resources/{id}/query', DS_STATUS.RESOURCE_NOT_EXIST,
      (s, user, { pathVars }) => queryById(s, user, pathInt(pathVars))),
    route('GET', '/resources/{id}/view', DS_STATUS.VIEW_RESOURCE_FILE_ON_LINE_ERROR, (s, user, { params, pathVars }) => {
      const id = pathInt(pathVars);
      const skipLineNum = params.int('skipLineNum');
      return viewResource(s, user, id, skipLineNum, params.int('limit'));
    }),
    route('GET', '/resources/{id}/download', DS_STATUS.DOWNLOAD_RESOURCE_FILE_ERROR,
      (s, user, { pathVars }) => downloadResource(s, user, pathInt(pathVars))),
    ...udfRoutesV31(deps, variant),
  ];
  if (variant.favouriteTaskTypes) {
    routes.push(route('GET', '/favourite/taskTypes', DS_STATUS.LIST_TASK_TYPE_ERROR, async () => successReply(TASK_TYPES)));
  }
  return {
    name: variant.name,
    routes,
    snapshot: () => snapshot(deps),
    udf: udfManagementV31(deps),
  };
}

function createTarget(params: RouteContext['params']): CreateTarget {
  const type = params.enumValue('type', RESOURCE_TYPES);
  const name = params.string('name');
  const description = params.optString('description');
  const pid = params.int('pid');
  return { type, name, description, pid, currentDir: params.string('currentDir') };
}

function pathInt(pathVars: RouteContext['pathVars']): number {
  return parseJavaInt('id', pathVars['id'] ?? '');
}

async function snapshot(deps: GenerationDeps): Promise<Map<string, SnapshotEntry>> {
  const entries = new Map<string, SnapshotEntry>();
  for (const row of await deps.table.all()) {
    if (row.type !== 0) continue;
    const entry: SnapshotEntry = { kind: row.isDirectory ? 'dir' : 'file', id: row.id, description: row.description ?? '' };
    const tenantCode = deps.users.tenantCodeOf(row.userId);
    if (!row.isDirectory && tenantCode !== null) {
      const content = await deps.storage.read(deps.storage.pathOf(tenantCode, storageKindOf(row.type), row.fullName))
        .catch(() => undefined);
      if (content !== undefined) entry.content = content;
    }
    entries.set(row.fullName, entry);
  }
  return entries;
}
