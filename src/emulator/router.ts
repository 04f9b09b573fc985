// Request mapping as Spring MVC does it for the controllers: `{var}` matches one path segment, the
// most specific pattern wins ("/resources/list" over "/resources/{id}"), a trailing slash is
// ignored, and a path that only other methods map answers 405 before any interceptor runs.
import type { IncomingMessage } from 'node:http';
import type { DsStatus } from '../dolphinscheduler/status.js';
import type { RequestParams } from './params.js';
import type { Reply } from './reply.js';
import type { EmulatorUser } from './users.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  /** The caller; absent only for public routes. */
  user: EmulatorUser | undefined;
  params: RequestParams;
  pathVars: Readonly<Record<string, string>>;
  req: IncomingMessage;
  now: Date;
}

export interface Route {
  method: HttpMethod;
  /** Relative to /dolphinscheduler, e.g. "/resources/{id}/view". */
  pattern: string;
  /** The handler's @ApiException status: what any exception inside the handler is answered with. */
  apiException: DsStatus;
  /** Excluded from the login interceptor (/login). */
  public?: boolean;
  handle(ctx: RouteContext): Promise<Reply>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; pathVars: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: HttpMethod[] }
  | { kind: 'none' };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = trimmed.split('/');
  const candidates = routes
    .map((route) => ({ route, pathVars: matchPattern(route.pattern, segments) }))
    .filter((c): c is { route: Route; pathVars: Record<string, string> } => c.pathVars !== undefined);
  const forMethod = candidates.filter((c) => c.route.method === method);
  if (forMethod.length > 0) {
    forMethod.sort((a, b) => specificity(b.route.pattern) - specificity(a.route.pattern));
    return { kind: 'found', ...(forMethod[0] as (typeof forMethod)[number]) };
  }
  if (candidates.length > 0) return { kind: 'methodNotAllowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
  return { kind: 'none' };
}

function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const vars: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    const variable = /^\{(\w+)\}$/.exec(part);
    if (variable === null) {
      if (part !== segment) return undefined;
    } else {
      if (segment === '') return undefined;
      try {
        vars[variable[1] as string] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    }
  }
  return vars;
}

/** Fewer variables first, then more literal characters. */
function specificity(pattern: string): number {
  const variables = (pattern.match(/\{\w+\}/g) ?? []).length;
  return -variables * 10_000 + pattern.replace(/\{\w+\}/g, '').length;
}
