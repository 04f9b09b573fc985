// The UDF function statuses of api/enums/Status.java (identical at 3.0.6, 3.1.9 and 3.2.2; gone in
// 3.3), which the shared status table does not list: each is the @ApiException of one handler.
import type { DsStatus } from '../../../dolphinscheduler/status.js';

export const UDF_STATUS = {
  CREATE_UDF_FUNCTION_ERROR: { code: 10065, msg: 'create udf function error' },
  VIEW_UDF_FUNCTION_ERROR: { code: 10066, msg: 'view udf function error' },
  UPDATE_UDF_FUNCTION_ERROR: { code: 10067, msg: 'update udf function error' },
  QUERY_UDF_FUNCTION_LIST_PAGING_ERROR: { code: 10068, msg: 'query udf function list paging error' },
  /** GET /resources/udf-func/list borrows the datasource status. */
  QUERY_DATASOURCE_BY_TYPE_ERROR: { code: 10069, msg: 'query datasource by type error' },
  VERIFY_UDF_FUNCTION_NAME_ERROR: { code: 10070, msg: 'verify udf function name error' },
  DELETE_UDF_FUNCTION_ERROR: { code: 10071, msg: 'delete udf function error' },
} as const satisfies Record<string, DsStatus>;
