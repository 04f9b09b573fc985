// The UDF function operations of UdfFuncServiceImpl (3.0.6, 3.1.9, 3.2.2), in their check order.
// Refusals are *returned* Results (so POST …/udf-func keeps its HTTP 201), while a database failure
// (a name longer than func_name, a duplicate key) is an exception the handler's @ApiException answers.
// 3.0 checks no permission; 3.1 and 3.2 call canOperatorPermissions, which with ids requires every id
// among the caller's functions (all of them for an admin): an unknown id is 1400001 there, not 20001.
import { DS_STATUS, format } from '../../../dolphinscheduler/status.js';
import { JavaException, resultReply, statusReply, successReply, type Reply } from '../../reply.js';
import { UdfTableError, type UdfFunctionRow, type UdfFunctionTable, type UdfType } from '../../udf-function-table.js';
import type { EmulatorUser, UserDirectory } from '../../users.js';
import { descriptionTooLong } from '../v31/rules.js';
import { udfFunctionJson } from './function-json.js';

export interface UdfRules {
  /** canOperatorPermissions on every call (3.1+); 3.0 has none. */
  permissionChecks: boolean;
  /** checkDescriptionLength (1400004) on create and update (3.1+); 3.0 leaves it to the database. */
  descriptionCheck: boolean;
  /** varchar size of t_ds_udfs.func_name: 100 up to 3.1, 255 from 3.2. */
  funcNameLimit: number;
  /** The generation's api/utils/PageInfo JSON. */
  pageInfo(pageNo: number, pageSize: number, total: number, items: unknown[]): Record<string, unknown>;
}

export interface UdfContext {
  table: UdfFunctionTable;
  users: UserDirectory;
  rules: UdfRules;
}

/** Where a function points: 3.0/3.1 a t_ds_resources row, 3.2 a storage path (resource_id -1). */
export interface UdfBinding {
  resourceId: number;
  resourceName: string;
}

export interface UdfFields {
  type: UdfType;
  funcName: string;
  className: string;
  argTypes: string | null;
  database: string | null;
  description: string | null;
  /** Finds the jar, in the service's order (after the name check); undefined answers 20004. */
  bind(): Promise<UdfBinding | undefined>;
}

export async function createUdfFunction(c: UdfContext, user: EmulatorUser, f: UdfFields, now: Date): Promise<Reply> {
  if (c.rules.descriptionCheck && descriptionTooLong(f.description)) return statusReply(DS_STATUS.DESCRIPTION_TOO_LONG_ERROR);
  if (nameTaken(c.table, f.funcName)) return statusReply(DS_STATUS.UDF_FUNCTION_EXISTS);
  const binding = await f.bind();
  if (binding === undefined) return statusReply(DS_STATUS.RESOURCE_NOT_EXIST);
  // argTypes and database are stored only when not empty; the description as sent.
  insertRow(c, {
    userId: user.id, funcName: f.funcName, className: f.className, type: f.type,
    argTypes: emptyToNull(f.argTypes), database: emptyToNull(f.database), description: f.description,
    ...binding, createTime: now, updateTime: now,
  });
  return successReply(null);
}

export async function updateUdfFunction(
  c: UdfContext, user: EmulatorUser, id: number, f: UdfFields, now: Date,
): Promise<Reply> {
  if (!canOperate(c, user, [id])) return statusReply(DS_STATUS.NO_CURRENT_OPERATING_PERMISSION);
  if (c.rules.descriptionCheck && descriptionTooLong(f.description)) return statusReply(DS_STATUS.DESCRIPTION_TOO_LONG_ERROR);
  const row = c.table.byId(id);
  if (row === undefined) return statusReply(DS_STATUS.UDF_FUNCTION_NOT_EXIST);
  if (f.funcName !== row.funcName && nameTaken(c.table, f.funcName)) return statusReply(DS_STATUS.UDF_FUNCTION_EXISTS);
  const binding = await f.bind();
  if (binding === undefined) return statusReply(DS_STATUS.RESOURCE_NOT_EXIST);
  // MyBatis-Plus updateById skips null fields (FieldStrategy.NOT_NULL): an absent argTypes or
  // description keeps the stored one, and database is only set when not empty, so it cannot be cleared.
  const updated: UdfFunctionRow = {
    ...row, funcName: f.funcName, className: f.className, type: f.type, ...binding, updateTime: now,
    argTypes: f.argTypes ?? row.argTypes,
    database: emptyToNull(f.database) ?? row.database,
    description: f.description ?? row.description,
  };
  try {
    c.table.update(updated, c.rules.funcNameLimit);
  } catch (error) {
    throw asDatabaseFailure(error);
  }
  return successReply(null);
}

export function udfFunctionDetail(c: UdfContext, user: EmulatorUser, id: number): Reply {
  if (!canOperate(c, user, [id])) return statusReply(DS_STATUS.NO_CURRENT_OPERATING_PERMISSION);
  const row = c.table.byId(id);
  if (row === undefined) return statusReply(DS_STATUS.RESOURCE_NOT_EXIST);
  return successReply(udfFunctionJson(row));
}

export interface UdfPageRequest {
  pageNo: number;
  pageSize: number;
  searchVal: string | null;
}

/** UdfFuncMapper.queryUdfFuncPaging: the caller's functions, `func_name like %searchVal%`, newest first. */
export function udfFunctionPage(c: UdfContext, user: EmulatorUser, p: UdfPageRequest): Reply {
  // BaseController.checkPageParams, before the service.
  if (p.pageNo <= 0) return resultReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR.code, format(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageNo'));
  if (p.pageSize <= 0) return resultReply(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR.code, format(DS_STATUS.REQUEST_PARAMS_NOT_VALID_ERROR, 'pageSize'));
  const matches = likeMatcher(p.searchVal);
  const rows = visibleRows(c, user).filter((r) => matches(r.funcName))
    .sort((a, b) => b.createTime.getTime() - a.createTime.getTime() || b.id - a.id);
  const start = (p.pageNo - 1) * p.pageSize;
  const items = rows.slice(start, start + p.pageSize).map((r) => udfFunctionJson(r, c.users.byId(r.userId)?.name ?? null));
  return successReply(c.rules.pageInfo(p.pageNo, p.pageSize, rows.length, items));
}

/** UdfFuncMapper.getUdfFuncByType: the caller's functions of that type, no order but the table's. */
export function udfFunctionsOfType(c: UdfContext, user: EmulatorUser, type: UdfType): Reply {
  return successReply(visibleRows(c, user).filter((r) => r.type === type).map((r) => udfFunctionJson(r)));
}

export function verifyUdfFunctionName(c: UdfContext, name: string): Reply {
  return nameTaken(c.table, name) ? statusReply(DS_STATUS.UDF_FUNCTION_EXISTS) : successReply(null);
}

/** No existence check: deleting an unknown id succeeds on 3.0 (and fails the permission check on 3.1/3.2). */
export function deleteUdfFunction(c: UdfContext, user: EmulatorUser, id: number): Reply {
  if (!canOperate(c, user, [id])) return statusReply(DS_STATUS.NO_CURRENT_OPERATING_PERMISSION);
  c.table.delete(id);
  return successReply(null);
}

function insertRow(c: UdfContext, row: Omit<UdfFunctionRow, 'id'>): void {
  try {
    c.table.insert(row, c.rules.funcNameLimit);
  } catch (error) {
    throw asDatabaseFailure(error);
  }
}

/**
 * checkUdfFuncNameExists: queryUdfByIdStr(null, name) drops the name filter when the name is ""
 * (MyBatis `funcNames != ''`), so an empty name is "taken" as soon as any function exists.
 */
function nameTaken(table: UdfFunctionTable, name: string): boolean {
  return name === '' ? table.all().length > 0 : table.byName(name) !== undefined;
}

function canOperate(c: UdfContext, user: EmulatorUser, ids: readonly number[]): boolean {
  if (!c.rules.permissionChecks) return true;
  const visible = new Set(visibleRows(c, user).map((r) => r.id));
  return ids.every((id) => visible.has(id));
}

/** listAuthorizedUdfByUserId: every function for an admin, otherwise the user's own (grants are not emulated). */
function visibleRows(c: UdfContext, user: EmulatorUser): UdfFunctionRow[] {
  return c.table.all().filter((r) => user.admin || r.userId === user.id);
}

/** StringUtils.isEmpty: null or "". */
function emptyToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

function asDatabaseFailure(error: unknown): unknown {
  return error instanceof UdfTableError ? new JavaException(error.message) : error;
}

/** `like concat('%', searchVal, '%')` with the text as sent: "%" and "_" are wildcards, "\" escapes (PostgreSQL). */
function likeMatcher(searchVal: string | null): (name: string) => boolean {
  if (searchVal === null || searchVal === '') return () => true;
  let source = '';
  for (let i = 0; i < searchVal.length; i++) {
    const ch = searchVal[i] as string;
    if (ch === '\\' && i + 1 < searchVal.length) source += literal(searchVal[++i] as string);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += literal(ch);
  }
  const pattern = new RegExp(source, 'u');
  return (name) => pattern.test(name);
}

function literal(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
