// What each request of a run was for, read from the emulator's request log (3.1 API, as the bench runs it),
// so figure (b) shows where its requests go instead of one number: the changes themselves, the marker, the
// lease, the listings, connecting. Downloads and writes by id are told apart by the ids of the marker and
// the lease (the lease's id is the one created by this run's POST resources, the only create of a run that
// changes files in place; its DELETE is the release).
import type { RequestLogEntry } from '../../src/emulator/index.js';

export interface RoleCount {
  role: string;
  count: number;
  /** Why the requests are there, and whether safety needs them. */
  why: string;
}

const MARKER = '.dolps-sync-state.json';
const LEASE = '.dolps-sync-lease.json';

const WHY: Record<string, string> = {
  'the changes': 'one write per changed file: the floor',
  'detect the API generation': 'api = auto probes (GET resources/base-dir, favourite/taskTypes); none with api set',
  'connect (user, tenant)': 'GET users/get-user-info: the credentials and the tenant',
  'read the marker': 'id by full name, download; read again under the lease (a run that waited plans from what the other left): safety',
  'lease': 'look up, create with a nonce, read back and compare (a plain create is not a lock on 3.1), read back before the delete (never release a lease another run took over), delete: safety',
  'remote root id': "the lease's create names its parent directory",
  'listing for the plan': 'GET resources/list: the tree',
  'listing after the writes': 'drift and content identity: a page per directory of the managed files the plan touches (before the writes); after them, the tree and a page per directory only for files whose write answered no size and update time (on 3.1 a create whose answer was lost)',
  'write the marker': 'the marker is the last write',
  'reference guard': 'projects and workflows that may use a file the plan removes or moves',
  other: '',
};

/** Counts by role, in the order of the first request of each. */
export function requestRoles(log: readonly RequestLogEntry[], changedFileWrites: number): RoleCount[] {
  const counts = new Map<string, number>();
  const add = (role: string) => counts.set(role, (counts.get(role) ?? 0) + 1);
  let listings = 0;
  let markerId: string | undefined;
  let fileWrites = 0;
  for (const entry of log) {
    const query = decodeURIComponent(entry.query);
    const byId = /^\/resources\/(\d+)(\/download)?$/.exec(entry.path);
    if (entry.path === '/resources/base-dir' || entry.path === '/favourite/taskTypes') add('detect the API generation');
    else if (entry.path === '/users/get-user-info') add('connect (user, tenant)');
    else if (query.includes(MARKER)) add('read the marker');
    else if (query.includes(LEASE)) add('lease');
    else if (entry.path === '/resources/0' && /fullName=/.test(query)) add('remote root id');
    else if (entry.path === '/resources/list') add(++listings === 1 ? 'listing for the plan' : 'listing after the writes');
    else if (entry.method === 'GET' && entry.path === '/resources' && /(^|&)id=/.test(query)) add('listing after the writes');
    else if (entry.path.startsWith('/projects')) add('reference guard');
    else if (entry.method === 'POST' && entry.path === '/resources') add('lease');
    else if (entry.method === 'DELETE') add('lease');
    else if (byId?.[2] !== undefined) {
      // The first download is the marker's: it is read before the lease exists. Any other id is the lease's.
      markerId ??= byId[1];
      add(byId[1] === markerId ? 'read the marker' : 'lease');
    } else if (entry.method === 'PUT' && byId !== null) {
      if (byId[1] === markerId) add('write the marker');
      else if (fileWrites++ < changedFileWrites) add('the changes');
      else add('other');
    } else add('other');
  }
  return [...counts].map(([role, count]) => ({ role, count, why: WHY[role] ?? '' }));
}

export function describeRoles(roles: readonly RoleCount[]): string {
  const width = Math.max(...roles.map((r) => r.role.length));
  return roles.map((r) => `  ${String(r.count).padStart(4)}  ${r.role.padEnd(width)}  ${r.why}`).join('\n');
}
