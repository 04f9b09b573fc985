// PUT /resources/{id} on 3.0/3.1: rename, change the description, and/or replace the content
// with a new `file` (the id stays). Check order of ResourcesServiceImpl.updateResource (3.1.9).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import type { UploadedFile } from '../../params.js';
import { JavaException, ServiceError, successReply, type Reply } from '../../reply.js';
import type { ResourceRow, ResourceTable } from '../../resource-table.js';
import { inTransaction } from '../../transaction.js';
import type { EmulatorUser } from '../../users.js';
import { checkDescription, verifyFile } from './create.js';
import { resourceJson } from './entity-json.js';
import { typeCode, type ResourceTypeName } from './rules.js';
import { storageKindOf, type V31Service } from './service.js';
import { followUdfResourceUpdate } from './udf.js';

export interface UpdateRequest {
  id: number;
  type: ResourceTypeName;
  name: string;
  description: string | null;
  file: UploadedFile | null;
}

export async function updateResource(s: V31Service, user: EmulatorUser, u: UpdateRequest, now: Date): Promise<Reply> {
  await s.checkPermission(user, [u.id]);
  const row = await s.table.byId(u.id);
  if (row === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  checkDescription(s, u.description);
  if (s.variant.updateChecksOwner && !s.canOperator(user, row.userId)) throw ServiceError.of(DS_STATUS.USER_NO_OPERATION_PERM);
  if (u.file === null && u.name === row.alias) {
    // `desc.equals(resource.getDescription())` with no description sent: a NullPointerException,
    // answered as the handler's 10055. Clients must always send `description` to 3.0/3.1.
    if (u.description === null) throw new JavaException('NullPointerException: description is null');
    if (u.description === row.description) return successReply(null);
  }
  const originFullName = row.fullName;
  const fullName = originFullName.slice(0, originFullName.lastIndexOf('/') + 1) + u.name;
  if (u.name !== row.alias && await s.table.byFullName(fullName, typeCode(u.type))) {
    throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  }
  verifyFile(u.name, u.type, u.file, s.deps.maxFileSize);
  const tenantCode = s.tenantCodeOf(row.userId);
  const kind = storageKindOf(row.type);
  const originPath = s.storagePath(tenantCode, kind, originFullName);
  if (!(await s.deps.storage.exists(originPath))) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  // 20017 (suffix changed while granted to other users) cannot happen: grants are not emulated.
  const updated: ResourceRow = {
    ...row, alias: u.name, fileName: u.name, fullName, description: u.description, updateTime: now,
    size: u.file === null ? row.size : u.file.size,
  };
  const data = await inTransaction(s.table, async (tx) => {
    try {
      await tx.update(updated);
      if (row.isDirectory) await renameDescendants(s, tx, row, fullName, now);
    } catch {
      throw ServiceError.of(DS_STATUS.UPDATE_RESOURCE_ERROR);
    }
    const answer = resourceJson(updated);
    if (u.name === row.alias && u.file === null) return answer;
    const path = s.storagePath(tenantCode, kind, fullName);
    if (u.file !== null) {
      await replaceContent(s, u, path, fullName === originFullName ? null : originPath);
      await s.updateParentSizes(tx, updated, updated.size - row.size);
      return answer;
    }
    try {
      await s.deps.storage.move(originPath, path);
    } catch {
      // ServiceException(Status.HDFS_COPY_FAIL): the message keeps its "{0} -> {1}" unformatted.
      throw ServiceError.of(DS_STATUS.HDFS_COPY_FAIL);
    }
    return answer;
  });
  await followUdfResourceUpdate(s, row, updated, now);
  return successReply(data);
}

async function replaceContent(s: V31Service, u: UpdateRequest, path: string, oldPath: string | null): Promise<void> {
  const file = u.file as UploadedFile;
  try {
    await s.deps.storage.storeUpload(file.tempPath, path);
  } catch {
    throw s.variant.serviceError(`upload resource: ${u.name} file: ${file.originalFilename} failed.`);
  }
  if (oldPath !== null) await s.deps.storage.delete(oldPath);
}

/**
 * Children get `fullName.replaceFirst(originFullName, newFullName)`: Java treats the old name as a
 * regular expression, so a directory whose name holds regex characters ("a+b") leaves its
 * children's full names unchanged, and an invalid pattern ("a(b") fails the update (10055).
 */
async function renameDescendants(
  s: V31Service, tx: ResourceTable, row: ResourceRow, fullName: string, now: Date,
): Promise<void> {
  const pattern = new RegExp(row.fullName);
  for (const id of await s.withDescendants(row, false)) {
    const child = await tx.byId(id);
    if (child === undefined) continue;
    await tx.update({ ...child, fullName: child.fullName.replace(pattern, () => fullName), updateTime: now });
  }
}
