// Who we are on the server: GET /users/get-user-info (UsersController.getUserInfo). Uploads need the user to
// have a tenant (ResourcesServiceImpl.getTenantCode -> 10181), so connect() says so early. In 3.1.9 an admin's
// answer is the interceptor's user row (tenantId, no tenantCode); a general user's has tenantCode joined in.

export interface UserInfo {
  name: string;
  admin: boolean;
  tenantId: number;
  tenantCode: string | undefined;
  hasTenant: boolean;
}

export function parseUser(data: unknown): UserInfo {
  const { userName, userType, tenantId, tenantCode } = (data ?? {}) as Record<string, unknown>;
  const admin = userType === 'ADMIN_USER';
  const id = typeof tenantId === 'number' ? tenantId : 0;
  const code = typeof tenantCode === 'string' && tenantCode !== '' ? tenantCode : undefined;
  return {
    name: typeof userName === 'string' ? userName : '(unknown user)',
    admin,
    tenantId: id,
    tenantCode: code,
    // The seed admin has tenant_id 0; a general user whose tenant was deleted has an id but no code.
    hasTenant: id > 0 && (admin || code !== undefined),
  };
}

export function describeUser(user: UserInfo): string {
  const tenant = user.tenantCode ?? (user.hasTenant ? `id ${user.tenantId}` : 'none (uploads will be refused: 10181)');
  return `user ${user.name}, tenant ${tenant}`;
}
