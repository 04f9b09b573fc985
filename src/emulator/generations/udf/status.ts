// The UDF function statuses of api/enums/Status.java (identical at 3.0.6, 3.1.9 and 3.2.2; gone in
// 3.3), each the @ApiException of one handler; defined once, in the shared status table.
import { DS_STATUS } from '../../../dolphinscheduler/status.js';

export const UDF_STATUS = {
  CREATE_UDF_FUNCTION_ERROR: DS_STATUS.CREATE_UDF_FUNCTION_ERROR,
  VIEW_UDF_FUNCTION_ERROR: DS_STATUS.VIEW_UDF_FUNCTION_ERROR,
  UPDATE_UDF_FUNCTION_ERROR: DS_STATUS.UPDATE_UDF_FUNCTION_ERROR,
  QUERY_UDF_FUNCTION_LIST_PAGING_ERROR: DS_STATUS.QUERY_UDF_FUNCTION_LIST_PAGING_ERROR,
  /** GET /resources/udf-func/list borrows the datasource status. */
  QUERY_DATASOURCE_BY_TYPE_ERROR: DS_STATUS.QUERY_DATASOURCE_BY_TYPE_ERROR,
  VERIFY_UDF_FUNCTION_NAME_ERROR: DS_STATUS.VERIFY_UDF_FUNCTION_NAME_ERROR,
  DELETE_UDF_FUNCTION_ERROR: DS_STATUS.DELETE_UDF_FUNCTION_ERROR,
} as const;
