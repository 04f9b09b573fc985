// The listings of 3.2 (HdfsStorageOperator.listFilesStatus, listFilesStatusRecursively and
// getFileStatus, tag 3.2.2) and the JSON the server writes for them: StorageEntity and the tree of
// ResourceTreeVisitor (`pid` is the parent's full name as a string).
import { formatDsDate } from '../../reply.js';
import { difference, lastSplitSegment } from '../storage-fs/java-text.js';
import type { FileStatus, StorageFs } from '../storage-fs/storage-fs.js';
import { StorageError } from '../../storage.js';
import type { ResourceType32 } from './service.js';

export interface StorageEntity {
  /** Directories end in "/" (addFolderSeparatorIfNotExisted). */
  fullName: string;
  /** difference(defaultPath, fullName): the path below the root the caller listed from. */
  fileName: string;
  /** Files: the last segment; directories: difference(listed path, fullName), e.g. "dir1/". */
  alias: string;
  /** The path listed, exactly as it was passed in. */
  pfullName: string;
  directory: boolean;
  /** The tenant code the listing was made for (the UI passes it back as `tenantCode`). */
  userName: string | null;
  type: ResourceType32 | null;
  size: number;
  modified: Date;
}

/** listFilesStatus: one level; [] when the path is missing; a file lists as itself. */
export async function listFilesStatus(
  fs: StorageFs, path: string, defaultPath: string, tenantCode: string | null, type: ResourceType32 | null,
): Promise<StorageEntity[]> {
  const statuses = await fs.listStatus(fs.locate(path)) ?? [];
  return statuses.map((status) => {
    const fullName = status.isDirectory ? `${status.path.uri}/` : status.path.uri;
    const alias = status.isDirectory ? difference(path, fullName) : lastSplitSegment(fullName);
    return entity(status, fullName, difference(defaultPath, fullName), alias, path, tenantCode, type);
  });
}

/** listFilesStatusRecursively: breadth first, each directory listed by its own full name. */
export async function listFilesStatusRecursively(
  fs: StorageFs, path: string, defaultPath: string, tenantCode: string | null, type: ResourceType32 | null,
): Promise<StorageEntity[]> {
  const found: StorageEntity[] = [];
  const queue = [path];
  while (queue.length > 0) {
    const level = await listFilesStatus(fs, queue.shift() as string, defaultPath, tenantCode, type);
    for (const item of level) if (item.directory) queue.push(item.fullName);
    found.push(...level);
  }
  return found;
}

/** getFileStatus: throws StorageError("The path does not exist.") when missing. */
export async function getFileStatus(
  fs: StorageFs, path: string, prefix: string, tenantCode: string | null, type: ResourceType32 | null,
): Promise<StorageEntity> {
  const status = await fs.status(fs.locate(path));
  if (status === undefined) throw new StorageError('The path does not exist.');
  if (status.isDirectory) {
    const fullName = `${status.path.uri}/`;
    return entity(status, fullName, difference(prefix, fullName), dirAlias(fullName), path, tenantCode, type);
  }
  const fullName = status.path.uri;
  return entity(status, fullName, difference(prefix, fullName), lastSplitSegment(fullName), path, tenantCode, type);
}

/** findDirAlias: the last segment with its "/" ("dir1/"). */
function dirAlias(fullName: string): string {
  const withoutSlash = fullName.slice(0, -1);
  return fullName.slice(withoutSlash.lastIndexOf('/') + 1);
}

function entity(
  status: FileStatus, fullName: string, fileName: string, alias: string, pfullName: string,
  userName: string | null, type: ResourceType32 | null,
): StorageEntity {
  return {
    fullName, fileName, alias, pfullName, directory: status.isDirectory, userName, type,
    size: status.size, modified: status.modificationTime,
  };
}

/** StorageEntity as Jackson writes it (Lombok @Data; `isDirectory` becomes "directory"). */
export function storageEntityJson(e: StorageEntity): Record<string, unknown> {
  const time = formatDsDate(e.modified);
  return {
    id: 0, fullName: e.fullName, fileName: e.fileName, alias: e.alias, pfullName: e.pfullName, directory: e.directory,
    userId: 0, userName: e.userName, type: e.type, size: e.size, createTime: time, updateTime: time,
  };
}

interface TreeNode {
  id: 0;
  pid: string;
  name: string;
  fullName: string;
  description: null;
  children: TreeNode[];
  type: ResourceType32 | null;
  currentDir: null;
  dirctory: boolean;
  idValue: string;
}

/**
 * ResourceTreeVisitor.visit(rootPath): an entry is a root when listed from `rootPath` or when no
 * listed entry is its parent; children are the entries whose pfullName is the node's full name.
 */
export function resourceTree(entities: readonly StorageEntity[], rootPath: string): TreeNode[] {
  const fullNames = new Set(entities.map((e) => e.fullName));
  const build = (e: StorageEntity): TreeNode => ({
    id: 0,
    pid: e.pfullName,
    name: e.alias,
    fullName: e.fullName,
    description: null,
    children: entities.filter((child) => child.pfullName === e.fullName).map(build),
    type: e.type,
    currentDir: null,
    dirctory: e.directory,
    idValue: `0_${e.directory ? 1 : 0}`,
  });
  return entities.filter((e) => e.pfullName === rootPath || !fullNames.has(e.pfullName)).map(build);
}
