// DELETE /resources on 3.2 (ResourcesServiceImpl.delete, tag 3.2.2): recursive, with no in-use
// check and no non-empty check (issue #15003 tried to add one, #15020 reverted it).
import { successReply, type Reply } from '../../reply.js';
import type { EmulatorUser } from '../../users.js';
import { serviceException } from './create.js';
import type { V32Service } from './service.js';
import { getFileStatus } from './storage-entity.js';

export async function deleteResource(s: V32Service, user: EmulatorUser, fullName: string, resTenantCode: string | null): Promise<Reply> {
  const tenantCode = s.tenantCodeOf(user);
  s.checkFullName(fullName);
  s.checkTenantParam(user, tenantCode, resTenantCode);
  // ServiceException(e.getMessage() + " Resource path: …"): "The path does not exist. Resource path: …".
  await getFileStatus(s.fs, fullName, s.userRoot('FILE', tenantCode), resTenantCode, null).catch((error: Error) => {
    throw serviceException(`${error.message} Resource path: ${fullName}`);
  });
  // The 20013 check (a UDF jar bound to a function) reads the type getFileStatus got, null here,
  // so it never fires: a bound jar deletes and its functions keep pointing at it (see v32/udf.ts).
  await s.fs.delete(s.fs.locate(fullName), true);
  return successReply(null);
}
