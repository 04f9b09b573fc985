// UDF management on 3.2 (UdfFuncServiceImpl and ResourcesController, tag 3.2.2): functions bind a
// jar by its absolute storage path (`fullName`), stored with resource_id -1; the only check is
// storageOperate.exists(fullName), so any existing path will do. The resource service no longer
// looks at t_ds_udfs: delete passes type null to getFileStatus, so the 20013 check never fires and
// a bound jar deletes; a rename is a storage move that leaves resource_name pointing at the old path.
import type { Route } from '../../router.js';
import type { EmulatedUdf, GenerationDeps } from '../generation.js';
import { pageInfoJson } from '../storage-fs/page-info.js';
import { snapshotBelow } from '../storage-fs/snapshot.js';
import { udfFunctionRoutes } from '../udf/function-routes.js';
import type { UdfBinding, UdfContext } from '../udf/function-service.js';
import { udfManagement } from '../udf/management.js';
import type { V32Service } from './service.js';

/** t_ds_udfs.func_name became varchar(255) in 3.2.0 (upgrade/3.2.0_schema). */
export const FUNC_NAME_LIMIT_V32 = 255;

export function udfRoutesV32(deps: GenerationDeps, s: V32Service): Route[] {
  const context: UdfContext = {
    table: deps.udfFunctions,
    users: deps.users,
    rules: { permissionChecks: true, descriptionCheck: true, funcNameLimit: FUNC_NAME_LIMIT_V32, pageInfo: pageInfoJson },
  };
  return udfFunctionRoutes(context, {
    createPattern: '/resources/udf-func',
    updatePattern: '/resources/udf-func/{id}',
    bind: ({ params }, op) => {
      const fullName = params.string('fullName');
      return async () => {
        // create catches only IOException: "" cannot be a Path (IllegalArgumentException), so it
        // reaches the handler (10065); update catches every exception as 20004.
        const exists = async () => s.fs.exists(s.fs.locate(fullName));
        if (op === 'update') return (await exists().catch(() => false)) ? bound(fullName) : undefined;
        return (await exists()) ? bound(fullName) : undefined;
      };
    },
  });
}

function bound(fullName: string): UdfBinding {
  return { resourceId: -1, resourceName: fullName };
}

export function udfManagementV32(deps: GenerationDeps, s: V32Service): EmulatedUdf {
  const udfRoot = () => {
    const tenantCode = deps.users.first.tenantCode;
    if (tenantCode === null) throw new Error('emulator: the first user has no tenant, so there is no UDF resource root');
    return s.dir('UDF', tenantCode);
  };
  return udfManagement({
    table: deps.udfFunctions,
    users: deps.users,
    funcNameLimit: FUNC_NAME_LIMIT_V32,
    // 3.2 stores the name only, so a seed may name a jar that is not (or no longer) there.
    bindJar: async (jar) => bound(`${udfRoot()}${jar.startsWith('/') ? jar : `/${jar}`}`),
    snapshot: async () => {
      if (deps.users.first.tenantCode === null) return new Map();
      return snapshotBelow(s.fs, s.fs.locate(udfRoot()));
    },
  });
}
