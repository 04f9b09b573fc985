// PUT /resources on 3.2: rename and/or re-upload a resource named by its full name
// (ResourcesServiceImpl.updateResource, tag 3.2.2). With `file` the content is replaced (at the new
// name when renamed); without it, a different `name` moves the file or directory.
import { DS_STATUS, format } from '../../../dolphinscheduler/status.js';
import type { UploadedFile } from '../../params.js';
import { ServiceError, successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { guavaExtension } from '../storage-fs/java-text.js';
import { verifyFile } from '../v31/create.js';
import { serviceException } from './create.js';
import type { ResourceType32, V32Service } from './service.js';
import { getFileStatus } from './storage-entity.js';

export interface UpdateRequest {
  fullName: string;
  tenantCode: string | null;
  type: ResourceType32;
  name: string;
  file: UploadedFile | null;
}

export async function updateResource(s: V32Service, user: EmulatorUser, u: UpdateRequest): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkFullName(u.fullName);
  s.checkTenantParam(user, tenantCode, u.tenantCode);
  const resource = await getFileStatus(s.fs, u.fullName, s.dir(u.type, tenantCode), u.tenantCode, u.type).catch(() => {
    throw serviceException(`Get file status fail, resource path: ${u.fullName}`);
  });
  // Directories come back as "dir/" with the alias "dir/"; both lose the slash for the comparison,
  // except the alias: so a directory "renamed" to its own name exists already (20005).
  const originFullName = chopSlash(resource.fullName);
  const name = chopSlash(u.name);
  const fullName = originFullName.slice(0, originFullName.lastIndexOf('/') + 1) + name;
  if (resource.alias !== name && await s.fs.exists(s.fs.locate(fullName))) throw ServiceError.of(DS_STATUS.RESOURCE_EXIST);
  verifyFile(name, u.type === 'UDF' ? 'UDF' : 'FILE', u.file, s.deps.maxFileSize);
  if (resource.alias === name && u.file === null) return successReply(null);
  if (u.file !== null) {
    await replaceContent(s, u.type, tenantCode, fullName, u.file, name);
    if (fullName !== originFullName) {
      await s.fs.delete(s.fs.locate(originFullName), false).catch(() => {
        throw serviceException(`delete resource: ${originFullName} failed.`);
      });
    }
    return successReply(null);
  }
  try {
    await s.fs.move(s.fs.locate(originFullName), s.fs.locate(fullName));
  } catch {
    throw serviceException(format(DS_STATUS.HDFS_COPY_FAIL, originFullName, fullName));
  }
  return successReply(null);
}

/** upload(): the suffix once more, the tenant directories, then copyFromLocalFile(overwrite=true). */
async function replaceContent(
  s: V32Service, type: ResourceType32, tenantCode: string, fullName: string, file: UploadedFile, name: string,
): Promise<void> {
  try {
    if (guavaExtension(file.originalFilename).toLowerCase() !== guavaExtension(fullName).toLowerCase()) throw new Error('suffix');
    await s.ensureTenantDirs(type, tenantCode);
    await s.fs.upload(file.tempPath, s.fs.locate(fullName), true);
  } catch {
    throw serviceException(`upload resource: ${name} file: ${file.originalFilename} failed.`);
  }
}

/** StringUtils.chop for a trailing "/". */
function chopSlash(text: string): string {
  return text.endsWith('/') ? text.slice(0, -1) : text;
}
