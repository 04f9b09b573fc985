// A deliberately small 3.2 / 3.3 Resource Center for the storage adapters' unit tests: a Hadoop-like file
// tree keyed by absolute path, users with tokens and tenants, and the routes of one generation (fake-v32.ts,
// fake-v33.ts) written from ResourcesServiceImpl / the dev validators. Faults can be injected per request.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import busboy from 'busboy';
import { reply, startServer, type LocalServer, type Received } from './local-server.js';

export interface FakeUser {
  token: string;
  name: string;
  admin: boolean;
  tenant: string | null;
  /** get-user-info leaves tenantCode out (no 3.2.x/dev source does; for the unconfirmed-tenant path). */
  hideTenant?: boolean;
}

export interface FakeOptions {
  /** The data base path as the server spells it: 3.2 getHdfsDataBasePath, 3.3 getStorageBaseDirectory. */
  base?: string;
  users?: FakeUser[];
  /** 3.2.0/3.2.1: no checkFullName; a currentDir that does not contain the user's directory means the top level. */
  legacyCurrentDir?: boolean;
}

export type Fault = (req: Received, res: ServerResponse, socket: Socket) => boolean;

export interface Parts { fields: Record<string, string>; file?: { filename: string; bytes: Buffer } }

export interface RequestContext {
  req: Received;
  res: ServerResponse;
  user: FakeUser;
  /** Query and form fields together (@RequestParam binds both). */
  params: Record<string, string>;
  file?: { filename: string; bytes: Buffer };
}

export type Routes = (ctx: RequestContext, route: string) => void | boolean;

export const DEFAULT_USERS: FakeUser[] = [{ token: 'secret-token', name: 'admin', admin: true, tenant: 'default' }];

/** Hadoop's Path.toString spelling: file:///x -> file:/x, no trailing slash. */
export function fsName(path: string): string {
  return path.replace(/^([A-Za-z][A-Za-z0-9+.-]*):\/\/\//, '$1:/').replace(/\/+$/, '');
}

export function extension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** The file tree of the storage, keyed by fsName. */
export class FakeFs {
  readonly nodes = new Map<string, { dir: boolean; content?: Buffer }>();

  exists(path: string): boolean {
    return this.nodes.has(fsName(path));
  }

  get(path: string) {
    return this.nodes.get(fsName(path));
  }

  mkdirs(path: string): void {
    const name = fsName(path);
    const schemeEnd = name.indexOf(':/') + 2;
    for (let i = name.indexOf('/', schemeEnd); i > 0; i = name.indexOf('/', i + 1)) {
      if (!this.nodes.has(name.slice(0, i))) this.nodes.set(name.slice(0, i), { dir: true });
    }
    if (!this.nodes.has(name)) this.nodes.set(name, { dir: true });
  }

  write(path: string, content: Buffer): void {
    const name = fsName(path);
    this.mkdirs(name.slice(0, name.lastIndexOf('/')));
    this.nodes.set(name, { dir: false, content });
  }

  remove(path: string): void {
    const name = fsName(path);
    for (const key of [...this.nodes.keys()]) if (key === name || key.startsWith(`${name}/`)) this.nodes.delete(key);
  }

  move(from: string, to: string): void {
    const source = fsName(from);
    const target = fsName(to);
    this.mkdirs(target.slice(0, target.lastIndexOf('/')));
    for (const [key, node] of [...this.nodes]) {
      if (key !== source && !key.startsWith(`${source}/`)) continue;
      this.nodes.delete(key);
      this.nodes.set(target + key.slice(source.length), node);
    }
  }

  children(path: string): string[] {
    const name = fsName(path);
    return [...this.nodes.keys()].filter((key) => key.startsWith(`${name}/`) && !key.slice(name.length + 1).includes('/')).sort();
  }
}

export interface FakeStorage {
  server: LocalServer;
  fs: FakeFs;
  faults: Fault[];
  /** The tenant resource directory in fsName spelling. */
  root(tenant?: string): string;
  /** Creates a directory or file relative to a tenant's resource directory. */
  add(relative: string, content?: string, tenant?: string): void;
  /** Everything under a tenant's resource directory, relative, directories with a trailing '/'. */
  tree(tenant?: string): string[];
  content(relative: string, tenant?: string): string | undefined;
  close(): Promise<void>;
}

export async function startFakeStorage(routes: Routes, base: string, options: FakeOptions): Promise<FakeStorage> {
  const fs = new FakeFs();
  const faults: Fault[] = [];
  const users = options.users ?? DEFAULT_USERS;
  const root = (tenant = 'default') => `${fsName(base)}/${tenant}/resources`;
  const server = await startServer(async (req, res, socket) => {
    if (faults.some((fault) => fault(req, res, socket))) return;
    const user = users.find((u) => u.token === req.headers.token);
    if (user === undefined) return void (res.statusCode = 401, res.end());
    const multipart = req.headers['content-type']?.startsWith('multipart/') === true;
    const parts = multipart ? await parse(req) : { fields: Object.fromEntries(new URLSearchParams(req.body.toString())) };
    const params = { ...Object.fromEntries(req.url.searchParams), ...parts.fields };
    const route = `${req.method} ${req.url.pathname.replace('/dolphinscheduler/', '')}`;
    const ctx: RequestContext = { req, res, user, params, file: parts.file };
    if (route === 'GET users/get-user-info') {
      return reply(res, 0, { userName: user.name, userType: user.admin ? 'ADMIN_USER' : 'GENERAL_USER', tenantId: user.admin ? -1 : 7, tenantCode: user.hideTenant ? undefined : user.tenant });
    }
    if (user.tenant === null) return reply(res, 10181, null, 'the tenant of the currently login user is not specified');
    if (routes(ctx, route) !== false) return;
    res.statusCode = 404;
    res.end();
  });
  return {
    server, fs, faults, root,
    add: (relative, content, tenant) => (content === undefined ? fs.mkdirs(`${root(tenant)}/${relative}`) : fs.write(`${root(tenant)}/${relative}`, Buffer.from(content))),
    tree: (tenant) => [...fs.nodes].filter(([key]) => key.startsWith(`${root(tenant)}/`))
      .map(([key, node]) => key.slice(root(tenant).length + 1) + (node.dir ? '/' : '')).sort(),
    content: (relative, tenant) => fs.get(`${root(tenant)}/${relative}`)?.content?.toString(),
    close: () => server.close(),
  };
}

export { reply };

/** The envelope of a ServiceException(String): code 10000 (ServiceException -> INTERNAL_SERVER_ERROR_ARGS). */
export function internal(res: ServerResponse, text: string): void {
  reply(res, 10000, null, `Internal Server Error: ${text}`);
}

/** Commons Lang StringUtils.difference. */
export function difference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return at === a.length && at === b.length ? '' : b.slice(at);
}

/** What the controllers do to searchVal (ParameterUtils.handleEscapes, then trim). */
export function searchFilter(searchVal: string | undefined): string | null {
  if (searchVal === undefined) return null;
  return searchVal.replace(/%/g, '////%').replace(/[\n|\r\t]/g, '_').trim();
}

function parse(req: Received): Promise<Parts> {
  return new Promise((resolve, reject) => {
    const out: Parts = { fields: {} };
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => { out.fields[name] = value; });
    parser.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { out.file = { filename: info.filename ?? '', bytes: Buffer.concat(chunks) }; });
    });
    parser.on('close', () => resolve(out));
    parser.on('error', reject);
    parser.end(req.body);
  });
}
