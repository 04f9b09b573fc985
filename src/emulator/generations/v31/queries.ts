// Reading the catalogue on 3.0/3.1: GET /resources/list (tree), GET /resources (paged children),
// GET /resources/verify-name, GET /resources/{id} and GET /resources/{id}/query
// (ResourcesController and ResourcesServiceImpl, 3.1.9).
import { DS_STATUS, format } from '../../../dolphinscheduler/status.js';
import { resultReply, ServiceError, successReply, type Reply } from '../../reply.js';
import type { ResourceRow } from '../../resource-table.js';
import type { EmulatorUser } from '../../users.js';
import { pageInfoJson, resourceJson, resourceTree } from './entity-json.js';
import { isBlank, typeCode, type ResourceTypeName } from './rules.js';
import { isVisible, type V31Service } from './service.js';

export async function listTree(s: V31Service, user: EmulatorUser, type: ResourceTypeName): Promise<Reply> {
  const rows = (await s.table.all()).filter((r) => isVisible(user, r) && r.type === typeCode(type));
  return successReply(resourceTree(rows));
}

export interface PageRequest {
  type: ResourceTypeName;
  id: number;
  pageNo: number;
  pageSize: number;
  searchVal: string | null;
}

export async function listPage(s: V31Service, user: EmulatorUser, p: PageRequest): Promise<Reply> {
  // BaseController.checkPageParams, in the controller before the service.
  if (p.pageNo <= 0) return resultReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR.code, format(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageNo'));
  if (p.pageSize <= 0) return resultReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR.code, format(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageSize'));
  if (p.id !== -1 && (await s.table.byId(p.id)) === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  const search = likeMatcher(p.searchVal);
  // ResourceMapper.queryResourcePaging: type, pid, visible ids, alias LIKE, order by update_time desc. The
  // rows of that pid only (the table's index), not every row per page: a whole-tree size listing reads a page
  // per directory.
  const rows = (await s.table.childrenOf(p.id))
    .filter((r) => r.type === typeCode(p.type) && isVisible(user, r) && search(r.alias ?? ''))
    .sort((a, b) => b.updateTime.getTime() - a.updateTime.getTime() || a.id - b.id);
  const start = (p.pageNo - 1) * p.pageSize;
  const items = rows.slice(start, start + p.pageSize).map((r) => resourceJson(r, s.deps.users.byId(r.userId)?.name ?? null));
  return successReply(pageInfoJson(p.pageNo, p.pageSize, rows.length, items));
}

/**
 * `alias like concat('%', searchVal, '%')` after ParameterUtils.handleEscapes ("%" becomes
 * "////%", tab/CR/LF/"|" become "_"): "_" matches any one character, as in PostgreSQL (case-sensitive).
 */
function likeMatcher(searchVal: string | null): (alias: string) => boolean {
  if (searchVal === null || searchVal === '') return () => true;
  const escaped = searchVal.replaceAll('%', '////%').replace(/[\n|\r\t]/g, '_');
  let source = '';
  for (let i = 0; i < escaped.length; i++) {
    const ch = escaped[i] as string;
    if (ch === '\\' && i + 1 < escaped.length) source += regexLiteral(escaped[++i] as string);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += regexLiteral(ch);
  }
  const pattern = new RegExp(source, 'u');
  return (alias) => pattern.test(alias);
}

function regexLiteral(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export async function verifyName(s: V31Service, user: EmulatorUser, fullName: string, type: ResourceTypeName): Promise<Reply> {
  await s.verifyResourceName(user, fullName, type);
  return successReply(null);
}

/** With a fullName: that resource. With only the id: the PARENT of that resource (3.0/3.1 quirk). */
export async function queryResource(
  s: V31Service, user: EmulatorUser, fullName: string | null, id: number, type: ResourceTypeName,
): Promise<Reply> {
  let row: ResourceRow | undefined;
  if (!isBlank(fullName)) {
    row = await s.table.byFullName(fullName as string, typeCode(type));
  } else {
    const child = await s.table.byId(id);
    row = child === undefined ? undefined : await s.table.byId(child.pid);
  }
  if (row === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  await s.checkPermission(user, [row.id]);
  return successReply(resourceJson(row));
}

export async function queryById(s: V31Service, user: EmulatorUser, id: number): Promise<Reply> {
  const row = await s.table.byId(id);
  if (row === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  await s.checkPermission(user, [id]);
  return successReply(resourceJson(row));
}
