// Logging in and out, and "who am I": LoginController, UsersController.getUserInfo and
// UsersServiceImpl.getUserInfo (3.1.9). The same on 3.0 and 3.1; 3.2 fills tenantCode for admins too.
import { DS_STATUS } from '../dolphinscheduler/status.js';
import type { Authenticator } from './auth.js';
import { formatDsDate, resultReply, statusReply, successReply, type Reply } from './reply.js';
import type { Route } from './router.js';
import { DEFAULT_QUEUE, type EmulatorUser } from './users.js';

export interface AccountOptions {
  /** 3.2 sets tenantCode for every user; 3.0/3.1 answer an admin with the interceptor's row, which has none. */
  adminTenantCode: boolean;
}

export function accountRoutes(auth: Authenticator, options: AccountOptions): Route[] {
  return [
    {
      method: 'POST', pattern: '/login', public: true, apiException: DS_STATUS.USER_LOGIN_FAILURE,
      handle: async ({ params, now }) => {
        const userName = params.string('userName');
        const password = params.string('userPassword');
        if (userName === '') return statusReply(DS_STATUS.USER_NAME_NULL);
        const user = auth.checkPassword(userName, password);
        if (user === undefined) return statusReply(DS_STATUS.USER_NAME_PASSWD_ERROR);
        return loginReply(auth.createSession(user, now));
      },
    },
    {
      method: 'POST', pattern: '/signOut', apiException: DS_STATUS.SIGN_OUT_ERROR,
      handle: async ({ user }) => {
        auth.signOut(user as EmulatorUser);
        return successReply(null);
      },
    },
    {
      method: 'GET', pattern: '/users/get-user-info', apiException: DS_STATUS.GET_USER_INFO_ERROR,
      handle: async ({ user }) => successReply(userJson(user as EmulatorUser, options)),
    },
  ];
}

/** One cookie per entry of `data`, HttpOnly; the message is LOGIN_SUCCESS's although the code is 0. */
function loginReply(sessionId: string): Reply {
  const data = { sessionId, securityConfigType: 'PASSWORD' };
  const reply = resultReply(DS_STATUS.SUCCESS.code, DS_STATUS.LOGIN_SUCCESS.msg, data);
  const cookies = Object.entries(data).map(([name, value]) => `${name}=${value}; HttpOnly`);
  return { ...reply, headers: { ...reply.headers, 'set-cookie': cookies } };
}

/** The User entity (dao/entity/User.java) as Jackson writes it, password hash included, as the server does. */
function userJson(user: EmulatorUser, options: AccountOptions): Record<string, unknown> {
  const detailed = !user.admin || options.adminTenantCode;
  return {
    id: user.id,
    userName: user.name,
    userPassword: user.passwordMd5,
    email: null,
    phone: null,
    userType: user.admin ? 'ADMIN_USER' : 'GENERAL_USER',
    tenantId: user.tenantId,
    state: 1,
    tenantCode: detailed ? user.tenantCode : null,
    queueName: detailed && user.tenantCode !== null ? DEFAULT_QUEUE : null,
    alertGroup: null,
    queue: null,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    createTime: formatDsDate(user.createTime),
    updateTime: formatDsDate(user.createTime),
  };
}
