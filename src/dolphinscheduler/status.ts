// DolphinScheduler's status codes and English messages for resources, auth and login, read from
// dolphinscheduler-api/.../api/enums/Status.java (tags 3.0.6, 3.1.9, 3.2.2; dev for 3.3). The server
// answers them as `{code, msg}`; `msg` is the English text when the request carries no `language`.
// Compare codes, never messages: a few messages changed between versions (see `msgSince32`).

import { generationsFrom, generationsThrough, type Generation } from '../core/capabilities.js';

export type DsVersion = Generation;

export interface DsStatus {
  readonly code: number;
  /** The English message of 3.0/3.1; `{0}` placeholders are filled by `format`. */
  readonly msg: string;
  /** The versions that define it, when not all of them do. */
  readonly only?: readonly DsVersion[];
  /** The message from 3.2 on, when it changed. */
  readonly msgSince32?: string;
}

const upTo32: readonly DsVersion[] = generationsThrough('3.2');
const since31: readonly DsVersion[] = generationsFrom('3.1');

export const DS_STATUS = {
  SUCCESS: { code: 0, msg: 'success' },
  INTERNAL_SERVER_ERROR_ARGS: { code: 10000, msg: 'Internal Server Error: {0}' },
  REQUEST_PARAMS_NOT_VALID_ERROR: { code: 10001, msg: 'request parameter {0} is not valid' },
  USER_NAME_NULL: { code: 10004, msg: 'user name is null' },
  HDFS_OPERATION_ERROR: { code: 10006, msg: 'hdfs operation error' },
  USER_NOT_EXIST: { code: 10010, msg: 'user {0} not exists' },
  USER_NAME_PASSWD_ERROR: { code: 10013, msg: 'user name or password error' },
  LOGIN_SESSION_FAILED: { code: 10014, msg: 'create session failed!' },
  TENANT_NOT_EXIST: { code: 10017, msg: 'tenant not exists', msgSince32: 'tenant [{0}] not exists' },
  LOGIN_SUCCESS: { code: 10042, msg: 'login success' },
  USER_LOGIN_FAILURE: { code: 10043, msg: 'user login failure' },
  CREATE_RESOURCE_ERROR: { code: 10054, msg: 'create resource error' },
  UPDATE_RESOURCE_ERROR: { code: 10055, msg: 'update resource error' },
  QUERY_RESOURCES_LIST_ERROR: { code: 10056, msg: 'query resources list error' },
  QUERY_RESOURCES_LIST_PAGING: { code: 10057, msg: 'query resources list paging' },
  DELETE_RESOURCE_ERROR: { code: 10058, msg: 'delete resource error' },
  VERIFY_RESOURCE_BY_NAME_AND_TYPE_ERROR: { code: 10059, msg: 'verify resource by name and type error' },
  VIEW_RESOURCE_FILE_ON_LINE_ERROR: { code: 10060, msg: 'view resource file online error' },
  CREATE_RESOURCE_FILE_ON_LINE_ERROR: { code: 10061, msg: 'create resource file online error' },
  RESOURCE_FILE_IS_EMPTY: { code: 10062, msg: 'resource file is empty' },
  EDIT_RESOURCE_FILE_ON_LINE_ERROR: { code: 10063, msg: 'edit resource file online error' },
  DOWNLOAD_RESOURCE_FILE_ERROR: { code: 10064, msg: 'download resource file error' },
  // The @ApiException of each UDF function handler of ResourcesController (3.0.6-3.2.2; gone in 3.3).
  CREATE_UDF_FUNCTION_ERROR: { code: 10065, msg: 'create udf function error', only: upTo32 },
  VIEW_UDF_FUNCTION_ERROR: { code: 10066, msg: 'view udf function error', only: upTo32 },
  UPDATE_UDF_FUNCTION_ERROR: { code: 10067, msg: 'update udf function error', only: upTo32 },
  QUERY_UDF_FUNCTION_LIST_PAGING_ERROR: { code: 10068, msg: 'query udf function list paging error', only: upTo32 },
  /** GET /resources/udf-func/list borrows the datasource status (a code that 3.3 still has for datasources). */
  QUERY_DATASOURCE_BY_TYPE_ERROR: { code: 10069, msg: 'query datasource by type error' },
  VERIFY_UDF_FUNCTION_NAME_ERROR: { code: 10070, msg: 'verify udf function name error', only: upTo32 },
  DELETE_UDF_FUNCTION_ERROR: { code: 10071, msg: 'delete udf function error', only: upTo32 },
  GET_USER_INFO_ERROR: { code: 10098, msg: 'get user info error' },
  SIGN_OUT_ERROR: { code: 10123, msg: 'sign out error' },
  IP_IS_EMPTY: { code: 10125, msg: 'ip is empty' },
  USER_DISABLED: { code: 10148, msg: 'The current user is disabled' },
  CURRENT_LOGIN_USER_TENANT_NOT_EXIST: { code: 10181, msg: 'the tenant of the currently login user is not specified' },
  LIST_TASK_TYPE_ERROR: { code: 10200, msg: 'list task type error', only: since31 },
  UDF_FUNCTION_NOT_EXIST: { code: 20001, msg: 'UDF function not found', only: upTo32 },
  UDF_FUNCTION_EXISTS: { code: 20002, msg: 'UDF function already exists', only: upTo32 },
  RESOURCE_NOT_EXIST: { code: 20004, msg: 'resource not exist' },
  RESOURCE_EXIST: { code: 20005, msg: 'resource already exists' },
  RESOURCE_SUFFIX_NOT_SUPPORT_VIEW: { code: 20006, msg: 'resource suffix do not support online viewing' },
  RESOURCE_SIZE_EXCEED_LIMIT: { code: 20007, msg: 'upload resource file size exceeds limit' },
  RESOURCE_SUFFIX_FORBID_CHANGE: { code: 20008, msg: 'resource suffix not allowed to be modified' },
  UDF_RESOURCE_SUFFIX_NOT_JAR: { code: 20009, msg: 'UDF resource suffix name must be jar', only: upTo32 },
  HDFS_COPY_FAIL: { code: 20010, msg: 'hdfs copy {0} -> {1} fail' },
  RESOURCE_FILE_EXIST: { code: 20011, msg: 'resource file {0} already exists in hdfs,please delete it or change name!' },
  RESOURCE_FILE_NOT_EXIST: { code: 20012, msg: 'resource file {0} not exists !' },
  UDF_RESOURCE_IS_BOUND: { code: 20013, msg: 'udf resource file is bound by UDF functions:{0}', only: upTo32 },
  /** Returned only by 3.0/3.1 delete (dev renames it "…by workflow definition"). */
  RESOURCE_IS_USED: { code: 20014, msg: 'resource file is used by process definition' },
  /** Returned only by 3.0/3.1 (`verifyPid`). */
  PARENT_RESOURCE_NOT_EXIST: { code: 20015, msg: 'parent resource not exist' },
  RESOURCE_NOT_EXIST_OR_NO_PERMISSION: {
    code: 20016, msg: 'resource not exist or no permission,please view the task node and remove error resource',
  },
  RESOURCE_IS_AUTHORIZED: { code: 20017, msg: 'resource is authorized to user {0},suffix not allowed to be modified' },
  /** 3.1 refuses to delete a non-empty directory; 3.0 deletes recursively. */
  RESOURCE_HAS_FOLDER: { code: 20018, msg: 'There are files or folders in the current directory:{0}', only: since31 },
  ILLEGAL_RESOURCE_PATH: { code: 20020, msg: 'Resource file [{0}] is illegal', only: generationsFrom('3.2') },
  USER_NO_OPERATION_PERM: { code: 30001, msg: 'user has no operation privilege' },
  HDFS_NOT_STARTUP: { code: 60001, msg: 'hdfs not startup' },
  STORAGE_NOT_STARTUP: { code: 60002, msg: 'storage not startup' },
  S3_CANNOT_RENAME: { code: 60003, msg: 'directory cannot be renamed' },
  ACCESS_TOKEN_NOT_EXIST: {
    code: 70015, msg: 'access token not exist', msgSince32: 'access token not exist, tokenId {0}',
  },
  VERIFY_PARAMETER_NAME_FAILED: { code: 1300009, msg: 'The file name verify failed' },
  STORE_OPERATE_CREATE_ERROR: { code: 1300010, msg: 'create the resource failed' },
  RESOURCE_FULL_NAME_TOO_LONG_ERROR: { code: 1300015, msg: "resource's fullname is too long error" },
  NO_CURRENT_OPERATING_PERMISSION: { code: 1400001, msg: 'The current user does not have this permission.', only: since31 },
  FUNCTION_DISABLED: { code: 1400002, msg: 'The current feature is disabled.', only: since31 },
  DESCRIPTION_TOO_LONG_ERROR: { code: 1400004, msg: 'description is too long error', only: since31 },
} as const satisfies Record<string, DsStatus>;

export type DsStatusName = keyof typeof DS_STATUS;

/** The name of a code, for messages and logs ("20005 RESOURCE_EXIST"). */
export function statusName(code: number): DsStatusName | undefined {
  for (const [name, status] of Object.entries(DS_STATUS)) {
    if (status.code === code) return name as DsStatusName;
  }
  return undefined;
}

/** The message with `{n}` filled in, as java.text.MessageFormat does it. */
export function format(status: DsStatus, ...args: unknown[]): string {
  // The server formats only when it has arguments (BaseServiceImpl.putMsg); without them the
  // message is returned as written, apostrophes included.
  return args.length === 0 ? status.msg : messageFormat(status.msg, args);
}

const usNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** MessageFormat rules that matter here: `'…'` quotes, `''` is one quote, numbers get grouping. */
export function messageFormat(pattern: string, args: readonly unknown[]): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i++;
      } else {
        quoted = !quoted;
      }
      continue;
    }
    const placeholder = !quoted && ch === '{' ? /^\{(\d+)\}/.exec(pattern.slice(i)) : null;
    if (placeholder) {
      const index = Number(placeholder[1]);
      out += index < args.length ? formatArgument(args[index]) : placeholder[0];
      i += placeholder[0].length - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function formatArgument(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return usNumber.format(value);
  return String(value);
}
