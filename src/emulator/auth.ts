// Who is calling: access token, or a session made by POST /login. Mirrors
// api/interceptor/LoginHandlerInterceptor.java and api/service/impl/SessionServiceImpl.java (3.1.9).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { md5Hex, type EmulatorUser, type UserDirectory } from './users.js';

/** Constants.SESSION_TIME_OUT: a new login within this time reuses the user's session. */
const SESSION_REUSE_MS = 7200 * 1000;

interface Session {
  id: string;
  userId: number;
  lastLoginTime: number;
}

export class Authenticator {
  private readonly sessions = new Map<string, Session>();

  /** Every token belongs to the first user (t_ds_access_token rows that never expire). */
  constructor(private readonly users: UserDirectory, private readonly tokens: ReadonlySet<string>) {}

  /** The caller, or undefined: the interceptor then answers 401 with an empty body. */
  authenticate(req: IncomingMessage): EmulatorUser | undefined {
    const token = headerValue(req, 'token');
    if (token !== '') {
      // No "Bearer" prefix and no query-parameter form: the header is compared as is.
      return this.tokens.has(token) ? this.users.first : undefined;
    }
    // The sessionId header wins over the cookie (SessionServiceImpl.getSession).
    let sessionId = headerValue(req, 'sessionid').trim();
    if (sessionId === '') sessionId = cookieValue(req, 'sessionId')?.trim() ?? '';
    if (sessionId === '') return undefined;
    const session = this.sessions.get(sessionId);
    return session === undefined ? undefined : this.users.byId(session.userId);
  }

  /** The user for a name and plain password, as PasswordAuthenticator.login checks them. */
  checkPassword(userName: string, password: string): EmulatorUser | undefined {
    const user = this.users.byName(userName);
    return user !== undefined && user.passwordMd5 === md5Hex(password) ? user : undefined;
  }

  /** One session per user; a login within two hours of the last one gets the same id back. */
  createSession(user: EmulatorUser, now: Date): string {
    const existing = [...this.sessions.values()].find((s) => s.userId === user.id);
    if (existing !== undefined) {
      if (now.getTime() - existing.lastLoginTime <= SESSION_REUSE_MS) {
        existing.lastLoginTime = now.getTime();
        return existing.id;
      }
      this.sessions.delete(existing.id);
    }
    const session = { id: randomUUID(), userId: user.id, lastLoginTime: now.getTime() };
    this.sessions.set(session.id, session);
    return session.id;
  }

  signOut(user: EmulatorUser): void {
    for (const session of this.sessions.values()) {
      if (session.userId === user.id) this.sessions.delete(session.id);
    }
  }
}

function headerValue(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
