// The UDF function endpoints of ResourcesController (3.0.6, 3.1.9, 3.2.2), bound as the controller
// declares them. Only create and update differ between generations: 3.0/3.1 name the jar by the
// path variable `resourceId`, 3.2 by the form parameter `fullName`. Create is
// @ResponseStatus(CREATED): a Result the service returns, refusals included, comes back with HTTP
// 201; an exception goes through ApiExceptionHandler, which answers 200.
import type { DsStatus } from '../../../dolphinscheduler/status.js';
import type { Reply } from '../../reply.js';
import type { HttpMethod, Route, RouteContext } from '../../router.js';
import { UDF_TYPES } from '../../udf-function-table.js';
import type { EmulatorUser } from '../../users.js';
import { parseJavaInt } from '../../params.js';
import {
  createUdfFunction, deleteUdfFunction, udfFunctionDetail, udfFunctionPage, udfFunctionsOfType, updateUdfFunction,
  verifyUdfFunctionName, type UdfBinding, type UdfContext, type UdfFields,
} from './function-service.js';
import { UDF_STATUS } from './status.js';

/** How a generation names the jar of a function. */
export interface UdfJarBinder {
  createPattern: string;
  updatePattern: string;
  /**
   * Binds the generation's jar parameter (a BindError when missing) and returns the lookup the
   * service runs after its name check.
   */
  bind(ctx: RouteContext, op: 'create' | 'update'): () => Promise<UdfBinding | undefined>;
}

type Handler = (c: UdfContext, user: EmulatorUser, ctx: RouteContext) => Promise<Reply> | Reply;

export function udfFunctionRoutes(c: UdfContext, binder: UdfJarBinder): Route[] {
  const route = (method: HttpMethod, pattern: string, apiException: DsStatus, handler: Handler): Route => ({
    method, pattern, apiException,
    handle: async (ctx) => handler(c, ctx.user as EmulatorUser, ctx),
  });
  return [
    route('POST', binder.createPattern, UDF_STATUS.CREATE_UDF_FUNCTION_ERROR, async (s, user, ctx) => {
      const reply = await createUdfFunction(s, user, fields(ctx, binder.bind(ctx, 'create')), ctx.now);
      return { ...reply, status: 201 };
    }),
    route('GET', '/resources/{id}/udf-func', UDF_STATUS.VIEW_UDF_FUNCTION_ERROR,
      (s, user, { pathVars }) => udfFunctionDetail(s, user, pathId(pathVars))),
    route('PUT', binder.updatePattern, UDF_STATUS.UPDATE_UDF_FUNCTION_ERROR, (s, user, ctx) => {
      const id = pathId(ctx.pathVars);
      return updateUdfFunction(s, user, id, fields(ctx, binder.bind(ctx, 'update')), ctx.now);
    }),
    route('GET', '/resources/udf-func', UDF_STATUS.QUERY_UDF_FUNCTION_LIST_PAGING_ERROR, (s, user, { params }) => {
      const pageNo = params.int('pageNo');
      const searchVal = params.optString('searchVal');
      return udfFunctionPage(s, user, { pageNo, searchVal, pageSize: params.int('pageSize') });
    }),
    route('GET', '/resources/udf-func/list', UDF_STATUS.QUERY_DATASOURCE_BY_TYPE_ERROR,
      (s, user, { params }) => udfFunctionsOfType(s, user, params.enumValue('type', UDF_TYPES))),
    route('GET', '/resources/udf-func/verify-name', UDF_STATUS.VERIFY_UDF_FUNCTION_NAME_ERROR,
      (s, _user, { params }) => verifyUdfFunctionName(s, params.string('name'))),
    route('DELETE', '/resources/udf-func/{id}', UDF_STATUS.DELETE_UDF_FUNCTION_ERROR,
      (s, user, { pathVars }) => deleteUdfFunction(s, user, pathId(pathVars))),
  ];
}

/** The form parameters of create and update; the jar lookup comes from the binder. */
function fields(ctx: RouteContext, bind: UdfFields['bind']): UdfFields {
  const { params } = ctx;
  const type = params.enumValue('type', UDF_TYPES);
  const funcName = params.string('funcName');
  const className = params.string('className');
  const argTypes = params.optString('argTypes');
  const database = params.optString('database');
  return { type, funcName, className, argTypes, database, description: params.optString('description'), bind };
}

function pathId(pathVars: RouteContext['pathVars']): number {
  return parseJavaInt('id', pathVars['id'] ?? '');
}
