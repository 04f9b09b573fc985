// The ResourceCenter adapter for API generation 3.2 (3.2.0-3.2.2): resources are storage paths such as
// file:/dolphinscheduler/<tenant>/resources/dir/a.sh, directories end with '/', `tenantCode` names the owner
// (ResourcesController / ResourcesServiceImpl / HdfsStorageOperator at tags 3.2.0, 3.2.1, 3.2.2).
import type { Capabilities } from '../core/capabilities.js';
import { GIB } from '../core/capabilities.js';
import type { AdapterContext, ResourceCenter } from './port.js';
import { StorageResourceCenter } from './storage-center.js';
import { INTERNAL, type RefusalText } from './storage-errors.js';
import { javaDifference } from './storage-path.js';
import type { StorageDialect } from './storage-session.js';
import { tenantOfResourceDir } from './storage-tenant.js';

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
    // Resources live only in storage from 3.2 on (reference §7.4).
    keepsResourceTable: false,
  };
}

export const V32_REFUSALS: readonly RefusalText[] = [
  // 3.2.0-3.2.2 ResourcesServiceImpl.delete: ServiceException(e.getMessage() + " Resource path: %s") around
  // HdfsStorageOperator.getFileStatus's FileNotFoundException("The path does not exist.").
  { code: 10000, text: `${INTERNAL}The path does not exist. Resource path: `, failure: 'notFound' },
  // ResourcesServiceImpl.updateResource: any getFileStatus failure.
  { code: 10000, text: `${INTERNAL}Get file status fail, resource path: `, failure: 'statFailed' },
  // ResourcesServiceImpl.createDirectory / uploadResource when the existence check itself throws.
  { code: 10000, text: `${INTERNAL}resource already exists, can't recreate`, failure: 'exists' },
  // ResourcesServiceImpl.downloadResource: any IOException, a missing file included.
  { code: 10000, text: `${INTERNAL}Download the resource file failed ,it may be related to your storage`, failure: 'downloadFailed' },
];

const V32_DIALECT: StorageDialect = {
  capabilities: v32Capabilities(),
  refusals: V32_REFUSALS,
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

/**
 * The UDF tree (type=UDF, see udf-tree-http.ts) is the tenant's `udfs` folder: getHdfsUdfDir, and
 * base-dir answers getDir(UDF) to a user who is not an administrator (ResourcesServiceImpl 3.2.2).
 */
const V32_UDF_DIALECT: StorageDialect = {
  ...V32_DIALECT,
  treeFolder: 'udfs',
  tenantOfBaseDir: (baseDir, user) => (user.admin ? undefined : tenantOfResourceDir(baseDir, 'udfs')),
  tenantRoot: (baseDir, user, tenant) => (user.admin ? `${baseDir}/${tenant}/udfs` : baseDir),
  putParams: (tenant) => ({ tenantCode: tenant, type: 'UDF' }),
};

export function createV32Client(context: AdapterContext): ResourceCenter {
  return new StorageResourceCenter(context.http.resourceType === 'UDF' ? V32_UDF_DIALECT : V32_DIALECT, context);
}
