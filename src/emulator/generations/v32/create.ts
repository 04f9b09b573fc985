// Creating resources on 3.2: POST /resources/directory, POST /resources (upload) and
// POST /resources/online-create, in the check order of ResourcesServiceImpl.createDirectory,
// uploadResource and createResourceFile (tag 3.2.2). All answer `data: null`; parents are created
// implicitly (Hadoop mkdirs / copyFromLocalFile); nothing checks that `currentDir` exists.
import { randomUUID } from 'node:crypto';
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import type { UploadedFile } from '../../params.js';
import { ServiceError, successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { guavaExtension } from '../storage-fs/java-text.js';
import { verifyFile } from '../v31/create.js';
import { directoryTraversal, isViewableSuffix, javaTrim, RESOURCE_FULL_NAME_MAX_LENGTH } from '../v31/rules.js';
import type { ResourceType32, V32Service } from './service.js';

export interface CreateTarget {
  type: ResourceType32;
  name: string;
  currentDir: string;
}

export async function createDirectory(s: V32Service, user: EmulatorUser, t: CreateTarget): Promise<Reply> {
  if (directoryTraversal(t.name)) throw ServiceError.of(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED);
  const tenantCode = s.tenantCodeOf(user);
  s.checkCurrentDir(t.currentDir);
  const fullName = s.fullNameIn(t.currentDir, s.userRoot(t.type, tenantCode), t.name);
  const path = s.fs.locate(fullName);
  if (await s.fs.exists(path)) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  try {
    await s.ensureTenantDirs(t.type, tenantCode);
    await s.fs.mkdirs(path);
  } catch {
    throw serviceException(`create resource directory: ${fullName} failed.`);
  }
  return successReply(null);
}

export async function uploadResource(s: V32Service, user: EmulatorUser, t: CreateTarget, file: UploadedFile): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkCurrentDir(t.currentDir);
  // verifyFile is 3.1's, check for check: traversal, 10062, 20008, 20009, 20007.
  verifyFile(t.name, t.type === 'UDF' ? 'UDF' : 'FILE', file, s.deps.maxFileSize);
  const fullName = s.fullNameIn(t.currentDir, s.userRoot(t.type, tenantCode), t.name);
  const path = s.fs.locate(fullName);
  if (await s.fs.exists(path)) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  // Constants.RESOURCE_FULL_NAME_MAX_LENGTH now counts the absolute URI ("file:/dolphinscheduler/<tenant>/resources/…").
  if (fullName.length > RESOURCE_FULL_NAME_MAX_LENGTH) throw ServiceError.of(DS_STATUS.RESOURCE_FULL_NAME_TOO_LONG_ERROR);
  try {
    if (guavaExtension(file.originalFilename).toLowerCase() !== guavaExtension(fullName).toLowerCase()) throw new Error('suffix');
    await s.ensureTenantDirs(t.type, tenantCode);
    await s.fs.upload(file.tempPath, path, true);
  } catch {
    throw serviceException(`upload resource: ${t.name} file: ${file.originalFilename} failed.`);
  }
  return successReply(null);
}

export interface OnlineCreateTarget {
  type: ResourceType32;
  fileName: string;
  suffix: string;
  currentDir: string;
}

/** The controller has already refused empty content (10062). No length check here. */
export async function createResourceFile(s: V32Service, user: EmulatorUser, t: OnlineCreateTarget, content: string): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkCurrentDir(t.currentDir);
  if (directoryTraversal(t.fileName)) throw ServiceError.of(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED);
  const suffix = javaTrim(t.suffix);
  if (!isViewableSuffix(suffix)) throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_NOT_SUPPORT_VIEW);
  const name = `${javaTrim(t.fileName)}.${suffix}`;
  // Always the FILE root, whatever the type (getResDir).
  const fullName = s.fullNameIn(t.currentDir, s.userRoot('FILE', tenantCode), name);
  if (await s.fs.exists(s.fs.locate(fullName))) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  await uploadContentToStorage(s, fullName, tenantCode, content);
  return successReply(null);
}

/**
 * uploadContentToStorage: the content goes to a local temporary file, an existing target is deleted
 * (non-recursively), then copied up. A failure is answered ServiceException("copy … to hdfs … fail").
 */
export async function uploadContentToStorage(s: V32Service, fullName: string, tenantCode: string, content: string): Promise<void> {
  const localFilename = `/tmp/dolphinscheduler/${tenantCode}/resources/${randomUUID()}`;
  try {
    await s.ensureTenantDirs('FILE', tenantCode);
    const path = s.fs.locate(fullName);
    await s.fs.delete(path, false);
    await s.fs.writeContent(path, content, true);
  } catch {
    throw serviceException(`copy ${localFilename} to hdfs ${fullName} fail`);
  }
}

/** `new ServiceException(String)`: 10000 "Internal Server Error: …". */
export function serviceException(message: string): ServiceError {
  return ServiceError.of(DS_STATUS.INTERNAL_SERVER_ERROR_ARGS, message);
}
