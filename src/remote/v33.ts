// The ResourceCenter adapter for API generation 3.3 (read at dev@7e0095dca1, which became 3.3.0; no 3.3.x tag
// was in the history read): the DSIP-45 controller with request transformers and validators
// (api/validator/resource/*), storage paths without a trailing '/' for directories, no tenantCode, no
// verify-name/query-*, no UDF, file or directory decided by the extension.
import type { Capabilities } from '../core/capabilities.js';
import { GIB } from '../core/capabilities.js';
import { DS_STATUS } from '../dolphinscheduler/status.js';
import type { AdapterContext, ResourceCenter } from './port.js';
import { StorageResourceCenter } from './storage-center.js';
import { INTERNAL, type RefusalText } from './storage-errors.js';
import type { StorageDialect } from './storage-session.js';
import { tenantOfResourceDir } from './storage-tenant.js';

export function v33Capabilities(): Capabilities {
  return {
    generation: '3.3',
    renameKeepsIdentity: false,
    // PUT /resources without a file: renameFile / renameDirectory (storage copy with deleteSource).
    canRename: true,
    // fs.copyFromLocalFile and fs.mkdirs create missing parents.
    implicitParents: true,
    // ResourcesServiceImpl.delete: storageOperator.delete(path, true).
    recursiveDelete: true,
    // CreateFileDtoValidator / UpdateFileDtoValidator only refuse a missing file part ("The file is null").
    emptyFiles: true,
    // AbstractResourceValidator.exceptionResourceIsNotFile / exceptionResourceIsNotDirectory (Guava extension).
    fileNeedsExtension: true,
    dirNameMayHaveDot: false,
    maxNameLength: null,
    // No length check left in the 3.3 services.
    maxFullNameLength: null,
    // spring.servlet.multipart.max-file-size: 1024MB; no service-side size check.
    // AbstractResourceValidator: any path containing ".." is "Invalidated resource path".
    maxFileSize: GIB,
    forbiddenInPath: ['..'],
    keepsResourceTable: false,
  };
}

const HIDDEN_EXTENSION = 'DolphinScheduler 3.3 decides file or directory by the extension: a file needs one, a directory name must not have a dot';

export const V33_REFUSALS: readonly RefusalText[] = [
  // dev api/validator/resource/AbstractResourceValidator.java ("Thr" sic).
  { code: 10000, text: `${INTERNAL}Thr resource is not exists: `, failure: 'notFound' },
  { code: 10000, text: `${INTERNAL}The resource is already exist: `, failure: 'exists' },
  { code: 10000, text: `${INTERNAL}The path is not a directory: `, failure: 'notADirectory', hint: HIDDEN_EXTENSION },
  { code: 10000, text: `${INTERNAL}The path is not a file: `, failure: 'notAFile', hint: HIDDEN_EXTENSION },
  { code: 10000, text: `${INTERNAL}Invalidated resource path: `, failure: 'invalidPath', hint: 'DolphinScheduler 3.3 accepts only paths under its storage base directory that do not contain ".."' },
  { code: 10000, text: `${INTERNAL}The resource path is null`, failure: 'invalidPath' },
  { code: 10000, text: `${INTERNAL}The user's tenant is `, failure: 'noPermission', hint: 'the resource belongs to another tenant than the DolphinScheduler user' },
  { code: 10000, text: `${INTERNAL}The file is null`, failure: 'noFile' },
  { code: 10000, text: `${INTERNAL}file extension cannot not change`, failure: 'extensionChanged' },
  { code: 10000, text: `${INTERNAL}Download the resource file: `, failure: 'downloadFailed' },
  // HdfsStorageOperator.createStorageDir's FileAlreadyExistsException (a race after the validator's check),
  // answered by ApiExceptionHandler as the @ApiException status + ":" + message.
  { code: DS_STATUS.CREATE_RESOURCE_ERROR.code, text: `${DS_STATUS.CREATE_RESOURCE_ERROR.msg}:Directory already exists: `, failure: 'exists' },
];

const V33_DIALECT: StorageDialect = {
  capabilities: v33Capabilities(),
  refusals: V33_REFUSALS,
  dirSlash: false,
  // base-dir answers getStorageBaseDirectory(tenant, FILE) to everyone, administrators included.
  tenantOfBaseDir: (baseDir) => tenantOfResourceDir(baseDir),
  tenantRoot: (baseDir) => baseDir,
  // An absolute currentDir must start with the login user's resource directory, else 20020
  // (AbstractResourceTransformer.getParentDirectoryAbsolutePath): sending it, rather than '/', lets the
  // server check that our tenant directory is the user's.
  topLevelDir: (paths) => paths.tenantRoot,
  tenantParams: () => ({}),
  putParams: () => ({}),
  mkdirParams: {},
  // exceptionResourceAbsolutePathInvalidated: any ".." in the path is "Invalidated resource path".
  pathProblem: (fullName) => (fullName.includes('..') ? 'DolphinScheduler 3.3 refuses paths that contain ".." ("Invalidated resource path")' : undefined),
  treeListing: false,
  guardsCurrentDir: false,
  evidence: () => undefined,
};

export function createV33Client(context: AdapterContext): ResourceCenter {
  return new StorageResourceCenter(V33_DIALECT, context);
}
