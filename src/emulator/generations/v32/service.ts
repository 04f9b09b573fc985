// What the 3.2 resource operations share (ResourcesServiceImpl and HdfsStorageOperator, tag 3.2.2):
// the tenant of the caller, the storage roots, checkFullName and isUserTenantValid. A refusal is
// thrown as a ServiceError: the envelope is the same whether Java returned a Result or threw.
import { DS_STATUS } from '../../../dolphinscheduler/status.js';
import { ServiceError } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import type { EmulatorQuirks, GenerationDeps } from '../generation.js';
import { StorageFs } from '../storage-fs/storage-fs.js';
import type { StorageLayout } from '../storage-fs/storage-layout.js';

export type ResourceType32 = 'FILE' | 'UDF' | 'ALL';
/** spi/enums/ResourceType (3.2.2): UDF is still there, ALL binds too. */
export const RESOURCE_TYPES_32: readonly ResourceType32[] = ['FILE', 'UDF', 'ALL'];

export class V32Service {
  readonly fs: StorageFs;

  constructor(readonly deps: GenerationDeps, layout: StorageLayout, readonly quirks: EmulatorQuirks) {
    this.fs = new StorageFs(layout);
  }

  /** getHdfsDataBasePath: the storage base URI, "file:/dolphinscheduler" by default. */
  get base(): string {
    return this.fs.layout.base;
  }

  /** getTenantCode(user): ServiceException(10181) when the user has no tenant. */
  tenantCodeOf(user: EmulatorUser): string {
    if (user.tenantCode === null) throw ServiceError.of(DS_STATUS.CURRENT_LOGIN_USER_TENANT_NOT_EXIST);
    return user.tenantCode;
  }

  /** getDir(type, tenant): no trailing "/"; ALL is the data base path, whatever the tenant. */
  dir(type: ResourceType32, tenantCode: string | null): string {
    if (type === 'ALL') return this.base;
    return `${this.base}/${tenantCode}/${type === 'UDF' ? 'udfs' : 'resources'}`;
  }

  /** getResDir / getUdfDir: the same with a trailing "/", which decides what `currentDir` "contains". */
  userRoot(type: ResourceType32, tenantCode: string): string {
    return `${this.dir(type === 'UDF' ? 'UDF' : 'FILE', tenantCode)}/`;
  }

  /**
   * checkFullName (3.2.2 only): "" and "/" pass; "../" anywhere, or not starting with the data base
   * path, answers 20020. Note the base is every tenant's: another tenant's path passes.
   */
  checkFullName(fullName: string): void {
    if (fullName === '' || fullName === '/') return;
    if (fullName.includes('../') || !fullName.startsWith(this.base)) {
      throw ServiceError.of(DS_STATUS.ILLEGAL_RESOURCE_PATH, fullName);
    }
  }

  /** 3.2.0/3.2.1 had no checkFullName for `currentDir` (the legacyCurrentDir quirk). */
  checkCurrentDir(currentDir: string): void {
    if (!this.quirks.legacyCurrentDir) this.checkFullName(currentDir);
  }

  /**
   * `currentDir.contains(userRoot) ? currentDir + name : userRoot + name`: the parent must be given
   * with its trailing "/" (without it the name is glued on), anything else lands at the root.
   */
  fullNameIn(currentDir: string, root: string, name: string): string {
    return currentDir.includes(root) ? currentDir + name : root + name;
  }

  /** isUserTenantValid: an admin may name any tenant, others none or their own (else 1400001). */
  checkTenantParam(user: EmulatorUser, tenantCode: string, resTenantCode: string | null): void {
    if (user.admin || resTenantCode === null || resTenantCode === '') return;
    if (resTenantCode !== tenantCode) throw ServiceError.of(DS_STATUS.NO_CURRENT_OPERATING_PERMISSION);
  }

  /** createTenantDirIfNotExists, called when the type root is missing. */
  async ensureTenantDirs(type: ResourceType32, tenantCode: string): Promise<void> {
    if (await this.fs.exists(this.fs.locate(this.dir(type, tenantCode)))) return;
    await this.fs.mkdirs(this.fs.locate(this.dir('FILE', tenantCode)));
    await this.fs.mkdirs(this.fs.locate(this.dir('UDF', tenantCode)));
  }

  /** The users a blank-fullName listing walks for an admin: each tenant once, 10181 for a user without one. */
  tenantsOfAllUsers(): string[] {
    const codes: string[] = [];
    for (const user of this.deps.users.all()) {
      const code = this.tenantCodeOf(user);
      if (!codes.includes(code)) codes.push(code);
    }
    return codes;
  }
}
