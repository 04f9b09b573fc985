// PUT /resources and PUT /resources/update-content on 3.3 (ResourcesController.updateResource picks
// one of three services by the `name` it gets, dev at 7e0095dca1):
// - `name` without extension: renameDirectory (target = parent of fullName + "/" + name);
// - no `file`: renameFile (target = parent + name, must not exist);
// - else updateFile: `file` replaces fullName's content, `name` is ignored.
import type { UploadedFile } from '../../params.js';
import { successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { guavaExtension, substringBeforeLast } from '../storage-fs/java-text.js';
import { concatFilePath, serviceException, type V33Service } from './validator.js';

export async function updateResource(
  s: V33Service, user: EmulatorUser, fullName: string, name: string, file: UploadedFile | null,
): Promise<Reply> {
  if (guavaExtension(name) === '') await renameDirectory(s, user, fullName, name);
  else if (file === null) await renameFile(s, user, fullName, name);
  else await updateFile(s, user, fullName, file);
  return successReply(null);
}

/** RenameDirectoryRequestTransformer: a fullName given with a trailing "/" puts the target inside it. */
async function renameDirectory(s: V33Service, user: EmulatorUser, origin: string, name: string): Promise<void> {
  const target = `${substringBeforeLast(origin, '/')}/${name}`;
  s.checkPath(origin);
  s.checkIsDirectory(origin);
  await s.checkExists(origin);
  s.checkPermission(user, origin);
  s.checkPath(target);
  s.checkIsDirectory(target);
  await s.checkAbsent(target);
  s.checkPermission(user, target);
  // storageOperator.copy(origin, target, deleteSource=true, overwrite=true)
  await s.fs.move(s.locate(origin), s.locate(target));
}

async function renameFile(s: V33Service, user: EmulatorUser, origin: string, name: string): Promise<void> {
  // RenameFileRequestTransformer reads the metadata (tenant segment) first, for every user.
  s.tenantOfPath(origin);
  const target = concatFilePath(substringBeforeLast(origin, '/'), name);
  s.checkPath(origin);
  await s.checkExists(origin);
  s.checkIsFile(origin);
  s.checkPermission(user, origin);
  s.checkPath(target);
  await s.checkAbsent(target);
  s.checkIsFile(target);
  s.checkPermission(user, target);
  await s.fs.move(s.locate(origin), s.locate(target));
}

/** UpdateFileDtoValidator: the extension check comes first, exact case (Objects.equals). */
async function updateFile(s: V33Service, user: EmulatorUser, path: string, file: UploadedFile): Promise<void> {
  if (guavaExtension(file.originalFilename) !== guavaExtension(path)) throw serviceException('file extension cannot not change');
  s.checkPath(path);
  await s.checkExists(path);
  s.checkIsFile(path);
  s.checkPermission(user, path);
  await s.fs.upload(file.tempPath, s.locate(path), true);
}

export async function updateFileFromContent(s: V33Service, user: EmulatorUser, path: string, content: string): Promise<Reply> {
  s.checkPath(path);
  await s.checkExists(path);
  s.checkIsFile(path);
  s.checkPermission(user, path);
  s.checkCanFetch(path);
  s.checkContent(content);
  try {
    await s.fs.writeContent(s.locate(path), content, true);
  } catch {
    throw serviceException(`Update the resource file from content: ${path} failed`);
  }
  return successReply(null);
}
