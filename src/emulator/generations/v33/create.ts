// Creating resources on 3.3: POST /resources/directory, POST /resources and
// POST /resources/online-create (ResourcesServiceImpl.createDirectory, createFile and
// createFileFromContent with their transformers and validators, dev at 7e0095dca1). All answer
// `data: null`. There is no size, suffix-match, empty-file or length check any more, and the name
// is not checked for "/": "a/b.sh" creates a nested path, parents included.
import type { UploadedFile } from '../../params.js';
import { successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { concatFilePath, type ResourceType33, type V33Service } from './validator.js';

export interface CreateTarget {
  type: ResourceType33;
  name: string;
  currentDir: string;
}

export async function createDirectory(s: V33Service, user: EmulatorUser, t: CreateTarget): Promise<Reply> {
  const path = concatFilePath(s.parentDirectory(user, t.currentDir, t.type), t.name);
  s.checkPath(path);
  await s.checkAbsent(path);
  s.checkPermission(user, path);
  s.checkIsDirectory(path);
  await s.fs.mkdirs(s.locate(path));
  return successReply(null);
}

/** An empty file is accepted: exceptionFileInvalidated only refuses a missing part. */
export async function createFile(s: V33Service, user: EmulatorUser, t: CreateTarget, file: UploadedFile): Promise<Reply> {
  const path = concatFilePath(s.parentDirectory(user, t.currentDir, t.type), t.name);
  s.checkPath(path);
  await s.checkAbsent(path);
  s.checkPermission(user, path);
  s.checkIsFile(path);
  await s.fs.upload(file.tempPath, s.locate(path), false);
  return successReply(null);
}

/** `fileName + "." + suffix`, untrimmed; no resource.view.suffixs check on create. */
export async function createFileFromContent(
  s: V33Service, user: EmulatorUser, t: CreateTarget, content: string,
): Promise<Reply> {
  const path = concatFilePath(s.parentDirectory(user, t.currentDir, t.type), t.name);
  s.checkPath(path);
  s.checkIsFile(path);
  await s.checkAbsent(path);
  s.checkPermission(user, path);
  s.checkContent(content);
  await s.fs.writeContent(s.locate(path), content, false);
  return successReply(null);
}
