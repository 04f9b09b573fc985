// What the 3.0/3.1 resource operations share: the checks of BaseServiceImpl and
// ResourcesServiceImpl (3.1.9) that several of them call, and the storage paths they compute.
// A refusal is thrown as a ServiceError: the envelope is the same as a returned Result.
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { ServiceError } from '../../reply.js';
import type { ResourceRow, ResourceTable } from '../../resource-table.js';
import type { StorageKind } from '../../storage.js';
import type { EmulatorUser } from '../../users.js';
import type { GenerationDeps } from '../generation.js';
import type { ResourceTypeName } from './rules.js';
import { typeCode } from './rules.js';
import type { V31Variant } from './variant.js';
import type { ResourceUsage } from '../../workflows/store.js';

export class V31Service {
  constructor(readonly deps: GenerationDeps, readonly variant: V31Variant, readonly references: ResourceUsage) {}

  get table(): ResourceTable {
    return this.deps.table;
  }

  /**
   * canOperatorPermissions (3.1): the ids must all be among the caller's resources (every row for an
   * admin, own rows otherwise), so an unknown id fails here, before the 20004 check that follows.
   */
  async checkPermission(user: EmulatorUser, resourceIds: readonly number[]): Promise<void> {
    if (!this.variant.permissionChecks || resourceIds.length === 0) return;
    // Row by row, not the whole table per request: the same answer, without an O(rows) scan for each write.
    for (const id of resourceIds) {
      const row = await this.table.byId(id);
      if (row === undefined || !isVisible(user, row)) throw ServiceError.of(DS_STATUS.NO_CURRENT_OPERATING_PERMISSION);
    }
  }

  /** BaseServiceImpl.canOperator: the owner, or an admin. */
  canOperator(user: EmulatorUser, ownerId: number): boolean {
    return user.id === ownerId || user.admin;
  }

  /** getTenantCode(userId): 10010 when the user is gone, 10181 when it has no tenant. */
  tenantCodeOf(userId: number): string {
    if (this.deps.users.byId(userId) === undefined) throw ServiceError.of(DS_STATUS.USER_NOT_EXIST, userId);
    const tenantCode = this.deps.users.tenantCodeOf(userId);
    if (tenantCode === null) throw ServiceError.of(DS_STATUS.CURRENT_LOGIN_USER_TENANT_NOT_EXIST);
    return tenantCode;
  }

  /** verifyPid: 20015 when the parent row is missing, 30001 when it belongs to someone else. */
  async verifyPid(user: EmulatorUser, pid: number): Promise<void> {
    if (pid === -1) return;
    const parent = await this.table.byId(pid);
    if (parent === undefined) throw ServiceError.of(DS_STATUS.PARENT_RESOURCE_NOT_EXIST);
    if (!this.canOperator(user, parent.userId)) throw ServiceError.of(DS_STATUS.USER_NO_OPERATION_PERM);
  }

  /**
   * verifyResourceName: 20005 when the row exists, 10181 without a tenant, 20011 when storage
   * already has the path (a leftover the database does not know), 1300010 when storage fails.
   */
  async verifyResourceName(user: EmulatorUser, fullName: string, type: ResourceTypeName): Promise<void> {
    if (await this.table.byFullName(fullName, typeCode(type))) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
    const tenantCode = user.tenantCode;
    if (tenantCode === null) throw ServiceError.of(DS_STATUS.CURRENT_LOGIN_USER_TENANT_NOT_EXIST);
    let path: string;
    try {
      path = this.storagePath(tenantCode, storageKindOf(type), fullName);
    } catch {
      throw ServiceError.of(DS_STATUS.STORE_OPERATE_CREATE_ERROR);
    }
    if (await this.deps.storage.exists(path)) throw ServiceError.of(DS_STATUS.RESOURCE_FILE_EXIST, path);
  }

  storagePath(tenantCode: string, kind: StorageKind, fullName: string): string {
    return this.deps.storage.pathOf(tenantCode, kind, fullName);
  }

  /**
   * updateParentResourceSize: every ancestor directory, found by full name, gets `delta` added
   * (never below 0), but only when the resource's own size is above 0. Parents keep their
   * update_time (MyBatis-Plus updateById writes the row as read).
   */
  async updateParentSizes(table: ResourceTable, row: ResourceRow, delta: number): Promise<void> {
    if (row.size <= 0) return;
    const parts = row.fullName.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parentFullName = parts.slice(0, i).join('/');
      if (parentFullName.trim() === '') continue;
      const parent = await table.byFullName(parentFullName, row.type);
      if (parent === undefined) continue;
      parent.size = Math.max(0, parent.size + delta);
      await table.update(parent);
    }
  }

  /** listAllChildren: the resource (when asked) and every descendant, depth first. */
  async withDescendants(row: ResourceRow, includeSelf: boolean): Promise<number[]> {
    const ids = includeSelf ? [row.id] : [];
    if (!row.isDirectory) return ids;
    const walk = async (pid: number) => {
      for (const child of await this.table.childrenOf(pid)) {
        ids.push(child.id);
        await walk(child.id);
      }
    };
    await walk(row.id);
    return ids;
  }
}

/** Files go to <tenant>/resources, UDF jars to <tenant>/udfs (HadoopUtils.getHdfsDir). */
export function storageKindOf(type: ResourceTypeName | number): StorageKind {
  return type === 'UDF' || type === 1 ? 'udfs' : 'resources';
}

/** userOwnedResourceIdsAcquisition: an admin sees every row, others their own (grants are not emulated). */
export function isVisible(user: EmulatorUser, row: ResourceRow): boolean {
  return user.admin || row.userId === user.id;
}
