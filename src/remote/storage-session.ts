// What differs between the 3.2 and 3.3 Resource Center APIs (each declared in its own module, v32.ts and
// v33.ts), and the connection both open: who the user is, which tenant, and where its resource directory is.
import type { Capabilities } from '../core/capabilities.js';
import type { HttpRequest } from './http.js';
import type { ListedItem } from './storage-listing.js';
import type { RefusalText } from './storage-errors.js';
import { resolveRemoteRoot, StoragePaths } from './storage-path.js';
import { baseDirOf, checkTenantRoot, chooseTenant, parseStorageUser, type StorageUser } from './storage-tenant.js';
import type { Evidence } from './storage-guard.js';

export interface StorageDialect {
  readonly capabilities: Capabilities;
  /** The refusals of this generation that only their text tells apart. */
  readonly refusals: readonly RefusalText[];
  /** 3.2 writes directory full names with a trailing '/', 3.3 without (its dir rename even needs none). */
  readonly dirSlash: boolean;
  /** The tenant's folder of this tree: 'resources' (FILE), 'udfs' on the UDF tree (getHdfsUdfDir 3.2). */
  readonly treeFolder?: string;
  /** The tenant that base-dir names, when it answers a tenant resource directory. */
  tenantOfBaseDir(baseDir: string, user: StorageUser): string | undefined;
  /** The tenant resource directory, without a trailing '/', from GET resources/base-dir. */
  tenantRoot(baseDir: string, user: StorageUser, tenant: string): string;
  /** `currentDir` for the top level: '/' (3.2) or the tenant directory itself, which 3.3 then checks. */
  topLevelDir(paths: StoragePaths): string;
  /** Parameters naming the tenant on requests by full name (3.2 `tenantCode`; 3.3 binds none). */
  tenantParams(tenant: string): Record<string, string>;
  /** Extra fields of PUT /resources (3.2 requires `type`). */
  putParams(tenant: string): Record<string, string>;
  /** Extra fields of POST /resources/directory (3.2 requires `pid`, then ignores it). */
  readonly mkdirParams: Record<string, string | number>;
  /** Why the server refuses this full name whatever its names are, or undefined. */
  pathProblem(fullName: string): string | undefined;
  /** The subtree with directories in one request (3.2 GET /resources/list?fullName=); 3.3 lists files only. */
  readonly treeListing: boolean;
  /** 3.2.0/3.2.1 may ignore currentDir (storage-guard.ts). */
  readonly guardsCurrentDir: boolean;
  /** What a listing entry says about the server's resource directory for the login user (3.2 only). */
  evidence(item: ListedItem, paths: StoragePaths): Evidence;
}

export interface Session {
  user: StorageUser;
  tenant: string;
  /** The server reported the user's tenant (not only the configuration). */
  confirmed: boolean;
  paths: StoragePaths;
}

export interface SessionOptions {
  remoteRoot: string;
  tenant: string | undefined;
  endpoint: string;
}

/** Two requests: the user (for the tenant) and base-dir (for where its resources live). */
export async function openSession(call: (request: HttpRequest) => Promise<unknown>, dialect: StorageDialect, options: SessionOptions): Promise<Session> {
  const user = parseStorageUser(await call({ method: 'GET', url: 'users/get-user-info', op: 'connect' }));
  // Answers 10181 when the user has no tenant (getTenantCode / tenantDao.queryOptionalById).
  const baseDir = baseDirOf(await call({ method: 'GET', url: 'resources/base-dir', searchParams: { type: 'FILE' }, op: 'connect' }), options.endpoint);
  const { tenant, confirmed } = chooseTenant(user, dialect.tenantOfBaseDir(baseDir, user), options.tenant, dialect.capabilities.generation);
  const tenantRoot = checkTenantRoot(dialect.tenantRoot(baseDir, user, tenant), tenant, baseDir, dialect.treeFolder);
  const remoteRoot = resolveRemoteRoot(options.remoteRoot, tenantRoot);
  return { user, tenant, confirmed, paths: new StoragePaths(tenantRoot, remoteRoot, dialect.dirSlash) };
}
