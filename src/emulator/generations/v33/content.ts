// Reading, downloading and deleting on 3.3: GET /resources/view, GET /resources/download and
// DELETE /resources (ResourcesServiceImpl.fetchResourceFileContent, downloadResource and delete
// with their validators, dev at 7e0095dca1).
import { successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { downloadReply } from '../storage-fs/download.js';
import { javaFileName } from '../storage-fs/java-text.js';
import { javaLines } from '../v31/content.js';
import { serviceException, type V33Service } from './validator.js';

/**
 * `data` is {content} (no alias). The controller passes `limit == -1 ? Integer.MAX_VALUE : skipLineNum`
 * as the limit, so any limit but -1 reads `skipLineNum` lines: skipLineNum=0&limit=100 is empty.
 */
export async function fetchFileContent(
  s: V33Service, user: EmulatorUser, path: string, skipLineNum: number, limit: number,
): Promise<Reply> {
  const effectiveLimit = limit === -1 ? Number.MAX_SAFE_INTEGER : skipLineNum;
  if (skipLineNum < 0) throw serviceException('skipLineNum must be greater than or equal to 0');
  s.checkPath(path);
  s.checkIsFile(path);
  s.checkPermission(user, path);
  s.checkCanFetch(path);
  // A missing file is Hadoop's FileNotFoundException, answered as "<@ApiException msg>:<its message>".
  const bytes = await s.fs.read(s.locate(path));
  const content = javaLines(bytes.toString('utf8')).slice(skipLineNum, skipLineNum + effectiveLimit).join('\n');
  return successReply({ content });
}

/** Existence is checked before the path itself. The name in Content-Disposition is not quoted. */
export async function downloadResource(s: V33Service, user: EmulatorUser, path: string): Promise<Reply> {
  await s.checkExists(path);
  s.checkPath(path);
  s.checkIsFile(path);
  s.checkPermission(user, path);
  try {
    return await downloadReply(s.fs, s.locate(path), javaFileName(path), 'servlet-octet-stream');
  } catch {
    throw serviceException(`Download the resource file: ${path} failed`);
  }
}

/** Recursive, no in-use check (none in any 3.2+ release). */
export async function deleteResource(s: V33Service, user: EmulatorUser, path: string): Promise<Reply> {
  s.checkPath(path);
  await s.checkExists(path);
  s.checkPermission(user, path);
  await s.fs.delete(s.locate(path), true);
  return successReply(null);
}
