// The users and tenants the emulator knows (t_ds_user, t_ds_tenant). A user without a tenant has
// tenant_id 0, which matches no tenant row: that is how the seed `admin` of a fresh install looks,
// and why its writes answer 10181 until a tenant is assigned.
import { createHash } from 'node:crypto';

export interface UserSpec {
  name: string;
  password: string;
  tenant: string | null;
  admin?: boolean;
}

export interface EmulatorUser {
  id: number;
  name: string;
  /** t_ds_user.user_password holds the md5 hex of the password. */
  passwordMd5: string;
  admin: boolean;
  /** 0 when the user has no tenant. */
  tenantId: number;
  tenantCode: string | null;
  createTime: Date;
}

export const DEFAULT_USERS: readonly UserSpec[] = [
  { name: 'admin', password: 'dolphinscheduler123', tenant: 'default', admin: true },
];

/** The queue every tenant is placed in (t_ds_queue seed row). */
export const DEFAULT_QUEUE = 'default';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export class UserDirectory {
  private readonly users: EmulatorUser[] = [];

  constructor(specs: readonly UserSpec[], now: Date) {
    const tenantIds = new Map<string, number>();
    specs.forEach((spec, index) => {
      if (this.users.some((u) => u.name === spec.name)) throw new Error(`emulator: user "${spec.name}" is listed twice`);
      let tenantId = 0;
      if (spec.tenant !== null) {
        tenantId = tenantIds.get(spec.tenant) ?? tenantIds.size + 1;
        tenantIds.set(spec.tenant, tenantId);
      }
      this.users.push({
        id: index + 1,
        name: spec.name,
        passwordMd5: md5Hex(spec.password),
        admin: spec.admin ?? false,
        tenantId,
        tenantCode: spec.tenant,
        createTime: now,
      });
    });
    if (this.users.length === 0) throw new Error('emulator: at least one user is needed');
  }

  /** The user the access tokens belong to. */
  get first(): EmulatorUser {
    return this.users[0] as EmulatorUser;
  }

  /** Every user, in the order given (t_ds_user by id). */
  all(): readonly EmulatorUser[] {
    return this.users;
  }

  byId(id: number): EmulatorUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  byName(name: string): EmulatorUser | undefined {
    return this.users.find((u) => u.name === name);
  }

  /** The tenant code of a user, or null when the user or its tenant does not exist. */
  tenantCodeOf(userId: number): string | null {
    return this.byId(userId)?.tenantCode ?? null;
  }
}
