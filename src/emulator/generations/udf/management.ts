// The programmatic side of UDF management that tests use: read t_ds_udfs as it stands, and insert a
// function as if someone had made it by hand (no API check but the database's own constraints).
import type { SnapshotEntry } from '../generation.js';
import type { EmulatedUdf, UdfFunctionSeed, UdfFunctionView } from '../generation.js';
import type { UdfFunctionTable } from '../../udf-function-table.js';
import type { UserDirectory } from '../../users.js';
import type { UdfBinding } from './function-service.js';

export interface UdfManagementDeps {
  table: UdfFunctionTable;
  users: UserDirectory;
  funcNameLimit: number;
  /** The jar a seed names (a udfSnapshot() key) as the generation binds it; throws when it cannot. */
  bindJar(jar: string): Promise<UdfBinding>;
  snapshot(): Promise<Map<string, SnapshotEntry>>;
}

export function udfManagement(d: UdfManagementDeps): EmulatedUdf {
  return {
    functions: () => d.table.all().map((row): UdfFunctionView => ({ ...row })),
    seed: async (spec: UdfFunctionSeed) => {
      const owner = spec.userName === undefined ? d.users.first : d.users.byName(spec.userName);
      if (owner === undefined) throw new Error(`emulator: no user named ${spec.userName ?? ''} to own UDF function ${spec.funcName}`);
      const binding = await d.bindJar(spec.jar);
      const now = new Date();
      const row = d.table.insert({
        userId: owner.id, funcName: spec.funcName, className: spec.className, type: spec.type ?? 'HIVE',
        argTypes: spec.argTypes ?? null, database: spec.database ?? null, description: spec.description ?? null,
        ...binding, createTime: now, updateTime: now,
      }, d.funcNameLimit);
      return { ...row };
    },
    snapshot: () => d.snapshot(),
  };
}
