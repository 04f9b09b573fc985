// The UDF function endpoints of ResourcesController (3.0.6, 3.1.9, 3.2.2), on a built DsHttp.
// 3.0/3.1 name the jar in the path (`resources/{resourceId}/udf-func`), 3.2 by the form field
// `fullName` (`resources/udf-func`); listing, viewing and deleting are the same everywhere. 3.3
// removed them all (PR #16212): the listing answers HTTP 404, which reads as "no UDF management".
import type { FunctionFields, JarBinding, ServerFunction, UdfType } from '../core/udf-function.js';
import { expectData, type EnvelopeContext } from './envelope.js';
import { RemoteError } from './errors.js';
import type { DsHttp, HttpRequest } from './http.js';

export type FunctionListing = { supported: true; functions: ServerFunction[] } | { supported: false; reason: string };

export interface UdfFunctionsClient {
  /** Every function the user may see (all of them for an admin), or why the server has none. */
  list(): Promise<FunctionListing>;
  /** Creates the function and returns its id (the server answers data null, so it is read back). */
  create(fields: FunctionFields, jar: JarBinding): Promise<number>;
  /** Every field is sent: an omitted argTypes or description would keep the old value. */
  update(id: number, fields: FunctionFields, jar: JarBinding): Promise<void>;
  delete(id: number, name: string): Promise<void>;
}

const PAGE_SIZE = 100;
export const NO_UDF_MANAGEMENT = 'the server has no UDF function endpoints (DolphinScheduler 3.3 removed UDF management)';

export function createUdfFunctionsClient(http: DsHttp, binding: 'id' | 'fullName'): UdfFunctionsClient {
  const call = async (request: HttpRequest): Promise<unknown> => {
    const ctx: EnvelopeContext = { op: request.op, endpoint: http.endpoint, auth: http.authKind, ...(request.path ? { path: request.path } : {}) };
    return expectData(await http.send(request), ctx);
  };
  const listMatching = async (searchVal: string): Promise<ServerFunction[]> => {
    const functions: ServerFunction[] = [];
    for (let pageNo = 1; ; pageNo++) {
      const data = await call({ method: 'GET', url: 'resources/udf-func', op: 'func-list', searchParams: { pageNo, pageSize: PAGE_SIZE, searchVal } });
      const page = readPage(data, http.endpoint);
      functions.push(...page.items.map((item) => readFunction(item, binding, http.endpoint)));
      if (page.items.length === 0 || functions.length >= page.total) return functions;
    }
  };
  return {
    async list() {
      try {
        return { supported: true, functions: await listMatching('') };
      } catch (error) {
        if (error instanceof RemoteError && error.kind === 'protocol' && error.httpStatus === 404) return { supported: false, reason: NO_UDF_MANAGEMENT };
        throw error;
      }
    },
    async create(fields, jar) {
      await call({ method: 'POST', ...target(binding, jar), op: 'func-create', path: fields.name, form: { ...form(fields), ...jarField(jar) } });
      // funcName is unique: the search (a LIKE, so "_" matches any character) holds it exactly once.
      const created = (await listMatching(fields.name)).find((f) => f.name === fields.name);
      if (created === undefined) {
        throw new RemoteError('protocol', 'func-create', `func-create ${fields.name}: created, but the server does not list it`, { path: fields.name, endpoint: http.endpoint });
      }
      return created.id;
    },
    async update(id, fields, jar) {
      const { url } = target(binding, jar, id);
      await call({ method: 'PUT', url, op: 'func-update', path: fields.name, form: { ...form(fields), ...jarField(jar) } });
    },
    async delete(id, name) {
      await call({ method: 'DELETE', url: `resources/udf-func/${id}`, op: 'func-delete', path: name });
    },
  };
}

function target(binding: 'id' | 'fullName', jar: JarBinding, id?: number): { url: string } {
  const suffix = id === undefined ? '' : `/${id}`;
  if (binding === 'id') {
    if (!('resourceId' in jar)) throw new Error('internal: a 3.0/3.1 function is bound by resource id');
    return { url: `resources/${jar.resourceId}/udf-func${suffix}` };
  }
  if (!('fullName' in jar)) throw new Error('internal: a 3.2 function is bound by fullName');
  return { url: `resources/udf-func${suffix}` };
}

function jarField(jar: JarBinding): Record<string, string> {
  return 'fullName' in jar ? { fullName: jar.fullName } : {};
}

/** The official UI sends every field, empty ones as "", and so do we (see UdfFunctionsClient.update). */
function form(f: FunctionFields): Record<string, string> {
  return {
    type: f.type, funcName: f.name, className: f.className,
    argTypes: f.argTypes ?? '', database: f.database ?? '', description: f.description ?? '',
  };
}

/** PageInfo of 3.0/3.1 and of 3.2 (api/utils/PageInfo.java): both carry totalList and total. */
function readPage(data: unknown, endpoint: string): { items: unknown[]; total: number } {
  const page = data as { totalList?: unknown; total?: unknown } | null;
  if (page === null || !Array.isArray(page.totalList) || typeof page.total !== 'number') throw shapeError(endpoint);
  return { items: page.totalList, total: page.total };
}

function readFunction(item: unknown, binding: 'id' | 'fullName', endpoint: string): ServerFunction {
  const f = (item ?? {}) as Record<string, unknown>;
  const { id, funcName, className, type, resourceId, resourceName } = f;
  if (typeof id !== 'number' || typeof funcName !== 'string' || typeof className !== 'string' || (type !== 'HIVE' && type !== 'SPARK')) {
    throw shapeError(endpoint);
  }
  const jar: JarBinding = binding === 'id'
    ? { resourceId: typeof resourceId === 'number' ? resourceId : -1 }
    : { fullName: typeof resourceName === 'string' ? resourceName : '' };
  return {
    id, name: funcName, className, type: type as UdfType, binding: jar,
    argTypes: textOrNull(f['argTypes']), database: textOrNull(f['database']), description: textOrNull(f['description']),
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function shapeError(endpoint: string): RemoteError {
  return new RemoteError('protocol', 'func-list', `func-list: the UDF function list from ${endpoint} has an unexpected shape`, { endpoint });
}
