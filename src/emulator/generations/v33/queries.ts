// Reading the catalogue on 3.3: GET /resources/list (= /resources/query-by-type), GET /resources
// (one level, paged) and GET /resources/base-dir (ResourcesServiceImpl.queryResourceFiles,
// pagingResourceItem with PagingResourceItemRequestTransformer, queryResourceBaseDir; dev at 7e0095dca1).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { formatDsDate, JavaException, ServiceError, successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import type { FileStatus } from '../storage-fs/storage-fs.js';
import { substringBeforeLast } from '../storage-fs/java-text.js';
import { pageInfoJson, totalPages } from '../storage-fs/page-info.js';
import type { ResourceType33, V33Service } from './validator.js';

/** Flat: every file below the tenant root (fs.listFiles recursive), no directories, no children. */
export async function queryResourceFiles(s: V33Service, user: EmulatorUser, type: ResourceType33): Promise<Reply> {
  const root = s.root(s.tenantForCheck(user), type);
  const files = await s.fs.listFilesRecursively(s.locate(root));
  return successReply(files.map((f) => ({
    name: fileNameOf(f), currentDir: null, fullName: f.path.uri, description: null, dirctory: false, type: 'FILE', children: [],
  })));
}

export interface PageRequest {
  fullName: string;
  type: ResourceType33;
  /** trim(handleEscapes(searchVal)): null when not sent. */
  keyword: string | null;
  pageNo: number;
  pageSize: number;
}

/**
 * `fullName` "" means the caller's root (an admin's: every tenant's). `total` counts the entries
 * before the `searchVal` filter, and a request without `searchVal` fails on the first entry
 * (`fileName.contains(null)`: NullPointerException, answered "query resources list paging:null").
 */
export async function pagingResourceItem(s: V33Service, user: EmulatorUser, p: PageRequest): Promise<Reply> {
  if (p.pageNo <= 0) throw ServiceError.of(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageNo');
  if (p.pageSize <= 0) throw ServiceError.of(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageSize');
  const paths = pathsToList(s, user, p);
  if (paths.length === 0) {
    // new PageInfo(pageNo, pageSize): here pageNo is the offset and currentPage is set.
    return successReply(pageInfoJson(p.pageNo, p.pageSize, 0, []));
  }
  for (const path of paths) {
    s.checkPath(path);
    s.checkPermission(user, path);
  }
  const entries: FileStatus[] = [];
  for (const path of paths) entries.push(...await s.fs.listStatus(s.locate(path)) ?? []);
  const matching = entries.filter((e) => {
    if (p.keyword === null) throw new JavaException('null');
    return fileNameOf(e).includes(p.keyword);
  });
  const start = (p.pageNo - 1) * p.pageSize;
  const items = matching.slice(start, start + p.pageSize).map(resourceItemJson);
  // PageInfo.builder(): no currentPage, pageNo as sent, total before filtering.
  return successReply({
    totalList: items, total: entries.length, totalPage: totalPages(entries.length, p.pageSize), pageSize: p.pageSize,
    currentPage: null, pageNo: p.pageNo,
  });
}

function pathsToList(s: V33Service, user: EmulatorUser, p: PageRequest): string[] {
  if (p.fullName !== '') return [p.fullName];
  if (user.admin) {
    const tenants = [...new Set(s.deps.users.all().map((u) => u.tenantCode).filter((t): t is string => t !== null))];
    return tenants.map((tenant) => s.root(tenant, p.type));
  }
  // tenantDao.queryById(...).getTenantCode() on a user without tenant: NullPointerException.
  if (user.tenantCode === null) throw new JavaException('null');
  return [s.root(user.tenantCode, p.type)];
}

/** ResourceItemVO: `alias` and `fileName` are the base name; `userName` is never filled. */
function resourceItemJson(e: FileStatus): Record<string, unknown> {
  const time = formatDsDate(e.modificationTime);
  return {
    alias: fileNameOf(e), userName: null, fileName: fileNameOf(e), fullName: e.path.uri, directory: e.isDirectory,
    type: 'FILE', size: e.size, createTime: time, updateTime: time,
  };
}

/** Path.getName(). */
function fileNameOf(e: FileStatus): string {
  return e.path.uri.slice(substringBeforeLast(e.path.uri, '/').length + 1);
}

/** The tenant root for everyone, admin included (unlike 3.2). */
export async function queryResourceBaseDir(s: V33Service, user: EmulatorUser, type: ResourceType33): Promise<Reply> {
  return successReply(s.root(s.tenantForCreate(user), type));
}
