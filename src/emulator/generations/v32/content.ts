// Reading and rewriting a file's content on 3.2: GET /resources/view, PUT /resources/update-content
// and GET /resources/download (ResourcesServiceImpl.readResource, updateResourceContent and
// downloadResource, tag 3.2.2).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { ServiceError, successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { downloadReply } from '../storage-fs/download.js';
import { guavaExtension, lastSplitSegment } from '../storage-fs/java-text.js';
import { javaLines } from '../v31/content.js';
import { isViewableSuffix } from '../v31/rules.js';
import { serviceException, uploadContentToStorage } from './create.js';
import type { V32Service } from './service.js';
import { getFileStatus } from './storage-entity.js';

export interface ViewRequest {
  fullName: string;
  tenantCode: string;
  skipLineNum: number;
  limit: number;
}

/** `data` is {alias: <the full name>, content}; lines joined with "\n" (CRLF and the last newline are lost). */
export async function readResource(s: V32Service, user: EmulatorUser, v: ViewRequest): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkFullName(v.fullName);
  s.checkTenantParam(user, tenantCode, v.tenantCode);
  if (!isViewableSuffix(guavaExtension(v.fullName))) throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_NOT_SUPPORT_VIEW);
  let bytes: Buffer;
  try {
    const path = s.fs.locate(v.fullName);
    if (!(await s.fs.exists(path))) throw ServiceError.of(DS_STATUS.RESOURCE_FILE_NOT_EXIST, v.fullName);
    bytes = await s.fs.read(path);
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw ServiceError.of(DS_STATUS.HDFS_OPERATION_ERROR);
  }
  // Stream.skip/limit throw on a negative argument (limit=-1 included); readResource catches it as 10006.
  if (v.skipLineNum < 0 || v.limit < 0) throw ServiceError.of(DS_STATUS.HDFS_OPERATION_ERROR);
  const content = javaLines(bytes.toString('utf8')).slice(v.skipLineNum, v.skipLineNum + v.limit).join('\n');
  return successReply({ alias: v.fullName, content });
}

/** The controller has already refused empty content (10062). */
export async function updateResourceContent(
  s: V32Service, user: EmulatorUser, fullName: string, resTenantCode: string, content: string,
): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkFullName(fullName);
  s.checkTenantParam(user, tenantCode, resTenantCode);
  const resource = await getFileStatus(s.fs, fullName, '', resTenantCode, 'FILE').catch(() => {
    throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  });
  if (!isViewableSuffix(guavaExtension(resource.alias))) throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_NOT_SUPPORT_VIEW);
  // The tenant directories created, if any, are those of the `tenantCode` parameter.
  await uploadContentToStorage(s, resource.fullName, resTenantCode, content);
  return successReply(null);
}

export async function downloadResource(s: V32Service, user: EmulatorUser, fullName: string): Promise<Reply> {
  if (fullName.endsWith('/')) throw serviceException("can't download directory");
  s.tenantCodeOf(user);
  s.checkFullName(fullName);
  const path = s.fs.locate(fullName);
  try {
    return await downloadReply(s.fs, path, lastSplitSegment(fullName), 'spring-resource');
  } catch {
    throw serviceException('Download the resource file failed ,it may be related to your storage');
  }
}
