// The ResourceCenter adapter for API generation 3.2 (3.2.0-3.2.2): resources are storage paths such as
// file:/dolphinscheduler/<tenant>/resources/dir/a.sh, directories end with '/', `tenantCode` names the owner
// (ResourcesController / ResourcesServiceImpl / HdfsStorageOperator at tags 3.2.0, 3.2.1, 3.2.2).
import type { Capabilities } from '../core/capabilities.js';
import { GIB } from '../core/capabilities.js';
import type { ResourceCenter } from './port.js';
import { StorageResourceCenter, type StorageOptions } from './storage-center.js';
import { javaDifference } from './storage-path.js';
import type { StorageDialect } from './storage-session.js';
import { tenantOfResourceDir } from './storage-tenant.js';

export type V32Options = StorageOptions;

export function v32Capabilities(): Capabilities {
  return {
    generation: '3.2',
    // Task definitions reference resources by full name from 3.2 on (ResourceInfo.resourceName).
    renameKeepsIdentity: false,
    // PUT /resources without a file: storage copy(old -> new, deleteSource) (updateResource).
    canRename: true,
    // Hadoop mkdirs / copyFromLocalFile create missing parents; no parent check.
    implicitParents: true,
    // delete(fullName, children, true): fs.delete(path, true).
    recursiveDelete: true,
    // verifyFile: file.isEmpty() -> 10062.
    emptyFiles: false,
    fileNeedsExtension: false,
    dirNameMayHaveDot: true,
    // No t_ds_resources row any more, so no varchar(64) alias.
    maxNameLength: null,
    // uploadResource: currDirNFileName.length() > RESOURCE_FULL_NAME_MAX_LENGTH (128) -> 1300015, absolute name.
    maxFullNameLength: 128,
    // verifyFile: file.getSize() > Constants.MAX_FILE_SIZE (1 GiB) -> 20007.
    // ResourcesServiceImpl.checkFullName (3.2.2): a full name containing "../" is an illegal path (20020).
    maxFileSize: GIB,
    forbiddenInPath: ['../'],
  };
}

const V32_DIALECT: StorageDialect = {
  generation: '3.2',
  capabilities: v32Capabilities(),
  dirSlash: true,
  // base-dir answers getDir(ALL) (the data base path) to an administrator and getDir(FILE) to anyone else
  // (queryResourceBaseDir); the tenant's resource directory is getHdfsResDir = <base>/<tenant>/resources.
  tenantOfBaseDir: (baseDir, user) => (user.admin ? undefined : tenantOfResourceDir(baseDir)),
  tenantRoot: (baseDir, user, tenant) => (user.admin ? `${baseDir}/${tenant}/resources` : baseDir),
  // '/' maps to getResDir(login user's tenant) in createDirectory/uploadResource.
  topLevelDir: () => '/',
  tenantParams: (tenant) => ({ tenantCode: tenant }),
  putParams: (tenant) => ({ tenantCode: tenant, type: 'FILE' }),
  mkdirParams: { pid: -1 },
  // 3.2.2 checkFullName: a full name containing "../" is ILLEGAL_RESOURCE_PATH (20020). A directory's full
  // name ends with '/', so a name ending in ".." is refused whatever its kind.
  pathProblem: (fullName) => (`${fullName}/`.includes('../') ? 'DolphinScheduler 3.2 refuses full names that contain "../" (20020)' : undefined),
  treeListing: true,
  guardsCurrentDir: true,
  // fileName = StringUtils.difference(getResDir(login user's tenant), fullName) (listFilesStatus).
  evidence: (item, paths) => (item.fileName === undefined ? undefined : javaDifference(`${paths.tenantRoot}/`, item.fullName) === item.fileName),
};

export function createV32Client(options: V32Options): ResourceCenter {
  return new StorageResourceCenter(V32_DIALECT, options);
}
