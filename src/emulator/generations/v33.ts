// The Resource Center API of 3.3 (ResourcesController on dev at 7e0095dca1, which became 3.3.0;
// no 3.3.x tag was available to read): the 3.2 model (storage is the catalogue, absolute storage
// URIs) behind a rewritten controller. verify-name, query-file-name, query-full-name, UDF, `pid` and
// `tenantCode` are gone: an unmapped path answers HTTP 404, which is how clients tell 3.3 from 3.2.
import { DS_STATUS, type DsStatus } from '../../dolphinscheduler/status.js';
import { accountRoutes } from '../account-routes.js';
import { resultReply, type Reply } from '../reply.js';
import type { HttpMethod, Route, RouteContext } from '../router.js';
import type { EmulatorUser } from '../users.js';
import type { EmulatedGeneration, GenerationDeps } from './generation.js';
import { handleEscapes, javaTrimOrNull } from './storage-fs/java-text.js';
import { snapshotBelow } from './storage-fs/snapshot.js';
import { StorageLayout } from './storage-fs/storage-layout.js';
import { deleteResource, downloadResource, fetchFileContent } from './v33/content.js';
import { createDirectory, createFile, createFileFromContent, type CreateTarget } from './v33/create.js';
import { pagingResourceItem, queryResourceBaseDir, queryResourceFiles } from './v33/queries.js';
import { updateFileFromContent, updateResource } from './v33/update.js';
import { RESOURCE_TYPES_33, V33Service } from './v33/validator.js';

/** LOCAL storage (defaultFS "file:/") with resource.storage.upload.base.path=/tmp/dolphinscheduler (common.properties, dev). */
export const V33_STORAGE_BASE_URI = 'file:/tmp/dolphinscheduler';

type Handler = (s: V33Service, user: EmulatorUser, ctx: RouteContext) => Promise<Reply>;

/** Failures the real server has too, which ApiExceptionHandler answers with the handler's status. */
const JAVA_SIDE = new Set(['BindError', 'StorageError', 'JavaException']);

export function createV33Generation(deps: GenerationDeps): EmulatedGeneration {
  const layout = new StorageLayout(deps.storageBaseUri ?? V33_STORAGE_BASE_URI, deps.storage.root);
  const service = new V33Service(deps, layout);
  const route = (method: HttpMethod, pattern: string, apiException: DsStatus, handler: Handler): Route => ({
    method, pattern, apiException,
    handle: async (ctx) => {
      try {
        return await handler(service, ctx.user as EmulatorUser, ctx);
      } catch (error) {
        // dev's ApiExceptionHandler appends the exception's message: "create resource error:<message>".
        // (Spring's own texts for unbindable parameters are approximated by the binder's.)
        if (error instanceof Error && JAVA_SIDE.has(error.name)) {
          return resultReply(apiException.code, `${apiException.msg}:${error.message}`);
        }
        throw error;
      }
    },
  });
  const type = (params: RouteContext['params']) => params.enumValue('type', RESOURCE_TYPES_33);
  const list: Handler = (s, user, { params }) => queryResourceFiles(s, user, type(params));
  const routes: Route[] = [
    ...accountRoutes(deps.auth, { adminTenantCode: true }),
    route('GET', '/resources/list', DS_STATUS.QUERY_RESOURCES_LIST_ERROR, list),
    route('GET', '/resources/query-by-type', DS_STATUS.QUERY_RESOURCES_LIST_ERROR, list),
    route('POST', '/resources/directory', DS_STATUS.CREATE_RESOURCE_ERROR,
      (s, user, { params }) => createDirectory(s, user, createTarget(params, type(params), 'name'))),
    route('POST', '/resources', DS_STATUS.CREATE_RESOURCE_ERROR, (s, user, { params }) => {
      const target = createTarget(params, type(params), 'name');
      return createFile(s, user, target, params.file('file'));
    }),
    route('POST', '/resources/online-create', DS_STATUS.CREATE_RESOURCE_FILE_ON_LINE_ERROR, (s, user, { params }) => {
      const resourceType = type(params);
      const name = `${params.string('fileName')}.${params.string('suffix')}`;
      const content = params.string('content');
      return createFileFromContent(s, user, { type: resourceType, name, currentDir: params.string('currentDir') }, content);
    }),
    route('PUT', '/resources/update-content', DS_STATUS.EDIT_RESOURCE_FILE_ON_LINE_ERROR, (s, user, { params }) => {
      const fullName = params.string('fullName');
      return updateFileFromContent(s, user, fullName, params.string('content'));
    }),
    route('PUT', '/resources', DS_STATUS.UPDATE_RESOURCE_ERROR, (s, user, { params }) => {
      const fullName = params.string('fullName');
      const name = params.string('name');
      return updateResource(s, user, fullName, name, params.optFile('file'));
    }),
    route('GET', '/resources', DS_STATUS.QUERY_RESOURCES_LIST_PAGING, (s, user, { params }) => {
      const fullName = params.string('fullName');
      const resourceType = type(params);
      const keyword = javaTrimOrNull(handleEscapes(params.optString('searchVal')));
      const pageNo = params.int('pageNo');
      return pagingResourceItem(s, user, { fullName, type: resourceType, keyword, pageNo, pageSize: params.int('pageSize') });
    }),
    route('DELETE', '/resources', DS_STATUS.DELETE_RESOURCE_ERROR,
      (s, user, { params }) => deleteResource(s, user, params.string('fullName'))),
    route('GET', '/resources/view', DS_STATUS.VIEW_RESOURCE_FILE_ON_LINE_ERROR, (s, user, { params }) => {
      const fullName = params.string('fullName');
      const skipLineNum = params.int('skipLineNum');
      return fetchFileContent(s, user, fullName, skipLineNum, params.int('limit'));
    }),
    route('GET', '/resources/download', DS_STATUS.DOWNLOAD_RESOURCE_FILE_ERROR,
      (s, user, { params }) => downloadResource(s, user, params.string('fullName'))),
    route('GET', '/resources/base-dir', DS_STATUS.RESOURCE_NOT_EXIST,
      (s, user, { params }) => queryResourceBaseDir(s, user, type(params))),
  ];
  return {
    name: '3.3',
    routes,
    // No in-use check on delete in 3.3 either (issue #17492 asks for one): marking changes nothing.
    snapshot: async () => {
      const tenantCode = deps.users.first.tenantCode;
      if (tenantCode === null) return new Map();
      return snapshotBelow(service.fs, layout.locate(service.root(tenantCode, 'FILE')));
    },
  };
}

function createTarget(params: RouteContext['params'], type: CreateTarget['type'], nameParam: string): CreateTarget {
  const name = params.string(nameParam);
  return { type, name, currentDir: params.string('currentDir') };
}
