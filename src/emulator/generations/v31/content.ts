// Reading and rewriting a file's content on 3.0/3.1: GET /resources/{id}/view,
// PUT /resources/{id}/update-content and GET /resources/{id}/download
// (ResourcesServiceImpl.readResource, updateResourceContent, downloadResource; the controller's
// download answer in ResourcesController.downloadResource).
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { JavaException, ServiceError, successReply, textReply, type Reply } from '../../reply.js';
import { inTransaction } from '../../transaction.js';
import type { EmulatorUser } from '../../users.js';
import { writeContent } from './create.js';
import { fileExtension, isViewableSuffix } from './rules.js';
import { isVisible, storageKindOf, type V31Service } from './service.js';

export async function viewResource(
  s: V31Service, user: EmulatorUser, id: number, skipLineNum: number, limit: number,
): Promise<Reply> {
  const row = await s.table.byId(id);
  if (row === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  await s.checkPermission(user, [id]);
  if (!isViewableSuffix(fileExtension(row.alias ?? ''))) throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_NOT_SUPPORT_VIEW);
  const tenantCode = s.tenantCodeOf(row.userId);
  // getResourceFileName: always the resources directory, even for a UDF resource.
  const path = s.storagePath(tenantCode, 'resources', row.fullName);
  if (!(await s.deps.storage.exists(path))) throw ServiceError.of(DS_STATUS.RESOURCE_FILE_NOT_EXIST, path);
  let bytes: Buffer;
  try {
    bytes = await s.deps.storage.read(path);
  } catch {
    throw ServiceError.of(DS_STATUS.HDFS_OPERATION_ERROR);
  }
  // Stream.skip/limit throw on a negative argument; readResource catches it as 10006.
  if (skipLineNum < 0 || limit < 0) throw ServiceError.of(DS_STATUS.HDFS_OPERATION_ERROR);
  const content = javaLines(bytes.toString('utf8')).slice(skipLineNum, skipLineNum + limit).join('\n');
  return successReply({ alias: row.alias, content });
}

/** BufferedReader.lines(): \n, \r or \r\n end a line; a final terminator adds no empty line. */
export function javaLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

/** The controller has already refused empty content (10062). */
export async function updateContent(s: V31Service, user: EmulatorUser, id: number, content: string, now: Date): Promise<Reply> {
  const row = await s.table.byId(id);
  if (row === undefined) throw ServiceError.of(DS_STATUS.RESOURCE_NOT_EXIST);
  await s.checkPermission(user, [id]);
  if (!isViewableSuffix(fileExtension(row.alias ?? ''))) throw ServiceError.of(DS_STATUS.RESOURCE_SUFFIX_NOT_SUPPORT_VIEW);
  const tenantCode = s.tenantCodeOf(row.userId);
  const bytes = Buffer.from(content, 'utf8');
  const updated = { ...row, size: bytes.length, updateTime: now };
  await inTransaction(s.table, async (tx) => {
    await tx.update(updated);
    await writeContent(s, tenantCode, row.fullName, bytes);
    await s.updateParentSizes(tx, updated, updated.size - row.size);
  });
  return successReply(null);
}

export async function downloadResource(s: V31Service, user: EmulatorUser, id: number): Promise<Reply> {
  const row = await s.table.byId(id);
  // The service returns null and the controller answers 400 with a bare text body.
  if (row === undefined) return textReply(400, DS_STATUS.RESOURCE_NOT_EXIST.msg);
  if (s.variant.permissionChecks && !isVisible(user, row)) {
    throw s.variant.serviceError(DS_STATUS.NO_CURRENT_OPERATING_PERMISSION.msg);
  }
  if (row.isDirectory) throw s.variant.serviceError("can't download directory");
  const owner = s.deps.users.byId(row.userId);
  if (owner === undefined) throw s.variant.serviceError(`resource owner id ${row.userId} not exist`);
  if (owner.tenantCode === null) throw s.variant.serviceError(`The tenant id ${owner.tenantId} of resource owner not exist`);
  const path = s.storagePath(owner.tenantCode, storageKindOf(row.type), row.fullName);
  // A file missing from storage raises java.rmi.ServerException, not a ServiceException: 10064.
  const opened = await s.deps.storage.open(path).catch(() => {
    throw new JavaException('download the resource file failed ,it may be related to your storage');
  });
  const alias = row.alias ?? '';
  return {
    status: 200,
    headers: {
      'content-type': contentTypeOf(alias),
      'content-length': String(opened.size),
      // Jetty writes header values as ISO-8859-1: what does not fit becomes "?".
      'content-disposition': `attachment; filename="${alias.replace(/[^\x20-\xff]/g, '?')}"`,
    },
    body: opened.stream,
  };
}

/** A few entries of spring-web's mime.types, which ResourceHttpMessageConverter consults by file name. */
const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain', log: 'text/plain', conf: 'text/plain', json: 'application/json', xml: 'application/xml',
  sh: 'application/x-sh', java: 'text/x-java-source', js: 'application/javascript', jar: 'application/java-archive',
  zip: 'application/zip', csv: 'text/csv', html: 'text/html', htm: 'text/html',
};

function contentTypeOf(alias: string): string {
  return MEDIA_TYPES[fileExtension(alias).toLowerCase()] ?? 'application/octet-stream';
}
