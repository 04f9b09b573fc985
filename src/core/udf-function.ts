// UDF functions as dolps-sync sees them: what functions.yaml declares, what the server holds, and
// which of them dolps-sync manages. Shared by the functions.yaml reader, the planner and the client.

/** UdfType of DolphinScheduler 3.0-3.2 (HIVE=0, SPARK=1). */
export type UdfType = 'HIVE' | 'SPARK';
export const UDF_TYPES: readonly UdfType[] = ['HIVE', 'SPARK'];

/** The fields of t_ds_udfs that a declaration sets; null for an optional field left out. */
export interface FunctionFields {
  /** funcName: unique across the server (20002). */
  name: string;
  className: string;
  type: UdfType;
  argTypes: string | null;
  database: string | null;
  description: string | null;
}

/** One entry of functions.yaml. */
export interface FunctionDeclaration extends FunctionFields {
  /** The jar, relative to the UDF folder, normalised ("lib/acme.jar", never "./" or "/"). */
  jar: string;
  /** Take over a function of this name that dolps-sync did not create. */
  adopt: boolean;
  /** 1-based line of the entry in functions.yaml, for messages. */
  line: number;
}

/**
 * How a server function names its jar: 3.0/3.1 by the jar's resource id (`resourceId`, its
 * `resourceName` kept up to date on rename), 3.2 by the jar's absolute storage path (`resourceName`,
 * `resourceId` stored as -1). UdfFuncServiceImpl at 3.1.9 and 3.2.2.
 */
export type JarBinding = { resourceId: number } | { fullName: string };

/** A row of GET /resources/udf-func. */
export interface ServerFunction extends FunctionFields {
  id: number;
  binding: JarBinding;
}

/** A function dolps-sync created or adopted, as recorded in the marker. */
export interface ManagedFunction {
  name: string;
  id: number;
}

/** What a generation offers for UDF functions; the adapter declares it, the planner never asks for a version. */
export type UdfFunctionSupport =
  | {
    functions: true;
    /** 'id' on 3.0/3.1, 'fullName' on 3.2. */
    binding: 'id' | 'fullName';
    /** A server-side rename of a jar carries its functions along (3.0/3.1 batchUpdateUdfFunc); 3.2 leaves them at the old path. */
    renameFollowsJar: boolean;
    /** Longest funcName t_ds_udfs stores: varchar(100) on 3.0/3.1, 255 on 3.2. */
    funcNameLimit: number;
  }
  | { functions: false; reason: string };

/**
 * Longest function description the server takes, in code points, on 3.0-3.2: 3.1/3.2 refuse a longer
 * one with 1400004 (BaseServiceImpl.checkDescriptionLength, 3.1.9 and 3.2.2); 3.0.6 has no such check
 * and leaves it to t_ds_udfs.description varchar(255), which fails (or truncates) mid-run.
 */
export const FUNCTION_DESCRIPTION_LIMIT = 255;

export const UDF_SUPPORT_V30_V31: UdfFunctionSupport = { functions: true, binding: 'id', renameFollowsJar: true, funcNameLimit: 100 };
export const UDF_SUPPORT_V32: UdfFunctionSupport = { functions: true, binding: 'fullName', renameFollowsJar: false, funcNameLimit: 255 };
export const UDF_SUPPORT_V33: UdfFunctionSupport = { functions: false, reason: 'DolphinScheduler 3.3 removed UDF management' };
