// Creating resources on 3.0/3.1: POST /resources/directory, POST /resources (upload) and
// POST /resources/online-create, in the check order of ResourcesServiceImpl.createDirectory,
// createResource and onlineCreateResource (3.1.9; 3.0.6 lacks the description check).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import type { UploadedFile } from '../../params.js';
import { JavaException, ServiceError, successReply, type Reply } from '../../reply.js';
import { ResourceTableError, type NewResourceRow, type ResourceRow } from '../../resource-table.js';
import { inTransaction } from '../../transaction.js';
import type { EmulatorUser } from '../../users.js';
import { resourceJson } from './entity-json.js';
import {
  descriptionTooLong, directoryTraversal, fileExtension, fullNameOf, isViewableSuffix, javaTrim,
  RESOURCE_FULL_NAME_MAX_LENGTH, typeCode, type ResourceTypeName,
} from './rules.js';
import { storageKindOf, type V31Service } from './service.js';

export interface CreateTarget {
  type: ResourceTypeName;
  name: string;
  description: string | null;
  pid: number;
  currentDir: string;
}

export async function createDirectory(s: V31Service, user: EmulatorUser, t: CreateTarget, now: Date): Promise<Reply> {
  if (directoryTraversal(t.name)) throw ServiceError.of(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED);
  checkDescription(s, t.description);
  const fullName = fullNameOf(t.currentDir, t.name);
  await s.verifyResourceName(user, fullName, t.type);
  await s.verifyPid(user, t.pid);
  const row = newRow(user, t, fullName, true, t.name, 0, now);
  const created = await inTransaction(s.table, async (tx) => {
    let inserted: ResourceRow;
    try {
      inserted = await tx.insert(row);
    } catch (error) {
      if (error instanceof ResourceTableError && error.kind === 'duplicateKey') throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
      throw s.variant.serviceError("resource already exists, can't recreate");
    }
    const tenantCode = s.tenantCodeOf(user.id);
    let directory = fullName;
    try {
      directory = s.storagePath(tenantCode, storageKindOf(t.type), fullName);
      await s.deps.storage.ensureTenant(tenantCode);
      await s.deps.storage.mkdir(directory);
    } catch {
      throw s.variant.serviceError(`create resource directory: ${directory} failed.`);
    }
    return inserted;
  });
  return successReply(resourceJson(created));
}

export async function createResource(
  s: V31Service, user: EmulatorUser, t: CreateTarget, file: UploadedFile, now: Date,
): Promise<Reply> {
  await s.verifyPid(user, t.pid);
  checkDescription(s, t.description);
  const tenantCode = s.tenantCodeOf(user.id);
  verifyFile(t.name, t.type, file, s.deps.maxFileSize);
  const fullName = fullNameOf(t.currentDir, t.name);
  if (await s.table.byFullName(fullName, typeCode(t.type))) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  if (fullName.length > RESOURCE_FULL_NAME_MAX_LENGTH) throw ServiceError.of(DS_STATUS.RESOURCE_FULL_NAME_TOO_LONG_ERROR);
  const created = await inTransaction(s.table, async (tx) => {
    let inserted: ResourceRow;
    try {
      inserted = await tx.insert(newRow(user, t, fullName, false, file.originalFilename, file.size, now));
      await s.updateParentSizes(tx, inserted, inserted.size);
    } catch {
      // The insert sits in a catch-all: a name too long for its column reads as "already exists".
      throw s.variant.serviceError("resource already exists, can't recreate");
    }
    try {
      const path = s.storagePath(tenantCode, storageKindOf(t.type), fullName);
      await s.deps.storage.ensureTenant(tenantCode);
      await s.deps.storage.storeUpload(file.tempPath, path);
    } catch {
      throw s.variant.serviceError(`upload resource: ${t.name} file: ${file.originalFilename} failed.`);
    }
    return inserted;
  });
  return successReply(resourceJson(created));
}

/** The controller has already refused empty content (10062). */
export async function onlineCreate(
  s: V31Service, user: EmulatorUser, t: CreateTarget & { suffix: string }, content: string, now: Date,
): Promise<Reply> {
  if (directoryTraversal(t.name)) throw ServiceError.of(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED);
  checkDescription(s, t.description);
  const suffix = javaTrim(t.suffix);
  if (!isViewableSuffix(suffix)) throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_NOT_SUPPORT_VIEW);
  const name = `${javaTrim(t.name)}.${suffix}`;
  const fullName = fullNameOf(t.currentDir, name);
  await s.verifyResourceName(user, fullName, t.type);
  await s.verifyPid(user, t.pid);
  const bytes = Buffer.from(content, 'utf8');
  await inTransaction(s.table, async (tx) => {
    // No try around this insert: a database error reaches ApiExceptionHandler (10061), and there is
    // no 128-character check here, so an over-long full name fails the same way.
    const inserted = await tx.insert(newRow(user, { ...t, name }, fullName, false, name, bytes.length, now))
      .catch((error: unknown) => { throw new JavaException(String(error)); });
    await s.updateParentSizes(tx, inserted, inserted.size);
    const tenantCode = s.tenantCodeOf(user.id);
    // uploadContentToStorage writes to the resources directory whatever the type.
    await writeContent(s, tenantCode, fullName, bytes);
  });
  // The Resource map is replaced by the result of the storage upload, which carries no data.
  return successReply(null);
}

/** uploadContentToStorage; its failure is turned into ServiceException(msg) by the callers. */
export async function writeContent(s: V31Service, tenantCode: string, fullName: string, bytes: Buffer): Promise<void> {
  let path = fullName;
  try {
    path = s.storagePath(tenantCode, 'resources', fullName);
    await s.deps.storage.ensureTenant(tenantCode);
    await s.deps.storage.writeContent(path, bytes);
  } catch {
    throw s.variant.serviceError(`copy ${fullName} to hdfs ${path} fail`);
  }
}

/** verifyFile: name and original file name, emptiness, suffix, UDF jar, size, in this order. */
export function verifyFile(name: string, type: ResourceTypeName, file: UploadedFile | null, maxFileSize: number): void {
  if (directoryTraversal(name)) throw ServiceError.of(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED);
  if (file === null) return;
  if (directoryTraversal(file.originalFilename)) throw ServiceError.of(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED);
  if (file.size === 0) throw ServiceError.of(DS_STATUS.RESOURCE_FILE_IS_EMPTY);
  const fileSuffix = fileExtension(file.originalFilename);
  if (fileSuffix.toLowerCase() !== fileExtension(name).toLowerCase()) {
    throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_FORBID_CHANGE);
  }
  if (type === 'UDF' && fileSuffix.toLowerCase() !== 'jar') throw ServiceError.of(DS_STATUS.UDF_RESOURCE_SUFFIX_NOT_JAR);
  if (file.size > maxFileSize) throw ServiceError.of(DS_STATUS.RESOURCE_SIZE_EXCEED_LIMIT);
}

export function checkDescription(s: V31Service, description: string | null): void {
  if (s.variant.descriptionLengthCheck && descriptionTooLong(description)) {
    throw ServiceError.of(DS_STATUS.DESCRIPTION_TOO_LONG_ERROR);
  }
}

function newRow(
  user: EmulatorUser, t: CreateTarget, fullName: string, isDirectory: boolean, fileName: string, size: number, now: Date,
): NewResourceRow {
  return {
    pid: t.pid, alias: t.name, fullName, isDirectory, description: t.description, fileName,
    userId: user.id, type: typeCode(t.type), size, createTime: now, updateTime: now,
  };
}
