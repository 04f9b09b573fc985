// Reading the catalogue on 3.2: GET /resources/list (tree), GET /resources (one level, paged),
// GET /resources/verify-name, GET /resources/query-file-name and GET /resources/base-dir
// (ResourcesController and ResourcesServiceImpl, tag 3.2.2). The storage listing is the catalogue.
import { DS_STATUS, format } from '../../../dolphinscheduler/status.js';
import { resultReply, ServiceError, successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { isBlank, javaTrim } from '../v31/rules.js';
import type { ResourceType32, V32Service } from './service.js';
import { pageInfoJson } from '../storage-fs/page-info.js';
import {
  getFileStatus, listFilesStatus, listFilesStatusRecursively, resourceTree, storageEntityJson, type StorageEntity,
} from './storage-entity.js';

/**
 * queryResourceList: recursive, directories included. A blank fullName lists the caller's type root
 * (an admin's: every tenant's, each once); the tree is rooted at getDir(type), without "/", so the
 * top directories are named "/dir1/" and have that root as `pid`.
 */
export async function listTree(s: V32Service, user: EmulatorUser, type: ResourceType32, fullName: string): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkFullName(fullName);
  let baseDir = s.dir(type, tenantCode);
  const entities: StorageEntity[] = [];
  if (!isBlank(fullName)) {
    entities.push(...await listFilesStatusRecursively(s.fs, fullName, baseDir, tenantCode, type));
  } else if (user.admin) {
    for (const code of s.tenantsOfAllUsers()) {
      baseDir = s.dir(type, code);
      entities.push(...await listFilesStatusRecursively(s.fs, baseDir, baseDir, code, type));
    }
  } else {
    entities.push(...await listFilesStatusRecursively(s.fs, baseDir, baseDir, tenantCode, type));
  }
  return successReply(resourceTree(entities, baseDir));
}

export interface PageRequest {
  fullName: string;
  tenantCode: string;
  type: ResourceType32;
  pageNo: number;
  pageSize: number;
  /** After ParameterUtils.handleEscapes, as the controller passes it. */
  searchVal: string | null;
}

/** queryResourceListPaging: one level, filtered by `fileName.contains(searchVal.trim())`, sliced in memory. */
export async function listPage(s: V32Service, user: EmulatorUser, p: PageRequest): Promise<Reply> {
  // BaseController.checkPageParams, in the controller before the service.
  if (p.pageNo <= 0) throw ServiceError.of(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageNo');
  if (p.pageSize <= 0) throw ServiceError.of(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageSize');
  const tenantCode = s.tenantCodeOf(user);
  s.checkFullName(p.fullName);
  s.checkTenantParam(user, tenantCode, p.tenantCode);
  let entities: StorageEntity[];
  try {
    entities = await oneLevel(s, user, p, tenantCode);
  } catch (error) {
    if (error instanceof ServiceError) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
    throw error;
  }
  const search = p.searchVal === null ? '' : javaTrim(p.searchVal);
  const filtered = entities.filter((e) => e.fileName.includes(search));
  const start = (p.pageNo - 1) * p.pageSize;
  const items = filtered.slice(start, start + p.pageSize).map(storageEntityJson);
  return successReply(pageInfoJson(p.pageNo, p.pageSize, filtered.length, items));
}

/** queryStorageEntityList(recursive=false): here the roots are getResDir/getUdfDir, with "/". */
async function oneLevel(s: V32Service, user: EmulatorUser, p: PageRequest, tenantCode: string): Promise<StorageEntity[]> {
  if (user.admin && isBlank(p.fullName)) {
    const all: StorageEntity[] = [];
    for (const code of s.tenantsOfAllUsers()) {
      const root = s.userRoot(p.type, code);
      all.push(...await listFilesStatus(s.fs, root, root, code, p.type));
    }
    return all;
  }
  const root = s.userRoot(p.type, tenantCode);
  return listFilesStatus(s.fs, isBlank(p.fullName) ? root : p.fullName, root, tenantCode, p.type);
}

/** verifyResourceName: storage existence only, no tenant or path check; an empty name cannot be a Path (10059). */
export async function verifyName(s: V32Service, fullName: string): Promise<Reply> {
  if (await s.fs.exists(s.fs.locate(fullName))) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  return successReply(null);
}

/**
 * queryResourceByFileName: getDir(type, tenantCode) + fileName, and getDir has no trailing "/":
 * `fileName` must start with "/" ("/dir1/a.sh"). Without `tenantCode` the tenant is "null".
 */
export async function queryByFileName(
  s: V32Service, user: EmulatorUser, fileName: string | null, type: ResourceType32, resTenantCode: string | null,
): Promise<Reply> {
  // putMsg without arguments: the "{0}" stays in the message.
  if (isBlank(fileName)) return resultReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR.code, format(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR));
  const tenantCode = s.tenantCodeOf(user);
  s.checkTenantParam(user, tenantCode, resTenantCode);
  const defaultPath = s.dir(type, resTenantCode);
  const entity = await getFileStatus(s.fs, defaultPath + fileName, defaultPath, resTenantCode, type).catch(() => {
    throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  });
  return successReply(storageEntityJson(entity));
}

/** queryResourceBaseDir: an admin gets the data base path, others their type root; no trailing "/". */
export async function baseDir(s: V32Service, user: EmulatorUser, type: ResourceType32): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  return successReply(user.admin ? s.dir('ALL', tenantCode) : s.dir(type, tenantCode));
}
