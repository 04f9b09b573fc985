// DELETE /resources/{id} on 3.0/3.1 (ResourcesServiceImpl.delete, 3.1.9 and 3.0.6).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { ServiceError, successReply, type Reply } from '../../reply.js';
import type { ResourceRow } from '../../resource-table.js';
import type { EmulatorUser } from '../../users.js';
import { storageKindOf, type V31Service } from './service.js';
import { refuseBoundUdfResource } from './udf.js';

export async function deleteResource(s: V31Service, user: EmulatorUser, id: number): Promise<Reply> {
  const row = await s.table.byId(id);
  if (row === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  await s.checkPermission(user, [id]);
  if (!s.canOperator(user, row.userId)) throw ServiceError.of(DS_STATUS.USER_NO_OPERATION_PERM);
  const tenantCode = s.tenantCodeOf(row.userId);
  const inUse = await s.references.resolve(s.table);
  const ids = await s.withDescendants(row, true);
  if (s.variant.refusesNonEmptyDelete && ids.length >= 2) {
    throw ServiceError.of(DS_STATUS.RESOURCE_HAS_FOLDER, row.fileName);
  }
  refuseBoundUdfResource(s, row, ids);
  // Used when the parent directory is referenced, or the resource or anything below it.
  if (inUse.has(row.pid) || ids.some((resourceId) => inUse.has(resourceId))) {
    throw ServiceError.of(DS_STATUS.RESOURCE_IS_USED);
  }
  // Storage first: the rows cannot be put back once deleted, and a storage failure must leave them.
  await s.deps.storage.delete(s.storagePath(tenantCode, storageKindOf(row.type), row.fullName));
  const rows = (await Promise.all(ids.map((resourceId) => s.table.byId(resourceId))))
    .filter((r): r is ResourceRow => r !== undefined);
  // Each row, read before any change, takes its own size off its ancestors: on 3.0 a recursive
  // delete therefore takes a nested file's size off the grandparent twice (never below 0).
  for (const item of rows) await s.updateParentSizes(s.table, item, -item.size);
  for (const resourceId of ids) await s.table.delete(resourceId);
  return successReply(null);
}
