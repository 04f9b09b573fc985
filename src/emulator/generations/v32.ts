// The Resource Center API of 3.2 (ResourcesController, tag 3.2.2): no resource table any more, the
// storage is the catalogue and resources are named by absolute storage URI. Each route binds its
// parameters the way the controller declares them and names its @ApiException status.
import { DS_STATUS, type DsStatus } from '../../dolphinscheduler/status.js';
import { accountRoutes } from '../account-routes.js';
import { statusReply, type Reply } from '../reply.js';
import type { HttpMethod, Route, RouteContext } from '../router.js';
import type { EmulatorUser } from '../users.js';
import type { EmulatedGeneration, GenerationDeps } from './generation.js';
import { snapshotBelow } from './storage-fs/snapshot.js';
import { StorageLayout } from './storage-fs/storage-layout.js';
import { handleEscapes } from './storage-fs/java-text.js';
import { downloadResource, readResource, updateResourceContent } from './v32/content.js';
import { createDirectory, createResourceFile, uploadResource, type CreateTarget } from './v32/create.js';
import { deleteResource } from './v32/delete.js';
import { baseDir, listPage, listTree, queryByFileName, verifyName } from './v32/queries.js';
import { RESOURCE_TYPES_32, V32Service } from './v32/service.js';
import { udfManagementV32, udfRoutesV32 } from './v32/udf.js';
import { updateResource } from './v32/update.js';

/** LOCAL storage (defaultFS "file:/") with resource.storage.upload.base.path=/dolphinscheduler (common.properties, 3.2.2). */
export const V32_STORAGE_BASE_URI = 'file:/dolphinscheduler';

type Handler = (s: V32Service, user: EmulatorUser, ctx: RouteContext) => Promise<Reply>;

export function createV32Generation(deps: GenerationDeps): EmulatedGeneration {
  const layout = new StorageLayout(deps.storageBaseUri ?? V32_STORAGE_BASE_URI, deps.storage.root);
  const service = new V32Service(deps, layout, deps.quirks);
  const route = (method: HttpMethod, pattern: string, apiException: DsStatus, handler: Handler): Route => ({
    method, pattern, apiException,
    handle: (ctx) => handler(service, ctx.user as EmulatorUser, ctx),
  });
  const type = (params: RouteContext['params']) => params.enumValue('type', RESOURCE_TYPES_32);
  const routes: Route[] = [
    // UsersServiceImpl.getUserInfo (3.2.2) fills tenantCode for admins too.
    ...accountRoutes(deps.auth, { adminTenantCode: true }),
    route('POST', '/resources/directory', DS_STATUS.CREATE_RESOURCE_ERROR, (s, user, { params }) => {
      const target = createTarget(params, type(params));
      params.int('pid'); // required and bound, then ignored
      return createDirectory(s, user, target);
    }),
    route('POST', '/resources', DS_STATUS.CREATE_RESOURCE_ERROR, (s, user, { params }) => {
      const target = createTarget(params, type(params));
      return uploadResource(s, user, target, params.file('file'));
    }),
    route('POST', '/resources/online-create', DS_STATUS.CREATE_RESOURCE_FILE_ON_LINE_ERROR, async (s, user, { params }) => {
      const t = { type: type(params), fileName: params.string('fileName'), suffix: params.string('suffix') };
      const content = params.string('content');
      const currentDir = params.string('currentDir');
      if (content === '') return statusReply(DS_STATUS.RESOURCE_FILE_IS_EMPTY);
      return createResourceFile(s, user, { ...t, currentDir }, content);
    }),
    route('PUT', '/resources', DS_STATUS.UPDATE_RESOURCE_ERROR, (s, user, { params }) => {
      const fullName = params.string('fullName');
      const tenantCode = params.optString('tenantCode');
      const request = { fullName, tenantCode, type: type(params), name: params.string('name'), file: params.optFile('file') };
      return updateResource(s, user, request);
    }),
    route('PUT', '/resources/update-content', DS_STATUS.EDIT_RESOURCE_FILE_ON_LINE_ERROR, async (s, user, { params }) => {
      const fullName = params.string('fullName');
      const tenantCode = params.string('tenantCode');
      const content = params.string('content');
      if (content === '') return statusReply(DS_STATUS.RESOURCE_FILE_IS_EMPTY);
      return updateResourceContent(s, user, fullName, tenantCode, content);
    }),
    route('DELETE', '/resources', DS_STATUS.DELETE_RESOURCE_ERROR,
      (s, user, { params }) => deleteResource(s, user, params.string('fullName'), params.optString('tenantCode'))),
    route('GET', '/resources/list', DS_STATUS.QUERY_RESOURCES_LIST_ERROR,
      (s, user, { params }) => listTree(s, user, type(params), params.string('fullName'))),
    route('GET', '/resources', DS_STATUS.QUERY_RESOURCES_LIST_PAGING, (s, user, { params }) => {
      const fullName = params.string('fullName');
      const tenantCode = params.string('tenantCode');
      const resourceType = type(params);
      const pageNo = params.int('pageNo');
      const searchVal = handleEscapes(params.optString('searchVal'));
      return listPage(s, user, { fullName, tenantCode, type: resourceType, pageNo, searchVal, pageSize: params.int('pageSize') });
    }),
    route('GET', '/resources/verify-name', DS_STATUS.VERIFY_RESOURCE_BY_NAME_AND_TYPE_ERROR, (s, _user, { params }) => {
      const fullName = params.string('fullName');
      type(params);
      return verifyName(s, fullName);
    }),
    route('GET', '/resources/query-file-name', DS_STATUS.RESOURCE_NOT_EXIST, (s, user, { params }) => {
      const fileName = params.optString('fileName');
      const tenantCode = params.optString('tenantCode');
      return queryByFileName(s, user, fileName, type(params), tenantCode);
    }),
    route('GET', '/resources/view', DS_STATUS.VIEW_RESOURCE_FILE_ON_LINE_ERROR, (s, user, { params }) => {
      const skipLineNum = params.int('skipLineNum');
      const limit = params.int('limit');
      const fullName = params.string('fullName');
      return readResource(s, user, { fullName, tenantCode: params.string('tenantCode'), skipLineNum, limit });
    }),
    route('GET', '/resources/download', DS_STATUS.DOWNLOAD_RESOURCE_FILE_ERROR,
      (s, user, { params }) => downloadResource(s, user, params.string('fullName'))),
    route('GET', '/resources/base-dir', DS_STATUS.RESOURCE_NOT_EXIST, (s, user, { params }) => baseDir(s, user, type(params))),
    ...udfRoutesV32(deps, service),
  ];
  return {
    name: '3.2',
    routes,
    // 3.2 has no in-use check on delete (issue #15003, reverted by #15020): a resource referenced by
    // an online workflow deletes like any other, so marking changes nothing.
    snapshot: async () => {
      const tenantCode = deps.users.first.tenantCode;
      if (tenantCode === null) return new Map();
      return snapshotBelow(service.fs, layout.locate(service.dir('FILE', tenantCode)));
    },
    udf: udfManagementV32(deps, service),
  };
}

function createTarget(params: RouteContext['params'], type: CreateTarget['type']): CreateTarget {
  const name = params.string('name');
  return { type, name, currentDir: params.string('currentDir') };
}
