// What the 3.3 resource operations share: the storage roots of AbstractStorageOperator, the parent
// directory of AbstractResourceTransformer and the checks of AbstractResourceValidator (dev at
// 7e0095dca1, api/validator/resource/*). Nearly every refusal is `new ServiceException(String)`,
// code 10000 "Internal Server Error: <text>", with the texts below exactly as the source has them
// (typos included: "Thr resource is not exists", "cannot not change").
import { DS_STATUS, messageFormat } from '../../../dolphinscheduler/status.js';
import { JavaException, ServiceError } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import type { GenerationDeps } from '../generation.js';
import { guavaExtension, splitMax, substringAfter } from '../storage-fs/java-text.js';
import { StorageFs } from '../storage-fs/storage-fs.js';
import type { Located, StorageLayout } from '../storage-fs/storage-layout.js';
import { isViewableSuffix } from '../v31/rules.js';

export type ResourceType33 = 'FILE' | 'ALL';
/** spi/enums/ResourceType on dev: UDF is gone. */
export const RESOURCE_TYPES_33: readonly ResourceType33[] = ['FILE', 'ALL'];

/** `new ServiceException(String)`: 10000 "Internal Server Error: …". */
export function serviceException(message: string): ServiceError {
  return ServiceError.of(DS_STATUS.INTERNAL_SERVER_ERROR_ARGS, message);
}

export class V33Service {
  readonly fs: StorageFs;

  constructor(readonly deps: GenerationDeps, layout: StorageLayout) {
    this.fs = new StorageFs(layout);
  }

  /** getStorageBaseDirectory(): defaultFS concatenated with resource.storage.upload.base.path. */
  get base(): string {
    return this.fs.layout.base;
  }

  /** getStorageBaseDirectory(tenant, type): FILE is <base>/<tenant>/resources, ALL the tenant directory. */
  root(tenantCode: string, type: ResourceType33): string {
    const tenantDir = concatFilePath(this.base, tenantCode);
    return type === 'ALL' ? tenantDir : concatFilePath(tenantDir, 'resources');
  }

  /** The login user's tenant for a transformer or base-dir: 10181 when there is none. */
  tenantForCreate(user: EmulatorUser): string {
    if (user.tenantCode === null) throw ServiceError.of(DS_STATUS.CURRENT_LOGIN_USER_TENANT_NOT_EXIST);
    return user.tenantCode;
  }

  /** tenantDao.queryOptionalById(…).orElseThrow(TENANT_NOT_EXIST): 10017 "tenant [<id>] not exists". */
  tenantForCheck(user: EmulatorUser): string {
    if (user.tenantCode !== null) return user.tenantCode;
    const status = DS_STATUS.TENANT_NOT_EXIST;
    throw new ServiceError(status.code, messageFormat(status.msgSince32, [user.tenantId]));
  }

  /**
   * getParentDirectoryAbsolutePath: "/" is the tenant root; anything else must start with it (20020).
   * Unlike 3.2 the trailing "/" does not matter: names are joined with concatFilePath.
   */
  parentDirectory(user: EmulatorUser, currentDir: string, type: ResourceType33): string {
    const root = this.root(this.tenantForCreate(user), type);
    if (currentDir === '/') return root;
    if (!currentDir.startsWith(root)) throw ServiceError.of(DS_STATUS.ILLEGAL_RESOURCE_PATH, currentDir);
    return currentDir;
  }

  /** exceptionResourceAbsolutePathInvalidated. */
  checkPath(path: string): void {
    if (path.trim() === '') throw serviceException('The resource path is null');
    if (!path.startsWith(this.base) || path.includes('..')) throw serviceException(`Invalidated resource path: ${path}`);
  }

  /** storageOperator.exists: an empty path is an IllegalArgumentException, not a ServiceException. */
  async exists(path: string): Promise<boolean> {
    if (path === '') throw new JavaException('Resource path should not be empty');
    return this.fs.exists(this.fs.locate(path));
  }

  async checkExists(path: string): Promise<void> {
    if (!(await this.exists(path))) throw serviceException(`Thr resource is not exists: ${path}`);
  }

  async checkAbsent(path: string): Promise<void> {
    if (await this.exists(path)) throw serviceException(`The resource is already exist: ${path}`);
  }

  /** File or directory is decided by the name: a directory has no extension, a file has one. */
  checkIsDirectory(path: string): void {
    if (guavaExtension(path) !== '') throw serviceException(`The path is not a directory: ${path}`);
  }

  checkIsFile(path: string): void {
    if (guavaExtension(path) === '') throw serviceException(`The path is not a file: ${path}`);
  }

  /** exceptionFileContentCannotFetch: the resource.view.suffixs whitelist, on the path's extension. */
  checkCanFetch(path: string): void {
    const extension = guavaExtension(path);
    if (!isViewableSuffix(extension)) throw serviceException(`The file type: ${extension} cannot be fetched`);
  }

  checkContent(content: string): void {
    if (content === '') throw serviceException('The file content is null');
  }

  /** exceptionUserNoResourcePermission: admins pass; others must be in the tenant the path names. */
  checkPermission(user: EmulatorUser, path: string): void {
    if (user.admin) return;
    const tenant = this.tenantOfPath(path);
    if (!path.startsWith(this.base)) throw serviceException(`Invalidated resource path: ${path}`);
    const userTenant = this.tenantForCheck(user);
    if (userTenant !== tenant) {
      throw serviceException(`The user's tenant is ${userTenant} have no permission to access the resource: ${path}`);
    }
  }

  /**
   * getResourceMetaData: the segment after the base is the tenant. It also reads a third segment
   * whenever there is not exactly two, so a path naming only a tenant fails on index 2.
   */
  tenantOfPath(path: string): string {
    const segments = splitMax(substringAfter(path, this.base), 3);
    if (segments.length === 0) throw new JavaException(`Invalid resource path: ${path}`);
    if (segments.length === 1) throw new JavaException('2'); // ArrayIndexOutOfBoundsException on Java 8
    return segments[0] as string;
  }

  locate(path: string): Located {
    return this.fs.locate(path);
  }
}

/** FileUtils.concatFilePath: one "/" between the parts; an empty part is an IllegalArgumentException. */
export function concatFilePath(...paths: string[]): string {
  let out = paths[0] ?? '';
  if (out === '') throw new JavaException('The path should not be empty');
  for (const path of paths.slice(1)) {
    if (path === '') throw new JavaException('The path should not be empty');
    if (out.endsWith('/') && path.startsWith('/')) out += path.slice(1);
    else if (!out.endsWith('/') && !path.startsWith('/')) out += `/${path}`;
    else out += path;
  }
  return out;
}
