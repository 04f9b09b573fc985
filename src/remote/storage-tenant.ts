// Whose resource directory a 3.2/3.3 client works in. Creating always lands in the LOGIN USER's tenant:
// 3.2 builds the full name from getResDir(login user's tenant) and, on 3.2.0/3.2.1, falls back to its top
// level for any other currentDir (ResourcesServiceImpl.createDirectory/uploadResource); 3.3 refuses any
// other currentDir with 20020 (AbstractResourceTransformer). So a configured tenant must be the user's own.
// GET /users/get-user-info fills tenantCode for every user from 3.2.0 on (UsersServiceImpl.getUserInfo).
import { RemoteError } from './errors.js';

export interface StorageUser {
  name: string;
  admin: boolean;
  tenantCode: string | undefined;
}

export function parseStorageUser(data: unknown): StorageUser {
  const { userName, userType, tenantCode } = (data ?? {}) as Record<string, unknown>;
  return {
    name: typeof userName === 'string' ? userName : '(unknown user)',
    admin: userType === 'ADMIN_USER',
    tenantCode: typeof tenantCode === 'string' && tenantCode !== '' ? tenantCode : undefined,
  };
}

export interface TenantChoice {
  tenant: string;
  /** False when the tenant comes only from the configuration: the server did not confirm it. */
  confirmed: boolean;
}

/**
 * The tenant to work in: the user's as the server reports it (get-user-info, or the base-dir path), which a
 * configured tenant (DOLPS_TENANT) must match; the configured one alone only when the server says nothing.
 */
export function chooseTenant(user: StorageUser, fromBaseDir: string | undefined, configured: string | undefined, generation: string): TenantChoice {
  const wanted = configured?.trim() || undefined;
  const reported = user.tenantCode ?? fromBaseDir;
  if (reported !== undefined) {
    if (wanted !== undefined && wanted !== reported) {
      throw new RemoteError('rejected', 'connect',
        `the configured tenant "${wanted}" is not the tenant of DolphinScheduler user "${user.name}" ("${reported}"), and DolphinScheduler ${generation} creates resources only in the login user's tenant; unset DOLPS_TENANT ([dolps] tenant) or log in as a user of tenant "${wanted}"`);
    }
    return { tenant: reported, confirmed: true };
  }
  if (wanted !== undefined) return { tenant: wanted, confirmed: false };
  throw new RemoteError('rejected', 'connect',
    `DolphinScheduler did not say which tenant user "${user.name}" belongs to; set DOLPS_TENANT ([dolps] tenant) to the user's tenant code`);
}

/** The tenant named by a tenant resource directory (…/<tenant>/resources), if it is one. */
export function tenantOfResourceDir(dir: string, folder = 'resources'): string | undefined {
  return new RegExp(`/([^/]+)/${folder}$`).exec(dir)?.[1];
}

/** The tenant resource directory must end in /<tenant>/resources (getHdfsResDir 3.2, FILE_FOLDER_NAME dev). */
export function checkTenantRoot(root: string, tenant: string, baseDir: string, folder = 'resources'): string {
  if (!root.endsWith(`/${tenant}/${folder}`)) {
    throw new RemoteError('protocol', 'connect',
      `connect: GET resources/base-dir answered "${baseDir}", which does not lead to the resource directory of tenant "${tenant}" (…/${tenant}/${folder})`);
  }
  return root;
}

/** base-dir without trailing slashes; an empty answer means the server has no resource storage. */
export function baseDirOf(data: unknown, endpoint: string): string {
  if (typeof data !== 'string' || data.replace(/\/+$/, '') === '') {
    throw new RemoteError('protocol', 'connect',
      `connect: GET resources/base-dir at ${endpoint} answered no storage directory; resource storage is off on the server (resource.storage.type in common.properties)`,
      { endpoint });
  }
  return data.replace(/\/+$/, '');
}
