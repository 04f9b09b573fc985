// The UdfFunc entity as Jackson writes it (dao/entity/UdfFunc.java, 3.0.6–3.2.2): Lombok getters,
// `resourceType` always "UDF" (a field outside the table), the UdfType by name, dates in the
// server's "yyyy-MM-dd HH:mm:ss", `userName` filled only by the paged listing's join with t_ds_user.
import { formatDsDate } from '../../reply.js';
import type { UdfFunctionRow } from '../../udf-function-table.js';

export function udfFunctionJson(row: UdfFunctionRow, userName: string | null = null): Record<string, unknown> {
  return {
    id: row.id,
    userId: row.userId,
    resourceType: 'UDF',
    funcName: row.funcName,
    className: row.className,
    argTypes: row.argTypes,
    database: row.database,
    description: row.description,
    resourceId: row.resourceId,
    resourceName: row.resourceName,
    type: row.type,
    createTime: formatDsDate(row.createTime),
    updateTime: formatDsDate(row.updateTime),
    userName,
  };
}
